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

/** The real app on a fresh test database, for route tests with inject() or a real port. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PROVINCE_CODE: '75',
    SERVE_WEB: 'false',
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
      await db.drop();
    },
  };
}
