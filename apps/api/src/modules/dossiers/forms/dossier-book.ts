import type { ExportTable } from '../../../platform/exports/table-export.js';
import { vnDateTime } from './legal-forms.js';

/** One line of the Sổ theo dõi hồ sơ (form 07), as the dossier log gives it. */
export interface BookEntry {
  code: string;
  procedureName: string;
  applicant: string;
  contact: string;
  handlingAgency: string;
  receivedAt: Date;
  dueAt: Date | null;
  returnedAt: Date | null;
  resultDelivery: string;
}

/**
 * The electronic Sổ theo dõi hồ sơ, per field or group of fields; an electronic book replaces the
 * printed one when it keeps the same information (domain.md §1.6, §2.2: S6 form notes). Written
 * to XLSX and PDF by the table-export kernel.
 */
export function dossierBookTable(field: string, entries: BookEntry[]): ExportTable {
  return {
    title: 'SỔ THEO DÕI HỒ SƠ',
    subtitle: `Lĩnh vực: ${field}`,
    headerGroups: [
      { header: '', span: 6 },
      { header: 'Nhận và trả kết quả', span: 3 },
      { header: '', span: 2 },
    ],
    columns: [
      { key: 'no', header: 'STT', width: 6, align: 'center' },
      { key: 'code', header: 'Mã hồ sơ', width: 32 },
      { key: 'procedure', header: 'Tên TTHC', width: 24 },
      { key: 'applicant', header: 'Tổ chức/cá nhân', width: 22 },
      { key: 'contact', header: 'Địa chỉ, số điện thoại', width: 24 },
      { key: 'agency', header: 'Cơ quan chủ trì giải quyết', width: 24 },
      { key: 'received', header: 'Nhận hồ sơ', width: 18 },
      { key: 'due', header: 'Hẹn trả kết quả', width: 18 },
      { key: 'returned', header: 'Trả kết quả', width: 18 },
      { key: 'delivery', header: 'Phương thức nhận kết quả', width: 18 },
      { key: 'signed', header: 'Ký nhận', width: 12 },
    ],
    rows: entries.map((e, i) => ({
      no: i + 1,
      code: e.code,
      procedure: e.procedureName,
      applicant: e.applicant,
      contact: e.contact,
      agency: e.handlingAgency,
      received: vnDateTime(e.receivedAt),
      due: e.dueAt ? vnDateTime(e.dueAt) : '',
      returned: e.returnedAt ? vnDateTime(e.returnedAt) : '',
      delivery: e.resultDelivery,
      signed: '',
    })),
  };
}
