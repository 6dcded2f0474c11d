import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { runMigrations } from 'graphile-worker';
import pg from 'pg';
import { repoRoot } from '../../config.js';
import type { Database } from './database.js';

export const migrationsFolder = path.join(repoRoot, 'apps/api/db/migrations');

// Several API processes may start together; one migrates while the others wait.
const MIGRATION_LOCK = 7_514_002;

/**
 * Logs the application may only append to (issue 13, item 6): besides the triggers of migration
 * 0011, which refuse even the owner, the application's role holds no UPDATE, DELETE or TRUNCATE
 * on them.
 */
export const APPEND_ONLY_TABLES = ['dos_action', 'idn_security_event', 'dos_read_log'] as const;

/**
 * Applies our forward-only SQL migrations, then graphile-worker's own schema, as the schema
 * owner; then gives the application's role exactly what it needs on what exists now.
 */
export async function migrateDatabase(database: Database): Promise<void> {
  // The owner's own pool: the application's pool runs as a role that may not create anything.
  const owner = new pg.Pool({
    connectionString: database.ownerUrl,
    max: 2,
    application_name: 'motcua-migrate',
  });
  owner.on('error', () => undefined);
  owner.on('connect', (c) => c.on('error', () => undefined));
  const client = await owner.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client, casing: 'snake_case' }), { migrationsFolder });
      await runMigrations({ pgPool: owner });
      if (database.role) await grantApplicationRole(client, database.role);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
    await owner.end();
  }
}

/** Creates the application's role if missing and grants it data access, never the schema. */
async function grantApplicationRole(client: pg.PoolClient, role: string): Promise<void> {
  const r = client.escapeIdentifier(role);
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.rowCount === 0) {
    try {
      // Roles are shared by the server's databases: another database's migration may race us.
      await client.query(`CREATE ROLE ${r} NOLOGIN`);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== '42710' && code !== '23505') {
        throw new Error(
          `Không tạo được vai trò cơ sở dữ liệu "${role}" cho ứng dụng (DATABASE_APP_ROLE): hãy tạo nó (CREATE ROLE ${role} NOLOGIN) hoặc cấp quyền CREATEROLE cho tài khoản chạy migration.`,
          { cause: error },
        );
      }
    }
  }
  // The owner must be able to SET ROLE to it when it is also the login of the application.
  await client.query(`GRANT ${r} TO CURRENT_USER`).catch(() => undefined);
  const statements = [
    `GRANT USAGE ON SCHEMA public, graphile_worker TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${r}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public, graphile_worker TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public, graphile_worker TO ${r}`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY_TABLES.join(', ')} FROM ${r}`,
  ];
  for (const statement of statements) await client.query(statement);
  // graphile-worker turns row-level security on for its private tables (no policy: only the
  // owner sees rows); the application's role gets a policy of its own on each, so it can queue
  // and run jobs. Tables a later graphile-worker version adds get theirs at the next migration.
  const guarded = await client.query<{ table: string }>(
    `SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'graphile_worker' AND c.relkind = 'r' AND c.relrowsecurity
        AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname
                         AND p.tablename = c.relname AND $1 = ANY (p.roles))`,
    [role],
  );
  for (const { table } of guarded.rows) {
    await client.query(
      `CREATE POLICY ${client.escapeIdentifier(`${role}_all`)} ON graphile_worker.${client.escapeIdentifier(table)} TO ${r} USING (true) WITH CHECK (true)`,
    );
  }
}
