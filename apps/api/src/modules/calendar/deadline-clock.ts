import { AppError } from '../../platform/errors.js';
import {
  computeDeadline,
  type DeadlineUnit,
  type IntakeCutoff,
  type WorkingCalendar,
} from './working-time.js';

/*
 * The processing clock of one dossier: started at receipt, stopped while the applicant completes
 * the dossier (supplement), resumed or restarted, extended at most once. Pure values and
 * functions; the dossier module stores the state and calls these with the instants it records.
 */

export interface DeadlinePeriod {
  amount: number;
  unit: DeadlineUnit;
}

interface ClockBase {
  period: DeadlinePeriod;
  /** Whether the one permitted extension has been used. */
  extended: boolean;
  /** Supplement requests made (QĐ 766/QĐ-TTg counts a dossier with more than one as late). */
  supplementRequests: number;
}

export interface RunningClock extends ClockBase {
  state: 'running';
  due: Date;
}

export interface PausedClock extends ClockBase {
  state: 'paused';
  pausedAt: Date;
  /** The due instant when the clock stopped (kept for display and audit). */
  dueWhenPaused: Date;
  /**
   * What was left when the clock stopped: working minutes for working-time periods, real minutes
   * for calendar-day periods. Negative when the dossier was already late.
   */
  remaining: number;
}

export type DeadlineClock = RunningClock | PausedClock;

export function startClock(
  cal: WorkingCalendar,
  input: { receivedAt: Date; period: DeadlinePeriod; cutoff?: IntakeCutoff },
): RunningClock {
  const { due } = computeDeadline(cal, {
    receivedAt: input.receivedAt,
    amount: input.period.amount,
    unit: input.period.unit,
    ...(input.cutoff ? { cutoff: input.cutoff } : {}),
  });
  return { state: 'running', period: input.period, due, extended: false, supplementRequests: 0 };
}

/**
 * Stops the clock when a supplement is requested. The time until the complete dossier comes back
 * does not count (QĐ 766/QĐ-TTg indicator 2.1: supplement time is subtracted).
 */
export function pauseClock(cal: WorkingCalendar, clock: DeadlineClock, at: Date): PausedClock {
  if (clock.state !== 'running') {
    throw new AppError(
      'CONFLICT',
      'Thời hạn giải quyết đang tạm dừng, không thể dừng thêm lần nữa.',
    );
  }
  const remaining =
    clock.period.unit === 'calendar_days'
      ? Math.round((clock.due.getTime() - at.getTime()) / 60_000)
      : cal.remainingWorkingMinutes(clock.due, at);
  return {
    state: 'paused',
    period: clock.period,
    extended: clock.extended,
    supplementRequests: clock.supplementRequests + 1,
    pausedAt: at,
    dueWhenPaused: clock.due,
    remaining,
  };
}

export type ResumeMode =
  /** Continue with the time that was left (the de-facto rule; QĐ 766 subtracts supplement time). */
  | 'continue'
  /**
   * Start the whole period again from the complete dossier: NĐ 297/2025 — "thời hạn giải quyết
   * được tính lại từ đầu" once the complete dossier is received (domain.md §1.4).
   */
  | 'restart';

/**
 * Restarts the clock when the complete dossier comes back. Its receipt counts like an intake:
 * outside working time it counts from the next working window (QĐ 3142/QĐ-BGDĐT Art. 11).
 */
export function resumeClock(
  cal: WorkingCalendar,
  clock: DeadlineClock,
  at: Date,
  mode: ResumeMode = 'continue',
): RunningClock {
  if (clock.state !== 'paused') {
    throw new AppError('CONFLICT', 'Thời hạn giải quyết không ở trạng thái tạm dừng.');
  }
  const base = {
    state: 'running' as const,
    period: clock.period,
    extended: clock.extended,
    supplementRequests: clock.supplementRequests,
  };
  const start = cal.effectiveStart(at);
  if (mode === 'restart') {
    return { ...base, due: cal.addPeriod(start, clock.period.amount, clock.period.unit) };
  }
  if (clock.period.unit === 'calendar_days') {
    const moved = new Date(start.getTime() + clock.remaining * 60_000);
    return { ...base, due: cal.addCalendarDays(moved, 0) };
  }
  if (clock.remaining <= 0) {
    // Already late when stopped: it stays late by the same working time.
    return { ...base, due: cal.atWorkingMinute(cal.workingMinuteOf(start) + clock.remaining) };
  }
  return { ...base, due: cal.addWorkingMinutes(start, clock.remaining) };
}

/**
 * Moves the due date once. The return date may be rescheduled only once: Lai Châu QĐ 88/2025/
 * QĐ-UBND applying NĐ 118/2025 ("không quá một lần") and NĐ 297/2025 (apology letter with the new
 * date, rescheduling at most once), domain.md §1.4.
 */
export function extendClock(
  cal: WorkingCalendar,
  clock: DeadlineClock,
  extension: DeadlinePeriod,
): DeadlineClock {
  if (clock.extended) {
    throw new AppError(
      'CONFLICT',
      'Hồ sơ đã được gia hạn một lần; theo quy định chỉ được gia hạn không quá một lần.',
    );
  }
  const calendarDays = clock.period.unit === 'calendar_days';
  if (calendarDays !== (extension.unit === 'calendar_days')) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Đơn vị thời gian gia hạn phải cùng loại với thời hạn giải quyết (ngày làm việc/giờ làm việc hoặc ngày).',
    );
  }
  if (!(extension.amount > 0)) {
    throw new AppError('VALIDATION_FAILED', 'Thời gian gia hạn phải lớn hơn 0.');
  }
  if (clock.state === 'paused') {
    const extra =
      extension.unit === 'calendar_days'
        ? extension.amount * 1440
        : cal.workingMinutesOf(extension.amount, extension.unit);
    return { ...clock, extended: true, remaining: clock.remaining + extra };
  }
  return {
    ...clock,
    extended: true,
    due: cal.addPeriod(clock.due, extension.amount, extension.unit),
  };
}
