import { sql } from 'drizzle-orm';
import {
  check,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * A processing workflow (quy trình nội bộ) of a procedure, versioned: a new version for each
 * change; a dossier keeps the version it was filed under (dos_dossier.process_id). `agencyId`
 * null = the province's default for the procedure; an agency may publish its own.
 */
export const wfProcess = pgTable(
  'wf_process',
  {
    id: uuid().primaryKey().defaultRandom(),
    procedureCode: text().notNull(),
    agencyId: uuid(),
    version: integer().notNull(),
    /** draft | published | retired: only one published version per procedure and agency. */
    status: text().notNull().default('draft'),
    /** ProcessDefinition (process.ts). */
    definition: jsonb().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('wf_process_version_unique').on(
      t.procedureCode,
      sql`coalesce(${t.agencyId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.version,
    ),
    uniqueIndex('wf_process_published_unique')
      .on(
        t.procedureCode,
        sql`coalesce(${t.agencyId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      )
      .where(sql`${t.status} = 'published'`),
    check('wf_process_status_known', sql`${t.status} IN ('draft', 'published', 'retired')`),
  ],
);
