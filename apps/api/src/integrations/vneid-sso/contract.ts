/**
 * The national SSO (SSO DVCQG, upstream VNeID) as far as the sources show (shared/docs/domain.md
 * §8): OpenID Connect authorization code flow at /oauth2/authorize and /oauth2/token, userinfo
 * with Vietnamese claim names, `acr_values=LoA1`. Accounts are keyed on `TechID`, the stable
 * DVCQG user id; `SoDinhDanh` (personal ID number) can change owner records and is not a key.
 */
import { z } from 'zod';

/** `LoaiTaiKhoan`: 1 = citizen (công dân), 2 = business (doanh nghiệp). */
export const AccountType = z.union([z.literal(1), z.literal(2)]);

const optionalText = z.string().nullish();
// The real service sends numbers as strings in places; accept both.
const loaiTaiKhoan = z.preprocess((v) => (typeof v === 'string' ? Number(v) : v), AccountType);

export const VneidUserInfo = z
  .object({
    sub: z.string().min(1),
    TechID: z.string().min(1),
    LoaiTaiKhoan: loaiTaiKhoan,
    SoDinhDanh: optionalText,
    SoCMND: optionalText,
    HoChieu: optionalText,
    MaSoThue: optionalText,
    MaSoDoanhNghiep: optionalText,
    TenDoanhNghiep: optionalText,
    MaBHXH: optionalText,
    HoVaTen: z.string().min(1),
    /** yyyyMMdd */
    NgayThangNamSinh: z
      .string()
      .regex(/^\d{8}$/)
      .nullish(),
    GioiTinh: optionalText,
    DanToc: optionalText,
    QuocTich: optionalText,
    QueQuan: optionalText,
    ThuongTru: optionalText,
    NoiOHienNay: optionalText,
    DiaChi: optionalText,
    SoDienThoai: optionalText,
    ThuDienTu: optionalText,
    TrangThai: optionalText,
    NguoiDaiDien: optionalText,
    /** Level of assurance, e.g. "LoA2" (VNeID level 2); `IAL` on the VNeID side. */
    loAs: z.union([z.string(), z.array(z.string())]).nullish(),
    IAL: optionalText,
    loginIdp: optionalText,
  })
  // Other claims (Cha, Me, VoChong, …) pass through untouched for the profile record.
  .loose();
export type VneidUserInfo = z.infer<typeof VneidUserInfo>;

/** Routes of the SSO, relative to the issuer (as seen at xacthuc.dichvucong.gov.vn). */
export const SSO_PATHS = {
  authorize: '/oauth2/authorize',
  token: '/oauth2/token',
  userinfo: '/oauth2/userinfo',
  jwks: '/oauth2/jwks',
  endSession: '/oidc/logout',
} as const;

/** The assurance level of a sign-in, from `loAs` or `IAL` (highest when several). */
export function assuranceOf(info: VneidUserInfo): string | null {
  const levels = [info.loAs, info.IAL]
    .flat()
    .filter((v): v is string => typeof v === 'string' && v !== '');
  if (levels.length === 0) return null;
  return levels.sort().at(-1) ?? null;
}
