import { and, asc, desc, eq, inArray, isNull, or, sql, gte, lte } from 'drizzle-orm';
import type { Db, DbExecutor } from '../../platform/db/database.js';
import { feeCatalogueImport, feeSchedule } from './fees.schema.js';

export type FeeScheduleRow = typeof feeSchedule.$inferSelect;
export type NewFeeScheduleRow = Omit<typeof feeSchedule.$inferInsert, 'id' | 'version'>;

const NO_AGENCY = '00000000-0000-0000-0000-000000000000';

/** All SQL on the fee tables. */
export function createFeesRepository(db: Db) {
  const scope = (procedureCode: string, agencyId: string | null) =>
    and(
      eq(feeSchedule.procedureCode, procedureCode),
      agencyId === null ? isNull(feeSchedule.agencyId) : eq(feeSchedule.agencyId, agencyId),
    );

  return {
    /**
     * A new version of the (procedure, agency) scope: numbered under a transaction lock on the
     * scope, so two admins saving at once get versions n and n+1, never a clash.
     */
    async insertVersion(row: NewFeeScheduleRow): Promise<FeeScheduleRow> {
      return db.transaction(async (tx) => {
        await tx.execute(
          sql`SELECT pg_advisory_xact_lock(hashtext(${`fee:${row.procedureCode}:${row.agencyId ?? NO_AGENCY}`}))`,
        );
        const [last] = await tx
          .select({ version: sql<number>`coalesce(max(${feeSchedule.version}), 0)::int` })
          .from(feeSchedule)
          .where(scope(row.procedureCode, row.agencyId ?? null));
        const [inserted] = await tx
          .insert(feeSchedule)
          .values({ ...row, version: (last?.version ?? 0) + 1 })
          .returning();
        return inserted!;
      });
    },

    findByIdempotencyKey: async (key: string) =>
      (await db.select().from(feeSchedule).where(eq(feeSchedule.idempotencyKey, key)))[0],

    /** Every version of a procedure, newest first, province default before agencies. */
    listVersions: (procedureCode: string) =>
      db
        .select()
        .from(feeSchedule)
        .where(eq(feeSchedule.procedureCode, procedureCode))
        .orderBy(
          sql`${feeSchedule.agencyId} NULLS FIRST`,
          desc(feeSchedule.effectiveFrom),
          desc(feeSchedule.version),
        ),

    /**
     * The version in force on `day` (YYYY-MM-DD): the latest effective date not after it, the
     * highest version on a tie (a correction saved before it took effect), the agency's own
     * before the province default.
     */
    async inForce(
      procedureCode: string,
      agencyId: string | null,
      day: string,
    ): Promise<FeeScheduleRow | undefined> {
      const agencies = agencyId === null ? [] : [agencyId];
      const rows = await db
        .select()
        .from(feeSchedule)
        .where(
          and(
            eq(feeSchedule.procedureCode, procedureCode),
            or(
              isNull(feeSchedule.agencyId),
              agencies.length > 0 ? inArray(feeSchedule.agencyId, agencies) : sql`false`,
            ),
            lte(feeSchedule.effectiveFrom, day),
            or(isNull(feeSchedule.effectiveTo), gte(feeSchedule.effectiveTo, day)),
          ),
        )
        .orderBy(
          sql`${feeSchedule.agencyId} NULLS LAST`,
          desc(feeSchedule.effectiveFrom),
          desc(feeSchedule.version),
        )
        .limit(1);
      return rows[0];
    },

    /** Whether the scope has any version (any source), or one of the given sources. */
    async hasVersion(
      exec: DbExecutor,
      procedureCode: string,
      agencyId: string | null,
      filter: { sources?: string[]; contentHash?: string } = {},
    ): Promise<boolean> {
      const rows = await exec
        .select({ id: feeSchedule.id })
        .from(feeSchedule)
        .where(
          and(
            scope(procedureCode, agencyId),
            filter.sources ? inArray(feeSchedule.source, filter.sources as 'admin'[]) : undefined,
            filter.contentHash ? eq(feeSchedule.contentHash, filter.contentHash) : undefined,
          ),
        )
        .limit(1);
      return rows.length > 0;
    },

    async importedCodes(): Promise<Set<string>> {
      const rows = await db
        .select({ code: feeCatalogueImport.procedureCode })
        .from(feeCatalogueImport);
      return new Set(rows.map((r) => r.code));
    },

    recordImport: (row: typeof feeCatalogueImport.$inferInsert) =>
      db
        .insert(feeCatalogueImport)
        .values(row)
        .onConflictDoNothing()
        .then(() => {}),

    /**
     * Seed 002's review: procedures whose record gave no usable fee data and that have no
     * province-default schedule in force on `day`.
     */
    async review(day: string, page: number, pageSize: number) {
      const inForce = sql`EXISTS (SELECT 1 FROM ${feeSchedule} s
        WHERE s.procedure_code = ${feeCatalogueImport.procedureCode} AND s.agency_id IS NULL
          AND s.effective_from <= ${day} AND (s.effective_to IS NULL OR s.effective_to >= ${day}))`;
      const curatedInForce = sql`EXISTS (SELECT 1 FROM ${feeSchedule} s
        WHERE s.procedure_code = ${feeCatalogueImport.procedureCode} AND s.source <> 'catalogue'
          AND s.effective_from <= ${day} AND (s.effective_to IS NULL OR s.effective_to >= ${day}))`;
      const missing = and(eq(feeCatalogueImport.usable, false), sql`NOT ${inForce}`);
      const [counts] = await db
        .select({
          procedures: sql<number>`count(*)::int`,
          withSchedule: sql<number>`count(*) FILTER (WHERE ${inForce})::int`,
          curated: sql<number>`count(*) FILTER (WHERE ${curatedInForce})::int`,
          missing: sql<number>`count(*) FILTER (WHERE ${missing})::int`,
        })
        .from(feeCatalogueImport);
      const items = await db
        .select({
          procedureCode: feeCatalogueImport.procedureCode,
          name: feeCatalogueImport.name,
          field: feeCatalogueImport.field,
          reason: feeCatalogueImport.reason,
          raw: feeCatalogueImport.raw,
        })
        .from(feeCatalogueImport)
        .where(missing)
        .orderBy(asc(feeCatalogueImport.field), asc(feeCatalogueImport.procedureCode))
        .limit(pageSize)
        .offset((page - 1) * pageSize);
      return { counts: counts!, items };
    },
  };
}

export type FeesRepository = ReturnType<typeof createFeesRepository>;
