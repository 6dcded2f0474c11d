import { describeEform, type DossierView } from '@motcua/contracts';
import type { Db, Tx } from '../../../platform/db/database.js';
import { notFound } from '../../../platform/errors.js';
import {
  allowedActions,
  currentStepOf,
  holdsStep,
  LEGACY_PAYMENT,
  STATUS_LABELS,
  type Action,
  type Actor,
  type Channel,
  type DossierStatus,
  type HeldRole,
  type StepCaller,
} from '../dossier.js';
import { stateOf } from '../dossier-row.js';
import { issuableForms } from '../forms/issuable.js';
import { attachmentView, dossierFileUrl } from '../attachments.js';
import type { createAttachmentsRepository } from '../attachments.repository.js';
import type { ActionRow, DossierRow } from '../dossiers.repository.js';
import type { DossiersKit } from './kit.js';
import { paymentView } from './payment.js';

export const ACTION_LABELS: Record<Action['kind'], string> = {
  submit: 'Nộp hồ sơ trực tuyến',
  receive: 'Tiếp nhận hồ sơ',
  refuse: 'Từ chối tiếp nhận',
  forward: 'Chuyển xử lý',
  assign: 'Phân công xử lý',
  consult: 'Xin ý kiến đơn vị',
  consult_reply: 'Trả lời xin ý kiến',
  transfer: 'Chuyển liên thông',
  transfer_back: 'Nhận lại hồ sơ liên thông',
  request_supplement: 'Yêu cầu bổ sung hồ sơ',
  supplement: 'Bổ sung hồ sơ',
  request_payment: 'Yêu cầu nộp phí, lệ phí',
  record_payment: 'Đã nộp phí, lệ phí',
  extend: 'Xin lỗi và gia hạn',
  withdraw: 'Rút hồ sơ',
  stop: 'Dừng giải quyết',
  complete: 'Đã có kết quả giải quyết',
  return_result: 'Trả kết quả',
  recompute_deadline: 'Tính lại thời hạn do thay đổi lịch làm việc',
};

/** What the view and timeline read of a logged action. */
export type LoggedAction = Pick<ActionRow, 'seq' | 'kind' | 'actor' | 'at' | 'payload'>;
export type AttachmentRow = Awaited<
  ReturnType<ReturnType<typeof createAttachmentsRepository>['ofDossier']>
>[number];

/** Who looks at a dossier, and which kinds of action their roles allow on it. */
export interface Viewer {
  actor: Actor;
  may: (row: DossierRow, kind: Action['kind']) => boolean;
  /** The officer's roles, for the rule of the step the dossier is at (none for applicants). */
  roles?: readonly HeldRole[];
}

/**
 * The agencies that have the dossier now (the partner alone during a transfer, else the receiving
 * and the competent agency) and every agency above them.
 */
export async function agencyLineOf(
  kit: DossiersKit,
  row: Pick<DossierRow, 'receivingAgencyId' | 'competentAgencyId' | 'currentAgencyId'>,
): Promise<Set<string>> {
  const line = new Set<string>();
  const starts = row.currentAgencyId
    ? [row.currentAgencyId]
    : [row.receivingAgencyId, row.competentAgencyId];
  for (const start of starts) {
    let id: string | null = start;
    // The tree is shallow (province, sở or ward, its centre); the guard stops a cycle.
    while (id !== null && !line.has(id) && line.size < 50) {
      line.add(id);
      id = (await kit.deps.findAgency(id))?.parentId ?? null;
    }
  }
  return line;
}

/** The viewer as the step rule reads them; null when they have no roles to check (the system). */
export async function stepCallerOf(
  kit: DossiersKit,
  row: DossierRow,
  viewer: Viewer | undefined,
): Promise<StepCaller | null> {
  if (!viewer?.roles) return null;
  return { roles: viewer.roles, agencyLine: await agencyLineOf(kit, row) };
}

function stepSummary(s: {
  key: string;
  name: string;
  kind: string;
  role: string;
  hours: number;
  requiresPayment: boolean;
}) {
  return {
    key: s.key,
    name: s.name,
    kind: s.kind,
    role: s.role,
    hours: s.hours,
    requiresPayment: s.requiresPayment,
  };
}

function timelineEntry(a: LoggedAction) {
  return {
    seq: a.seq,
    kind: a.kind,
    label: ACTION_LABELS[a.kind as Action['kind']] ?? a.kind,
    at: a.at.toISOString(),
    actorKind: (a.actor as Actor).kind,
  };
}

/**
 * What this viewer may do now (the legal rules allow it, the step's rule lets them, their roles
 * reach it), and the step the dossier is at with whether it is theirs.
 */
async function actionsFor(kit: DossiersKit, row: DossierRow, viewer: Viewer | undefined) {
  const { ctx } = await kit.contextFor(row);
  const state = stateOf(row);
  const caller = await stepCallerOf(kit, row, viewer);
  const step = currentStepOf(state, ctx);
  const currentStep = step ? { ...step, mine: caller !== null && holdsStep(step, caller) } : null;
  const paymentRule = ctx.payment ?? LEGACY_PAYMENT;
  if (!viewer) return { actions: [], currentStep, paymentRule };
  const ruled = allowedActions(state, viewer.actor, kit.deps.clock.now(), ctx, caller);
  // The extension depends on the new date, so the rule answers when it is asked; offer it
  // while the clock runs.
  const extend = row.clock && state.clock?.state === 'running' ? ['extend' as const] : [];
  return {
    actions: [...ruled, ...extend].filter((kind) => viewer.may(row, kind)),
    currentStep,
    paymentRule,
  };
}

export async function view(
  kit: DossiersKit,
  tx: Db | Tx,
  row: DossierRow,
  warnings: string[] = [],
  viewer?: Viewer,
  /**
   * What the caller already holds, to spare the reads: file() has just written the dossier's
   * only action and knows whether it can have attachments yet.
   */
  known: { actions?: LoggedAction[]; attachments?: AttachmentRow[] } = {},
): Promise<DossierView> {
  const { deps, repo, files } = kit;
  const [actions, detail, cal, attachments, process, possible] = await Promise.all([
    known.actions ?? repo.listActions(tx, row.id),
    deps.catalog.getProcedure(row.procedureCode).catch(() => undefined),
    deps.getCalendar(),
    known.attachments ?? files.ofDossier(tx, row.id),
    kit.processOf(row.processId),
    actionsFor(kit, row, viewer),
  ]);
  const supplementAsked = actions.findLast((a) => a.kind === 'request_supplement');
  const asked = supplementAsked?.payload as { items?: string[]; reason?: string } | undefined;
  const state = stateOf(row);
  const remaining =
    state.clock?.state === 'running' && !['result_ready', 'returned'].includes(state.status)
      ? kit.remainingOf(cal, state.clock.due)
      : null;
  return {
    id: row.id,
    code: row.code,
    procedureCode: row.procedureCode,
    procedureVersion: row.procedureVersion,
    procedureName: detail?.content.name ?? row.procedureCode,
    channel: row.channel as Channel,
    status: row.status,
    statusCode: row.statusCode,
    statusLabel: STATUS_LABELS[row.status as DossierStatus],
    applicant: row.applicant,
    receivingAgencyId: row.receivingAgencyId,
    competentAgencyId: row.competentAgencyId,
    filedAt: row.filedAt.toISOString(),
    receivedAt: row.receivedAt?.toISOString() ?? null,
    dueAt: row.dueAt?.toISOString() ?? null,
    remaining,
    timeline: actions.map(timelineEntry),
    forms: issuableForms(actions),
    attachments: attachments.map((a) => attachmentView(a, dossierFileUrl(row.code, a.id))),
    formAnswers: describeEform(detail?.local.eform ?? null, row.formData ?? {}),
    supplementRequest: supplementAsked
      ? {
          items: asked?.items ?? [],
          reason: asked?.reason ?? '',
          at: supplementAsked.at.toISOString(),
        }
      : null,
    process: process
      ? {
          id: process.id,
          name: process.definition.name,
          version: process.version,
          steps: process.definition.steps.flatMap((s) => [
            { ...stepSummary(s), transferAgency: s.transfer?.agencyElectronicId ?? null },
            ...(s.transfer?.steps ?? []).map((t) => ({
              ...stepSummary(t),
              transferAgency: s.transfer!.agencyElectronicId,
            })),
          ]),
        }
      : null,
    step: row.step,
    currentStep: possible.currentStep,
    stepDueAt: row.stepDueAt?.toISOString() ?? null,
    assignedUnitId: row.assignedUnitId,
    assignedAccountId: row.assignedAccountId,
    currentAgencyId: row.currentAgencyId,
    openConsultations: row.openConsultations,
    allowedActions: possible.actions,
    warnings,
    payment: paymentView(row.status, actions, possible.paymentRule),
  };
}

export async function getDossier(
  kit: DossiersKit,
  code: string,
  canRead: (row: DossierRow) => boolean,
  viewer?: Viewer,
): Promise<DossierView> {
  const row = await kit.repo.findByCode(kit.deps.db, code);
  // Someone not allowed to see a dossier learns nothing, not even that it exists.
  if (!row || !canRead(row)) throw notFound(`Không tìm thấy hồ sơ ${code}.`);
  return view(kit, kit.deps.db, row, [], viewer);
}
