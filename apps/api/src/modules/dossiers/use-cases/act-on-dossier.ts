import type {
  BulkAssignRequest,
  BulkAssignResult,
  DossierActionRequest,
  DossierView,
} from '@motcua/contracts';
import { AppError, notFound } from '../../../platform/errors.js';
import {
  applyAction,
  currentStepOf,
  forwardAsksPayment,
  hasPaid,
  stepRefusal,
  type Actor,
} from '../dossier.js';
import { rowValues, toAction } from '../dossier-row.js';
import type { DossierRow } from '../dossiers.repository.js';
import { callerScopedKey } from '../idempotency.js';
import { reconcile } from './deadlines.js';
import type { DossiersKit } from './kit.js';
import { askForFee, feeQuoteOf, unquotedStep } from './payment.js';
import { stepCallerOf, view, type Viewer } from './view.js';

/** Whether the caller may see the dossier at all, and may take this action on it. */
export interface DossierAccess {
  canRead: (row: DossierRow) => boolean;
  canAct: (row: DossierRow) => boolean;
  viewer?: Viewer;
}

/** One action on a dossier, checked against its legal rule, appended to the log. */
export async function act(
  kit: DossiersKit,
  code: string,
  request: DossierActionRequest,
  actor: Actor,
  idempotencyKey: string,
  access: DossierAccess,
): Promise<DossierView> {
  const { deps, repo, files } = kit;
  const current = await repo.findByCode(deps.db, code);
  if (!current || !access.canRead(current)) throw notFound(`Không tìm thấy hồ sơ ${code}.`);
  if (!access.canAct(current)) {
    throw new AppError('FORBIDDEN', 'Vai trò của bạn không được thực hiện thao tác này với hồ sơ.');
  }
  // Procedure and calendar first: inside the transaction only its own connection is used.
  const { ctx } = await kit.contextFor(current);
  const caller = await stepCallerOf(kit, current, access.viewer);
  // Into a paying step the fee is asked right after the forward: its amount is read here too.
  const fee = forwardAsksPayment(ctx, toAction(request), false)
    ? await feeQuoteOf(kit, current)
    : null;
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
    // The rules judge the state the log folds to, not the row (which only mirrors it); a due
    // time the calendar has moved since is recorded first.
    const { state, seq: last, log } = await reconcile(kit, tx, row, ctx, now, []);
    const action = toAction(request);
    let next = applyAction(state, { action, actor, at: now }, ctx);
    // Who may act at this step, and in which order the process goes (the view offers the same).
    const refusal = stepRefusal(state, ctx, action, caller);
    if (refusal) throw refusal;
    // A paying step ("Thu phí, lệ phí trước bước này") asks an unpaid dossier for the fee of its
    // schedule; without one the forward waits until the fee is known or asked by hand.
    const asksFee = forwardAsksPayment(ctx, action, hasPaid(log));
    if (asksFee && fee === null) {
      throw unquotedStep(currentStepOf(next, ctx)?.name ?? request.kind);
    }
    const seq = last + 1;
    const { kind, ...asked } = request;
    // The step's due time goes into the log (the control sheet marks each hand-off by it), and
    // the unit the step resolved to, so that folding the log later lands on the same unit
    // whatever the agency's units are then.
    const payload =
      request.kind === 'forward'
        ? {
            ...asked,
            stepDueAt: next.stepDueAt,
            ...(request.toUnitId === undefined && next.assignedUnitId && !next.currentAgencyId
              ? { toUnitId: next.assignedUnitId }
              : {}),
          }
        : request.kind === 'extend' && state.clock?.state === 'running'
          ? // Form 04 states the due time it apologises for beside the new one.
            { ...asked, previousDue: state.clock.due.toISOString() }
          : asked;
    await kit.appendAction(tx, {
      dossierId: row.id,
      seq,
      kind,
      actor,
      at: now,
      payload,
      idempotencyKey: key,
    });
    let actions = seq;
    if (asksFee && fee !== null) {
      actions = seq + 1;
      next = await askForFee(kit, tx, {
        dossierId: row.id,
        state: next,
        ctx,
        seq: actions,
        at: now,
        amountVnd: fee,
        idempotencyKey: `${key}:request_payment`,
      });
    }
    await repo.updateDossier(tx, row.id, { ...rowValues(next), actions, updatedAt: now });
    // Files uploaded for this supplement or result belong to the action that delivers them.
    if (kind === 'supplement' || kind === 'complete') {
      await files.linkPending(tx, row.id, kind === 'supplement' ? 'supplement' : 'result', seq);
    }
    return row.id;
  });
  const updated = await repo.findById(deps.db, id);
  if (!updated) throw new Error('dossier vanished');
  return view(kit, deps.db, updated, [], access.viewer);
}

/**
 * Bulk assignment from the queue: each dossier is its own action (own rule check, own log
 * entry, own idempotency key derived from the request's), so one refusal does not undo others.
 */
export async function assignMany(
  kit: DossiersKit,
  request: BulkAssignRequest,
  actor: Actor,
  idempotencyKey: string,
  access: Omit<DossierAccess, 'viewer'>,
): Promise<BulkAssignResult> {
  const result: BulkAssignResult = { assigned: [], failed: [] };
  for (const code of request.codes) {
    try {
      await act(
        kit,
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
}

/**
 * Closes dossiers whose applicant did not supplement within the period: 15 working days by
 * default (domain.md §1.4, S9: NĐ 297/2025 — "hồ sơ sẽ bị đóng trên hệ thống"; a sector may set
 * its own term: the procedure's `supplementDays`, else the parameter). Idempotent: one key per
 * dossier and request.
 */
export async function closeUnsupplemented(kit: DossiersKit, defaultDays = 15): Promise<number> {
  const { deps, repo } = kit;
  const cal = await deps.getCalendar();
  const now = deps.clock.now();
  let closed = 0;
  for (const row of await repo.waitingSupplement(deps.db)) {
    // The term the dossier was filed under (its pinned rules), not today's.
    const dossier = await repo.findByCode(deps.db, row.code);
    const pinned = dossier
      ? (await kit.contextFor(dossier).catch(() => undefined))?.rules
      : undefined;
    const workingDays = pinned?.supplementDays ?? defaultDays;
    const requestedAt = new Date(row.requestedAt);
    const limit = cal.addPeriod(cal.effectiveStart(requestedAt), workingDays, 'working_days');
    if (limit.getTime() > now.getTime()) continue;
    await act(
      kit,
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
}
