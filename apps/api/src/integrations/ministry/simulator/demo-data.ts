/**
 * Demo dossiers of a ministry's civil-status system for Đồng Nai wards (province 75): real TTHC
 * codes of Bộ Tư pháp (data/procedures/bo-tu-phap.json) and real ward e-IDs
 * (data/organisation/75.json; the ward's one-stop centre receives and returns, as it does for our own
 * dossiers), invented applicants. Fixed dates around the demo clock
 * (23/11/2026) so that tests and screenshots do not drift: statuses across the whole life, a few
 * dossiers past their due date (open or settled late).
 */
import { formatNationalDate, type MinistryDossierInput } from '../contract.js';

const PROCEDURES = [
  ['1.001193', 'Thủ tục đăng ký khai sinh', 3],
  ['1.000894', 'Thủ tục đăng ký kết hôn', 5],
  ['1.000656', 'Thủ tục đăng ký khai tử', 3],
  ['1.004873', 'Thủ tục cấp Giấy xác nhận tình trạng hôn nhân', 3],
  ['2.000635', 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh', 1],
  ['1.004859', 'Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc', 3],
] as const;

const WARDS = [
  ['000.01.145.H75', 'Trung tâm Phục vụ hành chính công Phường Trấn Biên'],
  ['000.01.146.H75', 'Trung tâm Phục vụ hành chính công Phường Biên Hòa'],
  ['000.01.142.H75', 'Trung tâm Phục vụ hành chính công Phường Hố Nai'],
  ['000.01.143.H75', 'Trung tâm Phục vụ hành chính công Phường Tam Hiệp'],
  ['000.01.144.H75', 'Trung tâm Phục vụ hành chính công Phường Long Bình'],
  ['000.01.147.H75', 'Trung tâm Phục vụ hành chính công Phường Long Khánh'],
  ['000.01.101.H75', 'Trung tâm Phục vụ hành chính công Phường Bình Phước'],
  ['000.01.193.H75', 'Trung tâm Phục vụ hành chính công Phường Nhơn Trạch'],
] as const;

const NAMES = [
  'Nguyễn Thị Hướng',
  'Trần Văn Bình',
  'Lê Thị Thu Hà',
  'Phạm Minh Đức',
  'Hoàng Thị Lan',
  'Võ Quốc Khánh',
  'Đặng Thị Mỹ Duyên',
  'Bùi Văn Thắng',
  'Đỗ Thị Ngọc Ánh',
  'Huỳnh Tấn Phát',
  'Ngô Thị Kim Oanh',
  'Dương Văn Long',
];

/**
 * The ministry's share of the code (TT 04/2025/TT-VPCP Art. 23, adding khoản 3 to TT 03/2025
 * Art. 13): `<agency e-ID>-YYMMDD-AAXXXX`, AA from the e-ID of the ministry that owns the system.
 * Bộ Tư pháp's two digits are not known here — giả định, cần xác nhận.
 */
export const DEMO_MINISTRY_DIGITS = '12';

/** Days after filing at which a dossier reached each status, by the status it ends at. */
const LIFE: Record<number, number[]> = {
  1: [],
  2: [0],
  3: [0],
  4: [0, 1],
  5: [0, 1, 2],
  8: [0, 1, 3],
  9: [0, 1, 3],
  10: [0, 1, 3, 4],
};
const ENDS = [10, 10, 9, 4, 2, 10, 5, 4, 10, 9, 1, 3, 10, 4, 8, 10];

const DAY = 86_400_000;
// 02:00Z is 09:00 in Vietnam: filings in office hours.
const START = Date.UTC(2026, 9, 1, 2, 0, 0);

const at = (ms: number) => formatNationalDate(new Date(ms));

export function demoMinistryDossiers(): MinistryDossierInput[] {
  const rows: MinistryDossierInput[] = [];
  const perDay = new Map<string, number>();
  for (let i = 0; i < 40; i++) {
    const [maTTHC, tenTTHC, days] = PROCEDURES[i % PROCEDURES.length]!;
    const [maDonVi, tenDonVi] = WARDS[i % WARDS.length]!;
    const end = ENDS[i % ENDS.length]!;
    // Spread over eight weeks; the latest ones are still open around the demo date.
    const filed = START + Math.floor((i * 53) / 40) * DAY + (i % 5) * 3_600_000;
    const local = formatNationalDate(new Date(filed)).slice(2, 8);
    const key = `${maDonVi}-${local}`;
    const n = (perDay.get(key) ?? 0) + 1;
    perDay.set(key, n);
    // Every fifth dossier is late: the ministry's work ran past the due date.
    const late = i % 5 === 2;
    const due = filed + days * DAY;
    const steps = (LIFE[end] ?? []).map((d) => filed + (late ? d * 2 + days : d) * DAY);
    const received = steps[0];
    const ready = end === 9 || end === 10 ? steps.at(end === 10 ? -2 : -1) : undefined;
    const returned = end === 10 ? steps.at(-1) : undefined;
    const last = steps.at(-1) ?? filed;
    const name = NAMES[i % NAMES.length]!;
    rows.push({
      MaHoSo: `${maDonVi}-${local}-${DEMO_MINISTRY_DIGITS}${String(n).padStart(4, '0')}`,
      MaTTHC: maTTHC,
      TenTTHC: tenTTHC,
      MaDonVi: maDonVi,
      TenDonVi: tenDonVi,
      ChuHoSo: name,
      // Masked at the source except the last four digits (giả định, cần xác nhận).
      SoGiayToChuHoSo: `0750********${String(1000 + i * 37).slice(-4)}`,
      SoDienThoai: `09*****${String(2000 + i * 71).slice(-4)}`,
      NgayNopHoSo: at(filed),
      ...(received !== undefined && end !== 1 ? { NgayTiepNhan: at(received) } : {}),
      ...(end !== 1 && end !== 3 ? { NgayHenTra: at(due) } : {}),
      ...(ready !== undefined ? { NgayCoKetQua: at(ready) } : {}),
      ...(returned !== undefined ? { NgayTraKetQua: at(returned) } : {}),
      TrangThaiHoSo: end,
      KenhThucHien: i % 3 === 0 ? 1 : 2,
      NgayCapNhat: at(last),
    });
  }
  return rows;
}
