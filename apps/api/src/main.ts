import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './platform/logger.js';
import { runApiProcess } from './server-process.js';

// Production entry: one API process (run several behind a load balancer).
try {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const { url } = await runApiProcess({ config, log });
  log.info({ url }, 'motcua API listening');
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
