import { AppError } from '../../platform/errors.js';

/*
 * Working-time arithmetic for legal deadlines. Pure: every instant comes in as an argument (no
 * clock reads), so a deadline can be computed and tested at any moment.
 *
 * Model. Vietnam (Asia/Ho_Chi_Minh) has been UTC+07:00 without daylight saving since 1975, so a
 * local minute is the UTC minute + 420. Each day of the supported range gets a working flag and a
 * running count of working days before it (precomputed once per calendar version), which gives a
 * continuous "working-minute" coordinate W(t): working minutes elapsed since the start of the range.
 * Adding N working minutes is then W(t) + N mapped back to an instant: O(log days) with no
 * minute-by-minute or day-by-day loop, which matters when ~1M open deadlines are recomputed.
 */

export const ICT_OFFSET_MINUTES = 420;
const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
/** Legal convention for durations: 1 working day = 8 working hours (domain.md §9). */
export const LEGAL_DAY_MINUTES = 480;

/** A working window within a day, in minutes since local midnight: [start, end). */
export interface WorkingWindow {
  start: number;
  end: number;
}

export const DEFAULT_WORKING_WINDOWS = '07:00-11:30,13:30-17:00';

export const DeadlineUnits = ['working_days', 'working_hours', 'calendar_days'] as const;
export type DeadlineUnit = (typeof DeadlineUnits)[number];

/** A day that differs from the Mon–Fri week: working=false (holiday…) or true (make-up Saturday). */
export interface DayOverride {
  date: string;
  working: boolean;
}

/** Parses "HH:MM" into minutes since midnight; undefined when malformed. */
export function parseTimeOfDay(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatTimeOfDay(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Parses "07:00-11:30,13:30-17:00": ordered, non-overlapping, non-empty windows. */
export function parseWorkingWindows(spec: string): WorkingWindow[] {
  const windows: WorkingWindow[] = [];
  for (const part of spec.split(',')) {
    const [a, b, extra] = part.split('-');
    const start = a === undefined ? undefined : parseTimeOfDay(a);
    const end = b === undefined ? undefined : parseTimeOfDay(b);
    if (start === undefined || end === undefined || extra !== undefined || end <= start) {
      throw new Error(`invalid working window "${part}" (expected HH:MM-HH:MM)`);
    }
    const previous = windows.at(-1);
    if (previous && start < previous.end) {
      throw new Error(`working window "${part}" overlaps or is out of order`);
    }
    windows.push({ start, end });
  }
  if (windows.length === 0) throw new Error('no working window');
  return windows;
}

/** Day number (days since 1970-01-01) of an ISO date "YYYY-MM-DD". */
export function dayNumberOf(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`bad date ${date}`);
  return Math.floor(ms / 86_400_000);
}

export function isoDateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, for a day number. */
function isoYearOf(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}

export function weekdayOf(day: number): number {
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

/** Local (ICT) minute count of an instant. */
export function localMinuteOf(instant: Date): number {
  return Math.floor(instant.getTime() / MS_PER_MINUTE) + ICT_OFFSET_MINUTES;
}

export function instantOfLocalMinute(minute: number): Date {
  return new Date((minute - ICT_OFFSET_MINUTES) * MS_PER_MINUTE);
}

/** ISO 8601 with the Vietnamese offset, e.g. 2026-02-23T09:00:00+07:00. */
export function toIctIso(instant: Date): string {
  const local = new Date(instant.getTime() + ICT_OFFSET_MINUTES * MS_PER_MINUTE);
  return `${local.toISOString().slice(0, 19)}+07:00`;
}

export interface CalendarOptions {
  windows: WorkingWindow[];
  overrides: Iterable<DayOverride>;
  /** Years nobody filled yet (their days come from the rules, in memory). */
  provisionalYears?: Iterable<number>;
  /** Draft days: counted, but a deadline whose period contains one is provisional. */
  provisionalDates?: Iterable<string>;
  firstYear?: number;
  lastYear?: number;
}

export interface IntakeCutoff {
  /**
   * Received at or after this local time on a working day → counts from the next working day.
   * Cao Bằng QĐ 2031/QĐ-UBND (28/11/2025, applying NĐ 118/2025 Art. 17.1): a dossier received
   * after 15:00 is transferred at the start of the next working day; several provinces' same-day
   * procedures say "trường hợp tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo".
   * A procedure-level rule, so it is given per call (domain.md §9).
   */
  afterTime?: number;
  /**
   * Received within this many minutes before the day's closing time → counts from the next
   * working day. NĐ 297/2025: a dossier received on DVCQG within 1 hour before closing time counts
   * from the next working day (60).
   */
  beforeCloseMinutes?: number;
}

function outOfRange(first: number, last: number): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `Thời điểm nằm ngoài phạm vi lịch làm việc được hỗ trợ (năm ${first}–${last}).`,
  );
}

/**
 * A working calendar: Mon–Fri, minus non-working overrides, plus make-up working days, with the
 * configured working windows. Immutable; build a new one when the data changes.
 */
export class WorkingCalendar {
  readonly windows: readonly WorkingWindow[];
  /** Working minutes in one working day (480 with the default windows). */
  readonly dayMinutes: number;
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly firstDay: number;
  private readonly dayCount: number;
  private readonly working: Uint8Array;
  /** cumulative[i] = working days in [firstDay, firstDay + i). Length dayCount + 1. */
  private readonly cumulative: Int32Array;
  private readonly provisional: Set<number>;
  private readonly draftDays: Int32Array;

  constructor(options: CalendarOptions) {
    this.windows = options.windows.map((w) => ({ ...w }));
    this.dayMinutes = this.windows.reduce((sum, w) => sum + (w.end - w.start), 0);
    this.firstYear = options.firstYear ?? 2000;
    this.lastYear = options.lastYear ?? 2100;
    this.firstDay = dayNumberOf(`${this.firstYear}-01-01`);
    this.dayCount = dayNumberOf(`${this.lastYear + 1}-01-01`) - this.firstDay;
    this.working = new Uint8Array(this.dayCount);
    for (let i = 0; i < this.dayCount; i += 1) {
      const wd = weekdayOf(this.firstDay + i);
      this.working[i] = wd >= 1 && wd <= 5 ? 1 : 0;
    }
    for (const o of options.overrides) {
      const i = dayNumberOf(o.date) - this.firstDay;
      if (i >= 0 && i < this.dayCount) this.working[i] = o.working ? 1 : 0;
    }
    this.cumulative = new Int32Array(this.dayCount + 1);
    for (let i = 0; i < this.dayCount; i += 1) {
      this.cumulative[i + 1] = this.cumulative[i]! + this.working[i]!;
    }
    this.provisional = new Set(options.provisionalYears ?? []);
    this.draftDays = Int32Array.from([...(options.provisionalDates ?? [])].map(dayNumberOf)).sort();
  }

  isWorkingDate(date: string): boolean {
    return this.working[this.indexOfDay(dayNumberOf(date))] === 1;
  }

  /** Whether the instant is inside working time (window ends included: a due time may be 17:00). */
  isWorkingTime(instant: Date): boolean {
    const local = localMinuteOf(instant);
    const day = Math.floor(local / MINUTES_PER_DAY);
    const minute = local - day * MINUTES_PER_DAY;
    if (this.working[this.indexOfDay(day)] !== 1) return false;
    return this.windows.some((w) => minute >= w.start && minute <= w.end);
  }

  /**
   * Whether the period between the two instants rests on unconfirmed data: a draft day inside
   * it, or a year nobody filled yet (rules only).
   */
  isProvisionalBetween(a: Date, b: Date): boolean {
    const da = Math.floor(localMinuteOf(a) / MINUTES_PER_DAY);
    const db = Math.floor(localMinuteOf(b) / MINUTES_PER_DAY);
    const [lo, hi] = da <= db ? [da, db] : [db, da];
    for (let y = isoYearOf(lo); y <= isoYearOf(hi); y += 1) {
      if (this.provisional.has(y)) return true;
    }
    // First draft day ≥ lo, by binary search.
    let l = 0;
    let h = this.draftDays.length;
    while (l < h) {
      const mid = (l + h) >>> 1;
      if (this.draftDays[mid]! < lo) l = mid + 1;
      else h = mid;
    }
    return l < this.draftDays.length && this.draftDays[l]! <= hi;
  }

  private indexOfDay(day: number): number {
    const i = day - this.firstDay;
    if (i < 0 || i >= this.dayCount) throw outOfRange(this.firstYear, this.lastYear);
    return i;
  }

  /** Working minutes of a working day before the given minute of that day. */
  private workedBefore(minuteOfDay: number): number {
    let sum = 0;
    for (const w of this.windows) {
      if (minuteOfDay <= w.start) break;
      sum += Math.min(minuteOfDay, w.end) - w.start;
    }
    return sum;
  }

  /**
   * W(t): working minutes from the start of the range to the instant. For an instant outside
   * working time it equals W of the next working instant, so the coordinate never jumps.
   */
  workingMinuteOf(instant: Date): number {
    const local = localMinuteOf(instant);
    const day = Math.floor(local / MINUTES_PER_DAY);
    const i = this.indexOfDay(day);
    const base = this.cumulative[i]! * this.dayMinutes;
    if (this.working[i] !== 1) return base;
    return base + this.workedBefore(local - day * MINUTES_PER_DAY);
  }

  /** Index of the k-th working day (0-based) of the range: the first i with cumulative[i+1] > k. */
  private indexOfWorkingDay(k: number): number {
    let lo = 0;
    let hi = this.dayCount - 1;
    if (k < 0 || this.cumulative[this.dayCount]! <= k) {
      throw outOfRange(this.firstYear, this.lastYear);
    }
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid + 1]! > k) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private instantAt(index: number, minuteOfDay: number): Date {
    return instantOfLocalMinute((this.firstDay + index) * MINUTES_PER_DAY + minuteOfDay);
  }

  /**
   * The instant at working coordinate w, taking the *end* of a window when w falls on a boundary:
   * 2 h 30 min from 09:00 ends at 11:30 (not 13:30), a full day from 07:00 ends at 17:00.
   */
  private instantEndingAt(w: number): Date {
    if (w <= 0) return this.instantStartingAt(0);
    const k = Math.ceil(w / this.dayMinutes) - 1;
    let r = w - k * this.dayMinutes;
    const index = this.indexOfWorkingDay(k);
    for (const win of this.windows) {
      const len = win.end - win.start;
      if (r <= len) return this.instantAt(index, win.start + r);
      r -= len;
    }
    /* c8 ignore next */
    throw new Error('unreachable: remainder beyond the working day');
  }

  /** The instant at working coordinate w, taking the *start* of the next window on a boundary. */
  private instantStartingAt(w: number): Date {
    const k = Math.floor(w / this.dayMinutes);
    let r = w - k * this.dayMinutes;
    const index = this.indexOfWorkingDay(k);
    for (const win of this.windows) {
      const len = win.end - win.start;
      if (r < len) return this.instantAt(index, win.start + r);
      r -= len;
    }
    /* c8 ignore next */
    throw new Error('unreachable: remainder beyond the working day');
  }

  /**
   * The first working instant at or after the given one: receipt outside working time counts from
   * the start of the next working window (QĐ 3142/QĐ-BGDĐT 2025 Art. 11: submissions outside
   * working hours count from the start of the next working day; lunch break → 13:30).
   */
  snapToWorkingTime(instant: Date): Date {
    return this.instantStartingAt(this.workingMinuteOf(instant));
  }

  /** Start of the first working window of the next working day after the instant's day. */
  startOfNextWorkingDay(instant: Date): Date {
    const local = localMinuteOf(instant);
    const i = this.indexOfDay(Math.floor(local / MINUTES_PER_DAY));
    return this.instantStartingAt(this.cumulative[i + 1]! * this.dayMinutes);
  }

  /** When the processing period starts for a dossier received at `receivedAt`. */
  effectiveStart(receivedAt: Date, cutoff: IntakeCutoff = {}): Date {
    const local = localMinuteOf(receivedAt);
    const day = Math.floor(local / MINUTES_PER_DAY);
    const minute = local - day * MINUTES_PER_DAY;
    if (this.working[this.indexOfDay(day)] === 1) {
      const closing = this.windows.at(-1)!.end;
      if (cutoff.afterTime !== undefined && minute >= cutoff.afterTime) {
        return this.startOfNextWorkingDay(receivedAt);
      }
      if (
        cutoff.beforeCloseMinutes !== undefined &&
        minute >= closing - cutoff.beforeCloseMinutes &&
        minute < closing
      ) {
        return this.startOfNextWorkingDay(receivedAt);
      }
    }
    return this.snapToWorkingTime(receivedAt);
  }

  /** The instant at a working coordinate (inverse of workingMinuteOf; window ends kept). */
  atWorkingMinute(w: number): Date {
    return this.instantEndingAt(w);
  }

  /** Adds working minutes to an instant (snapping it into working time first). */
  addWorkingMinutes(instant: Date, minutes: number): Date {
    if (!Number.isInteger(minutes) || minutes < 0) {
      throw new AppError('VALIDATION_FAILED', 'Thời lượng phải là số phút nguyên không âm.');
    }
    const w = this.workingMinuteOf(instant);
    return minutes === 0 ? this.instantStartingAt(w) : this.instantEndingAt(w + minutes);
  }

  /**
   * Adds calendar days (N × 24 h). A result on a non-working day moves to the same time on the
   * next working day: calendar-day procedures never end on a weekend or holiday (domain.md §9).
   */
  addCalendarDays(instant: Date, days: number): Date {
    const local = localMinuteOf(instant) + days * MINUTES_PER_DAY;
    const day = Math.floor(local / MINUTES_PER_DAY);
    const minute = local - day * MINUTES_PER_DAY;
    let i = this.indexOfDay(day);
    // Jump to the next working day through the running count (no scan of the days between).
    if (this.working[i] !== 1) i = this.indexOfWorkingDay(this.cumulative[i]!);
    return this.instantAt(i, minute);
  }

  /** Working minutes an amount stands for; calendar days are not working time. */
  workingMinutesOf(amount: number, unit: Exclude<DeadlineUnit, 'calendar_days'>): number {
    return Math.round(amount * (unit === 'working_days' ? this.dayMinutes : 60));
  }

  /** The due instant for a period of `amount` `unit` starting at an already-effective start. */
  addPeriod(start: Date, amount: number, unit: DeadlineUnit): Date {
    if (unit === 'calendar_days')
      return this.addCalendarDays(this.snapToWorkingTime(start), amount);
    return this.addWorkingMinutes(start, this.workingMinutesOf(amount, unit));
  }

  /** Working minutes left from `now` to `due` (negative when overdue). */
  remainingWorkingMinutes(due: Date, now: Date): number {
    return this.workingMinuteOf(due) - this.workingMinuteOf(now);
  }
}

export interface DeadlineRequest {
  receivedAt: Date;
  amount: number;
  unit: DeadlineUnit;
  cutoff?: IntakeCutoff;
}

export interface DeadlineResult {
  start: Date;
  due: Date;
  provisional: boolean;
}

/** The legal due instant of a processing period received at `receivedAt`. */
export function computeDeadline(cal: WorkingCalendar, req: DeadlineRequest): DeadlineResult {
  const start = cal.effectiveStart(req.receivedAt, req.cutoff);
  const due = cal.addPeriod(start, req.amount, req.unit);
  return { start, due, provisional: cal.isProvisionalBetween(start, due) };
}

export interface RemainingText {
  vi: string;
  en: string;
}

/**
 * Human-readable remaining working time. Days are legal working days of 8 working hours
 * (1 ngày = 8 giờ làm việc), whatever the windows, so "2 ngày" means what the law means.
 */
export function describeRemaining(minutes: number): RemainingText {
  const abs = Math.abs(minutes);
  const days = Math.floor(abs / LEGAL_DAY_MINUTES);
  const hours = Math.floor((abs % LEGAL_DAY_MINUTES) / 60);
  const mins = abs % 60;
  if (abs === 0) return { vi: 'Đến hạn', en: 'Due now' };
  const vi: string[] = [];
  const en: string[] = [];
  if (days > 0) {
    vi.push(`${days} ngày`);
    en.push(`${days} ${days === 1 ? 'day' : 'days'}`);
  }
  if (hours > 0) {
    vi.push(`${hours} giờ`);
    en.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  }
  if (days === 0 && mins > 0) {
    vi.push(`${mins} phút`);
    en.push(`${mins} ${mins === 1 ? 'minute' : 'minutes'}`);
  }
  return minutes > 0
    ? { vi: `Còn ${vi.join(' ')}`, en: `${en.join(' ')} left` }
    : { vi: `Quá hạn ${vi.join(' ')}`, en: `Overdue by ${en.join(' ')}` };
}
