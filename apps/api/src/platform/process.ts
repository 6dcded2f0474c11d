import type { Logger } from './logger.js';

/**
 * Runs the given shutdown steps once on SIGINT/SIGTERM, in order, then exits. A second
 * signal or a stuck step forces the exit so that an orchestrator is never left waiting.
 */
export function onShutdown(
  log: Logger,
  steps: Array<[string, () => Promise<unknown>]>,
  timeoutMs = 15_000,
): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, timeoutMs).unref();
    for (const [name, step] of steps) {
      try {
        await step();
      } catch (error) {
        log.error({ err: error, step: name }, 'shutdown step failed');
      }
    }
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
