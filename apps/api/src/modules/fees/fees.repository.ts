import { and, asc, desc, eq, inArray, isNull, or, sql, gte, lte } from 'drizzle-orm';
import type { ProcedureContent } from '@motcua/contracts';
import type { Db, DbExecutor } from '../../platform/db/database.js';
import { feeCatalogueImport, feeSchedule } from './fees.schema.js';

export type FeeScheduleRow = typeof feeSchedule.$inferSelect;
export type NewFeeScheduleRow = Omit<typeof feeSchedule.$inferInsert, 'id' | 'version'>;

export interface UnreadRecord {
  code: string;
  name: string;
  field: string;
  version: number;
  channels: ProcedureContent['channels'];
  legalBasis: ProcedureContent['legalBasis'];
  decisionNo: string;
}

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

    /**
     * Public procedures whose current record was not read yet (new, or a newer version), with the
     * parts of it the fee import needs. Read straight from the catalogue's tables, read-only: one
     * statement for the whole catalogue, where its one-procedure detail (≈20 ms each with the
     * checklist proposal) took 28 s for 2,303 records at every first start and test template.
     */
    async unreadRecords(): Promise<UnreadRecord[]> {
      const result = await db.execute(sql`
        SELECT p.code, p.name, p.field, p.current_version AS "version",
               v.content->'channels' AS "channels", v.content->'legalBasis' AS "legalBasis",
               coalesce(v.content->>'decisionNo', '') AS "decisionNo"
          FROM cat_procedure p
          JOIN cat_procedure_version v ON v.procedure_code = p.code AND v.number = p.current_version
          LEFT JOIN ${feeCatalogueImport} f ON f.procedure_code = p.code
         WHERE p.is_public AND (f.procedure_code IS NULL OR f.catalogue_version <> p.current_version)
         ORDER BY p.code`);
      return result.rows as unknown as UnreadRecord[];
    },

    /**
     * One import round in one transaction: the first versions of procedures that have no
     * province default yet (a concurrent start that made one first wins: nothing twice), and the
     * verdicts, each replaced when a newer record is read. Returns the codes given a schedule.
     */
    async saveImport(
      schedules: NewFeeScheduleRow[],
      verdicts: (typeof feeCatalogueImport.$inferInsert)[],
    ): Promise<Map<string, string>> {
      return db.transaction(async (tx) => {
        const created = new Map<string, string>();
        const codes = schedules.map((r) => r.procedureCode);
        const existing = new Set<string>();
        for (let i = 0; i < codes.length; i += 1000) {
          const rows = await tx
            .selectDistinct({ code: feeSchedule.procedureCode })
            .from(feeSchedule)
            .where(
              and(
                inArray(feeSchedule.procedureCode, codes.slice(i, i + 1000)),
                isNull(feeSchedule.agencyId),
              ),
            );
          rows.forEach((r) => existing.add(r.code));
        }
        const fresh = schedules.filter((r) => !existing.has(r.procedureCode));
        for (let i = 0; i < fresh.length; i += 500) {
          const rows = await tx
            .insert(feeSchedule)
            .values(fresh.slice(i, i + 500).map((r) => ({ ...r, version: 1 })))
            .onConflictDoNothing()
            .returning({ id: feeSchedule.id, code: feeSchedule.procedureCode });
          rows.forEach((r) => created.set(r.code, r.id));
        }
        for (let i = 0; i < verdicts.length; i += 500) {
          await tx
            .insert(feeCatalogueImport)
            .values(
              verdicts
                .slice(i, i + 500)
                .map((v) => ({ ...v, scheduleId: created.get(v.procedureCode) ?? null })),
            )
            .onConflictDoUpdate({
              target: feeCatalogueImport.procedureCode,
              set: {
                catalogueVersion: sql`excluded.catalogue_version`,
                name: sql`excluded.name`,
                field: sql`excluded.field`,
                usable: sql`excluded.usable`,
                reason: sql`excluded.reason`,
                raw: sql`excluded.raw`,
                importedAt: sql`excluded.imported_at`,
                scheduleId: sql`coalesce(excluded.schedule_id, ${feeCatalogueImport.scheduleId})`,
              },
            });
        }
        return created;
      });
    },

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
