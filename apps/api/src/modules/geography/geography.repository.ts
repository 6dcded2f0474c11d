import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../platform/db/database.js';
import type { Snapshot } from '@motcua/contracts';
import { geoDataset, geoReferenceCheck, geoSuccession, geoUnit } from './geography.schema.js';
import type { ReferenceData } from './reference-data.js';

const DATASET_ID = 'admin-units';
const BATCH = 4_000;

export type UnitRecord = typeof geoUnit.$inferSelect;

function chunks<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

function searchPattern(q: string) {
  return sql`f_unaccent(lower(${geoUnit.fullName})) LIKE '%' || f_unaccent(lower(${q})) || '%'`;
}

export function createGeographyRepository(db: Db) {
  return {
    async findDataset() {
      const rows = await db.select().from(geoDataset).where(eq(geoDataset.id, DATASET_ID));
      return rows[0];
    },

    /** Replaces all reference rows in one transaction: readers never see a half-loaded map. */
    async replaceReferenceData(data: ReferenceData, at: Date): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.delete(geoSuccession);
        await tx.delete(geoUnit);
        for (const batch of chunks(data.units, BATCH)) await tx.insert(geoUnit).values(batch);
        for (const batch of chunks(data.successions, BATCH))
          await tx.insert(geoSuccession).values(batch);
        await tx
          .insert(geoDataset)
          .values({ id: DATASET_ID, checksum: data.checksum, counts: data.counts, loadedAt: at })
          .onConflictDoUpdate({
            target: geoDataset.id,
            set: { checksum: data.checksum, counts: data.counts, loadedAt: at },
          });
      });
      await db.execute(sql`ANALYZE geo_unit, geo_succession`);
    },

    async findProvince(snapshot: Snapshot, code: string) {
      const rows = await db
        .select()
        .from(geoUnit)
        .where(
          and(
            eq(geoUnit.snapshot, snapshot),
            eq(geoUnit.level, 'province'),
            eq(geoUnit.code, code),
          ),
        );
      return rows[0];
    },

    listProvinces(snapshot: Snapshot) {
      return db
        .select()
        .from(geoUnit)
        .where(and(eq(geoUnit.snapshot, snapshot), eq(geoUnit.level, 'province')))
        .orderBy(asc(geoUnit.sortOrder));
    },

    listCommunes(snapshot: Snapshot, provinceCode: string, q?: string) {
      return db
        .select()
        .from(geoUnit)
        .where(
          and(
            eq(geoUnit.snapshot, snapshot),
            eq(geoUnit.level, 'commune'),
            eq(geoUnit.provinceCode, provinceCode),
            q ? searchPattern(q) : undefined,
          ),
        )
        .orderBy(asc(geoUnit.sortOrder));
    },

    /** Units that no longer exist as such: every pre-2025 commune, and 2025 units renamed since. */
    async findFormerUnits(criteria: { code?: string; q?: string }, limit: number) {
      const filter = criteria.code
        ? sql`u.code = ${criteria.code}`
        : sql`f_unaccent(lower(u.full_name)) LIKE '%' || f_unaccent(lower(${criteria.q ?? ''})) || '%'`;
      const result = await db.execute<{
        snapshot: Snapshot;
        code: string;
        full_name: string;
        district_name: string | null;
        province_name: string;
      }>(sql`
        SELECT u.snapshot, u.code, u.full_name, u.district_name, p.full_name AS province_name
        FROM geo_unit u
        JOIN geo_unit p ON p.snapshot = u.snapshot AND p.level = 'province' AND p.code = u.province_code
        LEFT JOIN geo_unit now ON now.snapshot = 'current' AND now.level = 'commune' AND now.code = u.code
        WHERE u.level = 'commune'
          AND (u.snapshot = 'pre-2025' OR (u.snapshot = '2025-07-01' AND now.full_name IS DISTINCT FROM u.full_name))
          AND ${filter}
        ORDER BY (lower(u.full_name) = lower(${criteria.q ?? ''})) DESC, u.snapshot DESC, u.full_name, u.code
        LIMIT ${limit}`);
      return result.rows;
    },

    /** Follows successions from a former snapshot through to the current map. */
    async findCurrentSuccessors(from: Snapshot, codes: string[]) {
      if (codes.length === 0) return [];
      const result = await db.execute<{
        from_code: string;
        code: string;
        full_name: string;
        province_code: string;
        province_name: string;
        coverage: 'full' | 'partial';
      }>(sql`
        WITH RECURSIVE chain(from_code, snapshot, code, coverage) AS (
          SELECT s.from_code, s.to_snapshot, s.to_code, s.coverage
          FROM geo_succession s
          WHERE s.from_snapshot = ${from} AND s.from_code IN ${codes}
            AND s.from_code IN (SELECT code FROM geo_unit WHERE snapshot = ${from} AND level = 'commune')
          UNION
          SELECT c.from_code, s.to_snapshot, s.to_code,
                 CASE WHEN c.coverage = 'partial' OR s.coverage = 'partial' THEN 'partial' ELSE 'full' END
          FROM chain c JOIN geo_succession s ON s.from_snapshot = c.snapshot AND s.from_code = c.code
        )
        SELECT c.from_code, u.code, u.full_name, u.province_code, p.full_name AS province_name, c.coverage
        FROM chain c
        JOIN geo_unit u ON u.snapshot = 'current' AND u.level = 'commune' AND u.code = c.code
        JOIN geo_unit p ON p.snapshot = 'current' AND p.level = 'province' AND p.code = u.province_code
        WHERE c.snapshot = 'current'
        ORDER BY c.from_code, u.full_name`);
      return result.rows;
    },

    async countUnits() {
      const result = await db.execute<{ snapshot: string; level: string; n: string }>(sql`
        SELECT snapshot, level, count(*) AS n FROM geo_unit GROUP BY snapshot, level`);
      return result.rows.map((r) => ({ snapshot: r.snapshot, level: r.level, n: Number(r.n) }));
    },

    async insertCheck(tx: DbExecutor, trigger: 'schedule' | 'request', at: Date): Promise<number> {
      const rows = await tx
        .insert(geoReferenceCheck)
        .values({ trigger, status: 'requested', requestedAt: at })
        .returning({ id: geoReferenceCheck.id });
      return rows[0]!.id;
    },

    async finishCheck(id: number, status: 'passed' | 'failed', findings: unknown, at: Date) {
      await db
        .update(geoReferenceCheck)
        .set({ status, findings, finishedAt: at })
        .where(eq(geoReferenceCheck.id, id));
    },

    async findCheck(id: number) {
      const rows = await db.select().from(geoReferenceCheck).where(eq(geoReferenceCheck.id, id));
      return rows[0];
    },
  };
}

export type GeographyRepository = ReturnType<typeof createGeographyRepository>;
