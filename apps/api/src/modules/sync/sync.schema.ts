import {
  bigserial,
  index,
  integer,
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
