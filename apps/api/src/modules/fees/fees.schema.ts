import {
  boolean,
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
import { sql } from 'drizzle-orm';
import type {
  BeneficiaryAccount,
  FeeExemption,
  FeeItem,
  LegalBasis,
  OnlineReduction,
  TreasuryAccount,
} from '@motcua/contracts';

/**
 * Fee schedules (biểu phí, lệ phí), one row per version. A row is never updated or deleted
 * (trigger in 0018): a change is a new version with its own effective date, and a dossier is
 * charged by the version in force when it was filed (issue 17 item 1). `agency_id` null: the
 * province-wide default; otherwise that receiving agency's own schedule, which wins over it.
 */
export const feeSchedule = pgTable(
  'fee_schedule',
  {
    id: uuid().primaryKey().defaultRandom(),
    procedureCode: text().notNull(),
    agencyId: uuid(),
    /** The agency's electronic ID (mã định danh) as given, for display and the platform. */
    agencyEid: text(),
    version: integer().notNull(),
    source: text().$type<'catalogue' | 'curated' | 'admin'>().notNull(),
    items: jsonb().$type<FeeItem[]>().notNull(),
    exemptions: jsonb().$type<FeeExemption[]>().notNull().default([]),
    onlineReduction: jsonb().$type<OnlineReduction | null>(),
    legalBasis: jsonb().$type<LegalBasis[]>().notNull().default([]),
    effectiveFrom: date({ mode: 'string' }).notNull(),
    effectiveTo: date({ mode: 'string' }),
    beneficiary: jsonb().$type<BeneficiaryAccount | null>(),
    treasury: jsonb().$type<TreasuryAccount | null>(),
    receiptSeries: text(),
    note: text().notNull().default(''),
    /** Curated files: the file's hash, so a start seeds a changed file once and an unchanged one never. */
    contentHash: text(),
    /** Scoped to the caller: `<actor>:<Idempotency-Key>`. */
    idempotencyKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: text(),
  },
  (t) => [
    uniqueIndex('fee_schedule_version_unique').on(
      t.procedureCode,
      sql`coalesce(${t.agencyId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.version,
    ),
    uniqueIndex('fee_schedule_idempotency_unique').on(t.idempotencyKey),
    index('fee_schedule_lookup_idx').on(t.procedureCode, t.agencyId, t.effectiveFrom),
  ],
);

/**
 * What the start-up import read from each procedure's national record (seed 002's review of fee
 * data): whether its fee rows gave a usable amount, and if not why, with the raw text to enter
 * the schedule by hand. Name and field are copied so the review needs no join across modules.
 */
export const feeCatalogueImport = pgTable(
  'fee_catalogue_import',
  {
    procedureCode: text().primaryKey(),
    catalogueVersion: integer().notNull(),
    name: text().notNull(),
    field: text().notNull().default(''),
    usable: boolean().notNull(),
    reason: text().notNull().default(''),
    raw: text().notNull().default(''),
    scheduleId: uuid(),
    importedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('fee_catalogue_import_usable_idx').on(t.usable, t.procedureCode)],
);
