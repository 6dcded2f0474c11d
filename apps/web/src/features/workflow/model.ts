import {
  ProcessDraftRequest,
  STEP_KINDS,
  type ProcessDefinition,
  type ProcessIssue,
  type ProcessRole,
  type ProcessStep,
  type TransferStep,
} from '@motcua/contracts';

export type StepKindValue = (typeof STEP_KINDS)[number];
export const ROLES: readonly ProcessRole[] = [
  'receiving_officer',
  'specialist',
  'unit_leader',
  'agency_leader',
];
export { STEP_KINDS };

let nextId = 0;
/** A React key for rows that move: the index would follow the position, not the row. */
const newId = () => `row-${(nextId += 1)}`;

/** Number inputs hold text while typed ("" or "1."); the definition wants numbers. */
export type HoursValue = number | string;

export interface ConsultForm {
  id: string;
  unitCode: string;
  hours: HoursValue;
}

export interface StepForm {
  id: string;
  key: string;
  name: string;
  kind: StepKindValue;
  role: ProcessRole;
  unitCode: string;
  hours: HoursValue;
  consult: ConsultForm[];
  /** "Thu phí, lệ phí trước bước này" (issue 17). */
  requiresPayment: boolean;
  /** Only on top-level steps: a transfer's steps do not transfer further. */
  transfer: { agencyElectronicId: string; steps: StepForm[] } | null;
}

export interface ProcessForm {
  procedureCode: string;
  agencyId: string | null;
  name: string;
  steps: StepForm[];
}

function stepToForm(step: ProcessStep | TransferStep): StepForm {
  return {
    id: newId(),
    key: step.key,
    name: step.name,
    kind: step.kind,
    role: step.role,
    unitCode: step.unitCode ?? '',
    hours: step.hours,
    consult: step.consult.map((c) => ({ id: newId(), unitCode: c.unitCode, hours: c.hours })),
    requiresPayment: step.requiresPayment,
    transfer:
      'transfer' in step && step.transfer
        ? {
            agencyElectronicId: step.transfer.agencyElectronicId,
            steps: step.transfer.steps.map(stepToForm),
          }
        : null,
  };
}

export function formFromDefinition(
  definition: ProcessDefinition,
  agencyId: string | null,
): ProcessForm {
  return {
    procedureCode: definition.procedureCode,
    agencyId,
    name: definition.name,
    steps: definition.steps.map(stepToForm),
  };
}

export function newStep(name: string, kind: StepKindValue = 'other'): StepForm {
  return {
    id: newId(),
    key: '',
    name,
    kind,
    role: 'specialist',
    unitCode: '',
    hours: 1,
    consult: [],
    requiresPayment: false,
    transfer: null,
  };
}

export const newConsult = (): ConsultForm => ({ id: newId(), unitCode: '', hours: 1 });

/** A first process for a procedure that has none: receive → appraise → sign → return. */
export function starterForm(procedureCode: string): ProcessForm {
  const step = (
    key: string,
    name: string,
    kind: StepKindValue,
    role: ProcessRole,
    hours: number,
  ): StepForm => ({ ...newStep(name, kind), key, role, hours });
  return {
    procedureCode,
    agencyId: null,
    name: '',
    steps: [
      step('receive', 'Tiếp nhận, kiểm tra hồ sơ', 'receive', 'receiving_officer', 1),
      step('appraise', 'Thẩm định hồ sơ', 'appraise', 'specialist', 4),
      step('sign', 'Lãnh đạo ký kết quả', 'sign', 'agency_leader', 2),
      step('return', 'Trả kết quả', 'return', 'receiving_officer', 1),
    ],
  };
}

const toHours = (value: HoursValue): number =>
  typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);

function stepToBody(step: StepForm) {
  return {
    key: step.key.trim(),
    name: step.name,
    kind: step.kind,
    role: step.role,
    unitCode: step.unitCode.trim() === '' ? null : step.unitCode.trim(),
    hours: toHours(step.hours),
    consult: step.consult.map((c) => ({ unitCode: c.unitCode, hours: toHours(c.hours) })),
    requiresPayment: step.requiresPayment,
  };
}

/** The request body as typed; validated by the contract before it goes to the server. */
export function toRequestBody(form: ProcessForm) {
  return {
    agencyId: form.agencyId,
    definition: {
      procedureCode: form.procedureCode,
      name: form.name,
      steps: form.steps.map((s) => ({
        ...stepToBody(s),
        transfer: s.transfer
          ? {
              agencyElectronicId: s.transfer.agencyElectronicId,
              steps: s.transfer.steps.map(stepToBody),
            }
          : null,
      })),
    },
  };
}

/** zod path ["definition","steps",1,"consult",0,"hours"] → the server's "steps[1].consult[0].hours". */
export function issuePath(path: readonly PropertyKey[]): string {
  const parts = path[0] === 'definition' ? path.slice(1) : path;
  return parts
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * The draft checked against the contract in the browser: field errors (an empty name, hours that
 * are not a number) show at once, and only a well-formed draft is sent to /check.
 */
export function parseForm(
  form: ProcessForm,
): { request: ProcessDraftRequest; issues: [] } | { request: null; issues: ProcessIssue[] } {
  const parsed = ProcessDraftRequest.safeParse(toRequestBody(form));
  if (parsed.success) return { request: parsed.data, issues: [] };
  return {
    request: null,
    issues: parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })),
  };
}

/** Issues of one place: exactly at `path`. */
export const issuesAt = (issues: readonly ProcessIssue[], path: string) =>
  issues.filter((i) => i.path === path);

/** The first message at `path`, for an input's error slot. */
export const errorAt = (issues: readonly ProcessIssue[], path: string): string | undefined =>
  issuesAt(issues, path)[0]?.message;

/**
 * Where an issue is, in words: "steps[1].consult[0].unitCode" → "Bước 2 · xin ý kiến 1 · mã
 * phòng, đơn vị", and the path of the step card to scroll to.
 */
const FIELD_NAMES = [
  'name',
  'key',
  'kind',
  'role',
  'unitCode',
  'hours',
  'agencyElectronicId',
] as const;

/** The step fields the issue labels name. */
export function isFieldName(name: string): name is (typeof FIELD_NAMES)[number] {
  return (FIELD_NAMES as readonly string[]).includes(name);
}

export function describeIssuePath(
  path: string,
  words: {
    step: (n: number) => string;
    transferStep: (n: number) => string;
    consultAt: (n: number) => string;
    /** The words for a field of a step, null for one without (the path then ends at the step). */
    field: (name: string) => string | null;
  },
): { label: string; stepPath: string | null } {
  const m = /^steps\[(\d+)\](?:\.transfer\.steps\[(\d+)\])?(.*)$/.exec(path);
  if (!m) return { label: path, stepPath: null };
  const top = Number(m[1]);
  const inner = m[2] === undefined ? null : Number(m[2]);
  const parts = [words.step(top + 1)];
  if (inner !== null) parts.push(words.transferStep(inner + 1));
  const rest = m[3] ?? '';
  const consult = /\.consult\[(\d+)\]/.exec(rest);
  if (consult) parts.push(words.consultAt(Number(consult[1]) + 1));
  const field = /\.(\w+)$/.exec(rest.replace(/\.consult\[\d+\]/, ''))?.[1];
  const fieldWords = field ? words.field(field) : null;
  if (fieldWords) parts.push(fieldWords);
  return {
    label: parts.join(' · '),
    stepPath: inner === null ? `steps[${top}]` : `steps[${top}].transfer.steps[${inner}]`,
  };
}
