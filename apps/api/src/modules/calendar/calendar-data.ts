import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getSolarDate } from '@dqcai/vn-lunar';
import { z } from 'zod';
import { dayNumberOf, isoDateOf, weekdayOf } from './working-time.js';

export const DayKinds = [
  'holiday',
  'compensatory',
  'swap_day_off',
  'local_closure',
  'makeup_workday',
] as const;
export type DayKind = (typeof DayKinds)[number];

/** Only a make-up day is a working day; every other kind is a day off. */
export function isWorkingKind(kind: DayKind): boolean {
  return kind === 'makeup_workday';
}

export interface DayEntry {
  date: string;
  kind: DayKind;
  name: string;
  status: 'confirmed' | 'draft';
  pairedDate: string | null;
  source: 'dataset' | 'projection' | 'admin';
  note: string | null;
}

export interface YearData {
  year: number;
  checksum: string;
  entries: DayEntry[];
}

export const DATASET_FILE = 'vn_holidays_2025_2026.json';

const DatasetSchema = z.object({
  days_off: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(['holiday_period', 'swap_day_off']),
      name_vi_annotation: z.string(),
    }),
  ),
  makeup_workdays: z.array(
    z.object({ date: z.string(), kind: z.literal('makeup_workday'), compensates_for: z.string() }),
  ),
  notes: z.array(z.object({ date: z.string(), kind: z.string(), note: z.string() })),
});

const ddmmyyyy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/**
 * Reads the vendored holiday file (data/calendar) into day entries per year, applying its notes:
 * 27/4/2026 is a compensatory day off missing from the feed (Giỗ Tổ on Sunday 26/4, Labour Code
 * 2019 Art. 111.3); 24/11/2026 stays a draft until its legal basis is in force.
 */
export async function readDataset(dataDir: string): Promise<YearData[]> {
  const raw = await readFile(path.join(dataDir, DATASET_FILE), 'utf8');
  const data = DatasetSchema.parse(JSON.parse(raw));
  const pendingLaw = new Set(
    data.notes.filter((n) => n.kind === 'new_holiday_pending_law').map((n) => n.date),
  );
  const noteOf = new Map(data.notes.map((n) => [n.date, n.note]));
  const makeupFor = new Map(data.makeup_workdays.map((m) => [m.compensates_for, m.date]));
  const entries: DayEntry[] = [];
  for (const d of data.days_off) {
    const swap = d.kind === 'swap_day_off';
    const paired = swap ? (makeupFor.get(d.date) ?? null) : null;
    entries.push({
      date: d.date,
      kind: swap ? 'swap_day_off' : 'holiday',
      name: swap
        ? `Nghỉ hoán đổi${paired ? ` (làm bù thứ Bảy ${ddmmyyyy(paired)})` : ''}`
        : d.name_vi_annotation,
      status: pendingLaw.has(d.date) ? 'draft' : 'confirmed',
      pairedDate: paired,
      source: 'dataset',
      note: noteOf.get(d.date) ?? null,
    });
  }
  for (const m of data.makeup_workdays) {
    entries.push({
      date: m.date,
      kind: 'makeup_workday',
      name: `Làm bù cho ngày nghỉ ${ddmmyyyy(m.compensates_for)}`,
      status: 'confirmed',
      pairedDate: m.compensates_for,
      source: 'dataset',
      note: noteOf.get(m.date) ?? null,
    });
  }
  const known = new Set(entries.map((e) => e.date));
  for (const n of data.notes) {
    if (n.kind === 'compensatory_day_off_NOT_IN_ICS' && !known.has(n.date)) {
      entries.push({
        date: n.date,
        kind: 'compensatory',
        name: 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật)',
        status: 'confirmed',
        pairedDate: null,
        source: 'dataset',
        note: n.note,
      });
    }
  }
  const years = new Map<number, DayEntry[]>();
  for (const e of entries.sort((a, b) => a.date.localeCompare(b.date))) {
    const y = Number(e.date.slice(0, 4));
    years.set(y, [...(years.get(y) ?? []), e]);
  }
  return [...years.entries()].map(([year, list]) => ({
    year,
    entries: list,
    checksum: createHash('sha256').update(JSON.stringify(list)).digest('hex').slice(0, 16),
  }));
}

function lunarToSolar(day: number, month: number, year: number): string {
  const s = getSolarDate(day, month, year, false);
  return `${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
}

const isWeekend = (day: number) => weekdayOf(day) === 0 || weekdayOf(day) === 6;

/**
 * Projects a year's days off from the Labour Code 2019 (Art. 112.1 holidays, Art. 111.3
 * compensatory days), as drafts for an administrator to check against the Government's notice:
 * - 01/01; Tết Âm lịch 5 days (drafted as the last day of the lunar year + mùng 1–4; the yearly
 *   notice fixes the real days); Giỗ Tổ Hùng Vương 10/3 lunar; 30/4; 01/5; 02/9 + one adjacent
 *   day (03/9 when that makes a long weekend, else 01/9);
 * - a holiday on Saturday or Sunday gives a compensatory day off on the next working day.
 * Lunar dates use the Vietnamese calendar (UTC+7 meridian), which differs from the Chinese one
 * in some years (e.g. Tết 2007), hence a Vietnamese lunar library.
 */
export function projectYear(year: number): DayEntry[] {
  const holidays: { date: string; name: string }[] = [];
  // Two holidays on one date (possible for the lunar Giỗ Tổ) also give a compensatory day.
  const overlaps: { date: string; name: string }[] = [];
  const add = (date: string, name: string) =>
    (holidays.some((h) => h.date === date) ? overlaps : holidays).push({ date, name });
  add(`${year}-01-01`, 'Tết Dương lịch');
  const tet = dayNumberOf(lunarToSolar(1, 1, year));
  for (let d = tet - 1; d <= tet + 3; d += 1) add(isoDateOf(d), 'Tết Âm lịch (Tết Nguyên đán)');
  add(lunarToSolar(10, 3, year), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  add(`${year}-04-30`, 'Ngày Chiến thắng 30/4');
  add(`${year}-05-01`, 'Ngày Quốc tế Lao động 1/5');
  const national = dayNumberOf(`${year}-09-02`);
  const wd = weekdayOf(national);
  const adjacent = wd === 1 || wd === 4 || wd === 0 ? national + 1 : national - 1;
  add(`${year}-09-02`, 'Quốc khánh 2/9');
  add(isoDateOf(adjacent), 'Quốc khánh (ngày liền kề 2/9)');

  const off = new Set(holidays.map((h) => dayNumberOf(h.date)));
  const entries: DayEntry[] = holidays.map((h) => ({
    date: h.date,
    kind: 'holiday',
    name: h.name,
    status: 'draft',
    pairedDate: null,
    source: 'projection',
    note: 'Dự kiến theo Bộ luật Lao động 2019 Điều 112; cần đối chiếu thông báo hằng năm.',
  }));
  const needCompensation = [
    ...holidays.filter((h) => isWeekend(dayNumberOf(h.date))),
    ...overlaps,
  ].sort((a, b) => a.date.localeCompare(b.date));
  for (const h of needCompensation) {
    const day = dayNumberOf(h.date);
    let next = day + 1;
    while (isWeekend(next) || off.has(next)) next += 1;
    off.add(next);
    entries.push({
      date: isoDateOf(next),
      kind: 'compensatory',
      name: `Nghỉ bù ${h.name} (${ddmmyyyy(h.date)})`,
      status: 'draft',
      pairedDate: h.date,
      source: 'projection',
      note: 'Nghỉ bù theo Bộ luật Lao động 2019 Điều 111 khoản 3.',
    });
  }
  return entries.sort((a, b) => a.date.localeCompare(b.date));
}
