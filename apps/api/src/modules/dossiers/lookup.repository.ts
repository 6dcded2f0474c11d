import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';

/** What the public lookup reads of a dossier: no personal data beyond the name to mask. */
export interface LookupRow {
  id: string;
  code: string;
  procedureCode: string;
  status: string;
  statusCode: number;
  applicantName: string;
  /**
   * The last four digits of the ID number and of the phone given at filing, the second factor
   * that unlocks the masked name; the numbers themselves never leave the database.
   */
  idNumberTail: string | null;
  phoneTail: string | null;
  filedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  /** The legal clock's state and due time (dos_dossier.clock), null without a clock. */
  clockState: string | null;
  clockDue: Date | null;
  /** The action log in order: kinds and times only. */
  steps: Array<{ kind: string; at: Date }>;
}

/**
 * A dossier settled on another system (a ministry's centralized system, issue 16 item 5) that the
 * public lookup answers for too, under the same rules: the row's public fields, the tails of the
 * second factor, and a counter of wrong factors kept by whoever stores the row.
 */
export interface ExternalLookupRow {
  /** Opaque to the lookup; given back to `countVerifyAttempt`. */
  key: string;
  code: string;
  procedureName: string;
  statusCode: number;
  statusLabel: string;
  /** Which ministry's system settles it, e.g. `btp`. */
  source: string;
  applicantName: string;
  idNumberTail: string | null;
  phoneTail: string | null;
  filedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  steps: Array<{ label: string; at: Date }>;
}

export interface ExternalLookup {
  find(code: string): Promise<ExternalLookupRow | undefined>;
  /** As `countVerifyAttempt` below: the wrong attempts of the current window, this one included. */
  countVerifyAttempt(attempt: {
    key: string;
    wrong: boolean;
    now: Date;
    windowMs: number;
  }): Promise<number>;
}

interface RawRow extends Record<string, unknown> {
  id: string;
  code: string;
  procedure_code: string;
  status: string;
  status_code: number;
  applicant_name: string | null;
  id_number_tail: string | null;
  phone_tail: string | null;
  filed_at: string | Date;
  received_at: string | Date | null;
  due_at: string | Date | null;
  clock_state: string | null;
  clock_due: string | null;
  steps: Array<{ kind: string; at: string }> | null;
}

const date = (v: string | Date) => (v instanceof Date ? v : new Date(v));
const dateOrNull = (v: string | Date | null) => (v === null ? null : date(v));

/**
 * The public lookup in one statement (bench 2026-12-02: the full dossier view took four — the row
 * with its form data, the action log, the attachments, the calendar version): the row's public
 * columns and the log's kinds and times, by the unique code index and the (dossier_id, seq) index.
 */
export async function findForLookup(db: Db, code: string): Promise<LookupRow | undefined> {
  const result = await db.execute<RawRow>(sql`
    SELECT d.id, d.code, d.procedure_code, d.status, d.status_code,
           d.applicant->>'name' AS applicant_name,
           NULLIF(right(regexp_replace(coalesce(d.applicant->>'idNumber', ''), '[^0-9]', '', 'g'), 4), '')
             AS id_number_tail,
           NULLIF(right(regexp_replace(coalesce(d.applicant->>'phone', ''), '[^0-9]', '', 'g'), 4), '')
             AS phone_tail,
           d.filed_at, d.received_at, d.due_at,
           d.clock->>'state' AS clock_state, d.clock->>'due' AS clock_due,
           (SELECT json_agg(json_build_object('kind', a.kind, 'at', a.at) ORDER BY a.seq)
              FROM dos_action a WHERE a.dossier_id = d.id) AS steps
      FROM dos_dossier d
     WHERE d.code = ${code}`);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    code: row.code,
    procedureCode: row.procedure_code,
    status: row.status,
    statusCode: Number(row.status_code),
    applicantName: row.applicant_name ?? '',
    idNumberTail: row.id_number_tail,
    phoneTail: row.phone_tail,
    filedAt: date(row.filed_at),
    receivedAt: dateOrNull(row.received_at),
    dueAt: dateOrNull(row.due_at),
    clockState: row.clock_state,
    clockDue: row.clock_due === null ? null : new Date(row.clock_due),
    steps: (row.steps ?? []).map((s) => ({ kind: s.kind, at: new Date(s.at) })),
  };
}

/**
 * Counts one second-factor attempt on a dossier's lookup (dos_lookup_guard, migration 0013) and
 * answers the wrong attempts of the current window, this one included. One upsert per attempt:
 * concurrent guesses queue on the guard row, so a burst cannot all read "no failures yet". A
 * window older than `windowMs` starts afresh.
 */
export async function countVerifyAttempt(
  db: Db,
  attempt: { dossierId: string; wrong: boolean; now: Date; windowMs: number },
): Promise<number> {
  const now = attempt.now.toISOString();
  const expired = sql`dos_lookup_guard.window_start <= ${now}::timestamptz - make_interval(secs => ${attempt.windowMs / 1000})`;
  const add = attempt.wrong ? 1 : 0;
  const result = await db.execute<{ failures: number }>(sql`
    INSERT INTO dos_lookup_guard (dossier_id, failures, window_start)
    VALUES (${attempt.dossierId}, ${add}, ${now})
    ON CONFLICT (dossier_id) DO UPDATE SET
      failures = CASE WHEN ${expired} THEN 0 ELSE dos_lookup_guard.failures END + ${add},
      window_start = CASE WHEN ${expired} THEN ${now}::timestamptz ELSE dos_lookup_guard.window_start END
    RETURNING failures`);
  return Number(result.rows[0]?.failures ?? 0);
}
