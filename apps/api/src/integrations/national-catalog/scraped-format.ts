/**
 * The scraped export format of dichvucong.gov.vn (data/procedures/*.json): turns a scraped record
 * into the shape the national service returns from LayThuTuc, so that the simulator serves it and
 * the catalogue's file import reads it through the same normaliser. Deliberately simple: the scraped tables are flattened
 * HTML, so every split below is a best-effort heuristic that loses no text: the raw channel row
 * stays in MOTA, and papers and legal documents keep all their text across their fields, so that
 * our real importer can do the careful parsing. Only the portal's own page furniture after the
 * results ("Từ khóa…", "Chọn cơ quan thực hiện…") is dropped.
 * Codes the scrape does not contain (MALINHVUC, MADONVI, MAGIAYTO) are synthesised
 * deterministically and are recognisable by their "SIM." prefix.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  formatNationalDate,
  type ChannelCode,
  type ChannelTerms,
  type FeeItem,
  type ProcedureRecord,
  type RequiredPaper,
} from './contract.js';

const text = z.string().default('');

/** One record as scraped; only the fields used here, all plain text. */
export const ScrapedProcedure = z.object({
  ma_thu_tuc: z.string().regex(/^\d\.\d{6}(?:\.[A-Z0-9]+)?$/),
  ten_thu_tuc: z.string().min(1),
  so_quyet_dinh: text,
  cap_thuc_hien: text,
  loai_thu_tuc: text,
  linh_vuc: text,
  doi_tuong_thuc_hien: text,
  co_quan_thuc_hien: text,
  co_quan_co_tham_quyen: text,
  co_quan_phoi_hop: text,
  dia_chi_tiep_nhan: text,
  trinh_tu_thuc_hien: text,
  cach_thuc_thuc_hien: text,
  thanh_phan_ho_so: text,
  can_cu_phap_ly: text,
  yeu_cau_dieu_kien: text,
  ket_qua_xu_ly: text,
  detail_url: text,
});
export type ScrapedProcedure = z.infer<typeof ScrapedProcedure>;

/** The portal's placeholder for an empty cell. */
const NO_INFO = 'Không có thông tin';

const isBlank = (value: string) => {
  const v = value.trim();
  return v === '' || v === NO_INFO || v === '--';
};

function shortHash(value: string, length = 8): string {
  return createHash('sha256')
    .update(value.normalize('NFC'))
    .digest('hex')
    .slice(0, length)
    .toUpperCase();
}

// Spread update times over the catalogue's plausible life so `tuNgay` has something to filter.
const UPDATED_FROM = Date.parse('2025-07-01T00:00:00+07:00');
const UPDATED_TO = Date.parse('2026-07-31T23:59:59+07:00');

/** A fixed "last updated" instant per code, so incremental queries are repeatable. */
export function updatedAtFor(code: string): string {
  const n = createHash('sha256').update(code).digest().readUInt32BE(0);
  const seconds = Math.floor((n / 2 ** 32) * ((UPDATED_TO - UPDATED_FROM) / 1000));
  return formatNationalDate(new Date(UPDATED_FROM + seconds * 1000));
}

// ---- cách thức thực hiện: "Hình thức nộpThời gianPhí, lệ phíMô tả" + rows --------------------

const CHANNEL_HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';
const CHANNELS: Record<string, ChannelCode> = {
  'Trực tiếp': 1,
  'Trực tuyến': 2,
  'Dịch vụ bưu chính': 3,
};
// A row starts with a channel name glued to the time cell (a number or the placeholder); the same
// words inside a description are followed by a space, which keeps them from starting a row.
const CHANNEL_ROW = /(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\d|Không có thông tin)/gu;
const TIME_CELL =
  /^(?:(\d+(?:[.,]\d+)?) ?(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm|Tuần)?|Không có thông tin)/u;
const FEE_CELL = /^(?:(Miễn phí)|([\d.,]+) ?(Việt Nam Đồng|VNĐ|đồng|Đồng)|(VNĐ|Việt Nam Đồng))/u;

function parseAmount(digits: string): number | null {
  // The portal writes thousands with commas ("100,000"), sometimes with dots.
  const n = Number(digits.replace(/[.,]/g, ''));
  return Number.isFinite(n) ? n : null;
}

function parseFee(cell: string): FeeItem[] {
  const m = FEE_CELL.exec(cell);
  if (!m) return [];
  const rest = cell.slice(m[0].length).trim();
  if (m[1]) return [{ MAPHILEPHI: '', SOTIEN: 0, DONVI: 'VNĐ', MOTA: rest || m[1] }];
  if (m[2] !== undefined) {
    return [{ MAPHILEPHI: '', SOTIEN: parseAmount(m[2]), DONVI: m[3] ?? 'VNĐ', MOTA: rest }];
  }
  return [{ MAPHILEPHI: '', SOTIEN: null, DONVI: m[4] ?? 'VNĐ', MOTA: rest }];
}

export function toChannels(raw: string): ChannelTerms[] {
  const body = raw.startsWith(CHANNEL_HEADER) ? raw.slice(CHANNEL_HEADER.length) : raw;
  const starts = [...body.matchAll(CHANNEL_ROW)];
  const byChannel = new Map<ChannelCode, ChannelTerms>();
  starts.forEach((start, i) => {
    const name = start[1] ?? '';
    const kenh = CHANNELS[name];
    if (kenh === undefined) return;
    const row = body.slice(start.index + name.length, starts[i + 1]?.index ?? body.length);
    const time = TIME_CELL.exec(row);
    const afterTime = time ? row.slice(time[0].length) : row;
    // "1100 VNĐ": a unit-less time glued to an amount ("1" + "100 VNĐ"?, "11" + "00 VNĐ"?) cannot
    // be split with certainty; give neither figure rather than a wrong one (MOTA keeps the text).
    const glued =
      time?.[1] !== undefined && !time[2] && /^ ?(?:VNĐ|Việt Nam Đồng|đồng)/u.test(afterTime);
    const entry = {
      THOIGIANGIAIQUYET:
        time?.[1] !== undefined && !glued ? Number(time[1].replace(',', '.')) : null,
      DONVITINH: time?.[2] ?? '',
      MOTA: row.trim(),
      PHILEPHI: glued
        ? [{ MAPHILEPHI: '', SOTIEN: null, DONVI: 'VNĐ', MOTA: row.trim() }]
        : parseFee(afterTime),
    };
    // One channel may appear on several rows (one per case); keep them all under one KENH.
    const existing = byChannel.get(kenh);
    if (existing) existing.THOIGIAN.push(entry);
    else byChannel.set(kenh, { KENH: kenh, THOIGIAN: [entry] });
  });
  return [...byChannel.values()].sort((a, b) => a.KENH - b.KENH);
}

// ---- thành phần hồ sơ: [case title] + header + rows ending in a quantity, repeated ---------------

const PAPERS_HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';
const QUANTITY = /\d+ bản (?:chính|sao|chụp)(?:,\d+ bản (?:chính|sao|chụp))*/gu;
// Only a template name set off by ";" or ")" is split off; anything else stays in TENGIAYTO.
const TEMPLATE = /[;)]\s*([^;)]{1,120}\.(?:docx?|pdf|xlsx?|rtf|odt))$/iu;

const caseTitle = (value: string) => (isBlank(value) ? '' : value.trim());

export function toPaperSets(code: string, raw: string): ProcedureRecord['THANHPHANHOSO'] {
  if (isBlank(raw)) return [];
  const segments = raw.split(PAPERS_HEADER);
  let counter = 0;
  const paper = (name: string, quantity: string): RequiredPaper => {
    counter += 1;
    const template = TEMPLATE.exec(name);
    const tenGiayTo = template ? name.slice(0, template.index + 1).trim() : name.trim();
    return {
      MAGIAYTO: `SIM.${code}.${String(counter).padStart(2, '0')}`,
      TENGIAYTO: tenGiayTo,
      TENMAUDON: template?.[1]?.trim() ?? '',
      URL: '',
      SOLUONG: quantity,
    };
  };

  if (segments.length === 1) {
    return [{ TRUONGHOP: '', GIAYTO: [paper(raw, '')] }];
  }
  const sets: ProcedureRecord['THANHPHANHOSO'] = [];
  let title = caseTitle(segments[0] ?? '');
  for (const segment of segments.slice(1)) {
    const papers: RequiredPaper[] = [];
    let last = 0;
    for (const q of segment.matchAll(QUANTITY)) {
      papers.push(paper(segment.slice(last, q.index), q[0]));
      last = q.index + q[0].length;
    }
    sets.push({ TRUONGHOP: title, GIAYTO: papers });
    // Text after the last quantity is the title of the next case, glued on by the flattening.
    title = caseTitle(segment.slice(last));
  }
  const lastSet = sets.at(-1);
  if (title && lastSet) lastSet.GIAYTO.push(paper(title, ''));
  return sets;
}

// ---- căn cứ pháp lý: header + (name, number) pairs glued together ------------------------------

const LEGAL_HEADER = 'Tên văn bản pháp lýMã văn bản';
// "85/2019/TT-BTC", "60/2014/QH13", "66.7/2025/NQ-CP", "83/NĐ-CP"; must not run into a next word.
// It may start right after a date's year ("ngày 15/11/2015123/2015/NĐ-CP"), not inside a number.
const DOC_NUMBER =
  /(?:(?<=\/\d{4})|(?<![\d/.]))\d+(?:\.\d+)?\/(?:\d{4}\/)?[A-ZĐ]+(?:-[A-ZĐ]+)*\d{0,2}(?![a-zà-ỹđ])/gu;

export function toLegalBasis(raw: string): ProcedureRecord['CANCUPHAPLY'] {
  if (isBlank(raw)) return [];
  const body = raw.startsWith(LEGAL_HEADER) ? raw.slice(LEGAL_HEADER.length) : raw;
  const rows: ProcedureRecord['CANCUPHAPLY'] = [];
  let start = 0;
  let lastNumber = '';
  for (const m of body.matchAll(DOC_NUMBER)) {
    lastNumber = m[0];
    const end = m.index + m[0].length;
    // The number cell ends a row when the next row's name follows with no space in between.
    if (end === body.length || /\p{Lu}/u.test(body[end] ?? '')) {
      const name = body.slice(start, m.index).trim();
      rows.push({ SOVANBAN: m[0], TENVANBAN: name || m[0] });
      start = end;
      lastNumber = '';
    }
  }
  const rest = body.slice(start).trim();
  if (rest) rows.push({ SOVANBAN: lastNumber, TENVANBAN: rest });
  return rows;
}

// ---- kết quả: "NameMã: CODE" repeated, then portal UI text ------------------------------------

const RESULT = /([\s\S]*?)Mã: ?([A-Z0-9][A-Z0-9.-]*\d)/gu;
const PORTAL_UI_MARKERS = ['Từ khóa', 'Chọn cơ quan thực hiện'];

export function toResults(raw: string): ProcedureRecord['KETQUATHUCHIEN'] {
  let body = raw;
  for (const marker of PORTAL_UI_MARKERS) {
    const at = body.lastIndexOf(marker);
    if (at >= 0) body = body.slice(0, at);
  }
  if (isBlank(body)) return [];
  const results: ProcedureRecord['KETQUATHUCHIEN'] = [];
  let last = 0;
  for (const m of body.matchAll(RESULT)) {
    results.push({ MAKETQUA: m[2] ?? '', TENKETQUA: (m[1] ?? '').trim() });
    last = m.index + m[0].length;
  }
  const rest = body.slice(last).trim();
  if (rest) results.push({ MAKETQUA: '', TENKETQUA: rest });
  return results;
}

// ---- the whole record ------------------------------------------------------------------------

export function toNationalRecord(src: ScrapedProcedure): ProcedureRecord {
  const steps = src.trinh_tu_thuc_hien
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const levels = src.cap_thuc_hien
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return {
    MATTHC: src.ma_thu_tuc,
    TENTTHC: src.ten_thu_tuc,
    SOQUYETDINH: src.so_quyet_dinh,
    CAPTHUCHIEN: src.cap_thuc_hien,
    LOAITTHC: src.loai_thu_tuc,
    LINHVUCTHUCHIEN: isBlank(src.linh_vuc)
      ? []
      : [{ MALINHVUC: `SIM.LV.${shortHash(src.linh_vuc)}`, TENLINHVUC: src.linh_vuc }],
    TRINHTUTHUCHIEN: isBlank(src.trinh_tu_thuc_hien)
      ? []
      : [{ TRUONGHOP: '', TRINHTU: steps.map((TENTRINHTU) => ({ TENTRINHTU })) }],
    CACHTHUCTHUCHIEN: toChannels(src.cach_thuc_thuc_hien),
    THANHPHANHOSO: toPaperSets(src.ma_thu_tuc, src.thanh_phan_ho_so),
    YEUCAU: src.yeu_cau_dieu_kien,
    MOTADOITUONGTHUCHIEN: src.doi_tuong_thuc_hien,
    KETQUATHUCHIEN: toResults(src.ket_qua_xu_ly),
    CANCUPHAPLY: toLegalBasis(src.can_cu_phap_ly),
    TRANGTHAI: 1,
    // The portal lists several agencies with commas that also occur inside names; keep it whole.
    COQUANTHUCHIEN: isBlank(src.co_quan_thuc_hien)
      ? []
      : [
          {
            MADONVI: `SIM.CQ.${shortHash(src.co_quan_thuc_hien)}`,
            TENDONVI: src.co_quan_thuc_hien,
          },
        ],
    CAPDONVI: levels,
    NGAYCAPNHAT: updatedAtFor(src.ma_thu_tuc),
    COQUANCOTHAMQUYEN: src.co_quan_co_tham_quyen,
    COQUANPHOIHOP: src.co_quan_phoi_hop,
    DIACHITIEPNHAN: src.dia_chi_tiep_nhan,
    URLCHITIET: src.detail_url,
  };
}
