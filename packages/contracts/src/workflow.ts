import { z } from 'zod';
import { ProcedureCode } from './catalog.js';

/**
 * A processing workflow (quy trình nội bộ) of a procedure: ordered steps, each done by a role in a
 * unit within a number of working hours, with optional parallel consultation of other units and an
 * inter-agency transfer (liên thông) to another agency's own steps. Units are named by their code
 * inside the processing agency (every ward has its "VHXH"), agencies by their electronic ID, so a
 * province-wide default process fits every ward.
 */
export const STEP_KINDS = [
  'receive',
  'assign',
  'appraise',
  'consult',
  'approve',
  'sign',
  'return',
  'other',
] as const;
export const StepKind = z.enum(STEP_KINDS);

export const ProcessRole = z.enum([
  'receiving_officer',
  'specialist',
  'unit_leader',
  'agency_leader',
]);
export type ProcessRole = z.infer<typeof ProcessRole>;

const hours = z
  .number({ message: 'Thời gian của bước phải là số giờ làm việc' })
  .positive({ message: 'Thời gian của bước phải lớn hơn 0 giờ làm việc' })
  .max(24 * 8 * 30, { message: 'Thời gian của bước quá dài' });

const unitCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{1,30}$/, { message: 'Mã phòng, đơn vị không hợp lệ' });

export const StepKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,49}$/, { message: 'Mã bước chỉ gồm chữ thường, số và _' });

const stepFields = {
  key: StepKey,
  name: z.string().trim().min(2, { message: 'Tên bước quá ngắn' }).max(200),
  kind: StepKind,
  role: ProcessRole,
  /** The unit that acts, by its code in the processing agency; null = whoever it is assigned to. */
  unitCode: unitCode.nullable().default(null),
  hours,
  /** Units consulted in parallel during this step; their time runs inside the step's own. */
  consult: z.array(z.object({ unitCode, hours })).default([]),
  /**
   * "Thu phí, lệ phí trước bước này": a dossier forwarded into the step before it has paid is
   * asked for the fee quote's total and waits in status 6 (issue 17; the procedure's payment rule
   * says what the clock does meanwhile).
   */
  requiresPayment: z.boolean().default(false),
};

/** A step of the agency a dossier is transferred to: no further transfer from inside one. */
export const TransferStep = z.object(stepFields);
export type TransferStep = z.infer<typeof TransferStep>;

export const ProcessStep = z.object({
  ...stepFields,
  /** Set on a step that hands the dossier to another agency (liên thông, domain.md §1.5). */
  transfer: z
    .object({
      agencyElectronicId: z.string().trim().min(3, { message: 'Cần mã định danh cơ quan' }),
      steps: z.array(TransferStep).min(1, { message: 'Cơ quan liên thông cần ít nhất một bước' }),
    })
    .nullable()
    .default(null),
});
export type ProcessStep = z.infer<typeof ProcessStep>;

export const ProcessDefinition = z.object({
  procedureCode: ProcedureCode,
  name: z.string().trim().min(2, { message: 'Tên quy trình quá ngắn' }).max(200),
  steps: z.array(ProcessStep).min(1, { message: 'Quy trình phải có ít nhất một bước' }),
});
export type ProcessDefinition = z.infer<typeof ProcessDefinition>;

export const ProcessIssue = z.object({ path: z.string(), message: z.string() });
export type ProcessIssue = z.infer<typeof ProcessIssue>;

export const ProcessStatus = z.enum(['draft', 'published', 'retired']);

export const ProcessVersion = z.object({
  id: z.string(),
  procedureCode: z.string(),
  /** null = the province's default for the procedure; else one agency's own. */
  agencyId: z.string().nullable(),
  version: z.number().int(),
  status: ProcessStatus,
  definition: ProcessDefinition,
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type ProcessVersion = z.infer<typeof ProcessVersion>;

export const ProcessList = z.object({ items: z.array(ProcessVersion) });
export type ProcessList = z.infer<typeof ProcessList>;

export const ProcessListQuery = z.object({ procedureCode: ProcedureCode.optional() });

export const ProcessDraftRequest = z.object({
  agencyId: z.uuid({ message: 'Mã cơ quan không hợp lệ' }).nullable().default(null),
  definition: ProcessDefinition,
});
export type ProcessDraftRequest = z.infer<typeof ProcessDraftRequest>;

/** One step in the preview: when it would be due for a dossier received now. */
export const PreviewStep = z.object({
  path: z.string(),
  key: z.string(),
  name: z.string(),
  hours: z.number(),
  /** Working hours from receipt at which the step must be done. */
  endsAtHour: z.number(),
  dueAt: z.string(),
});

/** What the editor shows: the problems, the budget and the timeline of a dossier received now. */
export const ProcessCheck = z.object({
  issues: z.array(ProcessIssue),
  /** The procedure's legal processing time in working hours; null when not stated. */
  legalHours: z.number().nullable(),
  totalHours: z.number(),
  preview: z.array(PreviewStep),
});
export type ProcessCheck = z.infer<typeof ProcessCheck>;
