import { createModules, prepareDatabase } from '../app.js';
import { systemClock } from '../platform/clock.js';
import { withDatabase } from './with-database.js';

// `npm run migrate`: schema, reference data and seeds, then exit (for deployments).
await withDatabase('migrate', async ({ config, log, database, url }) => {
  const modules = createModules({ config, databaseUrl: url, clock: systemClock, log }, database);
  await prepareDatabase(database, modules);
  log.info('database migrated and seeded');
});
