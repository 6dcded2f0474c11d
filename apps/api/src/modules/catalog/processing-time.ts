import type { ProcedureDetail } from '@motcua/contracts';
import type { DeadlinePeriod, IntakeCutoff } from '../calendar/index.js';

type Channel = 'online' | 'direct' | 'postal';

/**
 * The legal processing time of a procedure on a channel: the one the province confirmed (local
 * configuration) first, else the catalogue's when it states it clearly; null when it does not
 * (then no due time is promised until it is configured).
 */
export function legalPeriodOf(detail: ProcedureDetail, channel: Channel): DeadlinePeriod | null {
  const confirmed = detail.local.processingTime;
  if (confirmed) return { amount: confirmed.amount, unit: confirmed.unit };
  const terms = detail.content.channels.find((c) => c.channel === channel)?.terms ?? [];
  for (const term of terms) {
    if (term.timeValue === null || term.timeValue <= 0) continue;
    if (term.timeUnit === 'working_days' || term.timeUnit === 'calendar_days') {
      return { amount: term.timeValue, unit: term.timeUnit };
    }
    if (term.timeUnit === 'working_hours') return { amount: term.timeValue, unit: 'working_hours' };
  }
  return null;
}

/**
 * The procedure's intake cut-off: received at or after it, the time counts from the next working
 * day (NĐ 118/2025 Art. 17.1 as the provinces apply it: "sau 15 giờ"; domain.md §9).
 */
export function intakeCutoffOf(detail: ProcedureDetail): IntakeCutoff | undefined {
  const after = detail.local.processingTime?.cutoffAfter;
  if (!after) return undefined;
  const [h, m] = after.split(':').map(Number);
  return { afterTime: (h ?? 0) * 60 + (m ?? 0) };
}

/**
 * A period in working hours, for fitting a workflow inside it. Calendar days count only their
 * working days (5 in 7, rounded down), so a process checked against it fits in any week.
 */
export function periodInWorkingHours(period: DeadlinePeriod, dayMinutes: number): number {
  const dayHours = dayMinutes / 60;
  switch (period.unit) {
    case 'working_hours':
      return period.amount;
    case 'working_days':
      return period.amount * dayHours;
    case 'calendar_days':
      return Math.floor((period.amount * 5) / 7) * dayHours;
  }
}
