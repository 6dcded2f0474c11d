import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { LocalConfig, ProcedureSearchQuery } from '@motcua/contracts';
import type { Db, Tx } from '../../platform/db/database.js';
import {
  catImportRun,
  catLocalConfig,
  catProcedure,
  catProcedureVersion,
  catReviewBatch,
  catReviewItem,
} from './catalog.schema.js';

type Executor = Db | Tx;

/** All SQL on the catalogue's tables. */
export function createCatalogRepository(db: Db) {
  return {
    async findHeads(tx: Executor, codes: string[]) {
      if (codes.length === 0) return [];
      return tx
        .select({
          code: catProcedure.code,
          contentHash: catProcedure.contentHash,
          currentVersion: catProcedure.currentVersion,
          parseIssues: catProcedure.parseIssues,
        })
        .from(catProcedure)
        .where(inArray(catProcedure.code, codes));
    },

    insertProcedures: (tx: Executor, rows: (typeof catProcedure.$inferInsert)[]) =>
      rows.length === 0
        ? Promise.resolve()
        : tx
            .insert(catProcedure)
            .values(rows)
            .then(() => {}),

    async updateProcedure(
      tx: Executor,
      row: Partial<typeof catProcedure.$inferInsert> & { code: string },
    ) {
      const { code, ...rest } = row;
      await tx.update(catProcedure).set(rest).where(eq(catProcedure.code, code));
    },

    insertVersions: (tx: Executor, rows: (typeof catProcedureVersion.$inferInsert)[]) =>
      rows.length === 0
        ? Promise.resolve()
        : tx
            .insert(catProcedureVersion)
            .values(rows)
            .then(() => {}),

    insertLocalConfigs: (tx: Executor, rows: (typeof catLocalConfig.$inferInsert)[]) =>
      rows.length === 0
        ? Promise.resolve()
        : tx
            .insert(catLocalConfig)
            .values(rows)
            .onConflictDoNothing()
            .then(() => {}),

    /** Procedures moved to a ministry's centralised system, with their cutover (seeds 001, 004). */
    listMoved: () =>
      db
        .select({
          code: catProcedure.code,
          name: catProcedure.name,
          cutoverDate: catLocalConfig.cutoverDate,
          ministrySystemUrl: catLocalConfig.ministrySystemUrl,
        })
        .from(catLocalConfig)
        .innerJoin(catProcedure, eq(catProcedure.code, catLocalConfig.procedureCode))
        .where(eq(catLocalConfig.runOn, 'ministry'))
        .orderBy(asc(catProcedure.code)),

    /** Fresh planner statistics after a bulk load, so search plans use the trigram index. */
    async analyze(): Promise<void> {
      await db.execute(sql`ANALYZE cat_procedure, cat_local_config, cat_procedure_version`);
    },

    async countProcedures(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(catProcedure);
      return row?.n ?? 0;
    },

    /**
     * Accent-free search in three tries, each one index-backed statement with its own count:
     * the exact code; every word present (trigram LIKE, the strong signal); and only when that
     * finds nothing, word similarity for typos ("dang ki khai sin"). One OR of all three made the
     * planner scan the whole table on every request (bench 2026-11-24: p95 4.9 s).
     */
    async search(query: ProcedureSearchQuery) {
      const filters: SQL[] = [eq(catProcedure.isPublic, true)];
      if (query.field) filters.push(eq(catProcedure.field, query.field));
      if (query.level) filters.push(sql`${query.level} = ANY(${catProcedure.levels})`);
      if (query.onlineLevel) filters.push(eq(catLocalConfig.onlineLevel, query.onlineLevel));
      if (query.runOn) filters.push(eq(catLocalConfig.runOn, query.runOn));
      if (query.agency) filters.push(eq(catLocalConfig.handlingAgencyId, query.agency));

      const run = (match: SQL | undefined, order: SQL[], page = query.page) =>
        db
          .select({
            code: catProcedure.code,
            name: catProcedure.name,
            field: catProcedure.field,
            levels: catProcedure.levels,
            minTimeValue: catProcedure.minTimeValue,
            minTimeUnit: catProcedure.minTimeUnit,
            onlineLevel: catLocalConfig.onlineLevel,
            runOn: catLocalConfig.runOn,
            total: sql<number>`(count(*) OVER ())::int`,
          })
          .from(catProcedure)
          .innerJoin(catLocalConfig, eq(catLocalConfig.procedureCode, catProcedure.code))
          .where(and(...filters, ...(match ? [match] : [])))
          .orderBy(...order)
          .limit(query.pageSize)
          .offset((page - 1) * query.pageSize);
      const result = (rows: Awaited<ReturnType<typeof run>>) => ({
        rows,
        total: rows[0]?.total ?? 0,
      });

      const q = query.q?.trim() ?? '';
      if (q === '') return result(await run(undefined, [asc(catProcedure.code)]));

      if (/^\d\.\d{6}(?:\.[A-Z0-9]+)?$/i.test(q)) {
        const byCode = await run(eq(catProcedure.code, q.toUpperCase()), []);
        if (byCode.length > 0) return result(byCode);
      }

      const folded = sql`f_unaccent(lower(${q}))`;
      const ranking = [
        desc(sql`word_similarity(${folded}, ${catProcedure.searchName})`),
        desc(sql`similarity(${folded}, ${catProcedure.searchName})`),
        asc(sql`length(${catProcedure.name})`),
        asc(catProcedure.code),
      ];
      const words = q
        .split(/\s+/u)
        .map((t) => t.replace(/[%_\\]/g, ''))
        .filter((t) => t !== '');
      if (words.length > 0) {
        const allWords = and(
          ...words.map(
            (t) => sql`${catProcedure.searchName} LIKE '%' || f_unaccent(lower(${t})) || '%'`,
          ),
        );
        const found = await run(allWords, ranking);
        if (found.length > 0) return result(found);
        // Past the last page of word matches is still "word matches", not "try typos".
        if (query.page > 1 && (await run(allWords, [], 1)).length > 0) return result(found);
      }
      return result(await run(sql`${folded} <% ${catProcedure.searchName}`, ranking));
    },

    async facets() {
      const [fields, levels] = await Promise.all([
        db
          .select({ name: catProcedure.field, count: sql<number>`count(*)::int` })
          .from(catProcedure)
          .where(and(eq(catProcedure.isPublic, true), sql`${catProcedure.field} <> ''`))
          .groupBy(catProcedure.field)
          .orderBy(asc(catProcedure.field)),
        db
          .select({ name: sql<string>`l`, count: sql<number>`count(*)::int` })
          .from(sql`${catProcedure}, unnest(${catProcedure.levels}) AS l`)
          .where(eq(catProcedure.isPublic, true))
          .groupBy(sql`l`)
          .orderBy(sql`l`),
      ]);
      return { fields, levels };
    },

    async findProcedure(code: string) {
      const [row] = await db
        .select({ procedure: catProcedure, local: catLocalConfig })
        .from(catProcedure)
        .innerJoin(catLocalConfig, eq(catLocalConfig.procedureCode, catProcedure.code))
        .where(eq(catProcedure.code, code));
      return row;
    },

    async findVersion(code: string, number: number) {
      const [row] = await db
        .select()
        .from(catProcedureVersion)
        .where(
          and(eq(catProcedureVersion.procedureCode, code), eq(catProcedureVersion.number, number)),
        );
      return row;
    },

    listVersions: (code: string) =>
      db
        .select({
          number: catProcedureVersion.number,
          effectiveDate: catProcedureVersion.effectiveDate,
          decisionNo: catProcedureVersion.decisionNo,
          source: catProcedureVersion.source,
          createdAt: catProcedureVersion.createdAt,
        })
        .from(catProcedureVersion)
        .where(eq(catProcedureVersion.procedureCode, code))
        .orderBy(asc(catProcedureVersion.number)),

    async updateLocalConfig(code: string, values: Partial<typeof catLocalConfig.$inferInsert>) {
      const rows = await db
        .update(catLocalConfig)
        .set(values)
        .where(eq(catLocalConfig.procedureCode, code))
        .returning({ code: catLocalConfig.procedureCode });
      return rows.length > 0;
    },

    /**
     * The bundled default checklist or e-form, only where the procedure has none: what the
     * province configured itself is never replaced. True when it was filled.
     */
    async fillLocalDefault(
      code: string,
      values:
        | { checklist: LocalConfig['checklist'] }
        | { eform: NonNullable<LocalConfig['eform']> }
        | { payment: LocalConfig['payment'] },
    ) {
      const empty =
        'checklist' in values
          ? sql`${catLocalConfig.checklist} = '[]'::jsonb`
          : 'eform' in values
            ? isNull(catLocalConfig.eform)
            : isNull(catLocalConfig.payment);
      const rows = await db
        .update(catLocalConfig)
        .set(values)
        .where(and(eq(catLocalConfig.procedureCode, code), empty))
        .returning({ code: catLocalConfig.procedureCode });
      return rows.length > 0;
    },

    /** Gives procedures without a handling agency the department that owns their field. */
    async assignDepartments(fieldToDepartment: Map<string, string>): Promise<number> {
      if (fieldToDepartment.size === 0) return 0;
      const pairs = sql.join(
        [...fieldToDepartment].map(([field, id]) => sql`(${field}, ${id}::uuid)`),
        sql`, `,
      );
      const result = await db.execute(sql`
        UPDATE ${catLocalConfig} AS lc SET handling_agency_id = m.department_id
          FROM ${catProcedure} AS p, (VALUES ${pairs}) AS m(field, department_id)
         WHERE lc.procedure_code = p.code AND p.field = m.field AND lc.handling_agency_id IS NULL`);
      return result.rowCount ?? 0;
    },

    /** Seed 000 table (a): per handling agency, procedures on the ministry's system vs here. */
    runOnByAgency: () =>
      db
        .select({
          agencyId: catLocalConfig.handlingAgencyId,
          onMinistry: sql<number>`count(*) FILTER (WHERE ${catLocalConfig.runOn} = 'ministry')::int`,
          onProvince: sql<number>`count(*) FILTER (WHERE ${catLocalConfig.runOn} = 'province')::int`,
        })
        .from(catLocalConfig)
        .where(sql`${catLocalConfig.handlingAgencyId} IS NOT NULL`)
        .groupBy(catLocalConfig.handlingAgencyId),

    async createReviewBatch(name: string, openedAt: Date) {
      return db.transaction(async (tx) => {
        const [batch] = await tx.insert(catReviewBatch).values({ name, openedAt }).returning();
        if (!batch) throw new Error('review batch not created');
        // Every published procedure that has an owner department goes into the round.
        await tx.execute(sql`
          INSERT INTO ${catReviewItem} (batch_id, procedure_code, department_id)
          SELECT ${batch.id}, lc.procedure_code, lc.handling_agency_id
            FROM ${catLocalConfig} lc JOIN ${catProcedure} p ON p.code = lc.procedure_code
           WHERE lc.handling_agency_id IS NOT NULL AND p.is_public`);
        return batch;
      });
    },

    listReviewBatches: () =>
      db
        .select({
          id: catReviewBatch.id,
          name: catReviewBatch.name,
          openedAt: catReviewBatch.openedAt,
          closedAt: catReviewBatch.closedAt,
          items: sql<number>`(SELECT count(*)::int FROM ${catReviewItem} WHERE ${catReviewItem.batchId} = ${catReviewBatch.id})`,
        })
        .from(catReviewBatch)
        .orderBy(desc(catReviewBatch.id)),

    async recordReview(
      batchId: number,
      code: string,
      values: Partial<typeof catReviewItem.$inferInsert>,
    ): Promise<boolean> {
      const rows = await db
        .update(catReviewItem)
        .set(values)
        .where(and(eq(catReviewItem.batchId, batchId), eq(catReviewItem.procedureCode, code)))
        .returning({ code: catReviewItem.procedureCode });
      return rows.length > 0;
    },

    listReviewItems(
      batchId: number,
      filter: { departmentId?: string | undefined; pending?: boolean | undefined },
    ) {
      const where = [eq(catReviewItem.batchId, batchId)];
      if (filter.departmentId) where.push(eq(catReviewItem.departmentId, filter.departmentId));
      if (filter.pending) where.push(sql`${catReviewItem.outcome} IS NULL`);
      return db
        .select({ item: catReviewItem, procedureName: catProcedure.name })
        .from(catReviewItem)
        .innerJoin(catProcedure, eq(catProcedure.code, catReviewItem.procedureCode))
        .where(and(...where))
        .orderBy(asc(catReviewItem.procedureCode))
        .limit(500);
    },

    /** Seed 000 table (b): per department, ĐC / KĐC / reviewed / remaining in one round. */
    reviewProgress: (batchId: number) =>
      db
        .select({
          departmentId: catReviewItem.departmentId,
          total: sql<number>`count(*)::int`,
          adjust: sql<number>`count(*) FILTER (WHERE ${catReviewItem.outcome} = 'adjust')::int`,
          noAdjust: sql<number>`count(*) FILTER (WHERE ${catReviewItem.outcome} = 'no_adjust')::int`,
        })
        .from(catReviewItem)
        .where(eq(catReviewItem.batchId, batchId))
        .groupBy(catReviewItem.departmentId),

    async startImportRun(source: string, startedAt: Date): Promise<number> {
      const [row] = await db
        .insert(catImportRun)
        .values({ source, startedAt })
        .returning({ id: catImportRun.id });
      if (!row) throw new Error('import run not recorded');
      return row.id;
    },

    async finishImportRun(id: number, values: Partial<typeof catImportRun.$inferInsert>) {
      await db.update(catImportRun).set(values).where(eq(catImportRun.id, id));
    },

    async lastWatermark(source: string): Promise<Date | null> {
      const [row] = await db
        .select({ watermark: catImportRun.watermark })
        .from(catImportRun)
        .where(and(eq(catImportRun.source, source), sql`${catImportRun.finishedAt} IS NOT NULL`))
        .orderBy(desc(catImportRun.id))
        .limit(1);
      return row?.watermark ?? null;
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;
