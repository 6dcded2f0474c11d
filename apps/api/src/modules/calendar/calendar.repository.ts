import { and, asc, desc, eq, gte, inArray, lt, max, sql } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../platform/db/database.js';
import type { DayEntry, DayKind } from './calendar-data.js';
import { calChange, calDay, calYear } from './calendar.schema.js';

export type ChangeAction = 'seed' | 'project' | 'upsert' | 'delete' | 'confirm';
export type RecomputeStatus = 'pending' | 'done' | 'not_needed';

export interface ChangeRow {
  id: number;
  at: Date;
  actor: string;
  action: ChangeAction;
  year: number;
  date: string | null;
  before: unknown;
  after: unknown;
  recomputeStatus: RecomputeStatus;
  recomputedCount: number | null;
  recomputedAt: Date | null;
}

const toEntry = (row: typeof calDay.$inferSelect): DayEntry => ({
  date: row.date,
  kind: row.kind as DayKind,
  name: row.name,
  status: row.status as DayEntry['status'],
  pairedDate: row.pairedDate,
  source: row.source as DayEntry['source'],
  note: row.note,
});

const yearRange = (year: number) =>
  and(gte(calDay.date, `${year}-01-01`), lt(calDay.date, `${year + 1}-01-01`));

export function createCalendarRepository(db: Db) {
  return {
    async allDays(tx: DbExecutor = db): Promise<DayEntry[]> {
      const rows = await tx.select().from(calDay).orderBy(asc(calDay.date));
      return rows.map(toEntry);
    },

    async daysOfYear(year: number, tx: DbExecutor = db): Promise<DayEntry[]> {
      const rows = await tx.select().from(calDay).where(yearRange(year)).orderBy(asc(calDay.date));
      return rows.map(toEntry);
    },

    async findDay(date: string, tx: DbExecutor = db): Promise<DayEntry | undefined> {
      const rows = await tx.select().from(calDay).where(eq(calDay.date, date)).for('update');
      return rows[0] ? toEntry(rows[0]) : undefined;
    },

    async upsertDay(tx: DbExecutor, entry: DayEntry, at: Date, actor: string): Promise<void> {
      const values = { ...entry, updatedAt: at, updatedBy: actor };
      await tx
        .insert(calDay)
        .values(values)
        .onConflictDoUpdate({ target: calDay.date, set: values });
    },

    async insertDaysIfAbsent(tx: DbExecutor, entries: DayEntry[], at: Date, actor: string) {
      if (entries.length === 0) return;
      await tx
        .insert(calDay)
        .values(entries.map((e) => ({ ...e, updatedAt: at, updatedBy: actor })))
        .onConflictDoNothing();
    },

    async deleteDay(tx: DbExecutor, date: string): Promise<void> {
      await tx.delete(calDay).where(eq(calDay.date, date));
    },

    async confirmDrafts(
      tx: DbExecutor,
      year: number,
      dates: string[] | undefined,
      at: Date,
      actor: string,
    ): Promise<string[]> {
      const rows = await tx
        .update(calDay)
        .set({ status: 'confirmed', updatedAt: at, updatedBy: actor })
        .where(
          and(
            yearRange(year),
            eq(calDay.status, 'draft'),
            dates ? inArray(calDay.date, dates) : undefined,
          ),
        )
        .returning({ date: calDay.date });
      return rows.map((r) => r.date).sort();
    },

    async filledYears(tx: DbExecutor = db) {
      return tx.select().from(calYear).orderBy(asc(calYear.year));
    },

    /** Marks a year filled; false when another process filled it first. */
    async claimYear(
      tx: DbExecutor,
      year: number,
      origin: 'dataset' | 'projection',
      checksum: string | null,
      at: Date,
    ): Promise<boolean> {
      const rows = await tx
        .insert(calYear)
        .values({ year, origin, checksum, filledAt: at })
        .onConflictDoNothing()
        .returning({ year: calYear.year });
      return rows.length === 1;
    },

    async insertChange(
      tx: DbExecutor,
      change: Omit<ChangeRow, 'id' | 'recomputedCount' | 'recomputedAt'>,
    ): Promise<number> {
      const rows = await tx.insert(calChange).values(change).returning({ id: calChange.id });
      return rows[0]!.id;
    },

    async pendingChanges(tx: DbExecutor = db): Promise<ChangeRow[]> {
      const rows = await tx
        .select()
        .from(calChange)
        .where(eq(calChange.recomputeStatus, 'pending'))
        .orderBy(asc(calChange.id))
        .for('update', { skipLocked: true });
      return rows as ChangeRow[];
    },

    async markRecomputed(tx: DbExecutor, ids: number[], count: number, at: Date): Promise<void> {
      if (ids.length === 0) return;
      await tx
        .update(calChange)
        .set({ recomputeStatus: 'done', recomputedCount: count, recomputedAt: at })
        .where(inArray(calChange.id, ids));
    },

    async findChange(id: number): Promise<ChangeRow | undefined> {
      const rows = await db.select().from(calChange).where(eq(calChange.id, id));
      return rows[0] as ChangeRow | undefined;
    },

    async listChanges(year: number | undefined, limit: number): Promise<ChangeRow[]> {
      const rows = await db
        .select()
        .from(calChange)
        .where(year === undefined ? undefined : eq(calChange.year, year))
        .orderBy(desc(calChange.id))
        .limit(limit);
      return rows as ChangeRow[];
    },

    /** A cheap version stamp: any calendar change adds a change row. */
    async version(): Promise<number> {
      const rows = await db.select({ v: max(calChange.id) }).from(calChange);
      return Number(rows[0]?.v ?? 0);
    },

    /** Serialises calendar writers so the version stamp and the rows move together. */
    async lockForWrite(tx: DbExecutor): Promise<void> {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(7514004)`);
    },
  };
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
