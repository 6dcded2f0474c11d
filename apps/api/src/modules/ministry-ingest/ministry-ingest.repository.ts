import { sql } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../platform/db/database.js';

/** A ministry's dossier as stored (min_dossier, migration 0016). */
export interface StoredRow {
  source: string;
  code: string;
  procedureCode: string;
  procedureName: string | null;
  agencyCode: string | null;
  agencyName: string | null;
  agencyId: string | null;
  applicantName: string | null;
  idNumberTail: string | null;
  phoneTail: string | null;
  statusCode: number;
  channel: number | null;
  filedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  resultAt: Date | null;
  returnedAt: Date | null;
  remoteChangedAt: Date;
  ingestedAt: Date;
}

/** What an upsert writes; `raw` is what the ministry sent, minus the personal numbers. */
export type IncomingRow = Omit<StoredRow, 'ingestedAt'> & { raw: Record<string, unknown> };

export interface Cursor {
  changedAt: string;
  code: string;
}

const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function toStored(r: Record<string, unknown>): StoredRow {
  return {
    source: r.source as string,
    code: r.code as string,
    procedureCode: r.procedure_code as string,
    procedureName: (r.procedure_name as string | null) ?? null,
    agencyCode: (r.agency_code as string | null) ?? null,
    agencyName: (r.agency_name as string | null) ?? null,
    agencyId: (r.agency_id as string | null) ?? null,
    applicantName: (r.applicant_name as string | null) ?? null,
    idNumberTail: (r.id_number_tail as string | null) ?? null,
    phoneTail: (r.phone_tail as string | null) ?? null,
    statusCode: Number(r.status_code),
    channel: r.channel === null ? null : Number(r.channel),
    filedAt: d(r.filed_at)!,
    receivedAt: d(r.received_at),
    dueAt: d(r.due_at),
    resultAt: d(r.result_at),
    returnedAt: d(r.returned_at),
    remoteChangedAt: d(r.remote_changed_at)!,
    ingestedAt: d(r.ingested_at)!,
  };
}

/** Still being settled there: neither ended nor refused (domain.md §4.2, the 766 end states). */
export const OPEN_STATUSES = [1, 2, 4, 5, 6] as const;

/**
 * Past the due date: still open after it, or the result came after it. `now` is ours, so an open
 * dossier turns overdue here even while the ministry has not reported anything new.
 */
const overdueSql = (now: Date) => sql`(due_at IS NOT NULL AND (
    (status_code IN (1, 2, 4, 5, 6) AND due_at < ${now.toISOString()}::timestamptz)
    OR coalesce(coalesce(result_at, returned_at) > due_at, false)))`;

export function createIngestRepository() {
  return {
    async cursorOf(db: DbExecutor, source: string, lock = false): Promise<Cursor | undefined> {
      const result = await db.execute<{ cursor_changed_at: string; cursor_code: string }>(sql`
        SELECT cursor_changed_at, cursor_code FROM min_ingest_state WHERE source = ${source}
        ${lock ? sql`FOR UPDATE` : sql``}`);
      const row = result.rows[0];
      return row ? { changedAt: row.cursor_changed_at, code: row.cursor_code } : undefined;
    },

    /**
     * Moves the cursor forward only: a slower concurrent pull never moves it back. Codes compare
     * byte-wise ("C"), as the client and the ministry's keyset do, whatever the database locale.
     */
    async advance(db: DbExecutor, source: string, cursor: Cursor): Promise<void> {
      await db.execute(sql`
        INSERT INTO min_ingest_state (source, cursor_changed_at, cursor_code)
        VALUES (${source}, ${cursor.changedAt}, ${cursor.code})
        ON CONFLICT (source) DO UPDATE SET
          cursor_changed_at = excluded.cursor_changed_at, cursor_code = excluded.cursor_code
        WHERE (min_ingest_state.cursor_changed_at, min_ingest_state.cursor_code COLLATE "C")
            < (excluded.cursor_changed_at, excluded.cursor_code COLLATE "C")`);
    },

    async recordRun(
      db: DbExecutor,
      source: string,
      run: { at: Date; error: string | null },
    ): Promise<void> {
      await db.execute(sql`
        INSERT INTO min_ingest_state (source, cursor_changed_at, cursor_code, last_run_at,
                                      last_success_at, last_error)
        VALUES (${source}, '', '', ${run.at.toISOString()},
                ${run.error === null ? run.at.toISOString() : null}, ${run.error})
        ON CONFLICT (source) DO UPDATE SET
          last_run_at = excluded.last_run_at,
          last_success_at = coalesce(excluded.last_success_at, min_ingest_state.last_success_at),
          last_error = excluded.last_error`);
    },

    /**
     * Inserts new dossiers and replaces changed ones, in one statement. A row is replaced only by
     * a version at least as recent (a late replay cannot turn a returned dossier back to
     * "processing") and only when something differs, so a dossier served again leaves its row
     * untouched, `ingested_at` included. Answers how many rows were written.
     */
    async upsert(db: DbExecutor, rows: IncomingRow[], now: Date): Promise<number> {
      if (rows.length === 0) return 0;
      const iso = (v: Date | null) => v?.toISOString() ?? null;
      const payload = rows.map((r) => ({
        source: r.source,
        code: r.code,
        procedure_code: r.procedureCode,
        procedure_name: r.procedureName,
        agency_code: r.agencyCode,
        agency_name: r.agencyName,
        agency_id: r.agencyId,
        applicant_name: r.applicantName,
        id_number_tail: r.idNumberTail,
        phone_tail: r.phoneTail,
        status_code: r.statusCode,
        channel: r.channel,
        filed_at: iso(r.filedAt),
        received_at: iso(r.receivedAt),
        due_at: iso(r.dueAt),
        result_at: iso(r.resultAt),
        returned_at: iso(r.returnedAt),
        remote_changed_at: iso(r.remoteChangedAt),
        raw: r.raw,
      }));
      const result = await db.execute(sql`
        INSERT INTO min_dossier AS m (source, code, procedure_code, procedure_name, agency_code,
          agency_name, agency_id, applicant_name, id_number_tail, phone_tail, status_code, channel,
          filed_at, received_at, due_at, result_at, returned_at, remote_changed_at, raw,
          first_ingested_at, ingested_at)
        SELECT r.source, r.code, r.procedure_code, r.procedure_name, r.agency_code, r.agency_name,
               r.agency_id, r.applicant_name, r.id_number_tail, r.phone_tail, r.status_code,
               r.channel, r.filed_at, r.received_at, r.due_at, r.result_at, r.returned_at,
               r.remote_changed_at, r.raw, ${now.toISOString()}::timestamptz,
               ${now.toISOString()}::timestamptz
          FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb) AS r(
            source text, code text, procedure_code text, procedure_name text, agency_code text,
            agency_name text, agency_id uuid, applicant_name text, id_number_tail text,
            phone_tail text, status_code integer, channel integer, filed_at timestamptz,
            received_at timestamptz, due_at timestamptz, result_at timestamptz,
            returned_at timestamptz, remote_changed_at timestamptz, raw jsonb)
        ON CONFLICT (source, code) DO UPDATE SET
          procedure_code = excluded.procedure_code, procedure_name = excluded.procedure_name,
          agency_code = excluded.agency_code, agency_name = excluded.agency_name,
          agency_id = excluded.agency_id, applicant_name = excluded.applicant_name,
          id_number_tail = excluded.id_number_tail, phone_tail = excluded.phone_tail,
          status_code = excluded.status_code, channel = excluded.channel,
          filed_at = excluded.filed_at, received_at = excluded.received_at,
          due_at = excluded.due_at, result_at = excluded.result_at,
          returned_at = excluded.returned_at, remote_changed_at = excluded.remote_changed_at,
          raw = excluded.raw, ingested_at = excluded.ingested_at
        WHERE m.remote_changed_at <= excluded.remote_changed_at
          AND (m.raw, m.agency_id) IS DISTINCT FROM (excluded.raw, excluded.agency_id)
        RETURNING m.code`);
      return result.rows.length;
    },

    async findByCode(db: Db, code: string): Promise<StoredRow | undefined> {
      const result = await db.execute(sql`
        SELECT * FROM min_dossier WHERE code = ${code} ORDER BY source LIMIT 1`);
      const row = result.rows[0];
      return row ? toStored(row) : undefined;
    },

    async list(
      db: Db,
      filter: {
        source?: string | undefined;
        status?: number | undefined;
        agencyIds?: string[] | null | undefined;
        agency?: string | undefined;
        overdue?: boolean | undefined;
        q?: string | undefined;
        now: Date;
        limit: number;
        offset: number;
      },
    ): Promise<{ total: number; rows: Array<StoredRow & { overdue: boolean }> }> {
      const where = [sql`true`];
      if (filter.source) where.push(sql`source = ${filter.source}`);
      if (filter.status) where.push(sql`status_code = ${filter.status}`);
      if (filter.agencyIds) {
        // Officers see the ministry dossiers of their own agencies only, as with ours.
        if (filter.agencyIds.length === 0) where.push(sql`false`);
        else where.push(sql`agency_id = ANY(${`{${filter.agencyIds.join(',')}}`}::uuid[])`);
      }
      if (filter.agency) {
        where.push(sql`(agency_code = ${filter.agency} OR agency_id::text = ${filter.agency})`);
      }
      if (filter.overdue !== undefined) {
        where.push(filter.overdue ? overdueSql(filter.now) : sql`NOT ${overdueSql(filter.now)}`);
      }
      if (filter.q) {
        const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(
          sql`(code ILIKE ${like} OR f_unaccent(coalesce(procedure_name, '')) ILIKE f_unaccent(${like})
               OR f_unaccent(coalesce(applicant_name, '')) ILIKE f_unaccent(${like}))`,
        );
      }
      const condition = sql.join(where, sql` AND `);
      const result = await db.execute(sql`
        SELECT *, ${overdueSql(filter.now)} AS overdue, count(*) OVER () AS total
          FROM min_dossier WHERE ${condition}
         ORDER BY filed_at DESC, code
         LIMIT ${filter.limit} OFFSET ${filter.offset}`);
      let total = Number(result.rows[0]?.total ?? 0);
      if (result.rows.length === 0 && filter.offset > 0) {
        const counted = await db.execute(
          sql`SELECT count(*) AS total FROM min_dossier WHERE ${condition}`,
        );
        total = Number(counted.rows[0]?.total ?? 0);
      }
      return {
        total,
        rows: result.rows.map((r) => ({ ...toStored(r), overdue: r.overdue === true })),
      };
    },

    async summary(db: Db, now: Date) {
      const result = await db.execute<{
        source: string;
        total: string;
        open: string;
        overdue: string;
        by_status: Record<string, number> | null;
      }>(sql`
        SELECT source, count(*) AS total,
               count(*) FILTER (WHERE status_code IN (1, 2, 4, 5, 6)) AS open,
               count(*) FILTER (WHERE ${overdueSql(now)}) AS overdue,
               (SELECT jsonb_object_agg(s.status_code::text, s.n) FROM (
                  SELECT status_code, count(*)::int AS n FROM min_dossier x
                   WHERE x.source = m.source GROUP BY status_code) s) AS by_status
          FROM min_dossier m GROUP BY source`);
      const states = await db.execute<{
        source: string;
        cursor_changed_at: string;
        last_run_at: string | null;
        last_success_at: string | null;
        last_error: string | null;
      }>(sql`SELECT source, cursor_changed_at, last_run_at, last_success_at, last_error
               FROM min_ingest_state`);
      return { counts: result.rows, states: states.rows };
    },

    /** As dos_lookup_guard (migration 0013): one upsert per attempt, a window per code. */
    async countVerifyAttempt(
      db: Db,
      attempt: { source: string; code: string; wrong: boolean; now: Date; windowMs: number },
    ): Promise<number> {
      const now = attempt.now.toISOString();
      const expired = sql`min_lookup_guard.window_start <= ${now}::timestamptz - make_interval(secs => ${attempt.windowMs / 1000})`;
      const add = attempt.wrong ? 1 : 0;
      const result = await db.execute<{ failures: number }>(sql`
        INSERT INTO min_lookup_guard (source, code, failures, window_start)
        VALUES (${attempt.source}, ${attempt.code}, ${add}, ${now})
        ON CONFLICT (source, code) DO UPDATE SET
          failures = CASE WHEN ${expired} THEN 0 ELSE min_lookup_guard.failures END + ${add},
          window_start = CASE WHEN ${expired} THEN ${now}::timestamptz
                              ELSE min_lookup_guard.window_start END
        RETURNING failures`);
      return Number(result.rows[0]?.failures ?? 0);
    },
  };
}
