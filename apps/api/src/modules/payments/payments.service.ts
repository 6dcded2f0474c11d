import type {
  CounterPaymentRequest,
  DossierPayments,
  PaymentDetail,
  PaymentView,
  PlatformAck,
  ReceiptView,
  StartPaymentResult,
} from '@motcua/contracts';
import { IntegrationError } from '../../integrations/integration-error.js';
import {
  ConfirmCode,
  formatNationalDate,
  serviceCodeOf,
  type PaymentPlatformClient,
} from '../../integrations/payment-platform/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbExecutor } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import { enqueueJob, type JobDefinitions } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logger.js';
import type { FileStorage } from '../../platform/storage/storage.js';
import { STATUS_CODES, type readableBy } from '../dossiers/index.js';
import {
  creditedOther,
  currentReceipt,
  hasPlatformReceipt,
  insertPayment,
  insertReceipt,
  lockDossierPayments,
  logEvent,
  nextReceiptNumber,
  openOnlinePayments,
  paymentById,
  paymentByKey,
  paymentByReference,
  paymentsOfDossier,
  receiptById,
  receiptsOf,
  updatePayment,
  updateReceipt,
  type PaymentRow,
  type ReceiptRow,
} from './payments.repository.js';
import type {
  BeneficiaryAccount,
  PaymentActor,
  PaymentEventKind,
  PaymentItem,
  TreasuryAccount,
} from './payments.schema.js';
import { renderReceipt, sumByKind } from './receipt-pdf.js';

export const QUERY_TASK = 'payments:query';
export const AFTER_CREDIT_TASK = 'payments:after-credit';

/** A dossier row as the dossiers module hands it to a read check. */
export type DossierReadable = Parameters<ReturnType<typeof readableBy>>[0];

/** What the dossiers module tells about a dossier's payment (STEP's `paymentDue`). */
export interface DossierPaymentDue {
  dossierId: string;
  code: string;
  procedureCode: string;
  /** The agency whose fee schedule applies (the deciding one, else the receiving one). */
  agencyId: string;
  /** Where the dossier was received: its counter collects the fee too. */
  receivingAgencyId?: string;
  channel: 'direct' | 'online' | 'postal';
  filedAt: Date;
  applicantAccountId: string | null;
  applicant: { name: string; idNumber: string | null; address?: string | null };
  statusCode: number;
  /** From the open request_payment; null when none is open. */
  amountVnd: number | null;
}

export interface PaymentDossiers {
  paymentDue(
    code: string,
    canRead: (row: DossierReadable) => boolean,
  ): Promise<DossierPaymentDue | null>;
  /** Idempotent by `payment:<reference>`; a no-op when the dossier is not waiting for payment. */
  recordPayment(input: {
    dossierId: string;
    amountVnd: number;
    receiptNo: string;
    reference: string;
    paidAt: Date;
    actor?: { kind: 'officer'; id: string; role?: string; unitId?: string };
  }): Promise<unknown>;
}

export interface FeeQuoteLike {
  scheduleId: string;
  items: PaymentItem[];
  total: number;
  beneficiary: BeneficiaryAccount | null;
  treasury: TreasuryAccount | null;
  receiptSeries: string | null;
}

export interface PaymentsDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  platform: PaymentPlatformClient;
  settings: {
    /** PAYMENT_ENABLED: false hides online payment (counter payment stays). */
    enabled: boolean;
    /** QUERY a transaction nobody confirmed after this many minutes (domain.md §4.6: 30). */
    queryAfterMinutes: number;
  };
  /** The fee schedule in force when the dossier was filed (fees module's `quote`). */
  quote: (input: {
    procedureCode: string;
    agencyId?: string;
    channel: 'direct' | 'online' | 'postal';
    at: Date;
  }) => Promise<FeeQuoteLike | null>;
  dossiers: PaymentDossiers;
  storage: FileStorage;
  findAgency: (id: string) => Promise<{ name: string; electronicId: string } | undefined>;
  procedureName: (code: string) => Promise<string | undefined>;
}

/** Who acts, with what they may see of the dossier. */
export interface Caller {
  actor: PaymentActor;
  canRead: (row: DossierReadable) => boolean;
}

/** An officer at the counter: may they collect fees in this agency? */
export interface CounterOfficer extends Caller {
  actor: PaymentActor & { kind: 'officer' };
  mayCollect: (agencyId: string) => boolean;
}

/** The receiving counter and the deciding agency's officers with the receive permission collect. */
const collects = (officer: CounterOfficer, due: DossierPaymentDue) =>
  officer.mayCollect(due.agencyId) ||
  (due.receivingAgencyId !== undefined && officer.mayCollect(due.receivingAgencyId));

/** QUERY at most every 5 minutes per transaction, over the last 3 days (domain.md §4.6). */
const QUERY_EVERY_MS = 5 * 60_000;
const QUERY_WINDOW_MS = 3 * 86_400_000;
const QUERY_BATCH = 200;
/** The job that finishes a credit runs a little after it, should the inline attempt not finish it. */
const AFTER_CREDIT_DELAY_MS = 60_000;

const DEFAULT_ITEM_CODE = 'PHI-LE-PHI';

/** MaThamChieu: "dvc" + the dossier code without non-word characters + yyyyMMddHHmmss (§4.6). */
export function referenceOf(dossierCode: string, at: Date, prefix = 'dvc'): string {
  return `${prefix}${dossierCode.replace(/\W/g, '')}${formatNationalDate(at)}`;
}

const pgCode = (error: unknown): { code?: string; constraint?: string } => {
  const e = error as { code?: string; constraint?: string; cause?: unknown };
  return e.code ? e : ((e.cause as { code?: string; constraint?: string } | undefined) ?? {});
};
const isUnique = (error: unknown, constraint: string) => {
  const e = pgCode(error);
  return e.code === '23505' && e.constraint === constraint;
};

export type SettleSource = 'confirm' | 'query' | 'return';
export interface SettleInput {
  source: SettleSource;
  reference: string;
  state: 'success' | 'failed' | 'pending';
  errorCode?: string | undefined;
  amount?: number | undefined;
  currency?: string | undefined;
  transactionId?: string | undefined;
  bankCode?: string | undefined;
  at?: Date | undefined;
  body: unknown;
}
export type SettleResult =
  'credited' | 'paid_twice' | 'duplicate' | 'failed' | 'pending' | 'unknown_reference' | 'mismatch';

export function createPaymentsService(deps: PaymentsDeps) {
  const { db, clock, log, platform } = deps;
  /** Work started after answering (receipt fetches), awaited by `drain()` and on close. */
  const inFlight = new Set<Promise<unknown>>();
  const background = (work: () => Promise<unknown>) => {
    const p = work()
      .catch((error: unknown) => log.warn({ err: error }, 'payments: background work failed'))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  async function chargeOf(due: DossierPaymentDue, amount: number) {
    const quote = await deps
      .quote({
        procedureCode: due.procedureCode,
        agencyId: due.agencyId,
        channel: due.channel,
        at: due.filedAt,
      })
      .catch((error: unknown) => {
        log.warn({ err: error, code: due.code }, 'payments: no fee quote');
        return null;
      });
    // The amount requested on the dossier is what is owed; the schedule's items explain it when
    // they add up to it. Otherwise one line names the request [U]: an officer's amount the
    // schedule cannot show item by item (a case the schedule does not model).
    const items: PaymentItem[] =
      quote && quote.total === amount && quote.items.length > 0
        ? quote.items
        : [
            {
              code: DEFAULT_ITEM_CODE,
              kind: 'le-phi',
              name: 'Phí, lệ phí theo thông báo của cơ quan giải quyết',
              amount,
              basis: '',
            },
          ];
    const agency = await deps.findAgency(due.agencyId);
    return {
      items,
      scheduleId: quote?.scheduleId ?? null,
      beneficiary: quote?.beneficiary ?? null,
      treasury: quote?.treasury ?? null,
      // [U] a schedule without a series: one series per agency, named after its electronic ID.
      receiptSeries: quote?.receiptSeries ?? `BL-${agency?.electronicId ?? 'MC'}`,
      agencyName: agency?.name ?? '',
      agencyCode: agency?.electronicId ?? '',
    };
  }

  function owed(due: DossierPaymentDue): number | null {
    return due.statusCode === STATUS_CODES.waiting_payment && due.amountVnd && due.amountVnd > 0
      ? due.amountVnd
      : null;
  }

  async function readableDue(code: string, caller: Caller): Promise<DossierPaymentDue> {
    const due = await deps.dossiers.paymentDue(code, caller.canRead);
    if (!due) throw notFound('Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ này.');
    return due;
  }

  // ---- views ---------------------------------------------------------------------------------

  const receiptUrl = (reference: string) =>
    `/api/payments/${encodeURIComponent(reference)}/receipt`;

  function viewOf(row: PaymentRow, receipt: ReceiptRow | undefined): PaymentView {
    return {
      reference: row.reference,
      dossierCode: row.dossierCode,
      status: row.status,
      method: row.method,
      amount: row.amount,
      items: row.items,
      createdAt: row.createdAt.toISOString(),
      paidAt: row.paidAt?.toISOString() ?? null,
      payUrl: row.status === 'initiated' || row.status === 'pending' ? row.payUrl : null,
      receipt: receipt
        ? {
            id: receipt.id,
            series: receipt.series,
            number: receipt.number,
            url: receiptUrl(row.reference),
            status: receipt.status,
          }
        : null,
      paidTwice: row.duplicateOf !== null,
    };
  }

  async function viewOfRow(row: PaymentRow, executor: DbExecutor = db): Promise<PaymentView> {
    return viewOf(row, await currentReceipt(executor, row.id));
  }

  function receiptView(row: ReceiptRow, reference: string): ReceiptView {
    return {
      id: row.id,
      reference,
      kind: row.kind,
      series: row.series,
      number: row.number,
      phi: row.phi,
      lePhi: row.lePhi,
      amount: row.amount,
      issuedAt: row.issuedAt.toISOString(),
      status: row.status,
      cancelReason: row.cancelReason,
      replacedBy: row.replacedBy,
      url: receiptUrl(reference),
    };
  }

  // ---- crediting -----------------------------------------------------------------------------

  /**
   * The dossier learns it was paid (its log gets `record_payment`, it moves on). Idempotent on
   * the dossiers side (`payment:<reference>`), so the inline call and the job may both run.
   */
  async function creditDossier(row: PaymentRow): Promise<void> {
    if (row.creditedAt === null || row.status !== 'paid') return;
    const receipt = await currentReceipt(db, row.id);
    const actor = row.createdBy;
    await deps.dossiers.recordPayment({
      dossierId: row.dossierId,
      amountVnd: row.amount,
      receiptNo:
        receipt?.series && receipt.number !== null
          ? `${receipt.series}-${receipt.number}`
          : (row.platformTransactionId ?? row.reference),
      reference: row.reference,
      paidAt: row.paidAt ?? clock.now(),
      ...(row.method !== 'online' && actor.kind === 'officer'
        ? {
            actor: {
              kind: 'officer' as const,
              id: actor.id,
              ...(actor.role ? { role: actor.role } : {}),
              ...(actor.unitId ? { unitId: actor.unitId } : {}),
            },
          }
        : {}),
    });
  }

  /**
   * The platform's e-receipt (GET_BILL), stored as `{MaThamChieu}_{timestamp}.pdf` (domain.md
   * §4.6). Throws when the platform cannot give it: the job retries.
   */
  async function fetchPlatformReceipt(row: PaymentRow): Promise<void> {
    if (row.method !== 'online' || row.status !== 'paid') return;
    if (await hasPlatformReceipt(db, row.id)) return;
    const bill = await platform.getBill(row.reference);
    if (!bill.pdf) throw new Error(`GET_BILL ${row.reference}: no PDF`);
    const at = clock.now();
    const key = `payments/receipts/${row.reference}_${formatNationalDate(at)}.pdf`;
    await deps.storage.put(key, Buffer.from(bill.pdf), 'application/pdf');
    await db.transaction(async (tx) => {
      await lockDossierPayments(tx, row.dossierId);
      if (await hasPlatformReceipt(tx, row.id)) return;
      const { phi, lePhi } = sumByKind(row.items);
      await insertReceipt(tx, {
        paymentId: row.id,
        kind: 'platform',
        phi,
        lePhi,
        amount: row.amount,
        treasury: row.treasury,
        issuedAt: at,
        storageKey: key,
        sourceUrl: bill.url,
      });
    });
  }

  /** Everything a credit leads to, after its transaction: the dossier's log, the receipt. */
  async function afterCredit(reference: string): Promise<void> {
    const row = await paymentByReference(db, reference);
    if (!row || row.status !== 'paid') return;
    await creditDossier(row);
    await fetchPlatformReceipt(row);
  }

  /**
   * Applies what the platform says of a transaction (a verified CONFIRM, a QUERY answer), once:
   * the dossier's payments are locked, so duplicates and out-of-order callbacks queue up and find
   * the state the first one left. A success credits the dossier unless another payment already
   * did (a citizen who paid twice: paid, not credited, `duplicate_of` for the reconciliation);
   * a failure after a success changes nothing; a success after a failure credits (the platform's
   * last word on money taken wins).
   */
  async function settle(input: SettleInput): Promise<{ result: SettleResult; row?: PaymentRow }> {
    const now = clock.now();
    const event = (
      tx: DbExecutor,
      kind: PaymentEventKind,
      row: PaymentRow | undefined,
      outcome: string,
    ) =>
      logEvent(tx, {
        paymentId: row?.id ?? null,
        reference: input.reference,
        kind,
        body: input.body,
        outcome,
        at: now,
      });

    const head = await paymentByReference(db, input.reference);
    if (!head) {
      await event(db, 'mismatch', undefined, 'unknown_reference');
      log.warn({ reference: input.reference, source: input.source }, 'payments: unknown reference');
      return { result: 'unknown_reference' };
    }
    const outcome = await db.transaction(async (tx) => {
      const rows = await lockDossierPayments(tx, head.dossierId);
      const row = rows.find((r) => r.id === head.id)!;
      const queried = input.source === 'confirm' ? {} : { lastQueryAt: now };
      if (
        (input.amount !== undefined && input.amount !== row.amount) ||
        (input.currency !== undefined && input.currency !== row.currency)
      ) {
        const what =
          input.amount !== undefined && input.amount !== row.amount
            ? `amount ${input.amount} ≠ ${row.amount}`
            : `currency ${input.currency} ≠ ${row.currency}`;
        await event(tx, 'mismatch', row, what);
        return { result: 'mismatch' as const, row };
      }
      if (input.state === 'success') {
        if (row.status === 'paid' || row.status === 'refunded') {
          await event(tx, 'duplicate', row, `already ${row.status}`);
          return { result: 'duplicate' as const, row };
        }
        const other = creditedOther(rows, row.id);
        const updated = await updatePayment(tx, row.id, {
          status: 'paid',
          paidAt: input.at ?? now,
          platformTransactionId: input.transactionId || row.platformTransactionId,
          bankCode: input.bankCode || row.bankCode,
          creditedAt: other ? null : now,
          duplicateOf: other?.id ?? null,
          updatedAt: now,
          ...queried,
        });
        await event(tx, input.source, updated, other ? 'paid_twice' : 'credited');
        await enqueueJob(
          tx,
          AFTER_CREDIT_TASK,
          { reference: row.reference },
          {
            runAt: new Date(now.getTime() + AFTER_CREDIT_DELAY_MS),
            jobKey: `${AFTER_CREDIT_TASK}:${row.reference}`,
          },
        );
        return { result: other ? ('paid_twice' as const) : ('credited' as const), row: updated };
      }
      if (input.state === 'failed') {
        if (row.status === 'paid' || row.status === 'refunded') {
          await event(tx, 'duplicate', row, `failure after ${row.status} ignored`);
          return { result: 'duplicate' as const, row };
        }
        const status = input.errorCode === ConfirmCode.CANCELLED ? 'abandoned' : 'failed';
        if (row.status === status && input.source === 'confirm') {
          await event(tx, 'duplicate', row, `already ${status}`);
          return { result: 'duplicate' as const, row };
        }
        const updated = await updatePayment(tx, row.id, { status, updatedAt: now, ...queried });
        await event(tx, input.source, updated, status);
        return { result: 'failed' as const, row: updated };
      }
      const updated = await updatePayment(tx, row.id, {
        ...(row.status === 'initiated' ? { status: 'pending' as const } : {}),
        updatedAt: now,
        ...queried,
      });
      await event(tx, input.source, updated, 'pending');
      return { result: 'pending' as const, row: updated };
    });
    if (outcome.result === 'credited' || outcome.result === 'paid_twice') {
      const reference = outcome.row.reference;
      // The dossier's log now (the citizen sees it on return); the receipt after answering.
      await creditDossier(outcome.row).catch((error: unknown) =>
        log.warn({ err: error, reference }, 'payments: dossier credit deferred to the job'),
      );
      background(() => fetchPlatformReceipt(outcome.row));
    }
    return outcome;
  }

  // ---- the platform's CONFIRM ----------------------------------------------------------------

  type AckStatus = 200 | 400 | 401 | 404 | 409;
  const ACK: Record<SettleResult, { status: AckStatus; ack: PlatformAck }> = {
    credited: { status: 200, ack: { error_code: '0', message: 'Đã ghi nhận giao dịch.' } },
    paid_twice: {
      status: 200,
      ack: {
        error_code: '0',
        message: 'Đã ghi nhận giao dịch (hồ sơ đã được thanh toán trước đó).',
      },
    },
    duplicate: {
      status: 200,
      ack: { error_code: '0', message: 'Giao dịch đã được ghi nhận trước đó.' },
    },
    failed: {
      status: 200,
      ack: { error_code: '0', message: 'Đã ghi nhận giao dịch không thành công.' },
    },
    pending: {
      status: 200,
      ack: { error_code: '0', message: 'Đã ghi nhận giao dịch đang xử lý.' },
    },
    unknown_reference: {
      status: 404,
      ack: { error_code: '5', message: 'Không tìm thấy giao dịch có mã tham chiếu này.' },
    },
    mismatch: {
      status: 409,
      ack: {
        error_code: '3',
        message: 'Số tiền hoặc loại tiền không khớp với giao dịch đã khởi tạo; không ghi nhận.',
      },
    },
  };

  /** `POST /api/payments/platform/confirm`: verified first; a forgery changes nothing. */
  async function confirm(body: unknown): Promise<{ status: AckStatus; ack: PlatformAck }> {
    const verified = platform.verifyConfirm(body);
    if (!verified.ok) {
      const ref = (body as { MaThamChieu?: unknown } | null)?.MaThamChieu;
      const reference = typeof ref === 'string' ? ref.slice(0, 200) : null;
      await logEvent(db, {
        paymentId: null,
        reference,
        kind: 'forged',
        body: body ?? null,
        outcome: `${verified.reason}: ${verified.message}`,
        at: clock.now(),
      });
      log.warn({ reference, reason: verified.reason }, 'payments: CONFIRM refused');
      return {
        status: verified.reason === 'checksum' ? 401 : 400,
        ack: {
          error_code: verified.reason === 'checksum' ? '2' : '3',
          message:
            verified.reason === 'checksum'
              ? 'Mã xác thực (MaXacThuc) không đúng; bản tin không được ghi nhận.'
              : `Bản tin CONFIRM không hợp lệ; không được ghi nhận. ${verified.message}`,
        },
      };
    }
    const c = verified.confirm;
    const { result } = await settle({
      source: 'confirm',
      reference: c.reference,
      state: c.success ? 'success' : 'failed',
      errorCode: c.errorCode,
      amount: c.amount,
      currency: c.currency,
      transactionId: c.transactionId,
      bankCode: c.bankCode,
      at: c.at,
      body,
    });
    return ACK[result];
  }

  /** Asks the platform (QUERY) and applies its answer. */
  async function queryAndSettle(
    row: PaymentRow,
    source: 'query' | 'return',
  ): Promise<SettleResult> {
    try {
      const answer = await platform.query(row.reference);
      const { result } = await settle({
        source,
        reference: row.reference,
        state: answer.state,
        amount: answer.amount,
        transactionId: answer.transactionId,
        bankCode: answer.bankCode,
        at: answer.at,
        body: answer.raw,
      });
      return result;
    } catch (error) {
      if (!(error instanceof IntegrationError)) throw error;
      const now = clock.now();
      // Never registered on the platform (INIT lost on the way): nothing will ever be paid.
      const abandoned = error.kind === 'not_found' && source === 'query';
      await db.transaction(async (tx) => {
        await updatePayment(tx, row.id, {
          lastQueryAt: now,
          ...(abandoned ? { status: 'abandoned' as const, updatedAt: now } : {}),
        });
        await logEvent(tx, {
          paymentId: row.id,
          reference: row.reference,
          kind: source,
          body: null,
          outcome: `${error.kind}: ${error.message}`.slice(0, 500),
          at: now,
        });
      });
      if (!abandoned) throw error;
      return 'failed';
    }
  }

  /** The job: QUERY online payments nobody confirmed (a lost callback, domain.md §4.6). */
  async function queryOpen(): Promise<{ queried: number; credited: number }> {
    const now = clock.now().getTime();
    const rows = await openOnlinePayments(db, {
      createdBefore: new Date(now - deps.settings.queryAfterMinutes * 60_000),
      createdAfter: new Date(now - QUERY_WINDOW_MS),
      queriedBefore: new Date(now - QUERY_EVERY_MS),
      limit: QUERY_BATCH,
    });
    let credited = 0;
    let queried = 0;
    for (const row of rows) {
      try {
        const result = await queryAndSettle(row, 'query');
        queried += 1;
        if (result === 'credited' || result === 'paid_twice') credited += 1;
      } catch (error) {
        // The platform down: the next round asks again; no point asking the others now.
        if (error instanceof IntegrationError && error.kind !== 'rejected') break;
        log.warn({ err: error, reference: row.reference }, 'payments: QUERY failed');
      }
    }
    if (rows.length > 0) log.info({ queried, credited }, 'payments: open transactions queried');
    return { queried, credited };
  }

  // ---- use cases -----------------------------------------------------------------------------

  return {
    settle,
    confirm,
    afterCredit,
    /** Waits for receipt fetches started after an answer (tests; shutdown). */
    drain: async () => {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    async dossierPayments(code: string, caller: Caller): Promise<DossierPayments> {
      const due = await readableDue(code, caller);
      const rows = await paymentsOfDossier(db, due.dossierId);
      const receipts = await receiptsOf(
        db,
        rows.map((r) => r.id),
      );
      const amount = owed(due);
      const credited = creditedOther(rows, null);
      const charge = amount !== null && !credited ? await chargeOf(due, amount) : null;
      return {
        due: charge && amount !== null ? { amount, items: charge.items } : null,
        onlineEnabled: deps.settings.enabled,
        items: rows
          .map((row) =>
            viewOf(
              row,
              receipts.find((r) => r.paymentId === row.id && r.status === 'issued'),
            ),
          )
          .reverse(),
      };
    },

    /**
     * INIT for the applicant's "Thanh toán" (domain.md §4.6). One Idempotency-Key, one INIT: the
     * row is inserted and INIT sent in one transaction, so a double click waits on the first
     * click's key and answers with its payment. The platform down: 503, nothing paid, the attempt
     * kept as 'failed' (without the key, so the citizen's retry is a new attempt).
     */
    async startOnline(
      code: string,
      caller: Caller & { payer: { name: string; idNumber: string | null } },
      key: string,
      ip: string,
    ): Promise<StartPaymentResult> {
      const scopedKey = `online:${caller.actor.kind}:${caller.actor.id}:${key}`;
      const again = await paymentByKey(db, scopedKey);
      if (again)
        return { reference: again.reference, payUrl: again.payUrl ?? '', status: again.status };
      const due = await readableDue(code, caller);
      if (caller.actor.kind !== 'applicant' || due.applicantAccountId !== caller.actor.id) {
        throw new AppError(
          'FORBIDDEN',
          'Chỉ người nộp hồ sơ thanh toán trực tuyến được; cán bộ ghi nhận nộp phí tại quầy.',
        );
      }
      if (!deps.settings.enabled) {
        throw new AppError(
          'CONFLICT',
          'Thanh toán trực tuyến hiện chưa mở; vui lòng nộp phí, lệ phí tại Bộ phận một cửa.',
        );
      }
      const amount = owed(due);
      if (amount === null) {
        throw new AppError('CONFLICT', 'Hồ sơ hiện không có khoản phí, lệ phí nào cần nộp.');
      }
      if (creditedOther(await paymentsOfDossier(db, due.dossierId), null)) {
        throw new AppError('CONFLICT', 'Hồ sơ đã được ghi nhận nộp phí, lệ phí.');
      }
      const charge = await chargeOf(due, amount);
      if (!charge.beneficiary || !charge.treasury) {
        throw new AppError(
          'CONFLICT',
          'Thủ tục này chưa khai báo tài khoản thụ hưởng và tài khoản thu ngân sách để thanh toán trực tuyến; vui lòng nộp phí, lệ phí tại Bộ phận một cửa.',
        );
      }
      const { beneficiary, treasury } = charge;
      const procedureName = (await deps.procedureName(due.procedureCode)) ?? due.procedureCode;
      const payer = {
        name: due.applicant.name || caller.payer.name,
        idNumber: due.applicant.idNumber ?? caller.payer.idNumber,
        address: due.applicant.address ?? null,
      };
      const base = clock.now();
      const description = `Nộp phí, lệ phí hồ sơ ${due.code}`;
      let lastError: unknown;
      // Two attempts on one dossier in the same second would share a reference: the next second.
      for (let bump = 0; bump < 5; bump++) {
        const at = new Date(base.getTime() + bump * 1000);
        const reference = referenceOf(due.code, at);
        const row = {
          reference,
          dossierId: due.dossierId,
          dossierCode: due.code,
          agencyId: due.agencyId,
          method: 'online' as const,
          amount,
          items: charge.items,
          scheduleId: charge.scheduleId,
          beneficiary,
          treasury,
          receiptSeries: charge.receiptSeries,
          payer,
          status: 'initiated' as const,
          createdAt: base,
          updatedAt: base,
          createdBy: caller.actor,
        };
        try {
          const started = await db.transaction(async (tx) => {
            const inserted = await insertPayment(tx, { ...row, idempotencyKey: scopedKey });
            const init = await platform.init({
              reference,
              amount,
              description,
              at,
              ip,
              receipt: {
                serviceCode: serviceCodeOf(due.procedureCode),
                procedureCode: due.procedureCode,
                procedureName,
                agencyCode: charge.agencyCode,
                agencyName: charge.agencyName,
                dossierCode: due.code,
                beneficiary,
                treasury,
                payer: {
                  name: payer.name,
                  idNumber: payer.idNumber ?? '',
                  ...(payer.address ? { address: payer.address } : {}),
                },
                items: charge.items.map(({ kind, code: itemCode, name, amount: a }) => ({
                  kind,
                  code: itemCode,
                  name,
                  amount: a,
                })),
              },
            });
            const updated = await updatePayment(tx, inserted.id, { payUrl: init.payUrl });
            await logEvent(tx, {
              paymentId: inserted.id,
              reference,
              kind: 'init',
              body: init.raw,
              outcome: 'ok',
              at: base,
            });
            return updated;
          });
          return {
            reference: started.reference,
            payUrl: started.payUrl ?? '',
            status: started.status,
          };
        } catch (error) {
          if (isUnique(error, 'pay_payment_idempotency_unique')) {
            const twin = await paymentByKey(db, scopedKey);
            if (twin)
              return { reference: twin.reference, payUrl: twin.payUrl ?? '', status: twin.status };
          }
          if (isUnique(error, 'pay_payment_reference_unique')) {
            lastError = error;
            continue;
          }
          if (error instanceof IntegrationError) {
            await db.transaction(async (tx) => {
              const failed = await insertPayment(tx, { ...row, status: 'failed' });
              await logEvent(tx, {
                paymentId: failed.id,
                reference,
                kind: 'init',
                body: null,
                outcome: `${error.kind}: ${error.message}`.slice(0, 500),
                at: base,
              });
            });
            log.warn({ err: error, reference }, 'payments: INIT failed');
            if (error.kind === 'rejected') {
              throw new AppError(
                'CONFLICT',
                'Nền tảng thanh toán từ chối khởi tạo giao dịch; hồ sơ chưa được ghi nhận nộp phí. Vui lòng nộp tại Bộ phận một cửa hoặc thử lại sau.',
                { cause: error },
              );
            }
            throw new AppError(
              'SERVICE_UNAVAILABLE',
              'Nền tảng thanh toán quốc gia đang không phản hồi; hồ sơ chưa được ghi nhận nộp phí và bạn chưa bị trừ tiền. Vui lòng thử lại sau ít phút.',
              { cause: error },
            );
          }
          throw error;
        }
      }
      throw lastError;
    },

    /**
     * Fees paid at the counter (cash, card, QR transfer): the payment, our receipt (its number
     * taken in the same transaction) and the credit, once per Idempotency-Key.
     */
    async payAtCounter(
      code: string,
      officer: CounterOfficer,
      body: CounterPaymentRequest,
      key: string,
    ): Promise<PaymentView> {
      const scopedKey = `counter:${officer.actor.kind}:${officer.actor.id}:${key}`;
      const again = await paymentByKey(db, scopedKey);
      if (again) return viewOfRow(again);
      const due = await readableDue(code, officer);
      if (!collects(officer, due)) {
        throw new AppError('FORBIDDEN', 'Bạn không có quyền thu phí, lệ phí của hồ sơ này.');
      }
      const amount = owed(due);
      if (amount === null) {
        throw new AppError('CONFLICT', 'Hồ sơ hiện không có khoản phí, lệ phí nào cần nộp.');
      }
      if (body.amount !== amount) {
        const f = new Intl.NumberFormat('vi-VN');
        throw new AppError(
          'VALIDATION_FAILED',
          `Số tiền nộp (${f.format(body.amount)} đồng) khác số phải nộp (${f.format(amount)} đồng).`,
          { issues: [{ path: 'amount', message: 'Số tiền không khớp với số phải nộp' }] },
        );
      }
      const charge = await chargeOf(due, amount);
      const procedureName = (await deps.procedureName(due.procedureCode)) ?? due.procedureCode;
      const now = clock.now();
      const payer = {
        name: due.applicant.name,
        idNumber: due.applicant.idNumber,
        address: due.applicant.address ?? null,
      };
      let row: PaymentRow;
      try {
        row = await db.transaction(async (tx) => {
          const rows = await lockDossierPayments(tx, due.dossierId);
          if (creditedOther(rows, null)) {
            throw new AppError('CONFLICT', 'Hồ sơ đã được ghi nhận nộp phí, lệ phí.');
          }
          const inserted = await insertPayment(tx, {
            reference: referenceOf(due.code, now, 'quay'),
            dossierId: due.dossierId,
            dossierCode: due.code,
            agencyId: due.agencyId,
            method: body.method,
            amount,
            items: charge.items,
            scheduleId: charge.scheduleId,
            beneficiary: charge.beneficiary,
            treasury: charge.treasury,
            receiptSeries: charge.receiptSeries,
            payer,
            status: 'paid',
            paidAt: now,
            creditedAt: now,
            createdAt: now,
            updatedAt: now,
            createdBy: officer.actor,
            idempotencyKey: scopedKey,
          });
          await issueOurs(tx, inserted, {
            agencyName: charge.agencyName,
            procedureName,
            actor: officer.actor,
            at: now,
          });
          await enqueueJob(
            tx,
            AFTER_CREDIT_TASK,
            { reference: inserted.reference },
            {
              runAt: new Date(now.getTime() + AFTER_CREDIT_DELAY_MS),
              jobKey: `${AFTER_CREDIT_TASK}:${inserted.reference}`,
            },
          );
          return inserted;
        });
      } catch (error) {
        if (isUnique(error, 'pay_payment_idempotency_unique')) {
          const twin = await paymentByKey(db, scopedKey);
          if (twin) return viewOfRow(twin);
        }
        if (isUnique(error, 'pay_payment_reference_unique')) {
          throw new AppError(
            'CONFLICT',
            'Hồ sơ vừa được ghi nhận nộp phí; vui lòng tải lại trang.',
          );
        }
        throw error;
      }
      await creditDossier(row).catch((error: unknown) =>
        log.warn({ err: error, reference: row.reference }, 'payments: dossier credit deferred'),
      );
      return viewOfRow(row);
    },

    /** The browser's return: never trusted, it only makes us ask the platform (QUERY). */
    async returnFrom(reference: string): Promise<string> {
      const row = await paymentByReference(db, reference);
      if (!row) throw notFound('Không tìm thấy giao dịch thanh toán.');
      if (row.method === 'online' && row.status !== 'paid' && row.status !== 'refunded') {
        await queryAndSettle(row, 'return').catch((error: unknown) =>
          log.warn({ err: error, reference }, 'payments: QUERY on return failed'),
        );
      }
      return row.dossierCode;
    },

    async detail(reference: string, caller: Caller | 'all'): Promise<PaymentDetail> {
      const row = await readablePayment(reference, caller);
      const receipt = await currentReceipt(db, row.id);
      return {
        reference: row.reference,
        status: row.status,
        amount: row.amount,
        paidAt: row.paidAt?.toISOString() ?? null,
        receipt: receipt
          ? { series: receipt.series, number: receipt.number, url: receiptUrl(row.reference) }
          : null,
        dossierCode: row.dossierCode,
        method: row.method,
        items: row.items,
      };
    },

    /** The receipt's PDF: ours, or the platform's (fetched now if the job has not yet). */
    async receiptPdf(reference: string, caller: Caller | 'all'): Promise<Buffer> {
      const row = await readablePayment(reference, caller);
      let receipt = await currentReceipt(db, row.id);
      if (!receipt && row.method === 'online' && row.status === 'paid') {
        await fetchPlatformReceipt(row).catch((error: unknown) => {
          throw new AppError(
            'SERVICE_UNAVAILABLE',
            'Chưa lấy được biên lai điện tử từ Nền tảng thanh toán; hệ thống sẽ tự lấy lại, vui lòng thử lại sau.',
            { cause: error },
          );
        });
        receipt = await currentReceipt(db, row.id);
      }
      if (!receipt?.storageKey) throw notFound('Giao dịch này chưa có biên lai.');
      const bytes = await deps.storage.get(receipt.storageKey);
      if (!bytes) throw notFound('Không tìm thấy tệp biên lai.');
      return bytes;
    },

    async receipts(reference: string, caller: Caller | 'all'): Promise<ReceiptView[]> {
      const row = await readablePayment(reference, caller);
      return (await receiptsOf(db, [row.id])).map((r) => receiptView(r, row.reference));
    },

    /** Cancels our receipt with a reason (never deletes it); `reissue` also issues its successor. */
    async cancelReceipt(
      id: string,
      reason: string,
      officer: CounterOfficer,
      reissue: boolean,
    ): Promise<ReceiptView> {
      const found = await receiptById(db, id);
      if (!found) throw notFound('Không tìm thấy biên lai.');
      const payment = (await paymentById(db, found.paymentId))!;
      const due = await readableDue(payment.dossierCode, officer);
      if (!collects(officer, due)) {
        throw new AppError('FORBIDDEN', 'Bạn không có quyền hủy, lập lại biên lai của hồ sơ này.');
      }
      if (found.kind !== 'ours') {
        throw new AppError(
          'CONFLICT',
          'Biên lai điện tử do Nền tảng thanh toán phát hành; việc hủy, lập lại thực hiện trên Nền tảng.',
        );
      }
      const agency = payment.agencyId ? await deps.findAgency(payment.agencyId) : undefined;
      const procedureName = (await deps.procedureName(due.procedureCode)) ?? due.procedureCode;
      const now = clock.now();
      const result = await db.transaction(async (tx) => {
        const receipt = (await receiptById(tx, id, true))!;
        if (receipt.status === 'cancelled' && (receipt.replacedBy !== null || !reissue)) {
          throw new AppError('CONFLICT', 'Biên lai này đã bị hủy trước đó.');
        }
        if (receipt.status === 'issued') {
          await updateReceipt(tx, id, {
            status: 'cancelled',
            cancelReason: reason,
            cancelledAt: now,
          });
        }
        if (!reissue) return { ...receipt, status: 'cancelled' as const, cancelReason: reason };
        const next = await issueOurs(tx, payment, {
          agencyName: agency?.name ?? '',
          procedureName,
          actor: officer.actor,
          at: now,
          replaces: { series: receipt.series ?? '', number: receipt.number ?? 0, reason },
        });
        await updateReceipt(tx, id, { replacedBy: next.id });
        return next;
      });
      return receiptView(result, payment.reference);
    },

    queryOpen,

    jobDefinitions(crontab: string): JobDefinitions {
      return {
        tasks: {
          [QUERY_TASK]: async () => {
            await queryOpen();
          },
          [AFTER_CREDIT_TASK]: async (payload) => {
            const reference = (payload as { reference?: unknown } | null)?.reference;
            if (typeof reference === 'string') await afterCredit(reference);
          },
        },
        crontab: [`${crontab} ${QUERY_TASK}`],
      };
    },
  };

  /** The payment if the caller may read its dossier (404 otherwise, as for the dossier). */
  async function readablePayment(reference: string, caller: Caller | 'all'): Promise<PaymentRow> {
    const row = await paymentByReference(db, reference);
    if (!row) throw notFound('Không tìm thấy giao dịch thanh toán.');
    if (caller !== 'all') {
      const due = await deps.dossiers.paymentDue(row.dossierCode, caller.canRead);
      if (!due) throw notFound('Không tìm thấy giao dịch thanh toán.');
    }
    return row;
  }

  /** Our receipt: the series' next number in the caller's transaction, the PDF stored. */
  async function issueOurs(
    tx: DbExecutor,
    payment: PaymentRow,
    o: {
      agencyName: string;
      procedureName: string;
      actor: PaymentActor;
      at: Date;
      replaces?: { series: string; number: number; reason: string };
    },
  ): Promise<ReceiptRow> {
    const series = payment.receiptSeries ?? 'BL-MC';
    const number = await nextReceiptNumber(tx, series);
    const pdf = await renderReceipt({
      agencyName: o.agencyName,
      series,
      number,
      issuedAt: o.at,
      payer: payment.payer,
      dossierCode: payment.dossierCode,
      procedureName: o.procedureName,
      items: payment.items,
      method: payment.method,
      treasury: payment.treasury,
      replaces: o.replaces,
    });
    // A rolled-back number is taken again by the next receipt, which overwrites this file.
    const key = `payments/receipts/${series.replace(/[^A-Za-z0-9.-]/g, '_')}/${number}.pdf`;
    await deps.storage.put(key, pdf, 'application/pdf');
    const { phi, lePhi } = sumByKind(payment.items);
    return insertReceipt(tx, {
      paymentId: payment.id,
      series,
      number,
      kind: 'ours',
      phi,
      lePhi,
      amount: payment.amount,
      treasury: payment.treasury,
      issuedAt: o.at,
      issuedBy: o.actor,
      storageKey: key,
    });
  }
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
