import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { portalTransport } from '../common/portal-transport.js';
import type { IntegrationErrorKind } from '../integration-error.js';
import {
  type MessageKind,
  ConfirmBody,
  ConfirmCode,
  DEFAULT_PATHS,
  Envelope,
  FEE_KIND_CODES,
  GetBillResult,
  INIT_CONSTANTS,
  InitResult,
  PlatformErrorCode,
  PROTOCOL_VERSION,
  QueryReply,
  RECEIPT_SERVICE_KIND,
  SETTLEMENT_REFUNDED,
  SettlementResult,
  TransactionState,
  checksumOf,
  formatNationalDate,
  parseNationalDate,
  settlementDay,
  stateOfCode,
  type ConfirmResult,
  type GetBillRequest,
  type InitInput,
  type InitRequest,
  type PaymentPlatformPaths,
  type QueryOutcome,
  type QueryRequest,
  type SettlementLine,
  type SettlementRequest,
} from './contract.js';

export interface PaymentPlatformClientOptions {
  baseUrl: string;
  /** MaDoiTac. */
  partnerCode: string;
  /** The key shared with the platform for MaXacThuc; never logged. */
  secret: string;
  /** Per HTTP request, including reading the body. */
  timeoutMs?: number;
  paths?: Partial<PaymentPlatformPaths>;
  /** The clock for ThoiGianGD of QUERY / GET_BILL / DOI_SOAT. */
  now?: () => Date;
  fetch?: typeof fetch;
}

/** The only way production code talks to the payment platform (domain.md §4.6). */
export interface PaymentPlatformClient {
  /** INIT: registers the transaction and returns where to send the payer (UrlThanhToan). */
  init(input: InitInput): Promise<{ payUrl: string; raw: unknown }>;
  /** QUERY: the platform's view of a transaction (TrangThaiGD 1 / 3 / 4). */
  query(reference: string): Promise<QueryOutcome>;
  /** GET_BILL: the platform's e-receipt (UrlBienLai) and its PDF, downloaded. */
  getBill(reference: string): Promise<{ url: string; pdf?: Uint8Array }>;
  /** Checks a CONFIRM's shape, partner code and MaXacThuc (constant time). Never throws. */
  verifyConfirm(body: unknown): ConfirmResult;
  /** The platform's transactions settled on a day (YYYY-MM-DD, Vietnam time) [U]. */
  settlement(date: string): Promise<SettlementLine[]>;
}

const NAME = 'Nền tảng thanh toán DVCQG';

export function createPaymentPlatformClient(
  options: PaymentPlatformClientOptions,
): PaymentPlatformClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const paths = { ...DEFAULT_PATHS, ...options.paths };
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const send = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const { partnerCode, secret } = options;
  // Only its error naming and schema reading: the payment platform's replies are not all enveloped.
  const { fault, parse } = portalTransport({
    system: 'payment-platform',
    name: NAME,
    baseUrl,
    timeoutMs,
    fetch: send,
  });

  /** One HTTP exchange; failures of the exchange itself named as IntegrationError. */
  async function exchange(
    url: string,
    body?: unknown,
  ): Promise<{ status: number; type: string; bytes: Uint8Array }> {
    try {
      const response = await send(url, {
        method: body === undefined ? 'GET' : 'POST',
        headers:
          body === undefined
            ? { accept: 'application/pdf, application/json' }
            : { 'content-type': 'application/json', accept: 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (response.status >= 500 || response.status === 429) {
        throw fault('unavailable', `đang không phục vụ (HTTP ${response.status}).`, {
          status: response.status,
        });
      }
      return { status: response.status, type: response.headers.get('content-type') ?? '', bytes };
    } catch (error) {
      if (error instanceof Error && error.name === 'IntegrationError') throw error;
      if (
        error instanceof Error &&
        (error.name === 'TimeoutError' || error.name === 'AbortError')
      ) {
        throw fault('timeout', `không phản hồi trong ${timeoutMs} ms.`, { cause: error });
      }
      throw fault('unavailable', 'không kết nối được.', { cause: error });
    }
  }

  function json(reply: { status: number; bytes: Uint8Array }, what: string): unknown {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(reply.bytes));
    } catch (error) {
      if (reply.status >= 400) {
        throw fault('rejected', `từ chối ${what} (HTTP ${reply.status}).`, {
          status: reply.status,
        });
      }
      throw fault('bad_response', `${what}: phản hồi không phải JSON (HTTP ${reply.status}).`, {
        status: reply.status,
        cause: error,
      });
    }
    if (reply.status >= 400) {
      const detail = (value as { message?: unknown; MoTaLoi?: unknown } | null) ?? {};
      const message =
        typeof detail.message === 'string'
          ? detail.message
          : typeof detail.MoTaLoi === 'string'
            ? detail.MoTaLoi
            : undefined;
      throw fault(
        'rejected',
        `từ chối ${what} (HTTP ${reply.status})${message ? `: ${message}` : '.'}`,
        { status: reply.status },
      );
    }
    return value;
  }

  /** Their error code as the kind of failure it is for us. */
  function refused(code: string, message: string | null | undefined, what: string) {
    const kind: IntegrationErrorKind =
      code === PlatformErrorCode.NOT_FOUND
        ? 'not_found'
        : code === PlatformErrorCode.UNAVAILABLE
          ? 'unavailable'
          : 'rejected';
    const remoteCode = /^-?\d+$/.test(code) ? Number(code) : undefined;
    return fault(kind, `${what}: ${message || 'không rõ lý do'} (mã ${code}).`, {
      ...(remoteCode === undefined ? {} : { remoteCode }),
    });
  }

  /** INIT, GET_BILL, DOI_SOAT: `{error_code, message}` whose message is JSON text on success. */
  async function enveloped<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    what: string,
  ): Promise<{ result: z.output<S>; raw: unknown }> {
    const raw = json(await exchange(`${baseUrl}${path}`, body), what);
    const envelope = parse(Envelope, raw, what);
    if (Number(envelope.error_code) !== 0)
      throw refused(envelope.error_code, envelope.message, what);
    let inner: unknown;
    try {
      inner = JSON.parse(envelope.message ?? '');
    } catch (error) {
      throw fault('bad_response', `${what}: message không phải JSON.`, { cause: error });
    }
    return { result: parse(schema, inner, what), raw };
  }

  function signed<T extends Record<string, unknown>>(
    kind: MessageKind,
    message: T,
  ): T & { MaXacThuc: string } {
    return { ...message, MaXacThuc: checksumOf(kind, message, secret) };
  }

  function lookup(kind: 'QUERY' | 'GET_BILL', reference: string) {
    return signed(kind, {
      LoaiBanTin: kind,
      PhienBan: PROTOCOL_VERSION,
      MaDoiTac: partnerCode,
      MaThamChieu: reference,
      ThoiGianGD: formatNationalDate(now()),
    }) satisfies QueryRequest & GetBillRequest;
  }

  return {
    async init(input) {
      const { receipt } = input;
      const amount = (value: number) => String(value);
      const request = signed('INIT', {
        LoaiBanTin: 'INIT' as const,
        PhienBan: PROTOCOL_VERSION,
        MaDoiTac: partnerCode,
        MaThamChieu: input.reference,
        SoTien: amount(input.amount),
        ...INIT_CONSTANTS,
        ThongTinGiaoDich: input.description,
        ThoiGianGD: formatNationalDate(input.at),
        Ip: input.ip,
        ThongTinBienLai: {
          MaDichVu: RECEIPT_SERVICE_KIND,
          MaDVC: receipt.serviceCode,
          TenDVC: receipt.procedureName,
          MaTTHC: receipt.procedureCode,
          TenTTHC: receipt.procedureName,
          MaDonVi: receipt.agencyCode,
          TenDonVi: receipt.agencyName,
          MaHoSo: receipt.dossierCode,
          TKThuHuong: receipt.beneficiary.accountNo,
          MaNHThuHuong: receipt.beneficiary.bankCode,
          TenTKThuHuong: receipt.beneficiary.accountName,
          TaiKhoanThuNSNN: receipt.treasury.accountNo,
          KhoBac: receipt.treasury.name,
          // Fines (thu phạt) fields stay empty: we collect fees only.
          MaLoaiHinhThuPhat: '',
          TenLoaiHinhThuPhat: '',
          MaCoQuanQD: '',
          TenCoQuanQD: '',
          NgayQD: '',
          SoQD: '',
          ThoiGianViPham: '',
          DiaDiemViPham: '',
          TenNguoiViPham: '',
          NoiDungThanhToan: input.description,
          HoTenNguoiNop: receipt.payer.name,
          SoCMNDNguoiNop: receipt.payer.idNumber,
          DiaChiNguoiNop: receipt.payer.address ?? '',
          HuyenNguoiNop: '',
          TinhNguoiNop: '',
          PhiLePhi: receipt.items.map((item) => ({
            LoaiPhiLePhi: FEE_KIND_CODES[item.kind],
            MaPhiLePhi: item.code,
            TenPhiLePhi: item.name,
            SoTien: amount(item.amount),
          })),
          DSKhoanNop: receipt.items.map((item) => ({
            NoiDung: item.name,
            SoTien: amount(item.amount),
          })),
        },
      }) satisfies InitRequest;
      const { result, raw } = await enveloped(paths.init, request, InitResult, 'khởi tạo (INIT)');
      return { payUrl: result.UrlThanhToan, raw };
    },

    async query(reference) {
      const what = 'tra cứu giao dịch (QUERY)';
      const raw = json(
        await exchange(`${baseUrl}${paths.query}`, lookup('QUERY', reference)),
        what,
      );
      const reply = parse(QueryReply, raw, what);
      if (Number(reply.MaLoi) !== 0) throw refused(reply.MaLoi, reply.MoTaLoi, what);
      const state = stateOfCode(reply.TrangThaiGD ?? '');
      if (!state) {
        throw fault('bad_response', `${what}: TrangThaiGD không xác định (${reply.TrangThaiGD}).`);
      }
      const at = reply.ThoiGianGD ? parseNationalDate(reply.ThoiGianGD) : undefined;
      return {
        state,
        ...(typeof reply.SoTien === 'number' ? { amount: reply.SoTien } : {}),
        ...(reply.MaGiaoDich ? { transactionId: reply.MaGiaoDich } : {}),
        ...(reply.MaNganHang ? { bankCode: reply.MaNganHang } : {}),
        ...(at ? { at } : {}),
        raw,
      };
    },

    async getBill(reference) {
      const what = 'lấy biên lai (GET_BILL)';
      const url = `${baseUrl}${paths.getBill}`;
      const reply = await exchange(url, lookup('GET_BILL', reference));
      // Thanh Hóa stores the reply body itself as the receipt [I]; §4.6 says UrlBienLai.
      if (reply.status === 200 && isPdf(reply.bytes)) return { url, pdf: reply.bytes };
      const envelope = parse(Envelope, json(reply, what), what);
      if (Number(envelope.error_code) !== 0)
        throw refused(envelope.error_code, envelope.message, what);
      let inner: unknown;
      try {
        inner = JSON.parse(envelope.message ?? '');
      } catch (error) {
        throw fault('bad_response', `${what}: message không phải JSON.`, { cause: error });
      }
      const billUrl = parse(GetBillResult, inner, what).UrlBienLai;
      const file = await exchange(billUrl);
      if (file.status !== 200) {
        throw fault(
          file.status === 404 ? 'not_found' : 'rejected',
          `${what}: tải biên lai thất bại (HTTP ${file.status}).`,
          { status: file.status },
        );
      }
      if (!isPdf(file.bytes)) throw fault('bad_response', `${what}: tệp biên lai không phải PDF.`);
      return { url: billUrl, pdf: file.bytes };
    },

    verifyConfirm(body) {
      const parsed = ConfirmBody.safeParse(body);
      if (!parsed.success) {
        const where = parsed.error.issues
          .slice(0, 5)
          .map((i) => i.path.join('.') || '(gốc)')
          .join(', ');
        return { ok: false, reason: 'shape', message: `Bản tin CONFIRM sai cấu trúc ở: ${where}.` };
      }
      // Over the values as they were sent (SoTien "150000" or 150000 hash alike), not as parsed.
      const expected = checksumOf('CONFIRM', body as Record<string, unknown>, secret);
      if (!sameHex(expected, parsed.data.MaXacThuc)) {
        return { ok: false, reason: 'checksum', message: 'Mã xác thực (MaXacThuc) không đúng.' };
      }
      const data = parsed.data;
      if (data.MaDoiTac !== partnerCode) {
        return { ok: false, reason: 'shape', message: 'Mã đối tác (MaDoiTac) không khớp.' };
      }
      const at = parseNationalDate(data.ThoiGianGD);
      if (!at) return { ok: false, reason: 'shape', message: 'ThoiGianGD không hợp lệ.' };
      return {
        ok: true,
        confirm: {
          reference: data.MaThamChieu,
          success: data.MaLoi === ConfirmCode.SUCCESS,
          errorCode: data.MaLoi,
          amount: data.SoTien,
          currency: data.MaTienTe,
          transactionId: data.MaGiaoDich,
          bankCode: data.MaNganHang,
          at,
          info: data.ThongTinGiaoDich,
        },
      };
    },

    async settlement(date) {
      const request = signed('DOI_SOAT', {
        LoaiBanTin: 'DOI_SOAT' as const,
        PhienBan: PROTOCOL_VERSION,
        MaDoiTac: partnerCode,
        NgayDoiSoat: settlementDay(date),
        ThoiGianGD: formatNationalDate(now()),
      }) satisfies SettlementRequest;
      const what = 'đối soát (DOI_SOAT)';
      const { result } = await enveloped(paths.settlement, request, SettlementResult, what);
      return result.DanhSachGiaoDich.map((row, index) => {
        const state =
          row.TrangThaiGD === TransactionState.SUCCESS
            ? ('success' as const)
            : row.TrangThaiGD === TransactionState.FAILED
              ? ('failed' as const)
              : row.TrangThaiGD === SETTLEMENT_REFUNDED
                ? ('refunded' as const)
                : undefined;
        if (!state) {
          throw fault(
            'bad_response',
            `${what}: dòng ${index + 1} có TrangThaiGD không xác định (${row.TrangThaiGD}).`,
          );
        }
        return {
          reference: row.MaThamChieu,
          transactionId: row.MaGiaoDich,
          amount: row.SoTien,
          currency: row.MaTienTe,
          paidAt: parseNationalDate(row.ThoiGianGD) as Date,
          bankCode: row.MaNganHang,
          state,
        };
      });
    },
  };
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
function isPdf(bytes: Uint8Array): boolean {
  return PDF_MAGIC.every((byte, i) => bytes[i] === byte);
}

/** Constant-time comparison of two hex checksums (case-insensitive, as hex is). */
function sameHex(expected: string, given: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(given.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
