import { ProcedureSearchQuery } from '@motcua/contracts';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { createModules } from '../apps/api/src/app.js';
import type { Config } from '../apps/api/src/config.js';
import { systemClock } from '../apps/api/src/platform/clock.js';
import { createLogger } from '../apps/api/src/platform/logger.js';

/** Tables that must never be read with a sequential scan on a hot path (issue 7). */
export const WATCHED_TABLES = [
  'cat_procedure',
  'cat_procedure_version',
  'dos_dossier',
  'dos_action',
];

export interface StatementPlan {
  sql: string;
  params: unknown[];
  executionMs: number | null;
  seqScans: string[];
  plan: string[];
}

export interface CasePlans {
  name: string;
  statements: StatementPlan[];
  /** Sequential scans on WATCHED_TABLES in any statement of this case. */
  watchedSeqScans: string[];
}

export interface PlanReport {
  tables: Record<string, { rows: number; sizeBytes: number }>;
  cases: CasePlans[];
}

/**
 * Runs the product's own catalogue and dossier code (search, procedure page, dossier lookup, dossier
 * page, officer queue) through a Drizzle instance that
 * records the SQL it sends, then EXPLAIN (ANALYZE, BUFFERS) each statement with its parameters.
 */
export async function explainCatalog(options: {
  databaseUrl: string;
  config: Config;
  searchQueries: string[];
  procedureCode: string;
  /** Public lookup (issue 6): its statements, the dossier's and the procedure's. */
  dossierCodes?: string[];
  /** Dossier page (officer): the dossier, its action log. */
  pageCodes?: string[];
  /** Officer queue of these agencies (the bench officer's reach): each view. */
  queueAgencyIds?: string[];
}): Promise<PlanReport> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
  pool.on('error', () => undefined);
  let captured: Array<{ sql: string; params: unknown[] }> | undefined;
  const db = drizzle({
    client: pool,
    casing: 'snake_case',
    logger: { logQuery: (sql, params) => captured?.push({ sql, params }) },
  });
  try {
    const modules = createModules(
      {
        config: options.config,
        databaseUrl: options.databaseUrl,
        clock: systemClock,
        log: createLogger('warn'),
      },
      // Plans are read as the owner (EXPLAIN ANALYZE of reads only); nothing is migrated here.
      { pool, db, ownerUrl: options.databaseUrl, role: null, close: () => pool.end() },
    );
    const cases: Array<{ name: string; run: () => Promise<unknown> }> = [
      ...options.searchQueries.map((q) => ({
        name: `catalogue search q="${q}"`,
        // Uncached, so the plan of the real statement is seen.
        run: () => modules.catalog.searchUncached(ProcedureSearchQuery.parse({ q })),
      })),
      {
        name: `procedure page ${options.procedureCode}`,
        run: () => modules.catalog.getProcedureUncached(options.procedureCode),
      },
      ...(options.dossierCodes ?? []).map((code) => ({
        name: `public dossier lookup ${code}`,
        run: () => modules.dossiers.lookup(code),
      })),
      ...(options.pageCodes ?? []).map((code) => ({
        name: `dossier page ${code}`,
        run: () => modules.dossiers.getDossier(code, () => true),
      })),
      ...(options.queueAgencyIds
        ? (['open', 'overdue', 'waiting_supplement'] as const).map((view) => ({
            name: `officer queue view=${view} (1 agency)`,
            run: () =>
              modules.dossiers.queue(
                { agencyIds: options.queueAgencyIds!, unitIds: [] },
                { accountId: '00000000-0000-4000-8000-000000000000', unitIds: [] },
                { view, page: 1, pageSize: 25 },
              ),
          }))
        : []),
    ];

    const results: CasePlans[] = [];
    for (const item of cases) {
      captured = undefined;
      await item.run(); // warm the cache as the load did
      captured = [];
      await item.run();
      const statements: StatementPlan[] = [];
      for (const statement of captured) {
        const explained = await pool.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
          statement.params,
        );
        const plan = explained.rows.map((r) => r['QUERY PLAN']);
        const seqScans = [
          ...new Set(
            plan.flatMap((line) => [...line.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]!)),
          ),
        ];
        const execution = plan
          .map((line) => /Execution Time: ([\d.]+) ms/.exec(line))
          .find((m) => m !== null);
        statements.push({
          sql: statement.sql,
          params: statement.params,
          executionMs: execution ? Number(execution[1]) : null,
          seqScans,
          plan,
        });
      }
      captured = undefined;
      results.push({
        name: item.name,
        statements,
        watchedSeqScans: [...new Set(statements.flatMap((s) => s.seqScans))].filter((t) =>
          WATCHED_TABLES.includes(t),
        ),
      });
    }

    const tables: PlanReport['tables'] = {};
    for (const table of WATCHED_TABLES) {
      const { rows } = await pool.query<{ n: number; size: string }>(
        `SELECT count(*)::int AS n, pg_total_relation_size($1::regclass)::text AS size FROM ${table}`,
        [table],
      );
      tables[table] = { rows: rows[0]?.n ?? 0, sizeBytes: Number(rows[0]?.size ?? 0) };
    }
    return { tables, cases: results };
  } finally {
    await pool.end();
  }
}
