import { createApp, type App } from '../../app.js';
import { loadConfig } from '../../config.js';
import { fixedClock } from '../clock.js';
import { createLogger } from '../logger.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export interface TestApp {
  app: App;
  db: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real app on a fresh test database, for route tests with inject() or a real port. With
 * `options.database` it runs on that database instead (several API instances on one database,
 * e.g. the horizontal-scale test); closing it then leaves the database to its owner.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { database?: TestDatabase } = {},
): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PROVINCE_CODE: '75',
    SERVE_WEB: 'false',
    // No national sync unless a test points it at its simulators (sync.routes.test.ts).
    SYNC_TARGETS: '',
    // No ministry ingest unless a test points it at its simulator (ministry-ingest.routes.test.ts).
    MINISTRY_SYSTEMS: '',
    ...env,
  });
  const app = await createApp({
    config,
    databaseUrl: db.url,
    clock: fixedClock('2026-11-23T02:00:00Z'),
    log: createLogger('silent'),
  });
  return {
    app,
    db,
    close: async () => {
      await app.close();
      if (!options.database) await db.drop();
    },
  };
}
