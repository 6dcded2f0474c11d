import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The national sync's outbox (issue 16): one row per target and logged action, written in the
 * transaction that appends the action, drained by the job worker in order per dossier. A row is
 * `pending` until the portal acknowledges it, `dead` when the portal refused what we sent (its
 * message kept) and retrying cannot help.
 */
export const syncOutbox = pgTable(
  'sync_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    target: text().notNull(),
    dossierId: uuid().notNull(),
    seq: integer().notNull(),
    kind: text().notNull(),
    status: text().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    lastError: text(),
  },
  (t) => [
    uniqueIndex('sync_outbox_event_unique').on(t.target, t.dossierId, t.seq),
    index('sync_outbox_pending_idx').on(t.status, t.nextAttemptAt),
    index('sync_outbox_dossier_idx').on(t.dossierId, t.target, t.seq),
  ],
);

/**
 * One cross-system reconciliation (đối chiếu, seed 002): our dossiers filed in a period, for one
 * receiving agency or all, against what each national system holds. A target that could not be
 * read keeps its error in `targetErrors` and contributes no mismatch.
 */
export const syncReconciliation = pgTable('sync_reconciliation', {
  id: uuid().primaryKey().defaultRandom(),
  periodFrom: date({ mode: 'string' }).notNull(),
  periodTo: date({ mode: 'string' }).notNull(),
  agencyId: uuid(),
  trigger: text().$type<'nightly' | 'manual'>().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  finishedAt: timestamp({ withTimezone: true }),
  dossiers: integer().notNull().default(0),
  targetErrors: jsonb().$type<Record<string, string>>().notNull().default({}),
});

/** A difference found by a reconciliation: `ours` and `theirs` hold the compared fields. */
export const syncMismatch = pgTable(
  'sync_mismatch',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    reconciliationId: uuid().notNull(),
    target: text().notNull(),
    code: text().notNull(),
    dossierId: uuid(),
    kind: text().notNull(),
    ours: jsonb().$type<Record<string, string | number | null>>(),
    theirs: jsonb().$type<Record<string, string | number | null>>(),
    resentAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('sync_mismatch_run_idx').on(t.reconciliationId, t.kind, t.code)],
);

/**
 * An error dossier (hồ sơ lỗi) to report to the national help desk the day it arises (seed 002):
 * one per dossier, system, kind and day. `facts` keeps what both sides showed at the time, for the
 * evidence page.
 */
export const syncIncident = pgTable(
  'sync_incident',
  {
    id: uuid().primaryKey().defaultRandom(),
    day: date({ mode: 'string' }).notNull(),
    aroseAt: timestamp({ withTimezone: true }).notNull(),
    source: text().$type<'dead_letter' | 'payload' | 'reconciliation'>().notNull(),
    kind: text().notNull(),
    target: text().notNull(),
    code: text().notNull(),
    dossierId: uuid(),
    procedureCode: text(),
    agencyId: uuid(),
    agencyName: text(),
    ourStatus: integer(),
    portalStatus: integer(),
    portalMessage: text().notNull(),
    facts: jsonb().$type<IncidentFacts>().notNull().default({}),
    reconciliationId: uuid(),
  },
  (t) => [
    uniqueIndex('sync_incident_daily_unique').on(t.day, t.target, t.code, t.kind),
    index('sync_incident_agency_idx').on(t.agencyId, t.day),
  ],
);

/** Key facts of both sides as they stood when the incident arose. */
export interface IncidentFacts {
  ours?: Record<string, string | number | null>;
  theirs?: Record<string, string | number | null>;
}
