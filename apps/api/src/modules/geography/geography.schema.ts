import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  bigserial,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/** Administrative units of every snapshot the system keeps (current, 01/07/2025, pre-2025). */
export const geoUnit = pgTable(
  'geo_unit',
  {
    snapshot: text().notNull(),
    level: text().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    fullName: text().notNull(),
    type: text().notNull(),
    typeLabel: text().notNull(),
    provinceCode: text().notNull(),
    districtCode: text(),
    districtName: text(),
    sortOrder: integer().notNull(),
  },
  (t) => [
    primaryKey({ name: 'geo_unit_pk', columns: [t.snapshot, t.level, t.code] }),
    index('geo_unit_province_idx').on(t.snapshot, t.level, t.provinceCode, t.sortOrder),
    index('geo_unit_full_name_trgm_idx').using(
      'gin',
      sql`f_unaccent(lower(${t.fullName})) gin_trgm_ops`,
    ),
    check('geo_unit_snapshot_known', sql`${t.snapshot} IN ('current', '2025-07-01', 'pre-2025')`),
    check('geo_unit_level_known', sql`${t.level} IN ('province', 'district', 'commune')`),
  ],
);

/** Which unit of a later snapshot took over (all or part of) a unit of an earlier one. */
export const geoSuccession = pgTable(
  'geo_succession',
  {
    fromSnapshot: text().notNull(),
    fromCode: text().notNull(),
    toSnapshot: text().notNull(),
    toCode: text().notNull(),
    coverage: text().notNull(),
    source: text().notNull(),
  },
  (t) => [
    primaryKey({
      name: 'geo_succession_pk',
      columns: [t.fromSnapshot, t.fromCode, t.toSnapshot, t.toCode],
    }),
    index('geo_succession_to_idx').on(t.toSnapshot, t.toCode),
    check('geo_succession_coverage_known', sql`${t.coverage} IN ('full', 'partial')`),
  ],
);

/** What reference data is loaded, so start-up reloads only when the vendored files change. */
export const geoDataset = pgTable('geo_dataset', {
  id: text().primaryKey(),
  checksum: text().notNull(),
  counts: jsonb().notNull(),
  loadedAt: timestamp({ withTimezone: true }).notNull(),
});

/** Runs of the reference-data check (nightly, or on request through the outbox). */
export const geoReferenceCheck = pgTable(
  'geo_reference_check',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    trigger: text().notNull(),
    status: text().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
    findings: jsonb(),
  },
  (t) => [
    check(
      'geo_reference_check_status_known',
      sql`${t.status} IN ('requested', 'passed', 'failed')`,
    ),
    check('geo_reference_check_trigger_known', sql`${t.trigger} IN ('schedule', 'request')`),
  ],
);
