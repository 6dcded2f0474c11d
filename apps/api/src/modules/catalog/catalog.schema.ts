import { sql, type SQL } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  restoreFieldOrder,
  withFieldOrder,
  type ImportSummary,
  type LocalConfig,
  type ParseIssue,
  type ProcedureContent,
} from '@motcua/contracts';

/** An e-form: jsonb drops key order, so the fields' order is carried through it in the schema. */
const eformJsonb = customType<{
  data: NonNullable<LocalConfig['eform']>;
  driverData: string | NonNullable<LocalConfig['eform']>;
}>({
  dataType: () => 'jsonb',
  toDriver: (schema) => JSON.stringify(withFieldOrder(schema)),
  fromDriver: (stored) =>
    restoreFieldOrder(typeof stored === 'string' ? JSON.parse(stored) : stored),
});

/** One row per procedure: the current version's searchable columns. */
export const catProcedure = pgTable(
  'cat_procedure',
  {
    code: text().primaryKey(),
    name: text().notNull(),
    /** Accent-free, lower-case name without the "Thủ tục" prefix: what search ranks on. */
    searchName: text().generatedAlwaysAs(
      (): SQL =>
        sql`f_unaccent(lower(regexp_replace(${catProcedure.name}, '^\\s*thủ tục\\s+', '', 'i')))`,
    ),
    field: text().notNull().default(''),
    levels: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    isPublic: boolean().notNull().default(true),
    currentVersion: integer().notNull(),
    contentHash: text().notNull(),
    parseIssues: jsonb()
      .$type<ParseIssue[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    minTimeValue: integer(),
    minTimeUnit: text(),
    /** NGAYCAPNHAT of the national record, for incremental imports. */
    sourceUpdatedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cat_procedure_search_trgm_idx').using('gin', sql`${t.searchName} gin_trgm_ops`),
    index('cat_procedure_field_idx').on(t.field),
    index('cat_procedure_levels_idx').using('gin', t.levels),
  ],
);

/** Every content that a procedure has had; dossiers pin (code, number). Append-only. */
export const catProcedureVersion = pgTable(
  'cat_procedure_version',
  {
    procedureCode: text().notNull(),
    number: integer().notNull(),
    content: jsonb().$type<ProcedureContent>().notNull(),
    contentHash: text().notNull(),
    /** Số quyết định công bố. */
    decisionNo: text().notNull(),
    effectiveDate: date({ mode: 'string' }).notNull(),
    source: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'cat_procedure_version_pk', columns: [t.procedureCode, t.number] }),
    foreignKey({
      name: 'cat_procedure_version_procedure_fk',
      columns: [t.procedureCode],
      foreignColumns: [catProcedure.code],
    }),
    check('cat_procedure_version_source_known', sql`${t.source} IN ('national', 'file', 'edit')`),
  ],
);

/** This province's decisions about a procedure (seeds 000, 001, 004; NĐ 118/2025 Art. 14). */
export const catLocalConfig = pgTable(
  'cat_local_config',
  {
    procedureCode: text().primaryKey(),
    runOn: text().notNull().default('province'),
    cutoverDate: date({ mode: 'string' }),
    ministrySystemUrl: text(),
    handlingAgencyId: uuid(),
    localFeeDecision: text(),
    boundaryFree: boolean().notNull().default(false),
    onlineLevel: text().notNull().default('partial'),
    eform: eformJsonb(),
    checklist: jsonb()
      .$type<LocalConfig['checklist']>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The processing time confirmed here (null = the catalogue's). */
    processingTime: jsonb().$type<LocalConfig['processingTime']>(),
    /** The payment rule (issue 17, migration 0021); null = the defaults (contract PaymentRule). */
    payment: jsonb().$type<LocalConfig['payment']>(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'cat_local_config_procedure_fk',
      columns: [t.procedureCode],
      foreignColumns: [catProcedure.code],
    }),
    check('cat_local_config_run_on_known', sql`${t.runOn} IN ('province', 'ministry')`),
    check(
      'cat_local_config_online_level_known',
      sql`${t.onlineLevel} IN ('full', 'partial', 'none')`,
    ),
    index('cat_local_config_run_on_idx').on(t.runOn),
  ],
);

/** Each import run (national service or file) with its summary: nothing disappears silently. */
export const catImportRun = pgTable('cat_import_run', {
  id: serial().primaryKey(),
  source: text().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  finishedAt: timestamp({ withTimezone: true }),
  /** For the national service: the NGAYCAPNHAT watermark the next incremental run starts from. */
  watermark: timestamp({ withTimezone: true }),
  summary: jsonb().$type<ImportSummary>(),
});

/** A review round (đợt rà soát) of the catalogue, as the Văn phòng UBND runs them (seed 000). */
export const catReviewBatch = pgTable('cat_review_batch', {
  id: serial().primaryKey(),
  name: text().notNull(),
  openedAt: timestamp({ withTimezone: true }).notNull(),
  closedAt: timestamp({ withTimezone: true }),
});

/** One procedure in a review round, owned by a department; outcome ĐC (adjust) or KĐC. */
export const catReviewItem = pgTable(
  'cat_review_item',
  {
    batchId: integer().notNull(),
    procedureCode: text().notNull(),
    departmentId: uuid().notNull(),
    /** null until reviewed; 'adjust' = cần điều chỉnh (ĐC), 'no_adjust' = không cần (KĐC). */
    outcome: text(),
    adjustItems: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    note: text(),
    reviewedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'cat_review_item_pk', columns: [t.batchId, t.procedureCode] }),
    foreignKey({
      name: 'cat_review_item_batch_fk',
      columns: [t.batchId],
      foreignColumns: [catReviewBatch.id],
    }),
    foreignKey({
      name: 'cat_review_item_procedure_fk',
      columns: [t.procedureCode],
      foreignColumns: [catProcedure.code],
    }),
    check(
      'cat_review_item_outcome_known',
      sql`${t.outcome} IS NULL OR ${t.outcome} IN ('adjust', 'no_adjust')`,
    ),
    check(
      'cat_review_item_adjust_has_items',
      sql`${t.outcome} IS DISTINCT FROM 'adjust' OR cardinality(${t.adjustItems}) > 0`,
    ),
    index('cat_review_item_department_idx').on(t.batchId, t.departmentId, t.outcome),
  ],
);
