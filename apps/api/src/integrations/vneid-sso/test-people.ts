// The simulator's test people; the demo (never production) files a dossier in the first one's name.
import { createHash } from 'node:crypto';
import type { VneidUserInfo } from './contract.js';

/** Test citizens and a business the simulator's login page offers (fictional people). */
export const TEST_CITIZENS = [
  {
    SoDinhDanh: '075090001234',
    HoVaTen: 'Nguyễn Văn An',
    NgayThangNamSinh: '19900115',
    GioiTinh: 'Nam',
    ThuongTru: 'Phường Trấn Biên, Thành phố Đồng Nai',
    SoDienThoai: '0912345678',
    ThuDienTu: 'nguyenvanan@example.vn',
    loAs: 'LoA2',
  },
  {
    SoDinhDanh: '075185004321',
    HoVaTen: 'Trần Thị Bình',
    NgayThangNamSinh: '19850320',
    GioiTinh: 'Nữ',
    ThuongTru: 'Phường Bình Phước, Thành phố Đồng Nai',
    SoDienThoai: '0987654321',
    ThuDienTu: null,
    loAs: 'LoA2',
  },
  {
    SoDinhDanh: '075200007777',
    HoVaTen: 'Lê Minh Cường',
    NgayThangNamSinh: '20000702',
    GioiTinh: 'Nam',
    ThuongTru: 'Phường Trấn Biên, Thành phố Đồng Nai',
    SoDienThoai: null,
    ThuDienTu: null,
    // Account registered online without identity check at the counter: level 1.
    loAs: 'LoA1',
  },
] as const;

export const TEST_BUSINESSES = [
  {
    MaSoThue: '3603123456',
    TenDoanhNghiep: 'Công ty TNHH Sản xuất Thương mại Đồng Nai Xanh',
    NguoiDaiDien: 'Nguyễn Văn An',
    DiaChi: 'Khu công nghiệp Biên Hòa 2, Thành phố Đồng Nai',
  },
] as const;

/** TechID is stable per person: derived from the ID number (or tax code), as a stand-in for DVCQG's own id. */
export function techIdOf(kind: 'citizen' | 'business', key: string): string {
  const hex = createHash('sha256').update(`${kind}:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function citizenClaims(input: {
  SoDinhDanh: string;
  HoVaTen: string;
  NgayThangNamSinh: string;
  GioiTinh?: string | null;
  ThuongTru?: string | null;
  SoDienThoai?: string | null;
  ThuDienTu?: string | null;
  loAs?: string;
}): VneidUserInfo {
  const techId = techIdOf('citizen', input.SoDinhDanh);
  return {
    sub: techId,
    TechID: techId,
    LoaiTaiKhoan: 1,
    SoDinhDanh: input.SoDinhDanh,
    HoVaTen: input.HoVaTen,
    NgayThangNamSinh: input.NgayThangNamSinh,
    GioiTinh: input.GioiTinh ?? null,
    QuocTich: 'Việt Nam',
    ThuongTru: input.ThuongTru ?? null,
    SoDienThoai: input.SoDienThoai ?? null,
    ThuDienTu: input.ThuDienTu ?? null,
    TrangThai: '1',
    loAs: input.loAs ?? 'LoA2',
    loginIdp: 'BCA',
  };
}

export function businessClaims(input: {
  MaSoThue: string;
  TenDoanhNghiep: string;
  NguoiDaiDien?: string | null;
  DiaChi?: string | null;
}): VneidUserInfo {
  const techId = techIdOf('business', input.MaSoThue);
  return {
    sub: techId,
    TechID: techId,
    LoaiTaiKhoan: 2,
    MaSoThue: input.MaSoThue,
    MaSoDoanhNghiep: input.MaSoThue,
    TenDoanhNghiep: input.TenDoanhNghiep,
    HoVaTen: input.NguoiDaiDien ?? input.TenDoanhNghiep,
    NguoiDaiDien: input.NguoiDaiDien ?? null,
    DiaChi: input.DiaChi ?? null,
    TrangThai: '1',
    loAs: 'LoA2',
  };
}
