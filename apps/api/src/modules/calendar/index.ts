import { calendarRoutes, type AdminGuard } from './calendar.routes.js';
import { createCalendarService, type CalendarDeps } from './calendar.service.js';

export type {
  CalendarChangedEvent,
  CalendarDeps,
  CalendarService,
  RecomputeContext,
  RecomputeHandler,
} from './calendar.service.js';
export { RECOMPUTE_TASK } from './calendar.service.js';
export {
  computeDeadline,
  describeRemaining,
  parseWorkingWindows,
  toIctIso,
  WorkingCalendar,
  type DeadlineUnit,
  type IntakeCutoff,
} from './working-time.js';
export {
  extendClock,
  pauseClock,
  resumeClock,
  startClock,
  type DeadlineClock,
  type DeadlinePeriod,
  type ResumeMode,
} from './deadline-clock.js';

/**
 * The working-day calendar (holidays, make-up days, working windows) and the legal deadline
 * engine. Downstream modules compute deadlines with `getCalendar()` and register a recompute
 * handler for calendar changes with `registerRecomputeHandler`.
 */
export function createCalendarModule(
  deps: CalendarDeps & {
    requireAdmin: AdminGuard;
    actorOf: Parameters<typeof calendarRoutes>[1]['actorOf'];
  },
) {
  const service = createCalendarService(deps);
  return {
    ...service,
    routes: calendarRoutes(service, { requireAdmin: deps.requireAdmin, actorOf: deps.actorOf }),
  };
}

export type CalendarModule = ReturnType<typeof createCalendarModule>;
