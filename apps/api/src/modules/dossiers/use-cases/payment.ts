import type { DossierView, PaymentRule } from '@motcua/contracts';
import { AppError } from '../../../platform/errors.js';
import type { DbExecutor } from '../../../platform/db/database.js';
import {
  applyAction,
  STATUS_CODES,
  type Action,
  type Actor,
  type Channel,
  type DossierContext,
  type DossierState,
} from '../dossier.js';
import { rowValues } from '../dossier-row.js';
import type { ActionRow, DossierRow } from '../dossiers.repository.js';
import { reconcile } from './deadlines.js';
import type { DossiersKit } from './kit.js';
type LoggedAction = ActionRow;

/*
 * Payment in the dossier's life (issue 17): the system asks for the fee when the procedure's rule
 * or a paying step says so, the payments module records what the platform or the counter
 * collected. The rules themselves are the pure model's (dossier.ts request_payment /
 * record_payment); this file reads the fee, appends, and answers the payments module.
 */

/** Who asks for the fee when no officer does (a paying step, payment on filing). */
export const PAYMENT_SYSTEM: Actor = { kind: 'system', id: 'payment' };

/** The agency a dossier's fee schedule is looked up for: the one that decides it, else the receiving one. */
const feeAgencyOf = (row: Pick<DossierRow, 'competentAgencyId' | 'receivingAgencyId'>) =>
  row.competentAgencyId ?? row.receivingAgencyId;

/**
 * The fee the dossier owes by the schedule in force when it was filed (spec: charged by the
 * schedule of its filing date), read before a transaction; null when no schedule gives a usable
 * amount. A quote of 0 (exempt) asks for nothing either.
 */
export async function quotedFee(
  kit: DossiersKit,
  dossier: { procedureCode: string; agencyId: string; channel: Channel; filedAt: Date },
): Promise<number | null> {
  const quote = (await kit.deps.quoteFee?.(dossier)) ?? null;
  return quote && Number.isInteger(quote.total) && quote.total > 0 ? quote.total : null;
}

/** The refusal of a forward into a paying step when no amount can be asked (Vietnamese). */
export function unquotedStep(stepName: string): AppError {
  return new AppError(
    'CONFLICT',
    `Bước "${stepName}" yêu cầu thu phí, lệ phí trước khi thực hiện nhưng thủ tục chưa có biểu phí, lệ phí áp dụng cho hồ sơ này. Đề nghị quản trị cấu hình biểu phí của thủ tục, hoặc dùng "Yêu cầu nộp phí, lệ phí" với số tiền cụ thể trước khi chuyển hồ sơ.`,
  );
}

export const feeQuoteOf = (
  kit: DossiersKit,
  row: Pick<
    DossierRow,
    'procedureCode' | 'competentAgencyId' | 'receivingAgencyId' | 'channel' | 'filedAt'
  >,
) =>
  quotedFee(kit, {
    procedureCode: row.procedureCode,
    agencyId: feeAgencyOf(row),
    channel: row.channel as Channel,
    filedAt: row.filedAt,
  });

/** What the payments module needs to ask a citizen for the fee of a dossier. */
export interface PaymentDue {
  dossierId: string;
  code: string;
  procedureCode: string;
  /** The agency whose fee schedule applies (the deciding one, else the receiving one). */
  agencyId: string;
  receivingAgencyId: string;
  channel: Channel;
  filedAt: Date;
  applicantAccountId: string | null;
  applicant: { name: string; idNumber: string | null; address: string | null };
  statusCode: number;
  /** The amount of the open request (status 6), whole VND; null when nothing is awaited. */
  amountVnd: number | null;
}

/** The open request's amount: the last request_payment while the dossier waits for payment. */
function openRequest(
  status: string,
  log: readonly Pick<LoggedAction, 'kind' | 'payload' | 'at'>[],
): { amountVnd: number; at: Date } | null {
  if (status !== 'waiting_payment') return null;
  const asked = log.findLast((a) => a.kind === 'request_payment');
  const amount = (asked?.payload as { amountVnd?: unknown } | null)?.amountVnd;
  return asked && typeof amount === 'number' ? { amountVnd: amount, at: asked.at } : null;
}

/** A dossier as the payments module reads it; null when unknown or not the caller's to read. */
export async function paymentDue(
  kit: DossiersKit,
  code: string,
  canRead: (row: DossierRow) => boolean,
): Promise<PaymentDue | null> {
  const { deps, repo } = kit;
  const row = await repo.findByCode(deps.db, code);
  if (!row || !canRead(row)) return null;
  const log = row.status === 'waiting_payment' ? await repo.listActions(deps.db, row.id) : [];
  return {
    dossierId: row.id,
    code: row.code,
    procedureCode: row.procedureCode,
    agencyId: feeAgencyOf(row),
    receivingAgencyId: row.receivingAgencyId,
    channel: row.channel as Channel,
    filedAt: row.filedAt,
    applicantAccountId: row.applicantAccountId,
    applicant: {
      name: row.applicant.name,
      idNumber: row.applicant.idNumber,
      address: row.applicant.address ?? null,
    },
    statusCode: row.statusCode,
    amountVnd: openRequest(row.status, log)?.amountVnd ?? null,
  };
}

export interface RecordPaymentInput {
  dossierId: string;
  amountVnd: number;
  receiptNo: string;
  /** The payment's reference (MaThamChieu); the log entry's key is `payment:<reference>`. */
  reference: string;
  paidAt: Date;
  /** An officer at the counter; the system (the platform's confirmation) when absent. */
  actor?: Actor;
}

export interface RecordPaymentResult {
  /** false: nothing appended (this reference was recorded before, or nothing is awaited). */
  recorded: boolean;
  reason?: 'duplicate' | 'not_waiting';
  /** The dossier's national status code after the call. */
  statusCode: number;
}

/**
 * Records a collected payment in the dossier's log (record_payment), once per reference: a
 * repeated confirmation finds its key and changes nothing; a payment arriving when the dossier
 * waits for none (paid twice, or the request was settled at the counter) is not recorded either,
 * and the caller learns why (the reconciliation lists it). The clock resumes from the payment,
 * or restarts from it where the procedure counts the filing date from the payment (dossier.ts).
 */
export async function recordPayment(
  kit: DossiersKit,
  input: RecordPaymentInput,
): Promise<RecordPaymentResult> {
  const { deps, repo } = kit;
  if (!Number.isInteger(input.amountVnd) || input.amountVnd <= 0) {
    throw new AppError('VALIDATION_FAILED', 'Số tiền đã nộp phải là số nguyên dương (đồng).');
  }
  const current = await repo.findById(deps.db, input.dossierId);
  if (!current) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ của khoản thanh toán.');
  const { ctx } = await kit.contextFor(current);
  const key = `payment:${input.reference}`;
  return deps.db.transaction(async (tx) => {
    const row = await repo.findByCode(tx, current.code, { lock: true });
    if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ của khoản thanh toán.');
    if (await repo.findActionByKey(tx, key)) {
      return { recorded: false, reason: 'duplicate', statusCode: row.statusCode };
    }
    const now = deps.clock.now();
    const { state, seq, moved, log } = await reconcile(kit, tx, row, ctx, now, []);
    if (state.status !== 'waiting_payment') {
      return { recorded: false, reason: 'not_waiting', statusCode: STATUS_CODES[state.status] };
    }
    // The clock counts from when the citizen paid, not from when the confirmation arrived; never
    // before what the log already holds, never in the future.
    const floor = moved ? now : (log.at(-1)?.at ?? now);
    const at = new Date(Math.min(now.getTime(), Math.max(floor.getTime(), input.paidAt.getTime())));
    const action: Action = {
      kind: 'record_payment',
      amountVnd: input.amountVnd,
      receiptNo: input.receiptNo,
    };
    const next = applyAction(state, { action, actor: input.actor ?? PAYMENT_SYSTEM, at }, ctx);
    await kit.appendAction(tx, {
      dossierId: row.id,
      seq: seq + 1,
      kind: action.kind,
      actor: input.actor ?? PAYMENT_SYSTEM,
      at,
      payload: {
        amountVnd: input.amountVnd,
        receiptNo: input.receiptNo,
        reference: input.reference,
        paidAt: input.paidAt.toISOString(),
      },
      idempotencyKey: key,
    });
    await repo.updateDossier(tx, row.id, {
      ...rowValues(next),
      actions: seq + 1,
      updatedAt: now,
    });
    return { recorded: true, statusCode: STATUS_CODES[next.status] };
  });
}

/**
 * Appends the system's request for the fee right after the action that calls for it (a forward
 * into a paying step, an online filing paid on filing), in the caller's transaction; the state
 * after it.
 */
export async function askForFee(
  kit: DossiersKit,
  tx: DbExecutor,
  input: {
    dossierId: string;
    state: DossierState;
    ctx: DossierContext;
    seq: number;
    at: Date;
    amountVnd: number;
    idempotencyKey: string;
  },
): Promise<DossierState> {
  const action: Action = { kind: 'request_payment', amountVnd: input.amountVnd };
  const next = applyAction(input.state, { action, actor: PAYMENT_SYSTEM, at: input.at }, input.ctx);
  await kit.appendAction(tx, {
    dossierId: input.dossierId,
    seq: input.seq,
    kind: action.kind,
    actor: PAYMENT_SYSTEM,
    at: input.at,
    payload: { amountVnd: input.amountVnd },
    idempotencyKey: input.idempotencyKey,
  });
  return next;
}

/**
 * The dossier's payment as its page shows it: the amount awaited ("Chờ nộp phí: 50.000 đ"), the
 * payments recorded, and the rule it is decided by. Null when the procedure asks for nothing and
 * the log holds no payment.
 */
export function paymentView(
  status: string,
  log: readonly Pick<LoggedAction, 'kind' | 'payload' | 'at'>[],
  rule: PaymentRule,
): DossierView['payment'] {
  const paid = log
    .filter((a) => a.kind === 'record_payment')
    .map((a) => {
      const p = (a.payload ?? {}) as { amountVnd?: number; receiptNo?: string; reference?: string };
      return {
        amountVnd: p.amountVnd ?? 0,
        receiptNo: p.receiptNo ?? '',
        reference: p.reference ?? null,
        at: a.at.toISOString(),
      };
    });
  const open = openRequest(status, log);
  const asked = log.some((a) => a.kind === 'request_payment');
  if (rule.due === 'none' && !asked && paid.length === 0) return null;
  return {
    due: open?.amountVnd ?? null,
    requestedAt: open?.at.toISOString() ?? null,
    paid,
    rule,
  };
}
