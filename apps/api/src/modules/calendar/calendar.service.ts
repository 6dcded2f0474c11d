import type {
  CalendarChange,
  CalendarDay,
  CalendarDayBody,
  CalendarYearResponse,
  DeadlineQuery,
  DeadlineResponse,
} from '@motcua/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db, DbExecutor } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import { enqueueJob, type JobDefinitions } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logger.js';
import {
  isWorkingKind,
  projectYear,
  readDataset,
  type DayEntry,
  type YearData,
} from './calendar-data.js';
import {
  createCalendarRepository,
  type ChangeAction,
  type ChangeRow,
} from './calendar.repository.js';
import {
  computeDeadline,
  dayNumberOf,
  describeRemaining,
  formatTimeOfDay,
  parseTimeOfDay,
  toIctIso,
  weekdayOf,
  WorkingCalendar,
  type IntakeCutoff,
  type WorkingWindow,
} from './working-time.js';

export const RECOMPUTE_TASK = 'calendar:recompute-deadlines';
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
/** How stale another process's calendar change may be here (getCalendar). */
const VERSION_CHECK_MS = 1_000;

export interface CalendarDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** data/calendar: the vendored holiday file. */
  dataDir: string;
  windows: WorkingWindow[];
}

/** What changed, handed to downstream recompute handlers. */
export interface CalendarChangedEvent {
  changeIds: number[];
  years: number[];
  /** Dates touched; a whole-year change (confirm, projection) lists the year's dates. */
  dates: string[];
  /** Deadlines running on or after this date may move. */
  earliestDate: string;
}

export interface RecomputeContext {
  calendar: WorkingCalendar;
  /** The job's transaction: recomputed deadlines commit with the change-log update. */
  tx: DbExecutor;
  now: Date;
}

/**
 * A downstream module's recompute of the open deadlines it owns; returns how many it recomputed.
 * Registered through the calendar's public door (events, not imports: calendar never imports
 * the modules that depend on it).
 */
export type RecomputeHandler = (
  event: CalendarChangedEvent,
  context: RecomputeContext,
) => Promise<number>;

export interface YearFill {
  year: number;
  origin: 'dataset' | 'projection';
  filled: boolean;
}

function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

function toDay(entry: DayEntry, source?: CalendarDay['source']): CalendarDay {
  const wd = weekdayOf(dayNumberOf(entry.date));
  return {
    date: entry.date,
    weekday: wd === 0 ? 7 : wd,
    kind: entry.kind,
    name: entry.name,
    status: entry.status,
    working: isWorkingKind(entry.kind),
    pairedDate: entry.pairedDate,
    source: source ?? entry.source,
    note: entry.note,
  };
}

function toChange(row: ChangeRow): CalendarChange {
  return {
    id: row.id,
    at: toIctIso(row.at),
    actor: row.actor,
    action: row.action,
    year: row.year,
    date: row.date,
    before: row.before ?? null,
    after: row.after ?? null,
    recomputeStatus: row.recomputeStatus,
    recomputedCount: row.recomputedCount,
    recomputedAt: row.recomputedAt ? toIctIso(row.recomputedAt) : null,
  };
}

export function createCalendarService(deps: CalendarDeps) {
  const repo = createCalendarRepository(deps.db);
  const handlers = new Map<string, RecomputeHandler>();
  const projections = new Map<number, DayEntry[]>();
  let cache: { version: number; calendar: WorkingCalendar } | undefined;
  let building: Promise<WorkingCalendar> | undefined;

  /** Rules-based projection of a year, memoised (the lunar conversion is the only cost). */
  const projected = (year: number): DayEntry[] => {
    let entries = projections.get(year);
    if (!entries) {
      entries = projectYear(year);
      projections.set(year, entries);
    }
    return entries;
  };

  async function buildCalendar(executor: DbExecutor = deps.db): Promise<WorkingCalendar> {
    const [days, filled] = await Promise.all([repo.allDays(executor), repo.filledYears(executor)]);
    const filledYears = new Set(filled.map((f) => f.year));
    const overrides: { date: string; working: boolean }[] = [];
    const provisional = new Set<number>();
    const drafts: string[] = [];
    for (const d of days) {
      overrides.push({ date: d.date, working: isWorkingKind(d.kind) });
      // Drafts count (they are the best estimate) but make a deadline over them provisional.
      if (d.status === 'draft') drafts.push(d.date);
    }
    for (let y = FIRST_YEAR; y <= LAST_YEAR; y += 1) {
      if (filledYears.has(y)) continue;
      // A year nobody filled yet follows the Labour Code rules, the same days a projection stores.
      provisional.add(y);
      for (const e of projected(y)) overrides.push({ date: e.date, working: false });
    }
    return new WorkingCalendar({
      windows: deps.windows,
      overrides,
      provisionalYears: provisional,
      provisionalDates: drafts,
      firstYear: FIRST_YEAR,
      lastYear: LAST_YEAR,
    });
  }

  // Every dossier request needs the calendar (deadlines, the legal clock), and asking the change
  // log's version cost a round trip each time, twice for a dossier page (bench 2026-12-03). The
  // version is asked at most once per VERSION_CHECK_MS, by one query however many requests wait
  // for it; this process's own writes (write, seedCalendar) drop the stamp so they show at once,
  // another process's show within VERSION_CHECK_MS.
  let checked: { at: number; version: Promise<number> } | undefined;
  function currentVersion(): Promise<number> {
    const now = Date.now();
    if (!checked || now - checked.at >= VERSION_CHECK_MS) {
      const version = repo.version();
      const entry = { at: now, version };
      checked = entry;
      // A failed read is not remembered.
      version.catch(() => {
        if (checked === entry) checked = undefined;
      });
    }
    return checked.version;
  }
  const forgetVersion = () => {
    checked = undefined;
  };

  /** The current calendar, rebuilt only when the change log moved (any process may write). */
  async function getCalendar(): Promise<WorkingCalendar> {
    const version = await currentVersion();
    if (cache?.version === version) return cache.calendar;
    building ??= buildCalendar()
      .then((calendar) => {
        cache = { version, calendar };
        return calendar;
      })
      .finally(() => {
        building = undefined;
      });
    return building;
  }

  async function isFilled(tx: DbExecutor, year: number): Promise<boolean> {
    return (await repo.filledYears(tx)).some((f) => f.year === year);
  }

  async function logChange(
    tx: DbExecutor,
    change: {
      action: ChangeAction;
      year: number;
      date: string | null;
      before: unknown;
      after: unknown;
      actor: string;
      recompute: boolean;
    },
  ): Promise<number> {
    const id = await repo.insertChange(tx, {
      at: deps.clock.now(),
      actor: change.actor,
      action: change.action,
      year: change.year,
      date: change.date,
      before: change.before ?? null,
      after: change.after ?? null,
      recomputeStatus: change.recompute ? 'pending' : 'not_needed',
    });
    if (change.recompute) {
      // Transactional outbox: the recompute exists exactly when the change commits. One job key
      // coalesces a burst of edits into one recompute that handles every pending change.
      await enqueueJob(tx, RECOMPUTE_TASK, {}, { jobKey: RECOMPUTE_TASK, maxAttempts: 10 });
    }
    return id;
  }

  /** A year is written to only once it holds its own rows: materialise the rules first. */
  async function ensureYearStored(tx: DbExecutor, year: number, actor: string): Promise<void> {
    if (await isFilled(tx, year)) return;
    const entries = projected(year);
    await repo.claimYear(tx, year, 'projection', null, deps.clock.now());
    await repo.insertDaysIfAbsent(tx, entries, deps.clock.now(), actor);
    // Same days as the in-memory rules used until now: nothing to recompute.
    await logChange(tx, {
      action: 'project',
      year,
      date: null,
      before: null,
      after: { days: entries.length },
      actor,
      recompute: false,
    });
  }

  async function fillYear(data: YearData, actor: string): Promise<boolean> {
    return deps.db.transaction(async (tx) => {
      await repo.lockForWrite(tx);
      if (!(await repo.claimYear(tx, data.year, 'dataset', data.checksum, deps.clock.now()))) {
        return false;
      }
      await repo.insertDaysIfAbsent(tx, data.entries, deps.clock.now(), actor);
      // Filled before deadlines reach that year, replacing the rules projection used until now.
      await logChange(tx, {
        action: 'seed',
        year: data.year,
        date: null,
        before: null,
        after: { days: data.entries.length, checksum: data.checksum },
        actor,
        recompute: false,
      });
      return true;
    });
  }

  async function yearResponse(year: number, executor: DbExecutor = deps.db) {
    const filled = (await repo.filledYears(executor)).find((f) => f.year === year);
    const entries = filled ? await repo.daysOfYear(year, executor) : projected(year);
    const days = entries.map((e) => toDay(e, filled ? undefined : 'rules'));
    const response: CalendarYearResponse = {
      year,
      origin: filled ? (filled.origin as 'dataset' | 'projection') : 'rules',
      hasDrafts: !filled || entries.some((e) => e.status === 'draft'),
      workingWindows: deps.windows.map(
        (w) => `${formatTimeOfDay(w.start)}-${formatTimeOfDay(w.end)}`,
      ),
      nonWorkingDays: days.filter((d) => !d.working),
      makeupWorkdays: days.filter((d) => d.working),
    };
    return response;
  }

  async function write(
    year: number,
    actor: string,
    body: (tx: DbExecutor) => Promise<number>,
  ): Promise<{ change: CalendarChange; year: CalendarYearResponse }> {
    const changeId = await deps.db.transaction(async (tx) => {
      await repo.lockForWrite(tx);
      await ensureYearStored(tx, year, actor);
      return body(tx);
    });
    forgetVersion();
    const row = await repo.findChange(changeId);
    return { change: toChange(row!), year: await yearResponse(year) };
  }

  function checkDayRules(date: string, body: CalendarDayBody): void {
    const wd = weekdayOf(dayNumberOf(date));
    const weekend = wd === 0 || wd === 6;
    if (body.kind === 'makeup_workday' && !weekend) {
      throw new AppError(
        'VALIDATION_FAILED',
        'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật (ngày thường đã là ngày làm việc).',
      );
    }
    if (yearOf(date) < FIRST_YEAR || yearOf(date) > LAST_YEAR) {
      throw new AppError('VALIDATION_FAILED', `Năm phải từ ${FIRST_YEAR} đến ${LAST_YEAR}.`);
    }
  }

  const service = {
    /**
     * Fills the years the database does not have: from the vendored file, then (as drafts) the
     * current and next year by the rules. Idempotent and safe with several processes starting.
     */
    async seedCalendar(): Promise<YearFill[]> {
      const results: YearFill[] = [];
      for (const data of await readDataset(deps.dataDir)) {
        results.push({
          year: data.year,
          origin: 'dataset',
          filled: await fillYear(data, 'system'),
        });
      }
      const now = deps.clock.now().getUTCFullYear();
      for (const year of [now, now + 1]) {
        const filled = await deps.db.transaction(async (tx) => {
          await repo.lockForWrite(tx);
          if (await isFilled(tx, year)) return false;
          await ensureYearStored(tx, year, 'system');
          return true;
        });
        results.push({ year, origin: 'projection', filled });
      }
      const done = results.filter((r) => r.filled);
      forgetVersion();
      if (done.length > 0) deps.log.info({ years: done }, 'calendar years filled');
      return results;
    },

    getCalendar,

    async computeDeadline(query: DeadlineQuery): Promise<DeadlineResponse> {
      const calendar = await getCalendar();
      const cutoff: IntakeCutoff = {};
      if (query.cutoffAfter) cutoff.afterTime = parseTimeOfDay(query.cutoffAfter)!;
      if (query.cutoffBeforeCloseMinutes)
        cutoff.beforeCloseMinutes = query.cutoffBeforeCloseMinutes;
      const from = new Date(query.from);
      const result = computeDeadline(calendar, {
        receivedAt: from,
        amount: query.amount,
        unit: query.unit,
        cutoff,
      });
      const now = deps.clock.now();
      const minutes = calendar.remainingWorkingMinutes(result.due, now);
      return {
        due: toIctIso(result.due),
        start: toIctIso(result.start),
        from: toIctIso(from),
        amount: query.amount,
        unit: query.unit,
        provisional: result.provisional,
        remaining: { workingMinutes: minutes, ...describeRemaining(minutes) },
      };
    },

    getYear: (year: number) => yearResponse(year),

    async putDay(date: string, body: CalendarDayBody, actor: string) {
      checkDayRules(date, body);
      const year = yearOf(date);
      return write(year, actor, async (tx) => {
        const before = await repo.findDay(date, tx);
        const after: DayEntry = {
          date,
          kind: body.kind,
          name: body.name,
          status: 'confirmed',
          pairedDate: body.pairedDate ?? null,
          source: 'admin',
          note: body.note ?? null,
        };
        await repo.upsertDay(tx, after, deps.clock.now(), actor);
        return logChange(tx, {
          action: 'upsert',
          year,
          date,
          before: before ?? null,
          after,
          actor,
          recompute: true,
        });
      });
    },

    async deleteDay(date: string, actor: string) {
      const year = yearOf(date);
      return write(year, actor, async (tx) => {
        const before = await repo.findDay(date, tx);
        if (!before)
          throw notFound(`Ngày ${date} không có trong lịch nghỉ, làm bù của năm ${year}.`);
        await repo.deleteDay(tx, date);
        return logChange(tx, {
          action: 'delete',
          year,
          date,
          before,
          after: null,
          actor,
          recompute: true,
        });
      });
    },

    async confirmDrafts(year: number, dates: string[] | undefined, actor: string) {
      if (dates?.some((d) => yearOf(d) !== year)) {
        throw new AppError('VALIDATION_FAILED', `Các ngày xác nhận phải thuộc năm ${year}.`);
      }
      return write(year, actor, async (tx) => {
        const confirmed = await repo.confirmDrafts(tx, year, dates, deps.clock.now(), actor);
        if (confirmed.length === 0) {
          throw new AppError('CONFLICT', `Năm ${year} không có ngày dự kiến nào cần xác nhận.`);
        }
        // Confirming changes no day's working status, only trust in it; the provisional flag of
        // computed deadlines changes, so downstream still gets the event.
        return logChange(tx, {
          action: 'confirm',
          year,
          date: null,
          before: { status: 'draft', dates: confirmed },
          after: { status: 'confirmed', dates: confirmed },
          actor,
          recompute: true,
        });
      });
    },

    async listChanges(year: number | undefined) {
      return { items: (await repo.listChanges(year, 200)).map(toChange) };
    },

    /** Downstream modules register here; calendar never imports them. */
    registerRecomputeHandler(name: string, handler: RecomputeHandler): void {
      if (handlers.has(name)) throw new Error(`recompute handler ${name} already registered`);
      handlers.set(name, handler);
    },

    /** The job: hands every pending change to the handlers and logs how many deadlines moved. */
    async recomputeDeadlines(): Promise<{ changes: number; recomputed: number }> {
      return deps.db.transaction(async (tx) => {
        const pending = await repo.pendingChanges(tx);
        if (pending.length === 0) return { changes: 0, recomputed: 0 };
        const calendar = await buildCalendar(tx);
        const dates = new Set<string>();
        for (const c of pending) {
          if (c.date) dates.add(c.date);
          for (const d of (c.after as { dates?: string[] } | null)?.dates ?? []) dates.add(d);
        }
        const years = [...new Set(pending.map((c) => c.year))].sort();
        const sortedDates = [...dates].sort();
        const event: CalendarChangedEvent = {
          changeIds: pending.map((c) => c.id),
          years,
          dates: sortedDates,
          earliestDate: sortedDates[0] ?? `${years[0]}-01-01`,
        };
        const now = deps.clock.now();
        let recomputed = 0;
        for (const [name, handler] of handlers) {
          const n = await handler(event, { calendar, tx, now });
          deps.log.info({ handler: name, recomputed: n }, 'deadlines recomputed');
          recomputed += n;
        }
        await repo.markRecomputed(tx, event.changeIds, recomputed, now);
        return { changes: pending.length, recomputed };
      });
    },

    jobs: {
      tasks: {
        [RECOMPUTE_TASK]: async () => {
          await service.recomputeDeadlines();
        },
      },
      crontab: [],
    } satisfies JobDefinitions,
  };
  return service;
}

export type CalendarService = ReturnType<typeof createCalendarService>;
