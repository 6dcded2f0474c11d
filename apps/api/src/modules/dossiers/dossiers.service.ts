import type {
  Applicant,
  DossierQueue,
  DossierQueueQuery,
  CounterIntakeRequest,
  DossierActionRequest,
  DossierLookup,
  DossierView,
  FileOnlineRequest,
  ProcedureDetail,
  ProcessVersion,
  BulkAssignRequest,
  BulkAssignResult,
} from '@motcua/contracts';
import { intakeCutoffOf, legalPeriodOf, type CatalogService } from '../catalog/index.js';
import { describeRemaining, type DeadlineClock, type WorkingCalendar } from '../calendar/index.js';
import type { WorkflowService } from '../workflow/index.js';
import type { Clock } from '../../platform/clock.js';
import type { JobDefinitions } from '../../platform/jobs/jobs.js';
import type { Db, Tx } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import {
  allowedActions,
  applyAction,
  INITIAL_STATE,
  STATUS_CODES,
  STATUS_LABELS,
  type Action,
  type Actor,
  type Channel,
  type DossierContext,
  type DossierState,
  type DossierStatus,
} from './dossier.js';
import { codeDay, formatDossierCode } from './dossier-code.js';
import { callerScopedKey } from './idempotency.js';
import { dossierBookTable, type BookEntry } from './forms/dossier-book.js';
import { formDataFor } from './forms/form-data.js';
import {
  readFormTemplates,
  renderForm,
  type FormKind,
  type FormTemplates,
} from './forms/legal-forms.js';
import { attachmentView, dossierFileUrl } from './attachments.js';
import { createAttachmentsRepository } from './attachments.repository.js';
import {
  createDossiersRepository,
  type ActionRow,
  type DossierRow,
  type QueueRow,
} from './dossiers.repository.js';
import { findForLookup } from './lookup.repository.js';

export interface AgencyRef {
  id: string;
  electronicId: string;
  name: string;
  kind: string;
  parentId: string | null;
}

/**
 * Who decides a dossier, recorded apart from where it was received (NĐ 118/2025 Art. 14,
 * boundary-free receipt): a commune-level procedure received at a ward's one-stop centre is the
 * ward People's Committee's; otherwise the agency the province configured for the procedure.
 */
export function competentAgencyFor(detail: ProcedureDetail, receiving: AgencyRef): string | null {
  if (receiving.kind === 'commune_service_centre' && detail.content.levels.includes('Cấp xã')) {
    return receiving.parentId;
  }
  if (receiving.kind === 'commune_committee' && detail.content.levels.includes('Cấp xã')) {
    return receiving.id;
  }
  return detail.local.handlingAgencyId;
}

export interface DossiersDeps {
  db: Db;
  clock: Clock;
  /** Seed demo dossiers (never in production). */
  demo: boolean;
  /** data/forms/tt03-2025.json: the wording of the legal forms. */
  formTemplatesFile: string;
  /** Where citizens reach the public lookup (QR codes on the forms). */
  publicUrl: string;
  /** Place name in the forms' dateline, e.g. "Đồng Nai". */
  placeName: () => Promise<string>;
  catalog: Pick<CatalogService, 'getProcedure' | 'listMovedProcedures'>;
  workflow: Pick<WorkflowService, 'published' | 'byId'>;
  getCalendar: () => Promise<WorkingCalendar>;
  findAgency: (id: string) => Promise<AgencyRef | undefined>;
  findAgencyByElectronicId: (electronicId: string) => Promise<AgencyRef | undefined>;
  /** Units (phòng) of an agency: workflow steps name them by code. */
  listUnits: (agencyId: string) => Promise<Array<{ id: string; code: string }>>;
}

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
};

const ISO_FIELDS = ['due', 'pausedAt', 'dueWhenPaused'] as const;

function clockToJson(clock: DeadlineClock | null): unknown {
  if (clock === null) return null;
  return JSON.parse(JSON.stringify(clock));
}

function clockFromJson(value: unknown): DeadlineClock | null {
  if (value === null || value === undefined) return null;
  const raw = { ...(value as Record<string, unknown>) };
  for (const key of ISO_FIELDS) {
    if (typeof raw[key] === 'string') raw[key] = new Date(raw[key] as string);
  }
  return raw as unknown as DeadlineClock;
}

function stateOf(row: DossierRow): DossierState {
  return {
    status: row.status as DossierStatus,
    filedAt: row.filedAt,
    clock: clockFromJson(row.clock),
    receivedAt: row.receivedAt,
    completedAt: row.completedAt,
    supplementRequests: row.supplementRequests,
    extended: row.extended,
    step: row.step,
    stepDueAt: row.stepDueAt,
    assignedUnitId: row.assignedUnitId,
    assignedAccountId: row.assignedAccountId,
    currentAgencyId: row.currentAgencyId,
    openConsultations: row.openConsultations,
  };
}

function rowValues(state: DossierState) {
  return {
    status: state.status,
    statusCode: STATUS_CODES[state.status],
    clock: clockToJson(state.clock),
    receivedAt: state.receivedAt,
    completedAt: state.completedAt,
    // While a supplement is awaited the clock stands still and there is no due time to show.
    dueAt: state.clock?.state === 'running' ? state.clock.due : null,
    supplementRequests: state.supplementRequests,
    extended: state.extended,
    step: state.step,
    stepDueAt: state.stepDueAt,
    assignedUnitId: state.assignedUnitId,
    assignedAccountId: state.assignedAccountId,
    currentAgencyId: state.currentAgencyId,
    openConsultations: state.openConsultations,
  };
}

function stepSummary(s: { key: string; name: string; kind: string; role: string; hours: number }) {
  return { key: s.key, name: s.name, kind: s.kind, role: s.role, hours: s.hours };
}

function toAction(request: DossierActionRequest): Action {
  if (request.kind === 'extend') return { ...request, newDue: new Date(request.newDue) };
  return request;
}

function statusByCode(code: number): DossierStatus {
  const found = (Object.keys(STATUS_CODES) as DossierStatus[]).find(
    (k) => STATUS_CODES[k] === code,
  );
  return found ?? 'submitted';
}

/** "Nguyễn Thị Hướng" → "N***** T** H****": enough to recognise one's own, nothing more. */
export function maskName(name: string): string {
  return name
    .trim()
    .split(/\s+/u)
    .map((word) => {
      const letters = [...word];
      return `${letters[0] ?? ''}${'*'.repeat(Math.max(letters.length - 1, 1))}`;
    })
    .join(' ');
}

const RETURN_METHOD_LABELS: Record<string, string> = {
  counter: 'Trực tiếp tại bộ phận một cửa',
  post: 'Qua dịch vụ bưu chính',
  online: 'Trực tuyến',
};

export const CLOSE_TASK = 'dossiers:close-unsupplemented';

interface FilingInput {
  procedureCode: string;
  channel: Channel;
  postalRef: string | null;
  receivingAgencyId: string;
  applicant: Applicant;
  applicantAccountId: string | null;
  formData: Record<string, unknown>;
  actor: Actor;
  idempotencyKey: string;
}

/** What the view and timeline read of a logged action. */
type LoggedAction = Pick<ActionRow, 'seq' | 'kind' | 'actor' | 'at' | 'payload'>;
type AttachmentRow = Awaited<
  ReturnType<ReturnType<typeof createAttachmentsRepository>['ofDossier']>
>[number];

/** Who looks at a dossier, and which kinds of action their roles allow on it. */
export interface Viewer {
  actor: Actor;
  may: (row: DossierRow, kind: Action['kind']) => boolean;
}

export function createDossiersService(deps: DossiersDeps) {
  const repo = createDossiersRepository();
  const files = createAttachmentsRepository();

  // A published version never changes (a change is a new version): cached for good.
  const processes = new Map<string, Promise<ProcessVersion | null>>();
  const processOf = (id: string | null) => {
    if (id === null) return Promise.resolve(null);
    let found = processes.get(id);
    if (!found) {
      found = deps.workflow.byId(id);
      processes.set(id, found);
    }
    return found;
  };

  async function contextFor(
    row: Pick<DossierRow, 'procedureCode' | 'channel'> &
      Partial<
        Pick<
          DossierRow,
          'processId' | 'receivingAgencyId' | 'competentAgencyId' | 'currentAgencyId'
        >
      >,
  ) {
    const [detail, cal, process] = await Promise.all([
      deps.catalog.getProcedure(row.procedureCode),
      deps.getCalendar(),
      processOf(row.processId ?? null),
    ]);
    // Step units are codes inside the agency that has the dossier now.
    const agencyId = row.currentAgencyId ?? row.competentAgencyId ?? row.receivingAgencyId;
    const [units, partners] = await Promise.all([
      process && agencyId ? deps.listUnits(agencyId) : [],
      // Transfer steps name partner agencies by electronic ID.
      Promise.all(
        (process?.definition.steps ?? []).flatMap((s) =>
          s.transfer ? [deps.findAgencyByElectronicId(s.transfer.agencyElectronicId)] : [],
        ),
      ),
    ]);
    const cutoff = intakeCutoffOf(detail);
    const ctx: DossierContext = {
      cal,
      channel: row.channel as Channel,
      // The legal time of the channel the dossier came by, and the intake cut-off.
      period: legalPeriodOf(detail, row.channel as Channel),
      ...(cutoff ? { cutoff } : {}),
      // Continue the remaining time after a supplement unless the procedure restarts it
      // (per procedure, domain.md §9: "tiếp tục" or "tính lại từ đầu").
      resumeMode: detail.local.processingTime?.afterSupplement ?? 'continue',
      process: process?.definition ?? null,
      unitIdOf: (code) => units.find((u) => u.code === code)?.id ?? null,
      agencyIdOf: (eid) => partners.find((a) => a?.electronicId === eid)?.id ?? null,
    };
    return { detail, ctx, process };
  }

  async function view(
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
    const [actions, detail, cal, attachments, process, possible] = await Promise.all([
      known.actions ?? repo.listActions(tx, row.id),
      deps.catalog.getProcedure(row.procedureCode).catch(() => undefined),
      deps.getCalendar(),
      known.attachments ?? files.ofDossier(tx, row.id),
      processOf(row.processId),
      viewer ? actionsFor(row, viewer) : [],
    ]);
    const supplementAsked = actions.findLast((a) => a.kind === 'request_supplement');
    const asked = supplementAsked?.payload as { items?: string[]; reason?: string } | undefined;
    const state = stateOf(row);
    const remaining =
      state.clock?.state === 'running' && !['result_ready', 'returned'].includes(state.status)
        ? remainingOf(cal, state.clock.due)
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
      attachments: attachments.map((a) => attachmentView(a, dossierFileUrl(row.code, a.id))),
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
      stepDueAt: row.stepDueAt?.toISOString() ?? null,
      assignedUnitId: row.assignedUnitId,
      assignedAccountId: row.assignedAccountId,
      currentAgencyId: row.currentAgencyId,
      openConsultations: row.openConsultations,
      allowedActions: possible,
      warnings,
    };
  }

  /** What this viewer may do now: the legal rules allow it and their roles reach it. */
  async function actionsFor(row: DossierRow, viewer: Viewer): Promise<string[]> {
    const { ctx } = await contextFor(row);
    const ruled = allowedActions(stateOf(row), viewer.actor, deps.clock.now(), ctx);
    // The extension depends on the new date, so the rule answers when it is asked; offer it
    // while the clock runs.
    const extend = row.clock && stateOf(row).clock?.state === 'running' ? ['extend' as const] : [];
    return [...ruled, ...extend].filter((kind) => viewer.may(row, kind));
  }

  /** Queue items, with each step named as the dossier's workflow version names it. */
  async function queueItems(cal: WorkingCalendar, rows: QueueRow[]) {
    const versions = await Promise.all(rows.map((r) => processOf(r.processId)));
    return rows.map((row, i) => {
      const steps = versions[i]?.definition.steps.flatMap((s) => [s, ...(s.transfer?.steps ?? [])]);
      return queueItem(cal, row, steps?.find((s) => s.key === row.step)?.name ?? null);
    });
  }

  function queueItem(cal: WorkingCalendar, row: QueueRow, stepName: string | null) {
    return {
      code: row.code,
      procedureCode: row.procedureCode,
      applicantName: row.applicantName,
      channel: row.channel as Channel,
      statusCode: row.statusCode,
      statusLabel: STATUS_LABELS[row.status as DossierStatus],
      filedAt: row.filedAt.toISOString(),
      dueAt: row.dueAt?.toISOString() ?? null,
      remaining: row.dueAt && row.statusCode < 9 ? remainingOf(cal, row.dueAt) : null,
      step: row.step,
      stepName,
      assignedUnitId: row.assignedUnitId,
      assignedAccountId: row.assignedAccountId,
    };
  }

  function remainingOf(cal: WorkingCalendar, due: Date) {
    const workingMinutes = cal.remainingWorkingMinutes(due, deps.clock.now());
    return { workingMinutes, ...describeRemaining(workingMinutes) };
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

  /** The part every filing shares: guard, code, dossier row, first action, all in one transaction. */
  async function fileOnce(input: FilingInput): Promise<DossierView> {
    // Idempotency is enforced by the unique key on dos_action (dos_action_idempotency_unique): a
    // retried key makes the transaction below fail and roll back whole (its number, taken before, is a gap),
    // and the catch returns the dossier that key filed (file() also asks when a rule refuses).
    // Checking for the key first as well cost every first-time filing a round trip (bench
    // 2026-12-03) to spare the rare retry a rollback.
    const { detail, ctx } = await contextFor(input);
    // Seeds 001/004: after its cutover a procedure run on a ministry's centralised system takes
    // no new dossier here; the citizen is sent there. Earlier dossiers keep being processed here.
    if (detail.filing.where === 'ministry') {
      throw new AppError(
        'CONFLICT',
        `Thủ tục này đã chuyển sang hệ thống dịch vụ công của bộ, ngành; vui lòng nộp hồ sơ tại ${detail.filing.url ?? 'hệ thống của bộ'}.`,
      );
    }
    const agency = await deps.findAgency(input.receivingAgencyId);
    if (!agency) throw notFound('Không tìm thấy nơi nộp hồ sơ đã chọn.');
    const competentAgencyId = competentAgencyFor(detail, agency);
    // The dossier keeps the workflow version it was filed under for its whole life.
    const process = await deps.workflow.published(input.procedureCode, competentAgencyId);
    const now = deps.clock.now();
    const first: Action = input.channel === 'online' ? { kind: 'submit' } : { kind: 'receive' };
    // A counter or postal dossier is received on the spot; an online one waits for receipt.
    const state = applyAction(INITIAL_STATE, { action: first, actor: input.actor, at: now }, ctx);

    // The day's number in its own statement, before the transaction: the counter row is locked
    // only while the upsert runs. Taken inside the transaction, every concurrent intake at the
    // agency queued on that lock until the intake holding it committed, four round trips later
    // (bench 2026-12-03: intake throughput was bounded by that queue, not by the work). Unique
    // still (the upsert is atomic); an intake that then fails leaves a gap, which the code
    // allows (unique, gaps tolerated; dossiers.repository.ts nextSequence).
    const sequence = await repo.nextSequence(deps.db, agency.electronicId, codeDay(now));
    try {
      // Only this transaction's connection inside it: reading the catalogue or the calendar here
      // would take a second one per intake and starve the pool under concurrent intake.
      const { row, warnings, firstAction } = await deps.db.transaction(async (tx) => {
        const similar = await repo.findOpenSimilar(tx, input.procedureCode, {
          accountId: input.applicantAccountId,
          idNumber: input.applicant.idNumber,
        });
        const row = await repo.insertDossier(tx, {
          code: formatDossierCode(agency.electronicId, codeDay(now), sequence),
          procedureCode: input.procedureCode,
          procedureVersion: detail.version.number,
          channel: input.channel,
          postalRef: input.postalRef,
          receivingAgencyId: agency.id,
          competentAgencyId,
          processId: process?.id ?? null,
          applicant: input.applicant,
          applicantAccountId: input.applicantAccountId,
          formData: input.formData,
          filedAt: now,
          actions: 1,
          createdAt: now,
          updatedAt: now,
          ...rowValues(state),
        });
        const firstAction = {
          dossierId: row.id,
          seq: 1,
          kind: first.kind,
          actor: input.actor,
          at: now,
          payload: input.postalRef ? { postalRef: input.postalRef } : {},
          idempotencyKey: callerScopedKey('file', input.actor, input.idempotencyKey),
        };
        await repo.insertAction(tx, firstAction);
        // Submitting a draft: its files become the dossier's components in the same commit.
        if (input.applicantAccountId && input.channel === 'online') {
          await files.moveDraftToDossier(tx, input.applicantAccountId, input.procedureCode, row.id);
        }
        const warnings = similar.map(
          (s) => `Người nộp đang có hồ sơ ${s.code} cùng thủ tục chưa giải quyết xong.`,
        );
        return { row, warnings, firstAction };
      });
      // The log of a dossier filed a moment ago is the one action written above, and a counter
      // or postal dossier has no files yet (they are uploaded to it once it exists); an online
      // one may have brought its draft's, so those are read.
      return await view(deps.db, row, warnings, undefined, {
        actions: [firstAction],
        ...(input.channel === 'online' ? {} : { attachments: [] }),
      });
    } catch (error) {
      // A retried key (a second click, a resent request, two tabs racing): the transaction rolled
      // back at the key's unique index; the dossier that key filed is the answer.
      if (isUniqueViolation(error, 'dos_action_idempotency_unique')) {
        const winner = await replay(input);
        if (winner) return winner;
      }
      throw error;
    }
  }

  /** The dossier this caller's idempotency key already filed, as its view; undefined when none. */
  async function replay(input: FilingInput): Promise<DossierView | undefined> {
    const key = callerScopedKey('file', input.actor, input.idempotencyKey);
    const action = await repo.findActionByKey(deps.db, key);
    const row = action ? await repo.findById(deps.db, action.dossierId) : undefined;
    return row ? view(deps.db, row) : undefined;
  }

  async function file(input: FilingInput): Promise<DossierView> {
    try {
      return await fileOnce(input);
    } catch (error) {
      // A retry of a filing that succeeded must get that dossier back even if filing would be
      // refused now (the procedure has since moved to a ministry's system, say): asked here,
      // only when the filing failed, instead of before every filing.
      if (error instanceof AppError) {
        const filed = await replay(input);
        if (filed) return filed;
      }
      throw error;
    }
  }

  let templates: Promise<FormTemplates> | undefined;

  /** A form of TT 03/2025 for this dossier, filled from its row, procedure and log. */
  async function form(row: DossierRow, kind: FormKind): Promise<Buffer> {
    templates ??= readFormTemplates(deps.formTemplatesFile);
    const [detail, actions, receiving, place, process] = await Promise.all([
      deps.catalog.getProcedure(row.procedureCode),
      repo.listActions(deps.db, row.id),
      deps.findAgency(row.receivingAgencyId),
      deps.placeName(),
      processOf(row.processId),
    ]);
    const stepNames = new Map(
      (process?.definition.steps ?? [])
        .flatMap((s) => [s, ...(s.transfer?.steps ?? [])])
        .map((s) => [s.key, s.name]),
    );
    const parent = receiving?.parentId ? await deps.findAgency(receiving.parentId) : undefined;
    const competent = row.competentAgencyId
      ? await deps.findAgency(row.competentAgencyId)
      : undefined;
    const data = formDataFor({
      kind,
      row,
      actions,
      detail,
      period: legalPeriodOf(detail, row.channel as Channel),
      agencies: { receiving, parent, competent },
      place,
      issuedAt: deps.clock.now(),
      lookupUrl: `${deps.publicUrl}/tra-cuu?code=${encodeURIComponent(row.code)}`,
      stepNames,
    });
    return renderForm(await templates, kind, data);
  }

  const service = {
    /**
     * Demo dossiers in several states at a ward, filed on fixed dates so their codes stay the same
     * (the README quotes one). Idempotency keys make every later start a no-op.
     */
    async seedDemo(input: { receivingAgencyId: string; procedureCode: string }) {
      if (!deps.demo) return [];
      const at = (local: string) => new Date(`${local}+07:00`);
      const officer: Actor = { kind: 'officer', id: 'demo-seed', role: 'receiving_officer' };
      const scripts: Array<{
        name: string;
        filed: string;
        channel?: Channel;
        then: Array<[string, DossierActionRequest]>;
      }> = [
        {
          name: 'Nguyễn Văn An',
          filed: '2026-11-02T08:10:00',
          then: [
            ['2026-11-02T09:00:00', { kind: 'forward', step: 'appraise' }],
            ['2026-11-03T10:00:00', { kind: 'complete', resultCode: 'KQ.G15.000010' }],
            ['2026-11-04T08:30:00', { kind: 'return_result', method: 'counter' }],
          ],
        },
        {
          name: 'Trần Thị Bình',
          filed: '2026-11-02T09:20:00',
          then: [['2026-11-02T10:00:00', { kind: 'forward', step: 'appraise' }]],
        },
        {
          name: 'Lê Hoàng Cường',
          filed: '2026-11-02T10:05:00',
          then: [
            [
              '2026-11-02T14:00:00',
              {
                kind: 'request_supplement',
                items: ['Bản sao giấy tờ chứng minh nơi cư trú của người giám hộ'],
                reason: 'Hồ sơ thiếu giấy tờ chứng minh nơi cư trú',
              },
            ],
          ],
        },
        { name: 'Phạm Thị Dung', filed: '2026-11-02T14:30:00', then: [] },
        {
          name: 'Hoàng Văn Em',
          filed: '2026-11-02T15:10:00',
          then: [['2026-11-03T08:00:00', { kind: 'withdraw', reason: 'Người nộp xin rút hồ sơ' }]],
        },
        // Added later (new day, so the codes above stay as the README quotes them): one dossier
        // in each of the remaining national states.
        { name: 'Vũ Thị Giang', filed: '2026-11-03T09:00:00', channel: 'online', then: [] },
        {
          name: 'Đặng Văn Hải',
          filed: '2026-11-03T09:30:00',
          channel: 'online',
          then: [
            [
              '2026-11-03T10:00:00',
              { kind: 'refuse', reason: 'Thủ tục không thuộc thẩm quyền giải quyết của phường' },
            ],
          ],
        },
        {
          name: 'Bùi Thị Lan',
          filed: '2026-11-03T10:15:00',
          then: [
            ['2026-11-03T10:30:00', { kind: 'forward', step: 'appraise' }],
            ['2026-11-03T14:00:00', { kind: 'request_payment', amountVnd: 8000 }],
          ],
        },
        {
          name: 'Ngô Văn Minh',
          filed: '2026-11-03T13:40:00',
          then: [
            ['2026-11-03T14:00:00', { kind: 'forward', step: 'appraise' }],
            [
              '2026-11-04T09:00:00',
              { kind: 'stop', reason: 'Người được giám hộ đã có người giám hộ đương nhiên' },
            ],
          ],
        },
        {
          name: 'Trịnh Thị Nga',
          filed: '2026-11-03T14:20:00',
          then: [
            ['2026-11-03T14:40:00', { kind: 'forward', step: 'appraise' }],
            ['2026-11-04T15:00:00', { kind: 'complete', resultCode: 'KQ.G15.000011' }],
          ],
        },
      ];
      const codes: string[] = [];
      for (const [i, script] of scripts.entries()) {
        const seeded = createDossiersService({ ...deps, clock: { now: () => at(script.filed) } });
        const applicant = {
          name: script.name,
          idNumber: null,
          phone: null,
          email: null,
          address: null,
        };
        const view =
          script.channel === 'online'
            ? await seeded.fileForDemo({
                procedureCode: input.procedureCode,
                receivingAgencyId: input.receivingAgencyId,
                applicant,
                idempotencyKey: `demo-dossier-${i}`,
              })
            : await seeded.fileAtCounter(
                {
                  procedureCode: input.procedureCode,
                  channel: i === 3 ? 'postal' : 'direct',
                  postalRef: i === 3 ? 'EA123456789VN' : null,
                  receivingAgencyId: input.receivingAgencyId,
                  applicant,
                  formData: {},
                },
                officer,
                `demo-dossier-${i}`,
              );
        for (const [j, [when, action]] of script.then.entries()) {
          const step = createDossiersService({ ...deps, clock: { now: () => at(when) } });
          await step.act(view.code, action, officer, `demo-dossier-${i}-${j}`, {
            canRead: () => true,
            canAct: () => true,
          });
        }
        codes.push(view.code);
      }
      return codes;
    },

    /** Seed 001: dossiers still filed here after their procedure's cutover to a ministry system. */
    async afterCutoverReport(agencyIds: string[] | 'all') {
      const moved = (await deps.catalog.listMovedProcedures()).flatMap((m) =>
        // Without a cutover date every dossier of a moved procedure counts from the start.
        [{ ...m, cutoverDate: m.cutoverDate ?? '1970-01-01' }],
      );
      const names = new Map(moved.map((m) => [m.code, m]));
      const rows = await repo.arisenAfterCutover(deps.db, moved, agencyIds);
      return {
        total: rows.length,
        items: rows.map((r) => ({
          code: r.code,
          procedureCode: r.procedureCode,
          procedureName: names.get(r.procedureCode)?.name ?? r.procedureCode,
          cutoverDate: names.get(r.procedureCode)?.cutoverDate ?? null,
          channel: r.channel as Channel,
          statusLabel: STATUS_LABELS[statusByCode(r.statusCode)],
          filedAt: r.filedAt.toISOString(),
        })),
      };
    },

    /**
     * Closes dossiers whose applicant did not supplement within the period: 15 working days by
     * default (domain.md §1.4, S9: NĐ 297/2025 — "hồ sơ sẽ bị đóng trên hệ thống"; a sector may set
     * its own term: the procedure's `supplementDays`, else the parameter). Idempotent: one key per
     * dossier and request.
     */
    async closeUnsupplemented(defaultDays = 15): Promise<number> {
      const cal = await deps.getCalendar();
      const now = deps.clock.now();
      let closed = 0;
      for (const row of await repo.waitingSupplement(deps.db)) {
        const detail = await deps.catalog.getProcedure(row.procedureCode).catch(() => undefined);
        const workingDays = detail?.local.processingTime?.supplementDays ?? defaultDays;
        const requestedAt = new Date(row.requestedAt);
        const limit = cal.addPeriod(cal.effectiveStart(requestedAt), workingDays, 'working_days');
        if (limit.getTime() > now.getTime()) continue;
        await service.act(
          row.code,
          {
            kind: 'stop',
            reason: `Quá ${workingDays} ngày làm việc kể từ khi yêu cầu bổ sung mà người nộp chưa bổ sung hồ sơ.`,
          },
          { kind: 'system', id: 'auto-close' },
          `auto-close:${row.code}:${requestedAt.toISOString()}`,
          { canRead: () => true, canAct: () => true },
        );
        closed += 1;
      }
      return closed;
    },

    jobs: {
      tasks: {
        [CLOSE_TASK]: async () => {
          await service.closeUnsupplemented();
        },
      },
      // 21:00 UTC = 04:00 in Vietnam, before the offices open.
      crontab: [`0 21 * * * ${CLOSE_TASK} ?max=3`],
    } satisfies JobDefinitions,

    /**
     * The electronic Sổ theo dõi hồ sơ (TT 03/2025 form 07) for dossiers received in [from, to),
     * optionally one field (lĩnh vực) only: the book is kept per field (domain.md §2.2).
     */
    async bookTable(
      agencyIds: string[] | 'all',
      query: { from: Date; to: Date; field?: string | undefined },
    ) {
      const rows = await repo.book(deps.db, { ...query, agencyIds, limit: 20_000 });
      const procedures = new Map<string, ProcedureDetail | undefined>();
      const agencies = new Map<string, AgencyRef | undefined>();
      const entries: BookEntry[] = [];
      const fields = new Set<string>();
      for (const { dossier: row, returnedAt, returnMethod } of rows) {
        if (!procedures.has(row.procedureCode)) {
          procedures.set(
            row.procedureCode,
            await deps.catalog.getProcedure(row.procedureCode).catch(() => undefined),
          );
        }
        const detail = procedures.get(row.procedureCode);
        const field = detail?.content.fields[0]?.name ?? '';
        if (query.field && field !== query.field) continue;
        fields.add(field);
        const agencyId = row.competentAgencyId ?? row.receivingAgencyId;
        if (!agencies.has(agencyId)) agencies.set(agencyId, await deps.findAgency(agencyId));
        entries.push({
          code: row.code,
          procedureName: detail?.content.name ?? row.procedureCode,
          applicant: row.applicant.name,
          contact: [row.applicant.address, row.applicant.phone].filter(Boolean).join(', '),
          handlingAgency: agencies.get(agencyId)?.name ?? '',
          receivedAt: row.receivedAt ?? row.filedAt,
          dueAt: row.dueAt,
          returnedAt: returnedAt ? new Date(returnedAt) : null,
          resultDelivery: returnMethod ? (RETURN_METHOD_LABELS[returnMethod] ?? returnMethod) : '',
        });
      }
      return dossierBookTable(query.field ?? ([...fields].join('; ') || 'Tất cả'), entries);
    },

    /** "Hồ sơ của tôi": what a signed-in citizen or business has filed, in full. */
    async mine(accountId: string): Promise<DossierQueue> {
      const cal = await deps.getCalendar();
      const rows = await repo.ofApplicant(deps.db, accountId);
      return {
        total: rows.length,
        items: await queueItems(
          cal,
          rows.map((row) => ({ ...row, applicantName: row.applicant.name })),
        ),
      };
    },

    async queue(
      reach: 'all' | { agencyIds: string[]; unitIds: string[] },
      me: { accountId: string; unitIds: string[] },
      query: DossierQueueQuery,
    ): Promise<DossierQueue> {
      const cal = await deps.getCalendar();
      const now = deps.clock.now();
      const { rows, total } = await repo.queue(deps.db, {
        reach,
        me,
        view: query.view,
        q: query.q,
        now,
        soon: cal.addPeriod(now, 1, 'working_days'),
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return {
        total,
        items: await queueItems(cal, rows),
      };
    },

    /**
     * Bulk assignment from the queue: each dossier is its own action (own rule check, own log
     * entry, own idempotency key derived from the request's), so one refusal does not undo others.
     */
    async assignMany(
      request: BulkAssignRequest,
      actor: Actor,
      idempotencyKey: string,
      access: { canRead: (row: DossierRow) => boolean; canAct: (row: DossierRow) => boolean },
    ): Promise<BulkAssignResult> {
      const result: BulkAssignResult = { assigned: [], failed: [] };
      for (const code of request.codes) {
        try {
          await service.act(
            code,
            {
              kind: 'assign',
              ...(request.unitId ? { unitId: request.unitId } : {}),
              ...(request.accountId ? { accountId: request.accountId } : {}),
            },
            actor,
            `${idempotencyKey}:${code}`,
            access,
          );
          result.assigned.push(code);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          result.failed.push({ code, message: error.message });
        }
      }
      return result;
    },

    async formPdf(
      code: string,
      kind: FormKind,
      canRead: (row: DossierRow) => boolean,
    ): Promise<Buffer> {
      const row = await repo.findByCode(deps.db, code);
      if (!row || !canRead(row)) throw notFound(`Không tìm thấy hồ sơ ${code}.`);
      return form(row, kind);
    },

    fileOnline(
      request: FileOnlineRequest,
      applicant: { accountId: string; name: string; idNumber: string | null },
      idempotencyKey: string,
    ) {
      return file({
        procedureCode: request.procedureCode,
        channel: 'online',
        postalRef: null,
        receivingAgencyId: request.receivingAgencyId,
        applicant: {
          name: applicant.name,
          idNumber: applicant.idNumber,
          phone: request.contact.phone,
          email: request.contact.email,
          address: request.contact.address,
        },
        applicantAccountId: applicant.accountId,
        formData: request.formData,
        actor: { kind: 'applicant', id: applicant.accountId },
        idempotencyKey,
      });
    },

    /** An online dossier without a signed-in account behind it: demo data only. */
    fileForDemo(input: {
      procedureCode: string;
      receivingAgencyId: string;
      applicant: Applicant;
      idempotencyKey: string;
    }) {
      return file({
        ...input,
        channel: 'online',
        postalRef: null,
        applicantAccountId: null,
        formData: {},
        actor: { kind: 'applicant', id: 'demo-citizen' },
      });
    },

    fileAtCounter(request: CounterIntakeRequest, officer: Actor, idempotencyKey: string) {
      return file({
        procedureCode: request.procedureCode,
        channel: request.channel,
        postalRef: request.postalRef,
        receivingAgencyId: request.receivingAgencyId,
        applicant: request.applicant,
        applicantAccountId: null,
        formData: request.formData,
        actor: officer,
        idempotencyKey,
      });
    },

    /** One action on a dossier, checked against its legal rule, appended to the log. */
    async act(
      code: string,
      request: DossierActionRequest,
      actor: Actor,
      idempotencyKey: string,
      access: {
        canRead: (row: DossierRow) => boolean;
        canAct: (row: DossierRow) => boolean;
        viewer?: Viewer;
      },
    ): Promise<DossierView> {
      const current = await repo.findByCode(deps.db, code);
      if (!current || !access.canRead(current)) throw notFound(`Không tìm thấy hồ sơ ${code}.`);
      if (!access.canAct(current)) {
        throw new AppError(
          'FORBIDDEN',
          'Vai trò của bạn không được thực hiện thao tác này với hồ sơ.',
        );
      }
      // Procedure and calendar first: inside the transaction only its own connection is used.
      const { ctx } = await contextFor(current);
      const key = callerScopedKey('act', actor, idempotencyKey);
      const id = await deps.db.transaction(async (tx) => {
        const row = await repo.findByCode(tx, code, { lock: true });
        if (!row) throw notFound(`Không tìm thấy hồ sơ ${code}.`);
        const retried = await repo.findActionByKey(tx, key);
        if (retried) {
          if (retried.dossierId !== row.id) {
            throw new AppError(
              'CONFLICT',
              'Khóa chống trùng (Idempotency-Key) đã dùng cho hồ sơ khác.',
            );
          }
          return row.id;
        }
        const now = deps.clock.now();
        const next = applyAction(stateOf(row), { action: toAction(request), actor, at: now }, ctx);
        const seq = row.actions + 1;
        const { kind, ...asked } = request;
        // The step's due time goes into the log: the control sheet marks each hand-off by it.
        const payload = kind === 'forward' ? { ...asked, stepDueAt: next.stepDueAt } : asked;
        await repo.insertAction(tx, {
          dossierId: row.id,
          seq,
          kind,
          actor,
          at: now,
          payload,
          idempotencyKey: key,
        });
        await repo.updateDossier(tx, row.id, { ...rowValues(next), actions: seq, updatedAt: now });
        // Files uploaded for this supplement or result belong to the action that delivers them.
        if (kind === 'supplement' || kind === 'complete') {
          await files.linkPending(tx, row.id, kind === 'supplement' ? 'supplement' : 'result', seq);
        }
        return row.id;
      });
      const updated = await repo.findById(deps.db, id);
      if (!updated) throw new Error('dossier vanished');
      return view(deps.db, updated, [], access.viewer);
    },

    async getDossier(
      code: string,
      canRead: (row: DossierRow) => boolean,
      viewer?: Viewer,
    ): Promise<DossierView> {
      const row = await repo.findByCode(deps.db, code);
      // Someone not allowed to see a dossier learns nothing, not even that it exists.
      if (!row || !canRead(row)) throw notFound(`Không tìm thấy hồ sơ ${code}.`);
      return view(deps.db, row, [], viewer);
    },

    /**
     * Public tracking by code (also reached by the QR on every form). One statement (row and log,
     * lookup.repository.ts) instead of the full view's four; the procedure name from the
     * catalogue's cache; the calendar only while the clock runs.
     */
    async lookup(code: string): Promise<DossierLookup> {
      const row = await findForLookup(deps.db, code);
      if (!row)
        throw notFound(
          `Không tìm thấy hồ sơ có mã ${code}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận.`,
        );
      const running =
        row.clockState === 'running' &&
        row.clockDue !== null &&
        !['result_ready', 'returned'].includes(row.status);
      const [detail, cal] = await Promise.all([
        deps.catalog.getProcedure(row.procedureCode).catch(() => undefined),
        running ? deps.getCalendar() : undefined,
      ]);
      return {
        code: row.code,
        procedureName: detail?.content.name ?? row.procedureCode,
        statusCode: row.statusCode,
        statusLabel: STATUS_LABELS[row.status as DossierStatus],
        applicantMasked: maskName(row.applicantName),
        filedAt: row.filedAt.toISOString(),
        receivedAt: row.receivedAt?.toISOString() ?? null,
        dueAt: row.dueAt?.toISOString() ?? null,
        remaining: cal && row.clockDue ? remainingOf(cal, row.clockDue) : null,
        steps: row.steps.map((s) => ({
          label: ACTION_LABELS[s.kind as Action['kind']] ?? s.kind,
          at: s.at.toISOString(),
        })),
      };
    },
  };
  return service;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const cause = (error as { cause?: { code?: string; constraint?: string } })?.cause ?? error;
  const e = cause as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === constraint;
}

export type DossiersService = ReturnType<typeof createDossiersService>;
