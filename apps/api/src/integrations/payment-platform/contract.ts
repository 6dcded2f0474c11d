/**
 * THEIR API: the DVCQG payment platform (PaymentPlatform, domain.md §4.6). Message names, field
 * names, fixed values and checksum orders come from two independent implementations (Thanh Hóa
 * C# and an OpenCPS fork, S21/S22) [I]; no official specification was seen.
 *
 *   POST {base}{paths.init}       INIT      → {error_code: "0", message: "<json {UrlThanhToan}>"}
 *   POST <our confirm URL>        CONFIRM   (platform → us, signed; result of the payment)
 *   POST {base}{paths.query}      QUERY     → flat {MaLoi, MoTaLoi, TrangThaiGD, SoTien, …}
 *   POST {base}{paths.getBill}    GET_BILL  → {error_code: "0", message: "<json {UrlBienLai}>"}
 *   POST {base}{paths.settlement} DOI_SOAT  → {error_code: "0", message: "<json {DanhSachGiaoDich}>"}
 *
 * Assumptions [U], therefore options or named constants rather than scattered literals: the
 * endpoint paths (Thanh Hóa reads whole URLs from configuration), the error codes other than
 * "0"/"00", the settlement listing (no settlement file or service was seen at all), `MaDichVu`
 * "2" (Thanh Hóa's constant, meaning unknown) and `MaDVC` = MaTTHC + ".01" (Thanh Hóa's rule).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { formatNationalDate, parseNationalDate } from '../dvcqg/contract.js';

// The platform dates like the rest of the DVCQG family: yyyyMMddHHmmss, Asia/Ho_Chi_Minh, 24 h.
// Thanh Hóa formats "yyyyMMddhhmmss" (12 h) in places, which we take for a bug (§4.6) [U].
export { formatNationalDate, parseNationalDate };

/** PhienBan as Thanh Hóa sends it [I]. */
export const PROTOCOL_VERSION = '1.0.6';

/** Where each message goes, appended to the platform's base URL [U]. */
export const DEFAULT_PATHS = {
  init: '/paymentplatform/init',
  query: '/paymentplatform/query',
  getBill: '/paymentplatform/getbill',
  settlement: '/paymentplatform/doisoat',
} as const;
export type PaymentPlatformPaths = { [K in keyof typeof DEFAULT_PATHS]: string };

/** Fixed INIT values as Thanh Hóa sends them [I]. */
export const INIT_CONSTANTS = {
  LoaiHinhThanhToan: 'PAY',
  MaKenhThanhToan: '1',
  MaThietBi: '1',
  NgonNgu: 'vi-VN',
  MaTienTe: 'VND',
  MaNganHang: 'PAYMENT',
} as const;

/** `ThongTinBienLai.MaDichVu`: Thanh Hóa's constant; what it means is [U]. */
export const RECEIPT_SERVICE_KIND = '2';

/** `MaDVC` of a procedure's online service: MaTTHC + ".01", as Thanh Hóa builds it [U]. */
export function serviceCodeOf(procedureCode: string): string {
  return `${procedureCode}.01`;
}

/**
 * MaXacThuc field orders (domain.md §4.6, [I] S21). The checksum is the lowercase hex SHA-256 of
 * these fields' values and then the secret, all joined by "|". DOI_SOAT is ours [U].
 */
export const CHECKSUM_FIELDS = {
  INIT: [
    'LoaiBanTin',
    'PhienBan',
    'MaDoiTac',
    'MaThamChieu',
    'SoTien',
    'LoaiHinhThanhToan',
    'MaKenhThanhToan',
    'MaThietBi',
    'NgonNgu',
    'MaTienTe',
    'MaNganHang',
    'ThongTinGiaoDich',
    'ThoiGianGD',
    'Ip',
  ],
  CONFIRM: [
    'LoaiBanTin',
    'MaLoi',
    'MaDoiTac',
    'MaThamChieu',
    'SoTien',
    'MaTienTe',
    'MaGiaoDich',
    'MaNganHang',
    'ThoiGianGD',
    'ThongTinGiaoDich',
  ],
  QUERY: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'],
  GET_BILL: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'MaThamChieu', 'ThoiGianGD'],
  DOI_SOAT: ['LoaiBanTin', 'PhienBan', 'MaDoiTac', 'NgayDoiSoat', 'ThoiGianGD'],
} as const satisfies Record<string, readonly string[]>;
export type MessageKind = keyof typeof CHECKSUM_FIELDS;

/** sha256(v1|v2|…|vn|secret), lowercase hex (domain.md §4.6). */
export function checksum(values: readonly (string | number)[], secret: string): string {
  return createHash('sha256')
    .update([...values.map(String), secret].join('|'), 'utf8')
    .digest('hex');
}

/** The checksum of a message of the given kind; a missing field counts as "". */
export function checksumOf(
  kind: MessageKind,
  message: Readonly<Record<string, unknown>>,
  secret: string,
): string {
  return checksum(
    CHECKSUM_FIELDS[kind].map((field) => {
      const value = message[field];
      return typeof value === 'string' || typeof value === 'number' ? value : '';
    }),
    secret,
  );
}

/**
 * `error_code` of the enveloped replies (INIT, GET_BILL, DOI_SOAT) and `MaLoi` of QUERY: "0" /
 * "00" mean success [I]; the others are the simulator's choice [U].
 */
export const PlatformErrorCode = {
  OK: '0',
  BAD_PARTNER: '1',
  BAD_CHECKSUM: '2',
  INVALID_REQUEST: '3',
  REFERENCE_EXISTS: '4',
  NOT_FOUND: '5',
  UNAVAILABLE: '99',
} as const;

/** CONFIRM `MaLoi`: "00" = paid [I]; the failure codes are the simulator's [U]. */
export const ConfirmCode = {
  SUCCESS: '00',
  FAILED: '01',
  /** The payer left the bank page (Bỏ ngang); the platform reports it as a failure. */
  CANCELLED: '24',
} as const;

/** QUERY `TrangThaiGD` [I] S21: 3 = the platform does not know the final state yet. */
export const TransactionState = { SUCCESS: '1', PENDING: '3', FAILED: '4' } as const;
/** DOI_SOAT only: a paid transaction later refunded [U]. */
export const SETTLEMENT_REFUNDED = '5';

const text = z.string();
/** Whole VND; sent as text by Thanh Hóa and as a number in its CONFIRM model [I]. */
const Amount = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
]);
/** Codes seen as text; a number is accepted and read as its text. */
const Code = z.union([text, z.number().int().transform(String)]);
const NationalDateText = z
  .string()
  .refine((v) => parseNationalDate(v) !== undefined, 'ThoiGianGD phải có dạng yyyyMMddHHmmss');

// ---- INIT ------------------------------------------------------------------------------------

export const FeeLine = z.looseObject({
  /** "Phi" as Thanh Hóa sends it [I]; "LePhi" for lệ phí [U]. */
  LoaiPhiLePhi: text,
  MaPhiLePhi: text,
  TenPhiLePhi: text,
  SoTien: Amount,
});
export const FEE_KIND_CODES = { phi: 'Phi', 'le-phi': 'LePhi' } as const;

export const ReceiptInfo = z.looseObject({
  MaDichVu: text,
  MaDVC: text,
  TenDVC: text,
  MaTTHC: text,
  TenTTHC: text,
  MaDonVi: text,
  TenDonVi: text,
  MaHoSo: text,
  TKThuHuong: text,
  MaNHThuHuong: text,
  TenTKThuHuong: text,
  TaiKhoanThuNSNN: text.optional(),
  KhoBac: text.optional(),
  NoiDungThanhToan: text,
  HoTenNguoiNop: text,
  SoCMNDNguoiNop: text,
  DiaChiNguoiNop: text.optional(),
  HuyenNguoiNop: text.optional(),
  TinhNguoiNop: text.optional(),
  PhiLePhi: z.array(FeeLine),
  DSKhoanNop: z.array(z.looseObject({ NoiDung: text, SoTien: Amount })),
});
export type ReceiptInfo = z.infer<typeof ReceiptInfo>;

export const InitRequest = z.looseObject({
  LoaiBanTin: z.literal('INIT'),
  PhienBan: text,
  MaDoiTac: text.min(1),
  MaThamChieu: text.regex(/^\w{1,100}$/, 'MaThamChieu chỉ gồm chữ, số và dấu gạch dưới'),
  SoTien: Amount,
  LoaiHinhThanhToan: text,
  MaKenhThanhToan: text,
  MaThietBi: text,
  NgonNgu: text,
  MaTienTe: text,
  MaNganHang: text,
  ThongTinGiaoDich: text,
  ThoiGianGD: NationalDateText,
  Ip: text,
  MaXacThuc: text,
  ThongTinBienLai: ReceiptInfo,
});
export type InitRequest = z.input<typeof InitRequest>;

/** The envelope of INIT, GET_BILL and DOI_SOAT: `message` is JSON text on success. */
export const Envelope = z.object({ error_code: Code, message: text.optional() });

export const InitResult = z.looseObject({ UrlThanhToan: z.url() });

// ---- CONFIRM (platform → us) -------------------------------------------------------------------

export const ConfirmBody = z.looseObject({
  LoaiBanTin: z.literal('CONFIRM'),
  MaLoi: Code,
  MaDoiTac: text,
  MaThamChieu: text.min(1),
  SoTien: Amount,
  MaTienTe: text,
  /** Empty on a failed payment. */
  MaGiaoDich: text,
  MaNganHang: text,
  ThoiGianGD: NationalDateText,
  ThongTinGiaoDich: text,
  MaXacThuc: text,
});
export type ConfirmBody = z.input<typeof ConfirmBody>;

// ---- QUERY -----------------------------------------------------------------------------------

const Lookup = (kind: 'QUERY' | 'GET_BILL') =>
  z.looseObject({
    LoaiBanTin: z.literal(kind),
    PhienBan: text,
    MaDoiTac: text.min(1),
    MaThamChieu: text.min(1),
    ThoiGianGD: NationalDateText,
    MaXacThuc: text,
  });
export const QueryRequest = Lookup('QUERY');
export type QueryRequest = z.input<typeof QueryRequest>;

/**
 * Thanh Hóa's ConfirmDvcPaymentResponse [I]: flat, no envelope. `MaLoi` "00" = the query was
 * answered (our reading [U]); `TrangThaiGD` is the transaction's state. The reply carries a
 * MaXacThuc whose field order was not seen [U], so it is not checked.
 */
export const QueryReply = z.looseObject({
  MaLoi: Code,
  MoTaLoi: text.nullish(),
  MaThamChieu: text.nullish(),
  TrangThaiGD: Code.nullish(),
  SoTien: Amount.nullish(),
  MaGiaoDich: text.nullish(),
  MaNganHang: text.nullish(),
  ThoiGianGD: text.nullish(),
});

// ---- GET_BILL --------------------------------------------------------------------------------

export const GetBillRequest = Lookup('GET_BILL');
export type GetBillRequest = z.input<typeof GetBillRequest>;
/** Thanh Hóa instead saves the reply body itself as the PDF [I]; the client accepts both. */
export const GetBillResult = z.looseObject({ UrlBienLai: z.url() });

// ---- DOI_SOAT (settlement listing) [U] --------------------------------------------------------

export const SettlementRequest = z.looseObject({
  LoaiBanTin: z.literal('DOI_SOAT'),
  PhienBan: text,
  MaDoiTac: text.min(1),
  /** The settlement day, yyyyMMdd, Vietnam time. */
  NgayDoiSoat: text.regex(/^\d{8}$/),
  ThoiGianGD: NationalDateText,
  MaXacThuc: text,
});
export type SettlementRequest = z.input<typeof SettlementRequest>;

export const SettlementRow = z.looseObject({
  MaThamChieu: text.min(1),
  MaGiaoDich: text,
  SoTien: Amount,
  MaTienTe: text,
  ThoiGianGD: NationalDateText,
  MaNganHang: text,
  /** 1 success, 4 failed, 5 refunded [U]. */
  TrangThaiGD: Code,
});
export const SettlementResult = z.looseObject({ DanhSachGiaoDich: z.array(SettlementRow) });

// ---- Our side of it --------------------------------------------------------------------------

export interface InitInput {
  /** MaThamChieu: "dvc" + dossier code without non-word characters + yyyyMMddHHmmss (§4.6). */
  reference: string;
  /** Whole VND. */
  amount: number;
  /** ThongTinGiaoDich / NoiDungThanhToan. */
  description: string;
  at: Date;
  /** The payer's IP as we saw it. */
  ip: string;
  receipt: {
    /** MaDVC; `serviceCodeOf(procedureCode)` unless the catalogue says otherwise. */
    serviceCode: string;
    procedureCode: string;
    procedureName: string;
    /** MaDonVi: the agency's electronic ID. */
    agencyCode: string;
    agencyName: string;
    dossierCode: string;
    beneficiary: { accountNo: string; bankCode: string; accountName: string };
    treasury: { accountNo: string; name: string };
    payer: { name: string; idNumber: string; address?: string };
    items: Array<{ kind: 'phi' | 'le-phi'; code: string; name: string; amount: number }>;
  };
}

export type PaymentState = 'success' | 'pending' | 'failed';

export interface QueryOutcome {
  state: PaymentState;
  amount?: number;
  transactionId?: string;
  bankCode?: string;
  at?: Date;
  raw: unknown;
}

export interface VerifiedConfirm {
  reference: string;
  /** MaLoi "00". */
  success: boolean;
  /** MaLoi as sent; `ConfirmCode.CANCELLED` means the payer gave up. */
  errorCode: string;
  amount: number;
  currency: string;
  transactionId: string;
  bankCode: string;
  at: Date;
  info: string;
}

export type ConfirmResult =
  | { ok: true; confirm: VerifiedConfirm }
  | { ok: false; reason: 'checksum' | 'shape'; message: string };

export interface SettlementLine {
  reference: string;
  transactionId: string;
  amount: number;
  currency: string;
  paidAt: Date;
  bankCode: string;
  state: 'success' | 'failed' | 'refunded';
}

/** The transaction state behind a TrangThaiGD code; undefined for a code we do not know. */
export function stateOfCode(code: string): PaymentState | undefined {
  switch (code) {
    case TransactionState.SUCCESS:
      return 'success';
    case TransactionState.PENDING:
      return 'pending';
    case TransactionState.FAILED:
      return 'failed';
    default:
      return undefined;
  }
}

/** "YYYY-MM-DD" → "YYYYMMDD" (NgayDoiSoat). */
export function settlementDay(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return date.replaceAll('-', '');
}

/** The Vietnam calendar day (YYYY-MM-DD) of an instant: the settlement day it belongs to. */
export function vietnamDay(instant: Date): string {
  const t = formatNationalDate(instant);
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
}
