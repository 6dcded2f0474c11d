/**
 * Pure rules of the catalogue: turning a national TTHC record into our procedure model (keeping
 * the raw text beside every parsed value and naming what could not be parsed), the content hash
 * that decides whether an import makes a new version, and the diff between two versions.
 */
import { createHash } from 'node:crypto';
import type {
  Channel,
  ChannelTerms,
  Component,
  ParseIssue,
  ProcedureContent,
  TimeUnit,
  VersionChange,
} from '@motcua/contracts';
import type { ProcedureRecord } from '../../integrations/national-catalog/index.js';

const CHANNEL_BY_CODE: Record<number, Channel> = { 1: 'direct', 2: 'online', 3: 'postal' };

/** DONVITINH as the national database writes it (domain.md §5: "Ngày" vs "Ngày làm việc"). */
const UNIT_BY_LABEL: Record<string, TimeUnit> = {
  'ngày làm việc': 'working_days',
  ngày: 'calendar_days',
  'giờ làm việc': 'working_hours',
  giờ: 'hours',
  tuần: 'weeks',
  tháng: 'months',
  năm: 'years',
};

export function timeUnitFromLabel(label: string): TimeUnit | null {
  return UNIT_BY_LABEL[label.trim().toLowerCase().normalize('NFC')] ?? null;
}

// "Trong thời hạn 05 ngày làm việc, kể từ …": the description often states the unit the table lost.
const UNIT_IN_TEXT = /(\d+(?:[.,]\d+)?)\s*(ngày làm việc|giờ làm việc|ngày|giờ|tuần|tháng|năm)/giu;

/** Recovers a lost unit from the row's own description when it states the same figure. */
export function recoverUnit(value: number, description: string): TimeUnit | null {
  for (const m of description.matchAll(UNIT_IN_TEXT)) {
    if (Number((m[1] ?? '').replace(',', '.')) === value) return timeUnitFromLabel(m[2] ?? '');
  }
  return null;
}

const QUANTITY_PART = /(\d+)\s*bản\s*(chính|sao|chụp)/giu;

/** "1 bản chính,1 bản sao" → originals 1, copies 1; null when the text states no quantity. */
export function parseQuantity(text: string): { originals: number | null; copies: number | null } {
  let originals: number | null = null;
  let copies: number | null = null;
  for (const m of text.matchAll(QUANTITY_PART)) {
    const n = Number(m[1]);
    if ((m[2] ?? '').toLowerCase() === 'chính') originals = (originals ?? 0) + n;
    else copies = (copies ?? 0) + n;
  }
  return { originals, copies };
}

const NO_INFO = /^(?:không có thông tin|--|)$/iu;
const NO_INFO_AT_START = /^\s*không có thông tin/iu;
const blankToEmpty = (value: string | undefined) =>
  NO_INFO.test((value ?? '').trim()) ? '' : (value ?? '').trim();

export interface Normalized {
  content: ProcedureContent;
  issues: ParseIssue[];
}

/** The national record (LayThuTuc shape, also produced from the scraped files) → our model. */
export function normalizeRecord(record: ProcedureRecord): Normalized {
  const issues: ParseIssue[] = [];
  const issue = (field: string, message: string, raw: string) =>
    issues.push({ field, message, raw: raw.slice(0, 500) });

  const channels: ChannelTerms[] = [];
  for (const item of record.CACHTHUCTHUCHIEN) {
    const channel = CHANNEL_BY_CODE[item.KENH];
    if (channel === undefined) {
      issue('channels', `Kênh nộp không xác định: ${item.KENH}`, JSON.stringify(item));
      continue;
    }
    const terms = item.THOIGIAN.map((t) => {
      let unit = t.DONVITINH.trim() === '' ? null : timeUnitFromLabel(t.DONVITINH);
      if (t.THOIGIANGIAIQUYET === null) {
        issue(
          'channels.time',
          NO_INFO_AT_START.test(t.MOTA)
            ? 'Nguồn không có thông tin thời hạn giải quyết'
            : 'Không đọc được thời hạn giải quyết',
          t.MOTA,
        );
      } else if (unit === null) {
        unit = recoverUnit(t.THOIGIANGIAIQUYET, t.MOTA);
        if (unit === null) {
          issue(
            'channels.time',
            `Thiếu đơn vị thời hạn giải quyết (${t.THOIGIANGIAIQUYET} ${t.DONVITINH || '?'})`,
            t.MOTA,
          );
        }
      }
      const fees = t.PHILEPHI.map((f) => {
        if (f.SOTIEN === null)
          issue('channels.fees', 'Có phí, lệ phí nhưng không rõ số tiền', f.MOTA);
        return { code: f.MAPHILEPHI, amountVnd: f.SOTIEN, description: f.MOTA };
      });
      if (fees.length === 0) {
        const noInfo = /^[\d.,]*\s*[\p{L} ]*?Không có thông tin/iu.test(t.MOTA);
        issue(
          'channels.fees',
          noInfo ? 'Nguồn không có thông tin phí, lệ phí' : 'Không đọc được phí, lệ phí',
          t.MOTA,
        );
      }
      return { timeValue: t.THOIGIANGIAIQUYET, timeUnit: unit, fees, raw: t.MOTA };
    });
    const existing = channels.find((c) => c.channel === channel);
    if (existing) existing.terms.push(...terms);
    else channels.push({ channel, terms });
  }
  if (channels.length === 0) issue('channels', 'Không có cách thức thực hiện', '');

  const components = record.THANHPHANHOSO.map((set) => ({
    case: set.TRUONGHOP.trim(),
    items: set.GIAYTO.map((paper): Component => {
      const quantityRaw = paper.SOLUONG ?? '';
      const { originals, copies } = parseQuantity(quantityRaw);
      if (originals === null && copies === null) {
        issue('components.quantity', 'Không rõ số lượng bản của giấy tờ', paper.TENGIAYTO);
      }
      return {
        code: paper.MAGIAYTO,
        name: paper.TENGIAYTO.trim(),
        template: paper.TENMAUDON.trim(),
        templateUrl: paper.URL,
        originals,
        copies,
        quantityRaw,
      };
    }),
  }));

  const legalBasis = record.CANCUPHAPLY.map((doc) => {
    if (doc.SOVANBAN.trim() === '')
      issue('legalBasis', 'Không tách được số hiệu văn bản', doc.TENVANBAN);
    return { number: doc.SOVANBAN.trim(), title: doc.TENVANBAN.trim() };
  });
  const results = record.KETQUATHUCHIEN.map((r) => {
    if (r.MAKETQUA.trim() === '') issue('results', 'Kết quả không có mã', r.TENKETQUA);
    return { code: r.MAKETQUA.trim(), name: r.TENKETQUA.trim() };
  });

  const content: ProcedureContent = {
    code: record.MATTHC.trim(),
    name: record.TENTTHC.trim(),
    decisionNo: record.SOQUYETDINH.trim(),
    levels: record.CAPTHUCHIEN.split(',')
      .map((l) => l.trim())
      .filter((l) => l !== ''),
    procedureType: blankToEmpty(record.LOAITTHC),
    fields: record.LINHVUCTHUCHIEN.map((f) => ({ code: f.MALINHVUC, name: f.TENLINHVUC.trim() })),
    targetGroups: blankToEmpty(record.MOTADOITUONGTHUCHIEN),
    implementingAgencies: record.COQUANTHUCHIEN.map((a) => ({
      code: a.MADONVI,
      name: a.TENDONVI.trim(),
    })),
    competentAgency: blankToEmpty(record.COQUANCOTHAMQUYEN),
    coordinatingAgency: blankToEmpty(record.COQUANPHOIHOP),
    receivingAddress: blankToEmpty(record.DIACHITIEPNHAN),
    steps: record.TRINHTUTHUCHIEN.map((s) => ({
      case: s.TRUONGHOP.trim(),
      steps: s.TRINHTU.map((t) => t.TENTRINHTU.trim()).filter((t) => t !== ''),
    })),
    channels,
    components,
    conditions: blankToEmpty(record.YEUCAU),
    results,
    legalBasis,
    isPublic: record.TRANGTHAI === 1,
    sourceUrl: record.URLCHITIET ?? '',
  };
  return { content, issues };
}

/** Stable JSON (sorted keys) so equal content always hashes equal. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(content: ProcedureContent): string {
  return createHash('sha256').update(stableJson(content)).digest('hex');
}

/** Field-level changes between two versions; arrays compare as a whole per top-level field. */
export function diffContent(before: ProcedureContent, after: ProcedureContent): VersionChange[] {
  const changes: VersionChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<
    keyof ProcedureContent
  >;
  for (const key of [...keys].sort()) {
    if (stableJson(before[key]) !== stableJson(after[key])) {
      changes.push({ path: key, before: before[key] ?? null, after: after[key] ?? null });
    }
  }
  return changes;
}

/** The shortest stated processing time across channels, for lists. */
export function shortestTime(content: ProcedureContent): { value: number; unit: TimeUnit } | null {
  const hoursPer: Record<TimeUnit, number> = {
    working_hours: 1,
    hours: 1,
    working_days: 8,
    calendar_days: 24,
    weeks: 24 * 7,
    months: 24 * 30,
    years: 24 * 365,
  };
  let best: { value: number; unit: TimeUnit } | null = null;
  for (const c of content.channels) {
    for (const t of c.terms) {
      if (t.timeValue === null || t.timeUnit === null) continue;
      if (best === null || t.timeValue * hoursPer[t.timeUnit] < best.value * hoursPer[best.unit]) {
        best = { value: t.timeValue, unit: t.timeUnit };
      }
    }
  }
  return best;
}
