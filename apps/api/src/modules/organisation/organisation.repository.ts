import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { AgencyKind } from '@motcua/contracts';
import { orgAgency } from './organisation.schema.js';
import type { OrganisationFile } from './organisation-data.js';

export type AgencyRecord = typeof orgAgency.$inferSelect;

export function createOrganisationRepository(db: Db) {
  return {
    /**
     * Inserts agencies the database lacks (matched on electronic ID). Existing rows are
     * left alone: the seed file starts the data, administrators own it afterwards.
     */
    async insertMissing(file: OrganisationFile): Promise<number> {
      return db.transaction(async (tx) => {
        const idByKey = new Map<string, string>();
        let inserted = 0;
        for (const [order, a] of file.agencies.entries()) {
          const parentId = a.parent ? (idByKey.get(a.parent) ?? null) : null;
          const rows = await tx
            .insert(orgAgency)
            .values({
              electronicId: a.electronicId,
              name: a.name,
              shortName: a.shortName,
              kind: a.kind,
              parentId,
              provinceCode: file.provinceCode,
              adminUnitCode: a.adminUnitCode,
              sortOrder: order,
            })
            .onConflictDoNothing({ target: orgAgency.electronicId })
            .returning({ id: orgAgency.id });
          if (rows[0]) {
            inserted += 1;
            idByKey.set(a.key, rows[0].id);
          } else {
            const existing = await tx
              .select({ id: orgAgency.id })
              .from(orgAgency)
              .where(eq(orgAgency.electronicId, a.electronicId));
            idByKey.set(a.key, existing[0]!.id);
          }
        }
        return inserted;
      });
    },

    list(provinceCode: string, filter: { kind?: AgencyKind; q?: string }) {
      return db
        .select()
        .from(orgAgency)
        .where(
          and(
            eq(orgAgency.provinceCode, provinceCode),
            filter.kind ? eq(orgAgency.kind, filter.kind) : undefined,
            filter.q
              ? sql`(f_unaccent(lower(${orgAgency.name})) LIKE '%' || f_unaccent(lower(${filter.q})) || '%' OR ${orgAgency.electronicId} = ${filter.q})`
              : undefined,
          ),
        )
        .orderBy(asc(orgAgency.sortOrder), asc(orgAgency.name));
    },

    async findByElectronicId(electronicId: string) {
      const rows = await db
        .select()
        .from(orgAgency)
        .where(eq(orgAgency.electronicId, electronicId));
      return rows[0];
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
