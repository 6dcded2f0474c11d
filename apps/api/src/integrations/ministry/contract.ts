/**
 * THEIR API: a ministry's centralized system for settling administrative procedures (Hệ thống
 * thông tin giải quyết TTHC tập trung của bộ, ngành), e.g. the Ministry of Justice's civil-status
 * system, as the province reads the dossiers of its procedures that run there (seed 004: "tiếp
 * nhận dữ liệu đồng bộ từ Hệ thống của bộ, ngành để tra cứu, theo dõi, thống kê"; domain.md §4.4).
 *
 * No ministry's share API was seen. The whole contract below is an assumption modelled on the
 * DVCQG adapter family (domain.md §4.1, OpenCPS [I] S20) — giả định, cần xác nhận với từng bộ:
 *
 *   POST {base}/auth         {username, password}                          → {error_code: 0, session}
 *   POST {base}/integration  {session, madonvi, service: "LayDanhSachHoSo",
 *                             tuThoiDiem, sauMaHoSo?, soLuong}              → {error_code: 0, result[], conTiep}
 *
 * - giả định, cần xác nhận: the envelope, the session login and `error_code` 0 = OK, as in the
 *   DVCQG family; the other codes are the simulator's choice;
 * - giả định, cần xác nhận: dates `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh, as everywhere in the family;
 * - giả định, cần xác nhận: "changed since" is keyset paging on (NgayCapNhat, MaHoSo): rows after
 *   `(tuThoiDiem, sauMaHoSo)` in that order. Page numbers over a list that changes while it is
 *   read skip rows; if a ministry offers only page numbers, the ingest must re-read an overlap;
 * - giả định, cần xác nhận: `TrangThaiHoSo` uses the 10 DVCQG codes (domain.md §4.2), and
 *   `KenhThucHien` 1 = trực tiếp, 2 = trực tuyến, 3 = bưu chính as in Thanh Hóa's sync [I];
 * - giả định, cần xác nhận: the applicant's name may come masked ("N*** V*** A***") or in full,
 *   and the ID number and phone, when given, may be partly masked; only their last four digits
 *   are kept here (the lookup's second factor).
 */
import { z } from 'zod';
import { NationalDate } from '../national-catalog/contract.js';

export {
  AuthRequest,
  AuthResult,
  NationalDate,
  ReplyEnvelope,
  formatNationalDate,
  parseNationalDate,
  type ErrorReply,
} from '../national-catalog/contract.js';

export const DEFAULT_PATHS = { auth: '/auth', integration: '/integration' } as const;

export const LIST_SERVICE = 'LayDanhSachHoSo';

/** `error_code` values: 0 = OK as in the family; the others are the simulator's (giả định). */
export const MinistryErrorCode = {
  OK: 0,
  BAD_CREDENTIALS: 1,
  INVALID_SESSION: 2,
  INVALID_REQUEST: 3,
  UNAVAILABLE: 503,
} as const;

/** Rows per page; the ministries' limits are unknown (giả định, cần xác nhận). */
export const MAX_PAGE_SIZE = 200;

/** Before any dossier: the first ingest asks from here. */
export const EPOCH = '20000101000000';

const code = z.union([z.number().int(), z.string().regex(/^\d{1,2}$/)]).transform(Number);

/** One dossier as the ministry's system shows it to the province. */
export const MinistryDossier = z.looseObject({
  MaHoSo: z.string().min(1).max(100),
  MaTTHC: z.string().min(1).max(50),
  TenTTHC: z.string().max(1000).optional(),
  /** The agency that received or settles it: its e-ID (QĐ 20/2020/QĐ-TTg) and name. */
  MaDonVi: z.string().max(50).optional(),
  TenDonVi: z.string().max(500).optional(),
  /** Masked or in full, depending on the ministry (giả định, cần xác nhận). */
  ChuHoSo: z.string().max(300).optional(),
  SoGiayToChuHoSo: z.string().max(50).optional(),
  SoDienThoai: z.string().max(50).optional(),
  NgayNopHoSo: NationalDate,
  NgayTiepNhan: NationalDate.optional(),
  NgayHenTra: NationalDate.optional(),
  /** When the result was ready (status 9) — "ngày có kết quả". */
  NgayCoKetQua: NationalDate.optional(),
  NgayTraKetQua: NationalDate.optional(),
  TrangThaiHoSo: code.pipe(z.number().int().min(1).max(10)),
  KenhThucHien: code.pipe(z.number().int().min(1).max(3)).optional(),
  /** The watermark: when the row last changed there. */
  NgayCapNhat: NationalDate,
});
export type MinistryDossierInput = z.input<typeof MinistryDossier>;
export type MinistryDossier = z.output<typeof MinistryDossier>;

export const ListRequest = z.object({
  session: z.string().min(1),
  /** The province asking (its code, e.g. "H75"). */
  madonvi: z.string().min(1),
  service: z.literal(LIST_SERVICE),
  tuThoiDiem: NationalDate,
  /** Tie-breaker within the same second: rows whose code sorts after it. */
  sauMaHoSo: z.string().optional(),
  soLuong: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE),
});
export type ListRequest = z.infer<typeof ListRequest>;

/** Rows are checked one by one by the client, so that one bad row names itself. */
export const ListResult = z.object({
  result: z.array(z.unknown()),
  /** More rows wait after this page. */
  conTiep: z.boolean(),
});
