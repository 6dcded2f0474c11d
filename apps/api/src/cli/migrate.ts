import { createModules, prepareDatabase } from '../app.js';
import { ConfigError, loadConfig } from '../config.js';
import { systemClock } from '../platform/clock.js';
import { openDatabase } from '../platform/db/database.js';
import { resolveDatabase } from '../platform/db/resolve.js';
import { createLogger } from '../platform/logger.js';

// `npm run migrate`: schema, reference data and seeds, then exit (for deployments).
try {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const resolved = await resolveDatabase(config, log);
  const database = openDatabase(resolved.url, { max: 2, applicationName: 'motcua-migrate' });
  try {
    const modules = createModules(
      { config, databaseUrl: resolved.url, clock: systemClock, log },
      database,
    );
    await prepareDatabase(database, modules);
    log.info('database migrated and seeded');
  } finally {
    await database.close();
    await resolved.stop();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
