/**
 * A stand-in for the DVCQG payment platform (see ../contract.ts) with its bank page. Development,
 * demos and tests only. It checks the partner code and every MaXacThuc, keeps each transaction,
 * and on the payer's choice posts a signed CONFIRM to the configured confirm URL, then sends the
 * browser back to the return URL (303).
 *
 * Control plane (never faulted):
 *   GET|PUT /__sim/config    {confirmUrl, returnBase, pendingMs}
 *   GET|PUT /__sim/callback  {mode, delayMs}: how the CONFIRM travels —
 *     normal (before the redirect), delay (delayMs after it), duplicate (twice), reorder (the
 *     success, then a correctly signed older failure of the same reference), forge (only a
 *     success CONFIRM with a wrong MaXacThuc; the real outcome stays for QUERY), drop (none)
 *   POST /__sim/pay/:ref     {outcome: success|failed|abandoned|pending, bankCode?} — pay without a browser
 *   GET  /__sim/transactions[/:ref]
 *   POST /__sim/plant        {kind: amount|unknown|missing, reference?, amount?, paidAt?} — what
 *     QUERY and the settlement report then differ in, for the reconciliation to find
 *   POST /__sim/refund/:ref  the platform refunds a paid transaction (settlement state 5)
 *   GET  /__sim/settlement?date=YYYY-MM-DD
 *   GET|PUT /__sim/fault     the common faults (down, slow, error5xx, timeout, malformed)
 */
import { randomInt } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CONTROL_PREFIX,
  installFaultSwitch,
  type FaultSettingInput,
} from '../../common/simulator/fault-switch.js';
import {
  ConfirmCode,
  DEFAULT_PATHS,
  GetBillRequest,
  InitRequest,
  PlatformErrorCode as Code,
  QueryRequest,
  SETTLEMENT_REFUNDED,
  SettlementRequest,
  TransactionState,
  checksumOf,
  formatNationalDate,
  vietnamDay,
  type ReceiptInfo,
} from '../contract.js';
import {
  bankPage,
  donePage,
  notFoundPage,
  receiptPdf,
  type PageTransaction,
  type SimOutcome,
} from './pages.js';

export const DEFAULT_PARTNER_CODE = 'MOTCUA';
export const DEFAULT_SECRET = 'payment-sim-secret';

export interface PaymentSimulatorOptions {
  partnerCode?: string;
  secret?: string;
  /** Where CONFIRM goes; default `<callbackBase>/api/payments/platform/confirm`. */
  confirmUrl?: string;
  /** The browser returns to `<returnBase>/api/payments/<ref>/return`. */
  returnBase?: string;
  /** The API's base URL: the default of both above. */
  callbackBase?: string;
  /** How long "Chờ xử lý rồi thành công" stays pending. */
  pendingMs?: number;
  fault?: FaultSettingInput | undefined;
  logger?: boolean;
}

const CALLBACK_MODES = ['normal', 'delay', 'duplicate', 'reorder', 'forge', 'drop'] as const;
const CallbackSetting = z.object({
  mode: z.enum(CALLBACK_MODES),
  delayMs: z.number().int().min(0).max(600_000).default(2_000),
});
type CallbackSetting = z.infer<typeof CallbackSetting>;

const SimConfig = z.object({
  confirmUrl: z.url().nullable().optional(),
  returnBase: z.url().nullable().optional(),
  pendingMs: z.number().int().min(0).max(600_000).optional(),
});

const Outcome = z.enum(['success', 'failed', 'abandoned', 'pending']);
const PayBody = z.object({ outcome: Outcome, bankCode: z.string().min(1).max(20).optional() });

const PlantBody = z.object({
  kind: z.enum(['amount', 'unknown', 'missing']),
  reference: z.string().min(1).optional(),
  amount: z.number().int().nonnegative().optional(),
  paidAt: z.iso.datetime({ offset: true }).optional(),
});

type TxState = 'initiated' | 'pending' | 'success' | 'failed' | 'abandoned' | 'refunded';

interface CallbackRecord {
  at: string;
  mode: CallbackSetting['mode'];
  body?: Record<string, unknown>;
  /** Signed with the wrong key (`forge`). */
  forged?: boolean;
  /** The older failure sent after the success (`reorder`). */
  stale?: boolean;
  status?: number;
  error?: string;
  dropped?: boolean;
}

interface Transaction extends PageTransaction {
  partnerCode: string;
  initAt: Date;
  ip: string;
  state: TxState;
  /** MaLoi of the outcome, once there is one. */
  errorCode: string;
  refundedAt?: Date;
  /** What QUERY and the settlement report instead of the amount (plant `amount`). */
  reportedAmount?: number;
  /** The platform has lost it (plant `missing`). */
  hidden?: boolean;
  planted?: 'amount' | 'unknown' | 'missing';
  callbacks: CallbackRecord[];
}

const BANKS = ['VCB', 'BIDV', 'VTB', 'AGR', 'TCB', 'MB'];

export function createPaymentPlatformSimulator(
  options: PaymentSimulatorOptions = {},
): FastifyInstance {
  const partnerCode = options.partnerCode ?? DEFAULT_PARTNER_CODE;
  const secret = options.secret ?? DEFAULT_SECRET;
  const base = options.callbackBase?.replace(/\/+$/, '');
  const config = {
    confirmUrl: options.confirmUrl ?? (base ? `${base}/api/payments/platform/confirm` : null),
    returnBase: options.returnBase ?? base ?? null,
    pendingMs: options.pendingMs ?? 3_000,
  };
  let callback: CallbackSetting = { mode: 'normal', delayMs: 2_000 };
  const transactions = new Map<string, Transaction>();
  const timers = new Set<NodeJS.Timeout>();
  let sequence = 0;

  const app: FastifyInstance = Fastify({
    logger: options.logger ?? false,
    forceCloseConnections: true,
  });
  installFaultSwitch(app, {
    initial: options.fault,
    unavailableBody: {
      error_code: Code.UNAVAILABLE,
      message: 'Nền tảng thanh toán đang bảo trì, vui lòng thử lại sau.',
    },
  });
  // The bank page's buttons post plain HTML forms.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.statusCode !== undefined && error.statusCode < 500) {
      return reply
        .code(400)
        .send(refuse(Code.INVALID_REQUEST, 'Yêu cầu không đúng định dạng JSON.'));
    }
    return reply.code(500).send(refuse('500', 'Lỗi hệ thống, vui lòng thử lại sau.'));
  });
  app.addHook('onClose', async () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  });

  const later = (ms: number, run: () => Promise<void> | void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void run();
    }, ms);
    timers.add(timer);
  };

  const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const returnUrlOf = (reference: string) =>
    config.returnBase
      ? `${config.returnBase.replace(/\/+$/, '')}/api/payments/${encodeURIComponent(reference)}/return`
      : undefined;

  /** The checks every signed request shares; the refusal to send, or undefined. */
  function refusal(
    kind: 'INIT' | 'QUERY' | 'GET_BILL' | 'DOI_SOAT',
    body: Record<string, unknown>,
  ): { code: string; message: string } | undefined {
    if (body.MaDoiTac !== partnerCode) {
      return { code: Code.BAD_PARTNER, message: 'Mã đối tác (MaDoiTac) không đúng.' };
    }
    const given = typeof body.MaXacThuc === 'string' ? body.MaXacThuc.toLowerCase() : '';
    if (given !== checksumOf(kind, body, secret)) {
      return { code: Code.BAD_CHECKSUM, message: 'Mã xác thực (MaXacThuc) không đúng.' };
    }
    return undefined;
  }

  const visible = (reference: string) => {
    const tx = transactions.get(reference);
    return tx && !tx.hidden ? tx : undefined;
  };

  // ---- CONFIRM delivery -------------------------------------------------------------------

  function confirmBody(
    tx: Transaction,
    override: Partial<Record<string, string | number>> = {},
    key = secret,
  ) {
    const body: Record<string, string | number> = {
      LoaiBanTin: 'CONFIRM',
      MaLoi: tx.errorCode,
      MaDoiTac: tx.partnerCode,
      MaThamChieu: tx.reference,
      SoTien: String(tx.amount),
      MaTienTe: 'VND',
      MaGiaoDich: tx.transactionId,
      MaNganHang: tx.bankCode,
      ThoiGianGD: formatNationalDate(tx.settledAt ?? new Date()),
      ThongTinGiaoDich: tx.description,
      ...override,
    };
    return { ...body, MaXacThuc: checksumOf('CONFIRM', body, key) };
  }

  async function post(tx: Transaction, record: CallbackRecord): Promise<void> {
    tx.callbacks.push(record);
    if (!config.confirmUrl) {
      record.error = 'Chưa cấu hình confirmUrl (PUT /__sim/config).';
      return;
    }
    try {
      const response = await fetch(config.confirmUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(record.body),
        signal: AbortSignal.timeout(10_000),
      });
      record.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** Sends the outcome's CONFIRM as the callback mode says; resolves before the redirect. */
  async function deliver(tx: Transaction): Promise<void> {
    const { mode, delayMs } = callback;
    const at = () => new Date().toISOString();
    switch (mode) {
      case 'normal':
        return post(tx, { at: at(), mode, body: confirmBody(tx) });
      case 'duplicate':
        await post(tx, { at: at(), mode, body: confirmBody(tx) });
        return post(tx, { at: at(), mode, body: confirmBody(tx) });
      case 'delay':
        later(delayMs, () => post(tx, { at: at(), mode, body: confirmBody(tx) }));
        return;
      case 'reorder': {
        await post(tx, { at: at(), mode, body: confirmBody(tx) });
        if (tx.state !== 'success') return;
        // An earlier card that failed, its callback arriving after the success.
        const earlier = new Date((tx.settledAt ?? new Date()).getTime() - 60_000);
        return post(tx, {
          at: at(),
          mode,
          stale: true,
          body: confirmBody(tx, {
            MaLoi: ConfirmCode.FAILED,
            MaGiaoDich: `${tx.transactionId}-0`,
            ThoiGianGD: formatNationalDate(earlier),
          }),
        });
      }
      case 'forge':
        return post(tx, {
          at: at(),
          mode,
          forged: true,
          body: confirmBody(
            tx,
            {
              MaLoi: ConfirmCode.SUCCESS,
              MaGiaoDich: tx.transactionId || `GD-FORGED-${tx.reference}`,
              MaNganHang: tx.bankCode || 'VCB',
            },
            `${secret}-forged`,
          ),
        });
      case 'drop':
        tx.callbacks.push({ at: at(), mode, dropped: true });
        return;
    }
  }

  /** Applies the payer's choice; false when the transaction is no longer waiting for one. */
  async function settle(tx: Transaction, outcome: SimOutcome, bankCode?: string): Promise<boolean> {
    if (tx.state !== 'initiated') return false;
    const finish = (state: 'success' | 'failed' | 'abandoned') => {
      tx.state = state;
      tx.settledAt = new Date();
      tx.errorCode =
        state === 'success'
          ? ConfirmCode.SUCCESS
          : state === 'failed'
            ? ConfirmCode.FAILED
            : ConfirmCode.CANCELLED;
      if (state === 'success') {
        sequence += 1;
        tx.transactionId = `GD${formatNationalDate(tx.settledAt)}${String(sequence).padStart(4, '0')}`;
        tx.bankCode = bankCode ?? BANKS[randomInt(BANKS.length)] ?? 'VCB';
      }
    };
    if (outcome === 'pending') {
      tx.state = 'pending';
      later(config.pendingMs, async () => {
        if (tx.state !== 'pending') return;
        finish('success');
        await deliver(tx);
      });
      return true;
    }
    finish(outcome);
    await deliver(tx);
    return true;
  }

  const view = (tx: Transaction) => ({
    reference: tx.reference,
    amount: tx.amount,
    reportedAmount: tx.reportedAmount ?? tx.amount,
    state: tx.state,
    errorCode: tx.errorCode,
    transactionId: tx.transactionId,
    bankCode: tx.bankCode,
    initAt: tx.initAt.toISOString(),
    settledAt: tx.settledAt?.toISOString() ?? null,
    refundedAt: tx.refundedAt?.toISOString() ?? null,
    hidden: tx.hidden ?? false,
    planted: tx.planted ?? null,
    dossierCode: tx.receipt.MaHoSo,
    callbacks: tx.callbacks,
  });

  function settlementRows(date: string) {
    const rows: Array<Record<string, string | number>> = [];
    for (const tx of transactions.values()) {
      if (tx.hidden) continue;
      const row = (state: string, at: Date) => ({
        MaThamChieu: tx.reference,
        MaGiaoDich: tx.transactionId,
        SoTien: String(tx.reportedAmount ?? tx.amount),
        MaTienTe: 'VND',
        ThoiGianGD: formatNationalDate(at),
        MaNganHang: tx.bankCode,
        TrangThaiGD: state,
      });
      const settled = tx.settledAt;
      if (settled && vietnamDay(settled) === date && tx.state !== 'pending') {
        const paid = tx.state === 'success' || tx.state === 'refunded';
        rows.push(row(paid ? TransactionState.SUCCESS : TransactionState.FAILED, settled));
      }
      if (tx.refundedAt && vietnamDay(tx.refundedAt) === date) {
        rows.push(row(SETTLEMENT_REFUNDED, tx.refundedAt));
      }
    }
    return rows;
  }

  // ---- their API ----------------------------------------------------------------------------

  app.post(DEFAULT_PATHS.init, async (request, reply) => {
    const parsed = InitRequest.safeParse(request.body);
    if (!parsed.success)
      return reply.code(400).send(refuse(Code.INVALID_REQUEST, invalid(parsed.error)));
    const body = request.body as Record<string, unknown>;
    const refused = refusal('INIT', body);
    if (refused) return refuse(refused.code, refused.message);
    const data = parsed.data;
    const itemsTotal = data.ThongTinBienLai.PhiLePhi.reduce((sum, line) => sum + line.SoTien, 0);
    if (data.SoTien <= 0 || itemsTotal !== data.SoTien) {
      return refuse(
        Code.INVALID_REQUEST,
        `Số tiền (${data.SoTien}) phải lớn hơn 0 và bằng tổng các khoản phí, lệ phí (${itemsTotal}).`,
      );
    }
    const existing = transactions.get(data.MaThamChieu);
    if (existing && existing.amount !== data.SoTien) {
      return refuse(Code.REFERENCE_EXISTS, 'Mã tham chiếu (MaThamChieu) đã tồn tại.');
    }
    // The same INIT again (a retry after a lost reply) gets the same page [U].
    if (!existing) {
      transactions.set(data.MaThamChieu, {
        reference: data.MaThamChieu,
        partnerCode: data.MaDoiTac,
        amount: data.SoTien,
        description: data.ThongTinGiaoDich,
        receipt: data.ThongTinBienLai as ReceiptInfo,
        initAt: new Date(),
        ip: data.Ip,
        state: 'initiated',
        errorCode: '',
        transactionId: '',
        bankCode: '',
        callbacks: [],
      });
    }
    const url = `${origin(request)}/thanh-toan/${encodeURIComponent(data.MaThamChieu)}`;
    return ok({ MaThamChieu: data.MaThamChieu, UrlThanhToan: url });
  });

  app.post(DEFAULT_PATHS.query, async (request, reply) => {
    const parsed = QueryRequest.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({ MaLoi: Code.INVALID_REQUEST, MoTaLoi: invalid(parsed.error) });
    }
    const refused = refusal('QUERY', request.body as Record<string, unknown>);
    if (refused) return { MaLoi: refused.code, MoTaLoi: refused.message };
    const tx = visible(parsed.data.MaThamChieu);
    if (!tx) return { MaLoi: Code.NOT_FOUND, MoTaLoi: 'Không tìm thấy giao dịch.' };
    const state =
      tx.state === 'success' || tx.state === 'refunded'
        ? TransactionState.SUCCESS
        : tx.state === 'failed' || tx.state === 'abandoned'
          ? TransactionState.FAILED
          : TransactionState.PENDING;
    const signed = confirmBody(tx, {
      LoaiBanTin: 'QUERY',
      MaLoi: '00',
      SoTien: String(tx.reportedAmount ?? tx.amount),
    });
    return { ...signed, MoTaLoi: 'Thành công', TrangThaiGD: state };
  });

  app.post(DEFAULT_PATHS.getBill, async (request, reply) => {
    const parsed = GetBillRequest.safeParse(request.body);
    if (!parsed.success)
      return reply.code(400).send(refuse(Code.INVALID_REQUEST, invalid(parsed.error)));
    const refused = refusal('GET_BILL', request.body as Record<string, unknown>);
    if (refused) return refuse(refused.code, refused.message);
    const tx = visible(parsed.data.MaThamChieu);
    if (!tx) return refuse(Code.NOT_FOUND, 'Không tìm thấy giao dịch.');
    if (tx.state !== 'success' && tx.state !== 'refunded') {
      return refuse(
        Code.INVALID_REQUEST,
        'Giao dịch chưa thanh toán thành công, chưa có biên lai.',
      );
    }
    return ok({
      UrlBienLai: `${origin(request)}/bien-lai/${encodeURIComponent(tx.reference)}.pdf`,
    });
  });

  app.post(DEFAULT_PATHS.settlement, async (request, reply) => {
    const parsed = SettlementRequest.safeParse(request.body);
    if (!parsed.success)
      return reply.code(400).send(refuse(Code.INVALID_REQUEST, invalid(parsed.error)));
    const refused = refusal('DOI_SOAT', request.body as Record<string, unknown>);
    if (refused) return refuse(refused.code, refused.message);
    const d = parsed.data.NgayDoiSoat;
    return ok({
      DanhSachGiaoDich: settlementRows(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`),
    });
  });

  // ---- the payer's pages ------------------------------------------------------------------

  const html = (reply: { type(t: string): unknown }) => reply.type('text/html; charset=utf-8');

  app.get<{ Params: { ref: string } }>('/thanh-toan/:ref', async (request, reply) => {
    const tx = visible(request.params.ref);
    html(reply);
    if (!tx) return reply.code(404).send(notFoundPage(request.params.ref));
    return tx.state === 'initiated' ? bankPage(tx) : donePage(tx, returnUrlOf(tx.reference));
  });

  app.post<{ Params: { ref: string } }>('/thanh-toan/:ref', async (request, reply) => {
    const tx = visible(request.params.ref);
    const outcome = Outcome.safeParse((request.body as { outcome?: unknown } | null)?.outcome);
    html(reply);
    if (!tx) return reply.code(404).send(notFoundPage(request.params.ref));
    if (!outcome.success) return reply.code(400).send(bankPage(tx));
    // Settled already (a second tab, a double click): nothing changes, the payer goes on.
    await settle(tx, outcome.data);
    const back = returnUrlOf(tx.reference);
    // Without a return address the page itself shows the outcome.
    return reply.code(303).redirect(back ?? `/thanh-toan/${encodeURIComponent(tx.reference)}`);
  });

  app.get<{ Params: { file: string } }>('/bien-lai/:file', async (request, reply) => {
    const reference = request.params.file.replace(/\.pdf$/, '');
    const tx = visible(reference);
    if (
      !request.params.file.endsWith('.pdf') ||
      !tx ||
      (tx.state !== 'success' && tx.state !== 'refunded')
    ) {
      html(reply);
      return reply.code(404).send(notFoundPage(reference));
    }
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${reference}.pdf"`)
      .send(await receiptPdf(tx));
  });

  // ---- control plane ------------------------------------------------------------------------

  const bad = (error: z.ZodError) => ({
    error: 'Yêu cầu điều khiển giả lập không hợp lệ',
    issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });

  app.get(`${CONTROL_PREFIX}/health`, async () => ({
    status: 'ok',
    transactions: transactions.size,
  }));
  app.get(`${CONTROL_PREFIX}/config`, async () => ({ ...config, partnerCode }));
  app.put(`${CONTROL_PREFIX}/config`, async (request, reply) => {
    const parsed = SimConfig.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(bad(parsed.error));
    const { confirmUrl, returnBase, pendingMs } = parsed.data;
    if (confirmUrl !== undefined) config.confirmUrl = confirmUrl;
    if (returnBase !== undefined) config.returnBase = returnBase;
    if (pendingMs !== undefined) config.pendingMs = pendingMs;
    return { ...config, partnerCode };
  });
  app.get(`${CONTROL_PREFIX}/callback`, async () => callback);
  app.put(`${CONTROL_PREFIX}/callback`, async (request, reply) => {
    const parsed = CallbackSetting.safeParse(request.body);
    if (!parsed.success) {
      return reply.code(400).send({ ...bad(parsed.error), allowedModes: CALLBACK_MODES });
    }
    callback = parsed.data;
    return callback;
  });
  app.post<{ Params: { ref: string } }>(`${CONTROL_PREFIX}/pay/:ref`, async (request, reply) => {
    const parsed = PayBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(bad(parsed.error));
    const tx = visible(request.params.ref);
    if (!tx) return reply.code(404).send({ error: 'Không tìm thấy giao dịch' });
    if (!(await settle(tx, parsed.data.outcome, parsed.data.bankCode))) {
      return reply.code(409).send({ error: 'Giao dịch đã được xử lý', transaction: view(tx) });
    }
    return { transaction: view(tx), returnUrl: returnUrlOf(tx.reference) ?? null };
  });
  app.get(`${CONTROL_PREFIX}/transactions`, async () => ({
    transactions: [...transactions.values()].map(view),
  }));
  app.get<{ Params: { ref: string } }>(
    `${CONTROL_PREFIX}/transactions/:ref`,
    async (request, reply) => {
      const tx = transactions.get(request.params.ref);
      if (!tx) return reply.code(404).send({ error: 'Không tìm thấy giao dịch' });
      return view(tx);
    },
  );
  app.get<{ Querystring: { date?: string } }>(
    `${CONTROL_PREFIX}/settlement`,
    async (request, reply) => {
      const date = request.query.date ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        return reply.code(400).send({ error: 'Cần tham số date dạng YYYY-MM-DD' });
      }
      return { date, rows: settlementRows(date) };
    },
  );
  app.post<{ Params: { ref: string } }>(`${CONTROL_PREFIX}/refund/:ref`, async (request, reply) => {
    const tx = visible(request.params.ref);
    if (!tx || tx.state !== 'success') {
      return reply
        .code(409)
        .send({ error: 'Chỉ hoàn tiền được giao dịch đã thanh toán thành công' });
    }
    tx.state = 'refunded';
    tx.refundedAt = new Date();
    return view(tx);
  });
  app.post(`${CONTROL_PREFIX}/plant`, async (request, reply) => {
    const parsed = PlantBody.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(bad(parsed.error));
    const { kind, reference, amount, paidAt } = parsed.data;
    if (kind === 'unknown') {
      // A paid transaction we never initiated (missing_here for the reconciliation).
      sequence += 1;
      const at = paidAt ? new Date(paidAt) : new Date();
      const ref =
        reference ?? `dvcSIM${formatNationalDate(at)}${String(sequence).padStart(4, '0')}`;
      if (transactions.has(ref)) return reply.code(409).send({ error: 'Mã tham chiếu đã tồn tại' });
      const tx: Transaction = {
        reference: ref,
        partnerCode,
        amount: amount ?? 50_000,
        description: `THANH TOAN ${ref}`,
        receipt: plantedReceipt(ref, amount ?? 50_000),
        initAt: at,
        ip: '127.0.0.1',
        state: 'success',
        errorCode: ConfirmCode.SUCCESS,
        transactionId: `GD${formatNationalDate(at)}${String(sequence).padStart(4, '0')}`,
        bankCode: 'VCB',
        settledAt: at,
        planted: 'unknown',
        callbacks: [],
      };
      transactions.set(ref, tx);
      return reply.code(201).send(view(tx));
    }
    const tx = reference ? transactions.get(reference) : undefined;
    if (!tx) return reply.code(404).send({ error: 'Cần reference của một giao dịch đã có' });
    tx.planted = kind;
    if (kind === 'amount') tx.reportedAmount = amount ?? tx.amount + 10_000;
    else tx.hidden = true;
    return reply.code(201).send(view(tx));
  });

  return app;
}

function ok(result: Record<string, unknown>) {
  return { error_code: Code.OK, message: JSON.stringify(result) };
}

function refuse(error_code: string, message: string) {
  return { error_code, message };
}

function invalid(error: z.ZodError): string {
  const where = error.issues
    .slice(0, 5)
    .map((i) => i.path.join('.') || '(gốc)')
    .join(', ');
  return `Yêu cầu không hợp lệ ở: ${where}.`;
}

function plantedReceipt(reference: string, amount: number): ReceiptInfo {
  return {
    MaDichVu: '2',
    MaDVC: '',
    TenDVC: '',
    MaTTHC: '',
    TenTTHC: 'Giao dịch không rõ nguồn (giả lập)',
    MaDonVi: '',
    TenDonVi: '',
    MaHoSo: '',
    TKThuHuong: '',
    MaNHThuHuong: '',
    TenTKThuHuong: '',
    NoiDungThanhToan: `THANH TOAN ${reference}`,
    HoTenNguoiNop: 'Không rõ',
    SoCMNDNguoiNop: '',
    PhiLePhi: [{ LoaiPhiLePhi: 'Phi', MaPhiLePhi: '', TenPhiLePhi: 'Không rõ', SoTien: amount }],
    DSKhoanNop: [{ NoiDung: 'Không rõ', SoTien: amount }],
  };
}
