import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import pg from 'pg';

export type Db = NodePgDatabase;
/** A transaction handle; repositories accept either so callers can make several writes atomic. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbExecutor = Db | Tx;

export interface Database {
  pool: pg.Pool;
  db: Db;
  /** Where migrations connect: the schema owner, not the application's role. */
  ownerUrl: string;
  /** The role the pool's queries run as (null: the URL's own user). */
  role: string | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  max: number;
  applicationName?: string;
  /**
   * Run every query of this pool as this role (a startup `role` setting, so a pooled connection
   * keeps it and RESET/DISCARD return to it). The application's pools name the least-privileged
   * role; tools that maintain the schema or bulk-load a bench database leave it out.
   */
  role?: string | null;
  /** The schema owner's URL for migrations (default: `url` without the role). */
  ownerUrl?: string;
}

export function openDatabase(url: string, options: OpenOptions): Database {
  const role = options.role ?? null;
  const pool = new pg.Pool({
    connectionString: url,
    ...(role ? { options: `-c role=${role}` } : {}),
    max: options.max,
    application_name: options.applicationName ?? 'motcua',
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return {
    pool,
    db: drizzle({ client: pool, casing: 'snake_case' }),
    ownerUrl: options.ownerUrl ?? url,
    role,
    close: () => pool.end(),
  };
}

export interface DatabaseHealth {
  status: 'up' | 'down';
  latencyMs?: number;
}

export async function checkDatabase(db: Db, timeoutMs = 2_000): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    await Promise.race([
      db.execute(sql`SELECT 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch {
    return { status: 'down' };
  }
}

/** Creates the database named in the URL if the server lacks it (first start against a new server). */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) return;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(
        `CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE template0 ENCODING 'UTF8'`,
      );
    }
  } finally {
    await client.end();
  }
}

// SQLSTATE classes that pass by themselves: connection exceptions (08), insufficient resources
// (53), operator intervention such as a shutdown or restart (57P), serialization failures and
// deadlocks (40001, 40P01).
const TRANSIENT_SQLSTATE = /^(08|53|57P|40001|40P01)/;
const TRANSIENT_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/** The database was unreachable or busy for a moment: the same work may succeed when retried. */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NETWORK.has(code))
    ) {
      return true;
    }
    if (e instanceof Error && /Connection terminated|connection timeout/i.test(e.message)) {
      return true;
    }
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
