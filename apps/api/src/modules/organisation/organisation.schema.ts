import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  uniqueIndex,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Agencies of the deployed province: People's Committee, its office, the service centre
 * and branches, departments, police, and each commune's committee and one-stop centre.
 */
export const orgAgency = pgTable(
  'org_agency',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Mã định danh điện tử (QĐ 20/2020/QĐ-TTg); prefix of dossier codes (TT 03/2025 Art. 13). */
    electronicId: text().notNull(),
    name: text().notNull(),
    shortName: text(),
    kind: text().notNull(),
    parentId: uuid(),
    provinceCode: text().notNull(),
    adminUnitCode: text(),
    sortOrder: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: 'org_agency_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }),
    uniqueIndex('org_agency_electronic_id_unique').on(t.electronicId),
    index('org_agency_kind_idx').on(t.provinceCode, t.kind, t.sortOrder),
    index('org_agency_name_trgm_idx').using('gin', sql`f_unaccent(lower(${t.name})) gin_trgm_ops`),
    check(
      'org_agency_kind_known',
      sql`${t.kind} IN ('people_committee', 'committee_office', 'service_centre', 'service_centre_branch', 'department', 'police', 'commune_committee', 'commune_service_centre')`,
    ),
  ],
);
