import {
  describeEform,
  type CounterIntakeRequest,
  type ProcedureDetail,
  type ReturnMethod,
} from '@motcua/contracts';
import type { DeadlinePeriod, WorkingCalendar } from '../../calendar/index.js';
import type { Action } from '../dossier.js';
import type { ActionRow, DossierRow } from '../dossiers.repository.js';
import { vnDateTime, type FormData, type FormKind, type Handoff } from './legal-forms.js';

interface AgencyName {
  name: string;
}

/** Which logged action fills a form's reason and items (the latest one of these kinds). */
const SOURCE_OF: Partial<Record<FormKind, Action['kind'][]>> = {
  supplement: ['request_supplement'],
  refusal: ['refuse'],
  apology: ['extend'],
  stop: ['stop', 'withdraw'],
};

type IntakeFacts = Pick<
  CounterIntakeRequest,
  'received' | 'setCount' | 'returnMethod' | 'representative'
>;

const RETURN_PLACES: Record<ReturnMethod, (receiving: string) => string> = {
  counter: (receiving) => `Trực tiếp tại ${receiving || 'bộ phận một cửa nơi nộp hồ sơ'}`,
  post: () => 'Qua dịch vụ bưu chính công ích, theo địa chỉ người nộp hồ sơ',
  online: () => 'Trực tuyến, trên Cổng dịch vụ công',
};

const UNIT_WORDS: Record<DeadlinePeriod['unit'], string> = {
  working_days: 'ngày làm việc',
  working_hours: 'giờ làm việc',
  calendar_days: 'ngày',
};

/** What a TT 03/2025 form says about one dossier, from its row, log and procedure. */
export function formDataFor(input: {
  kind: FormKind;
  row: DossierRow;
  actions: ActionRow[];
  detail: ProcedureDetail;
  period: DeadlinePeriod | null;
  /** Working days the applicant has to supplement (the dossier's pinned term). */
  supplementDays?: number;
  /** To state the supplement deadline in working days. */
  cal?: WorkingCalendar;
  agencies: {
    receiving: AgencyName | undefined;
    parent: AgencyName | undefined;
    competent: AgencyName | undefined;
  };
  place: string;
  issuedAt: Date;
  lookupUrl: string;
  /** Step key → name in the workflow version the dossier follows. */
  stepNames?: Map<string, string>;
}): FormData {
  const { kind, row, actions, detail, period, agencies } = input;
  const latest = (kinds: Action['kind'][]) =>
    [...actions].reverse().find((a) => kinds.includes(a.kind as Action['kind']));
  const source = latest(SOURCE_OF[kind] ?? [])?.payload as Record<string, unknown> | undefined;
  const extra: NonNullable<FormData['extra']> = {};
  if (typeof source?.['reason'] === 'string') extra.reason = source['reason'];
  if (Array.isArray(source?.['items'])) extra.items = source['items'] as string[];
  if (kind === 'refusal' && extra.reason) extra.items = [extra.reason];
  if (typeof source?.['newDue'] === 'string') extra.newDue = new Date(source['newDue']);
  const sourceAction = latest(SOURCE_OF[kind] ?? []);
  // Form 02 states by when the applicant must supplement (the dossier is closed after it).
  if (kind === 'supplement' && sourceAction && input.cal && input.supplementDays) {
    const cal = input.cal;
    const until = cal.addPeriod(
      cal.effectiveStart(sourceAction.at),
      input.supplementDays,
      'working_days',
    );
    extra.deadline = `${input.supplementDays} ngày làm việc, đến ${vnDateTime(until)}`;
  }
  const stopped = latest(['stop', 'withdraw']);
  if (stopped) extra.stoppedAt = stopped.at;
  // The hand-offs of the Phiếu kiểm soát: each forward (and transfer), done when the next action
  // came, due when its workflow step was due (its hours; else the dossier's due time).
  const name = (step: unknown) => input.stepNames?.get(String(step)) ?? String(step ?? '');
  let previous = 'Bộ phận một cửa';
  const handoffs: Handoff[] = actions.flatMap((a, i) => {
    if (a.kind !== 'forward' && a.kind !== 'transfer') return [];
    const payload = a.payload as { step?: string; stepDueAt?: string | null; agencyName?: string };
    const to = a.kind === 'forward' ? name(payload.step) : 'Cơ quan phối hợp liên thông';
    const handoff: Handoff = {
      from: previous,
      to,
      at: a.at,
      dueAt: payload.stepDueAt ? new Date(payload.stepDueAt) : (row.dueAt ?? a.at),
      doneAt: actions[i + 1]?.at ?? null,
    };
    previous = to;
    return [handoff];
  });
  // What the counter recorded at intake, in the first action (the log is the truth).
  const intake = (actions[0]?.payload as { intake?: IntakeFacts } | undefined)?.intake;
  const components =
    intake && intake.received.length > 0
      ? intake.received
      : detail.local.checklist.length > 0
        ? detail.local.checklist
        : detail.content.components.flatMap((c) =>
            c.items.map((item) => ({
              name: item.name,
              originals: item.originals ?? 0,
              copies: item.copies ?? 0,
            })),
          );
  const { applicant } = row;
  return {
    agency: {
      parentName: agencies.parent?.name ?? '',
      unitName: agencies.receiving?.name ?? '',
      place: input.place,
      ...(agencies.competent ? { handlingName: agencies.competent.name } : {}),
    },
    dossier: {
      code: row.code,
      procedureName: detail.content.name,
      procedureCode: row.procedureCode,
      receivedAt: row.receivedAt,
      // Form 04 names the due time it apologises for, not the one it sets.
      dueAt:
        kind === 'apology' && typeof source?.['previousDue'] === 'string'
          ? new Date(source['previousDue'])
          : row.dueAt,
      processingTime: period ? `${period.amount} ${UNIT_WORDS[period.unit]}` : '',
      setCount: intake?.setCount ?? 1,
      resultDelivery: RETURN_PLACES[
        intake?.returnMethod ?? (row.channel === 'online' ? 'online' : 'counter')
      ](agencies.receiving?.name ?? ''),
      components: components.map((c) => ({
        name: c.name,
        originals: c.originals,
        copies: c.copies,
      })),
    },
    applicant: {
      name: applicant.name,
      ...(applicant.idNumber ? { idNumber: applicant.idNumber } : {}),
      ...(applicant.address ? { address: applicant.address } : {}),
      ...(applicant.phone ? { phone: applicant.phone } : {}),
      ...(applicant.email ? { email: applicant.email } : {}),
    },
    ...(intake?.representative
      ? {
          representative: {
            name: intake.representative.name,
            capacity: intake.representative.capacity,
            ...(intake.representative.idNumber ? { idNumber: intake.representative.idNumber } : {}),
            ...(intake.representative.phone ? { phone: intake.representative.phone } : {}),
          },
        }
      : {}),
    extra,
    handoffs,
    // The receipt states what was declared, so the applicant can see it was taken down right.
    ...(kind === 'receipt'
      ? { answers: describeEform(detail.local.eform, row.formData ?? {}) }
      : {}),
    issuedAt: input.issuedAt,
    lookupUrl: input.lookupUrl,
  };
}
