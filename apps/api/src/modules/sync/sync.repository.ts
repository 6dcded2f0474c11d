import { sql } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/database.js';

/** What a reconciliation compares of one of our dossiers. */
export interface OurDossierRow {
  id: string;
  code: string;
  procedureCode: string;
  statusCode: number;
  receivingAgencyId: string;
  filedAt: Date;
  receivedAt: Date | null;
  dueAt: Date | null;
  completedAt: Date | null;
}

// Read straight from the dossiers' table: the reconciliation reads thousands of rows for a
// period, which the dossiers module's one-dossier snapshots were not made for. Read-only.
const COLUMNS = sql`id, code, procedure_code AS "procedureCode", status_code AS "statusCode",
  receiving_agency_id AS "receivingAgencyId", filed_at AS "filedAt", received_at AS "receivedAt",
  due_at AS "dueAt", completed_at AS "completedAt"`;

function normalise(row: Record<string, unknown>): OurDossierRow {
  const at = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: String(row.id),
    code: String(row.code),
    procedureCode: String(row.procedureCode),
    statusCode: Number(row.statusCode),
    receivingAgencyId: String(row.receivingAgencyId),
    filedAt: at(row.filedAt)!,
    receivedAt: at(row.receivedAt),
    dueAt: at(row.dueAt),
    completedAt: at(row.completedAt),
  };
}

/** Our dossiers filed in [from, to), of one receiving agency or all. */
export async function dossiersFiledIn(
  db: DbExecutor,
  period: { from: Date; to: Date },
  agencyId?: string,
): Promise<OurDossierRow[]> {
  const result = await db.execute(sql`SELECT ${COLUMNS} FROM dos_dossier
    WHERE filed_at >= ${period.from} AND filed_at < ${period.to}
      ${agencyId ? sql`AND receiving_agency_id = ${agencyId}` : sql``}
    ORDER BY code`);
  return (result.rows as Array<Record<string, unknown>>).map(normalise);
}

/** Our dossiers with these codes (those the portal lists outside our period or unit). */
export async function dossiersByCode(db: DbExecutor, codes: string[]): Promise<OurDossierRow[]> {
  if (codes.length === 0) return [];
  const result = await db.execute(sql`SELECT ${COLUMNS} FROM dos_dossier WHERE code IN ${codes}`);
  return (result.rows as Array<Record<string, unknown>>).map(normalise);
}

/** One of our dossiers by id; undefined if it is gone. */
export async function dossierById(db: DbExecutor, id: string): Promise<OurDossierRow | undefined> {
  const result = await db.execute(sql`SELECT ${COLUMNS} FROM dos_dossier WHERE id = ${id}`);
  const row = (result.rows as Array<Record<string, unknown>>)[0];
  return row ? normalise(row) : undefined;
}
