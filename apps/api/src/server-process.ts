import { createApp, prepareDatabase } from './app.js';
import type { Config } from './config.js';
import { systemClock } from './platform/clock.js';
import { resolveDatabase } from './platform/db/resolve.js';
import { startJobRunner, type JobRunner } from './platform/jobs/jobs.js';
import type { Logger } from './platform/logger.js';
import { asPortInUse, onShutdown, runShutdownSteps } from './platform/process.js';

/** One API process: database, migrations and seeds, optional in-process worker, HTTP. */
export async function runApiProcess(options: {
  config: Config;
  log: Logger;
  extraShutdown?: Array<[string, () => Promise<unknown>]>;
}): Promise<{ url: string }> {
  const { config, log } = options;
  const resolved = await resolveDatabase(config, log);
  const inProcessWorker = config.worker.mode === 'in-process';
  const app = await createApp({
    config,
    databaseUrl: resolved.url,
    clock: systemClock,
    log,
    inProcessWorker,
  });
  await prepareDatabase(app.database, app.modules);

  let worker: JobRunner | undefined;
  if (inProcessWorker) {
    worker = await startJobRunner({
      pool: app.database.pool,
      jobs: app.modules.jobs,
      concurrency: config.worker.concurrency,
      log: log.child({ component: 'worker' }),
    });
  }
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['http', () => app.server.close()],
    ['worker', async () => worker?.stop()],
    ['database pool', () => app.database.close()],
    ...(options.extraShutdown ?? []),
    ['embedded database', () => resolved.stop()],
  ];
  onShutdown(log, steps);
  try {
    await app.server.listen({ host: config.host, port: config.port });
  } catch (error) {
    // Taken between the check and now: stop what started so no database is left running.
    await runShutdownSteps(log, steps);
    throw await asPortInUse(
      error,
      { setting: 'PORT', host: config.host, base: config.port },
      config.port,
    );
  }
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  return { url };
}
