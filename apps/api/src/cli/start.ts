import { ConfigError, loadConfig } from '../config.js';
import { startSimulators } from '../integrations/simulators.js';
import { createLogger } from '../platform/logger.js';
import { runApiProcess } from '../server-process.js';

// `npm start`: the whole system on one machine — embedded PostgreSQL (unless DATABASE_URL),
// migrations, demo data, simulators of the national systems, worker, API and web.
try {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const simulators = config.simulators.start
    ? await startSimulators({ host: config.simulators.host, basePort: config.simulators.basePort })
    : undefined;
  const { url } = await runApiProcess({
    config,
    log,
    extraShutdown: simulators ? [['simulators', () => simulators.close()]] : [],
  });
  const lines = [
    '',
    `  motcua đang chạy / is running:  ${url}`,
    `  API:        ${url}/api/docs`,
    `  Tình trạng: ${url}/api/health`,
    ...Object.entries(simulators?.urls ?? {}).map(
      ([name, simUrl]) => `  Giả lập ${name}: ${simUrl}`,
    ),
    '  Dừng / stop: Ctrl+C',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
