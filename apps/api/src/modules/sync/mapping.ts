import {
  formatNationalDate,
  type DossierRecordInput,
  type ProgressRecordInput,
} from '../../integrations/dvcqg/index.js';
import type { DossierSnapshot } from '../dossiers/index.js';

/** KenhThucHien [I, Thanh Hóa]: 1 direct, 2 online, 3 postal. */
const CHANNEL_CODE = { direct: 1, online: 2, postal: 3 } as const;

const when = (d: Date | null) => (d ? { value: formatNationalDate(d) } : undefined);

/**
 * Our dossier as the portal's DongBoHoSoMC record (domain.md §4.3): the same 10 status codes,
 * the dates in yyyyMMddHHmmss (Vietnam time), and the flags indicator group 1 and 3–5 of the 766
 * index read (digitised components, VNeID account, online payment — not available yet: 0).
 */
export function dossierRecord(d: DossierSnapshot): DossierRecordInput {
  const filed = when(d.filedAt);
  const received = when(d.receivedAt);
  const due = when(d.dueAt);
  const done = when(d.completedAt);
  const refused = d.statusCode === 3 ? when(d.steps.at(-1)?.at ?? null) : undefined;
  return {
    MaHoSo: d.code,
    MaTTHC: d.procedureCode,
    TenTTHC: d.procedureName,
    TrangThaiHoSo: d.statusCode,
    KenhThucHien: CHANNEL_CODE[d.channel],
    ChuHoSo: d.applicant.name,
    ...(d.applicant.idNumber ? { SoGiayToChuHoSo: d.applicant.idNumber } : {}),
    ...(d.applicant.phone ? { SoDienThoai: d.applicant.phone } : {}),
    ...(d.applicant.email ? { Email: d.applicant.email } : {}),
    ...(filed ? { NgayNopHoSo: filed.value } : {}),
    ...(received ? { NgayTiepNhan: received.value } : {}),
    ...(due ? { NgayHenTra: due.value } : {}),
    ...(done ? { NgayKetThucXuLy: done.value } : {}),
    ...(refused ? { NgayTuChoi: refused.value } : {}),
    ...(d.receivingAgency ? { DonViXuLy: d.receivingAgency.name } : {}),
    HoSoCoThanhPhanSoHoa: d.hasDigitisedFiles ? 1 : 0,
    TaiKhoanDuocXacThucVoiVNeID: d.signedInWithVneid ? 1 : 0,
    DuocThanhToanTrucTuyen: 0,
  };
}

/** The steps with these sequence numbers, as CapNhatTienDoHoSoMC progress records, in order. */
export function progressRecords(
  d: DossierSnapshot,
  seqs: ReadonlySet<number>,
): ProgressRecordInput[] {
  return d.steps
    .filter((s) => seqs.has(s.seq))
    .map((s) => ({
      MaHoSo: d.code,
      TrangThai: s.statusCode,
      ThoiDiemXuLy: formatNationalDate(s.at),
      NguoiXuLy:
        s.actorKind === 'applicant'
          ? 'Người nộp hồ sơ'
          : s.actorKind === 'system'
            ? 'Hệ thống'
            : 'Cán bộ',
      NoiDungXuLy: s.label,
      ...(d.receivingAgency ? { PhongBanXuLy: d.receivingAgency.name } : {}),
    }));
}
