import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * Dates that differ from the default working week (Mon–Fri): public holidays, compensatory
 * days off, swapped days, local closures (not working) and make-up working Saturdays (working).
 * One row per date: the calendar is province-wide.
 */
export const calDay = pgTable(
  'cal_day',
  {
    date: date({ mode: 'string' }).primaryKey(),
    kind: text().notNull(),
    name: text().notNull(),
    /** Draft rows are projected from the Labour Code rules and wait for an administrator. */
    status: text().notNull(),
    /** For a swap: the date this one is exchanged with (make-up Saturday ↔ day off). */
    pairedDate: date({ mode: 'string' }),
    source: text().notNull(),
    note: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedBy: text().notNull(),
  },
  (t) => [
    check(
      'cal_day_kind_known',
      sql`${t.kind} IN ('holiday', 'compensatory', 'swap_day_off', 'local_closure', 'makeup_workday')`,
    ),
    check('cal_day_status_known', sql`${t.status} IN ('confirmed', 'draft')`),
    check('cal_day_source_known', sql`${t.source} IN ('dataset', 'projection', 'admin')`),
  ],
);

/** Which years were filled (from the vendored dataset or by projection), so start-up is idempotent. */
export const calYear = pgTable(
  'cal_year',
  {
    year: integer().primaryKey(),
    origin: text().notNull(),
    checksum: text(),
    filledAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [check('cal_year_origin_known', sql`${t.origin} IN ('dataset', 'projection')`)],
);

/** Every calendar change (who, when, what) and the result of the deadline recompute it triggered. */
export const calChange = pgTable(
  'cal_change',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull(),
    actor: text().notNull(),
    action: text().notNull(),
    year: integer().notNull(),
    date: date({ mode: 'string' }),
    before: jsonb(),
    after: jsonb(),
    recomputeStatus: text().notNull(),
    recomputedCount: integer(),
    recomputedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('cal_change_year_idx').on(t.year, t.at),
    check(
      'cal_change_action_known',
      sql`${t.action} IN ('seed', 'project', 'upsert', 'delete', 'confirm')`,
    ),
    check(
      'cal_change_recompute_status_known',
      sql`${t.recomputeStatus} IN ('pending', 'done', 'not_needed')`,
    ),
  ],
);
