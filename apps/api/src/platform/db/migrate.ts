import path from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { runMigrations } from 'graphile-worker';
import { repoRoot } from '../../config.js';
import type { Database } from './database.js';

export const migrationsFolder = path.join(repoRoot, 'apps/api/db/migrations');

// Several API processes may start together; one migrates while the others wait.
const MIGRATION_LOCK = 7_514_002;

/** Applies our forward-only SQL migrations, then graphile-worker's own schema. */
export async function migrateDatabase(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(database.db, { migrationsFolder });
      await runMigrations({ pgPool: database.pool });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
