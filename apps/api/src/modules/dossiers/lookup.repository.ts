import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';

/** What the public lookup shows of a dossier: no personal data beyond the name to mask. */
export interface LookupRow {
  code: string;
  procedureCode: string;
  status: string;
  statusCode: number;
  applicantName: string;
  filedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  /** The legal clock's state and due time (dos_dossier.clock), null without a clock. */
  clockState: string | null;
  clockDue: Date | null;
  /** The action log in order: kinds and times only. */
  steps: Array<{ kind: string; at: Date }>;
}

interface RawRow extends Record<string, unknown> {
  code: string;
  procedure_code: string;
  status: string;
  status_code: number;
  applicant_name: string | null;
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
    SELECT d.code, d.procedure_code, d.status, d.status_code,
           d.applicant->>'name' AS applicant_name,
           d.filed_at, d.received_at, d.due_at,
           d.clock->>'state' AS clock_state, d.clock->>'due' AS clock_due,
           (SELECT json_agg(json_build_object('kind', a.kind, 'at', a.at) ORDER BY a.seq)
              FROM dos_action a WHERE a.dossier_id = d.id) AS steps
      FROM dos_dossier d
     WHERE d.code = ${code}`);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    code: row.code,
    procedureCode: row.procedure_code,
    status: row.status,
    statusCode: Number(row.status_code),
    applicantName: row.applicant_name ?? '',
    filedAt: date(row.filed_at),
    receivedAt: dateOrNull(row.received_at),
    dueAt: dateOrNull(row.due_at),
    clockState: row.clock_state,
    clockDue: row.clock_due === null ? null : new Date(row.clock_due),
    steps: (row.steps ?? []).map((s) => ({ kind: s.kind, at: new Date(s.at) })),
  };
}
