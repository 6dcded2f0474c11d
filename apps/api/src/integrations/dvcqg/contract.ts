/**
 * THEIR API: the DVCQG dossier-sync service (Cổng Dịch vụ công quốc gia), and the coordination
 * system (Hệ thống điều phối) which we assume has the same shape [U]. Field names are theirs
 * (domain.md §4.1–4.3). The envelope follows the OpenCPS adapter generation [I] S20:
 *
 *   POST {base}/auth         {username, password}                           → {error_code: 0, session}
 *   POST {base}/integration  {session, madonvi, service: "DongBoHoSoMC", isUpdating, data[]}
 *   POST {base}/integration  {session, madonvi, service: "CapNhatTienDoHoSoMC", data[≤10]}
 *   POST {base}/integration  {session, madonvi, service: "TraCuuHoSo", mahoso}
 *
 * Unconfirmed and therefore options, not constants: the paths (OpenCPS reads them from
 * configuration), the `error_code` values other than 0, the batch limits, the set of mandatory
 * fields beyond the identity, the allowed status transitions and the shape of the lookup reply.
 * Business errors come back as HTTP 200 with a non-zero `error_code` and a Vietnamese `message`,
 * as in the catalogue share service; a client must always read `error_code`.
 */
import { z } from 'zod';
import { NationalDate } from '../national-catalog/contract.js';

// The portal family shares one date format (yyyyMMddHHmmss, Asia/Ho_Chi_Minh [I] S20, S21);
// one implementation serves both contracts.
export {
  AuthRequest,
  AuthResult,
  NationalDate,
  RemoteErrorCode,
  ReplyEnvelope,
  formatNationalDate,
  parseNationalDate,
  type ErrorReply,
} from '../national-catalog/contract.js';

/** Targets of the same protocol: the national portal and the coordination system. */
export const SYNC_TARGETS = ['dvcqg', 'dieu-phoi'] as const;
export type SyncTarget = (typeof SYNC_TARGETS)[number];

export const TARGET_NAMES: Record<SyncTarget, string> = {
  dvcqg: 'Cổng Dịch vụ công quốc gia',
  'dieu-phoi': 'Hệ thống điều phối giải quyết TTHC',
};

export const DEFAULT_PATHS = { auth: '/auth', integration: '/integration' } as const;

/** `error_code` values. 0 = OK is confirmed [I]; the others are the simulator's choice [U]. */
export const DvcqgErrorCode = {
  OK: 0,
  BAD_CREDENTIALS: 1,
  INVALID_SESSION: 2,
  INVALID_REQUEST: 3,
  UNKNOWN_PROCEDURE: 4,
  ALREADY_EXISTS: 5,
  BAD_TRANSITION: 6,
  NOT_FOUND: 404,
  UNAVAILABLE: 503,
} as const;

/**
 * Thanh Hóa recognises "already exists" by the message text, not by a code [I] S21, so a client
 * must test the message too.
 */
export const ALREADY_EXISTS_PATTERN = /đã tồn tại/i;

/** Progress is sent in chunks of 10 [I] S21; whether the portal enforces it is [U]. */
export const PROGRESS_CHUNK_SIZE = 10;

/** TrangThaiHoSo, the 10 DVCQG codes [C] (domain.md §4.2). */
export const DOSSIER_STATUS = {
  MOI_DANG_KY: 1,
  DUOC_TIEP_NHAN: 2,
  KHONG_DUOC_TIEP_NHAN: 3,
  DANG_XU_LY: 4,
  YEU_CAU_BO_SUNG: 5,
  YEU_CAU_NGHIA_VU_TAI_CHINH: 6,
  CONG_DAN_RUT_HO_SO: 7,
  DUNG_XU_LY: 8,
  DA_XU_LY_XONG: 9,
  DA_TRA_KET_QUA: 10,
} as const;
export type DossierStatusCode = (typeof DOSSIER_STATUS)[keyof typeof DOSSIER_STATUS];

/** Sent as text ("9") by Thanh Hóa and as numbers elsewhere; both are accepted. */
export const StatusCode = z
  .union([z.number().int(), z.string().regex(/^\d{1,2}$/)])
  .transform(Number)
  .pipe(z.number().int().min(1).max(10));

const text = z.string();
/** 0/1 flags (766); seen as numbers and as text. */
const flag = z.union([z.number().int(), z.string()]);
const code = z.union([z.number().int(), z.string()]);

export const SubmittedDocument = z.looseObject({
  TepDinhKemId: code.optional(),
  TenTepDinhKem: text.optional(),
  IsDeleted: z.union([z.boolean(), flag]).optional(),
  MaThanhPhanHoSo: text.optional(),
  /** A URL the portal can download. */
  DuongDanTaiTepTin: text.optional(),
  DuocSoHoa: flag.optional(),
  DuocTaiSuDung: flag.optional(),
  DuocLayTuKhoDMQG: flag.optional(),
  MaKetQuaThayThe: text.optional(),
});

export const FeeLine = z.looseObject({
  TenPhiLePhi: text.optional(),
  MaPhiLePhi: text.optional(),
  HinhThucThu: code.optional(),
  Gia: z.union([z.number(), z.string()]).optional(),
  LoaiPhiLePhi: code.optional(),
});

export const Supplement = z.looseObject({
  HoSoBoSungId: code.optional(),
  NguoiYeuCauBoSung: text.optional(),
  NoiDungBoSung: text.optional(),
  NgayBoSung: NationalDate.optional(),
  NguoiTiepNhanBoSung: text.optional(),
  ThongTinTiepNhan: text.optional(),
  NgayTiepNhanBoSung: NationalDate.optional(),
  TrangThaiBoSung: code.optional(),
  DanhSachGiayToBoSung: z.array(z.unknown()).optional(),
  DanhSachLePhiBoSung: z.array(z.unknown()).optional(),
  NgayHenTraTruoc: NationalDate.optional(),
  NgayHenTraMoi: NationalDate.optional(),
});

export const ResultDocument = z.looseObject({
  TenGiayTo: text.optional(),
  MaThanhPhanHoSo: text.optional(),
  GiayToId: code.optional(),
  DuongDanTepTinKetQua: text.optional(),
  MaGiayToKetQua: text.optional(),
});

/**
 * One dossier as DongBoHoSoMC carries it ("HoSoDongBoDVC", §4.3). Only the identity is required
 * here; which other fields a strict portal demands is [U] and left to the simulator's options.
 * Loose: fields we have not seen must pass through, not be stripped.
 */
export const DossierRecord = z.looseObject({
  MaHoSo: z.string().min(1),
  MaTTHC: z.string().min(1),
  TrangThaiHoSo: StatusCode,
  TenTTHC: text.optional(),
  MaLinhVuc: text.optional(),
  TenLinhVuc: text.optional(),
  /** 1/2/3 [I, Thanh Hóa only]. */
  KenhThucHien: code.optional(),
  ChuHoSo: text.optional(),
  SoGiayToChuHoSo: text.optional(),
  /** Code list inconsistent across implementations (§4.3) [U]. */
  LoaiDoiTuong: code.optional(),
  MaDoiTuong: text.optional(),
  ThongTinKhac: text.optional(),
  Email: text.optional(),
  Fax: text.optional(),
  SoDienThoai: text.optional(),
  TrichYeuHoSo: text.optional(),
  DinhDanhCHS: z.array(z.looseObject({ LoaiDinhDanh: code, SoDinhDanh: text })).optional(),
  NgayNopHoSo: NationalDate.optional(),
  NgayTiepNhan: NationalDate.optional(),
  NgayHenTra: NationalDate.optional(),
  NgayTra: NationalDate.optional(),
  ThongTinTra: text.optional(),
  HinhThuc: code.optional(),
  NgayKetThucXuLy: NationalDate.optional(),
  NgayTuChoi: NationalDate.optional(),
  DonViXuLy: text.optional(),
  GhiChu: text.optional(),
  NoiNopHoSo: code.optional(),
  HoSoCoThanhPhanSoHoa: flag.optional(),
  TaiKhoanDuocXacThucVoiVNeID: flag.optional(),
  DuocThanhToanTrucTuyen: flag.optional(),
  DSKetNoiCSDL: z.array(z.looseObject({ MaCSDL: code })).optional(),
  TaiLieuNop: z.array(SubmittedDocument).optional(),
  DanhSachLePhi: z.array(FeeLine).optional(),
  DanhSachTepDinhKemKhac: z
    .array(
      z.looseObject({ TenGiayTo: text.optional(), SoLuong: code.optional(), LoaiGiayTo: code }),
    )
    .optional(),
  DanhSachHoSoBoSung: z.array(Supplement).optional(),
  DanhSachGiayToKetQua: z.array(ResultDocument).optional(),
});
/** What we send (status as number or text). */
export type DossierRecordInput = z.input<typeof DossierRecord>;
export type DossierRecord = z.output<typeof DossierRecord>;

/** One progress step, CapNhatTienDoHoSoMC ("QuaTrinhXuLyDongBoDVC", §4.3). */
export const ProgressRecord = z.looseObject({
  MaHoSo: z.string().min(1),
  TrangThai: StatusCode,
  ThoiDiemXuLy: NationalDate,
  /** Thanh Hóa caps it at 50 characters [I]; whether the portal does is [U]. */
  NguoiXuLy: text.optional(),
  ChucDanh: text.optional(),
  PhongBanXuLy: text.optional(),
  NoiDungXuLy: text.optional(),
  NgayBatDau: NationalDate.optional(),
  NgayKetThucTheoQuyDinh: NationalDate.optional(),
});
export type ProgressRecordInput = z.input<typeof ProgressRecord>;
export type ProgressRecord = z.output<typeof ProgressRecord>;

// ---- envelopes ------------------------------------------------------------------------------

// The envelope and the session login are the family's own, as in the catalogue share service.

const common = {
  session: z.string().min(1),
  /** Our agency e-ID, e.g. `000.00.01.H22` (§2.3). */
  madonvi: z.string().min(1),
};

/** OpenCPS sends the flag as the text "True"/"False" [I] S20. */
export const UpdatingFlag = z.enum(['True', 'False']);

export const SyncDossiersRequest = z.object({
  ...common,
  service: z.literal('DongBoHoSoMC'),
  isUpdating: UpdatingFlag,
  // Items are checked one by one so that a reply can name the dossier and field at fault.
  data: z.array(z.unknown()).min(1),
});

export const UpdateProgressRequest = z.object({
  ...common,
  service: z.literal('CapNhatTienDoHoSoMC'),
  data: z.array(z.unknown()).min(1),
});

export const LookupDossierRequest = z.object({
  ...common,
  service: z.literal('TraCuuHoSo'),
  mahoso: z.string().min(1),
});

// ---- reconciliation listing (giả định, cần xác nhận) ----------------------------------------

/**
 * The dossiers the portal holds for us, filed in a period: what a cross-system reconciliation
 * (đối chiếu, seed 002) reads. Neither OpenCPS nor Thanh Hóa shows such a service (domain.md §4.1
 * names only `TraCuuHoSo`, one code at a time), but the portal's own screens list synced dossiers
 * by period and unit, so an API behind them is likely. GIẢ ĐỊNH, CẦN XÁC NHẬN [U]: the service
 * name, its parameters, the paging and the reply; the client takes the name and the path as
 * options.
 *
 *   POST {base}/integration  {session, madonvi, service: "LayDanhSachHoSoDongBo",
 *                             tungay, denngay (yyyyMMddHHmmss, on NgayNopHoSo), trang, sobanghi}
 *     → {error_code: 0, total, result: [HoSoDongBoDVC…]}
 */
export const LIST_SERVICE = 'LayDanhSachHoSoDongBo';
export const LIST_MAX_PAGE_SIZE = 500;

export const ListSyncedDossiersRequest = z.object({
  ...common,
  service: z.literal(LIST_SERVICE),
  tungay: NationalDate,
  denngay: NationalDate,
  trang: z.number().int().min(1).default(1),
  sobanghi: z.number().int().min(1).max(LIST_MAX_PAGE_SIZE).default(LIST_MAX_PAGE_SIZE),
});

export const ListSyncedDossiersResult = z.object({
  total: z.number().int().min(0),
  result: z.array(DossierRecord),
});

export const SERVICES = [
  'DongBoHoSoMC',
  'CapNhatTienDoHoSoMC',
  'TraCuuHoSo',
  LIST_SERVICE,
] as const;
export type ServiceName = (typeof SERVICES)[number];

export const IntegrationRequest = z.discriminatedUnion('service', [
  SyncDossiersRequest,
  UpdateProgressRequest,
  LookupDossierRequest,
  ListSyncedDossiersRequest,
]);
export type IntegrationRequest = z.infer<typeof IntegrationRequest>;

/**
 * What TraCuuHoSo answers: the dossier as the portal now shows it, with its progress history.
 * The real reply shape was not seen [U]; this is the simulator's.
 */
export const LookedUpDossier = DossierRecord.extend({
  QuaTrinhXuLy: z.array(ProgressRecord).default([]),
});
export type LookedUpDossier = z.output<typeof LookedUpDossier>;

export const LookupResult = z.object({ result: z.array(LookedUpDossier) });
