import { createModules } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { systemClock } from './platform/clock.js';
import { openDatabase } from './platform/db/database.js';
import { migrateDatabase } from './platform/db/migrate.js';
import { resolveDatabase } from './platform/db/resolve.js';
import { startJobRunner } from './platform/jobs/jobs.js';
import { createLogger } from './platform/logger.js';
import { onShutdown } from './platform/process.js';

// Separate job-runner process (`npm run worker`), for running the API with WORKER_MODE=external.
try {
  const config = loadConfig();
  const log = createLogger(config.logLevel).child({ component: 'worker' });
  const resolved = await resolveDatabase(config, log);
  const database = openDatabase(resolved.url, {
    max: config.worker.concurrency + 2,
    applicationName: 'motcua-worker',
    role: config.database.appRole,
    ...(config.database.ownerUrl ? { ownerUrl: config.database.ownerUrl } : {}),
  });
  const modules = createModules(
    { config, databaseUrl: resolved.url, clock: systemClock, log },
    database,
  );
  await migrateDatabase(database);
  const runner = await startJobRunner({
    pool: database.pool,
    jobs: modules.jobs,
    concurrency: config.worker.concurrency,
    log,
  });
  onShutdown(log, [
    ['worker', () => runner.stop()],
    ['database pool', () => database.close()],
    ['embedded database', () => resolved.stop()],
  ]);
  log.info({ tasks: Object.keys(modules.jobs.tasks) }, 'worker running');
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
