/**
 * THEIR API: the national TTHC catalogue share service (CSDLQG về TTHC via the DVCQG adapter), as
 * OpenCPS calls it (domain.md §4.1, §4.5, §5). Field names and envelopes are theirs, not ours.
 *
 *   POST {base}/auth   {username, password}                → {error_code: 0, session}
 *   POST {base}/share  {session, madonvi, service, ...}    → {error_code: 0, ...}
 *
 * Failures follow the legacy convention: business errors (wrong credentials, expired session,
 * unknown procedure) come back as HTTP 200 with a non-zero `error_code` and a Vietnamese
 * `message`; only a request they cannot parse gets HTTP 400. A client must therefore always read
 * `error_code`, never trust the HTTP status alone.
 *
 * Where the real field type was not seen (marked [U]), the schema follows what the simulator sends.
 */
import { z } from 'zod';

/** `error_code` values. 0 = OK is confirmed; the others are the simulator's own choice [U]. */
export const NationalCatalogErrorCode = {
  OK: 0,
  BAD_CREDENTIALS: 1,
  INVALID_SESSION: 2,
  INVALID_REQUEST: 3,
  NOT_FOUND: 404,
  UNAVAILABLE: 503,
} as const;

export const SERVICES = ['LayDanhSachTTHC', 'LayThuTuc'] as const;
export const ServiceName = z.enum(SERVICES);
export type ServiceName = z.infer<typeof ServiceName>;

export const MAX_PAGE_SIZE = 500;

// Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact.
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** Formats an instant as `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh, the format of every date there. */
export function formatNationalDate(instant: Date): string {
  const local = new Date(instant.getTime() + VN_OFFSET_MS);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    pad(local.getUTCFullYear(), 4) +
    pad(local.getUTCMonth() + 1) +
    pad(local.getUTCDate()) +
    pad(local.getUTCHours()) +
    pad(local.getUTCMinutes()) +
    pad(local.getUTCSeconds())
  );
}

/** Parses `yyyyMMddHHmmss` (Asia/Ho_Chi_Minh); undefined for malformed or impossible dates. */
export function parseNationalDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = m.slice(1).map(Number);
  const instant = new Date(Date.UTC(y, mo - 1, d, h, mi, s) - VN_OFFSET_MS);
  // Date.UTC silently rolls 31 February over into March; a round trip catches that.
  return formatNationalDate(instant) === text ? instant : undefined;
}

export const NationalDate = z.string().refine((v) => parseNationalDate(v) !== undefined, {
  message: 'Ngày phải có dạng yyyyMMddHHmmss (giờ Việt Nam)',
});

/** Seen as 0, "0" and "00" across implementations (§4.1), so accept digits as text too. */
export const RemoteErrorCode = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

/** Every reply carries this envelope; read it before the service-specific body. */
export const ReplyEnvelope = z.object({
  error_code: RemoteErrorCode,
  message: z.string().optional(),
});
export type ReplyEnvelope = z.infer<typeof ReplyEnvelope>;

export interface ErrorReply {
  error_code: number;
  message: string;
}

// ---- /auth ---------------------------------------------------------------------------------

export const AuthRequest = z.object({
  username: z.string().min(1),
  password: z.string().min(1),
});
export type AuthRequest = z.infer<typeof AuthRequest>;

export const AuthResult = z.object({ session: z.string().min(1) });
export type AuthResult = z.infer<typeof AuthResult>;

// ---- /share --------------------------------------------------------------------------------

const shareCommon = {
  session: z.string().min(1),
  /** The caller's agency e-ID (mã định danh điện tử của cơ quan). */
  madonvi: z.string().min(1),
};

export const ListProceduresRequest = z.object({
  ...shareCommon,
  service: z.literal('LayDanhSachTTHC'),
  /** Only records updated at or after this instant — for incremental import. */
  tuNgay: NationalDate.optional(),
  /** 1-based page number; default 1. */
  trang: z.number().int().min(1).optional(),
  /** Page size; default 100, at most 500. */
  soBanGhi: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});
export type ListProceduresRequest = z.infer<typeof ListProceduresRequest>;

export const GetProcedureRequest = z.object({
  ...shareCommon,
  service: z.literal('LayThuTuc'),
  maTTHC: z.string().min(1),
});
export type GetProcedureRequest = z.infer<typeof GetProcedureRequest>;

export const ShareRequest = z.discriminatedUnion('service', [
  ListProceduresRequest,
  GetProcedureRequest,
]);
export type ShareRequest = z.infer<typeof ShareRequest>;

export const ProcedureSummary = z.object({
  MATTHC: z.string(),
  TENTTHC: z.string(),
  NGAYCAPNHAT: NationalDate,
});
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

export const ListProceduresResult = z.object({
  /** Number of records matching the query across all pages. */
  total: z.number().int().min(0),
  result: z.array(ProcedureSummary),
});
export type ListProceduresResult = z.infer<typeof ListProceduresResult>;

export const FeeItem = z.object({
  MAPHILEPHI: z.string(),
  /** Amount in DONVI; null when the catalogue states a fee but no figure. */
  SOTIEN: z.number().nullable(),
  DONVI: z.string(),
  MOTA: z.string(),
});
export type FeeItem = z.infer<typeof FeeItem>;

export const ProcessingTime = z.object({
  /** null when the catalogue gives no figure. */
  THOIGIANGIAIQUYET: z.number().nullable(),
  /** e.g. "Ngày làm việc", "Ngày", "Giờ"; empty when the unit was not given. */
  DONVITINH: z.string(),
  MOTA: z.string(),
  PHILEPHI: z.array(FeeItem),
});
export type ProcessingTime = z.infer<typeof ProcessingTime>;

/** Submission channel: 1 = trực tiếp, 2 = trực tuyến, 3 = dịch vụ bưu chính. */
export const ChannelCode = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type ChannelCode = z.infer<typeof ChannelCode>;

export const ChannelTerms = z.object({
  KENH: ChannelCode,
  THOIGIAN: z.array(ProcessingTime),
});
export type ChannelTerms = z.infer<typeof ChannelTerms>;

export const RequiredPaper = z.object({
  MAGIAYTO: z.string(),
  TENGIAYTO: z.string(),
  TENMAUDON: z.string(),
  URL: z.string(),
  /** Quantity text, e.g. "1 bản chính,1 bản sao". Not among the fields seen in S20 [U]. */
  SOLUONG: z.string().optional(),
});
export type RequiredPaper = z.infer<typeof RequiredPaper>;

export const ProcedureRecord = z.object({
  MATTHC: z.string(),
  TENTTHC: z.string(),
  SOQUYETDINH: z.string(),
  /** Levels as text, e.g. "Cấp tỉnh, Cấp xã" [U: real type]. */
  CAPTHUCHIEN: z.string(),
  LOAITTHC: z.string(),
  LINHVUCTHUCHIEN: z.array(z.object({ MALINHVUC: z.string(), TENLINHVUC: z.string() })),
  TRINHTUTHUCHIEN: z.array(
    z.object({
      TRUONGHOP: z.string(),
      TRINHTU: z.array(z.object({ TENTRINHTU: z.string() })),
    }),
  ),
  CACHTHUCTHUCHIEN: z.array(ChannelTerms),
  THANHPHANHOSO: z.array(z.object({ TRUONGHOP: z.string(), GIAYTO: z.array(RequiredPaper) })),
  YEUCAU: z.string(),
  MOTADOITUONGTHUCHIEN: z.string(),
  KETQUATHUCHIEN: z.array(z.object({ MAKETQUA: z.string(), TENKETQUA: z.string() })),
  CANCUPHAPLY: z.array(z.object({ SOVANBAN: z.string(), TENVANBAN: z.string() })),
  /** 1 = đang công khai. */
  TRANGTHAI: z.number().int(),
  COQUANTHUCHIEN: z.array(z.object({ MADONVI: z.string(), TENDONVI: z.string() })),
  /** Levels of the executing agencies, one per item [U: real type]. */
  CAPDONVI: z.array(z.string()),
  NGAYCAPNHAT: NationalDate,
  // Portal fields that S20 did not show in LayThuTuc; optional so a real reply without them passes.
  COQUANCOTHAMQUYEN: z.string().optional(),
  COQUANPHOIHOP: z.string().optional(),
  DIACHITIEPNHAN: z.string().optional(),
  URLCHITIET: z.string().optional(),
});
export type ProcedureRecord = z.infer<typeof ProcedureRecord>;

export const GetProcedureResult = z.object({ result: z.array(ProcedureRecord) });
export type GetProcedureResult = z.infer<typeof GetProcedureResult>;
