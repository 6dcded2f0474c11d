import { ConfigError, loadConfig, type Config } from '../config.js';
import { simulatorPorts } from '../integrations/simulators.js';
import { runningServerPort } from '../platform/db/embedded.js';
import { PortInUseError, assertPortsFree, type PortClaim } from '../platform/process.js';

// `npm start`: the whole system on one machine — embedded PostgreSQL (unless DATABASE_URL),
// migrations, demo data, simulators of the national systems, worker, API and web.

/**
 * The ports this start will listen on: PORT, the simulators', and the embedded PostgreSQL's
 * unless DATABASE_URL is set or this checkout's embedded server already runs (it is shared).
 */
async function portsToClaim(config: Config): Promise<PortClaim[]> {
  const claims: PortClaim[] = [{ setting: 'PORT', host: config.host, base: config.port }];
  if (config.simulators.start) {
    claims.push(simulatorPorts(config.simulators.host, config.simulators.basePort));
  }
  const embedded = config.database.embedded;
  if (!config.database.url && (await runningServerPort(embedded.dir)) !== embedded.port) {
    claims.push({ setting: 'EMBEDDED_PG_PORT', host: '127.0.0.1', base: embedded.port });
  }
  return claims;
}

try {
  const config = loadConfig();
  // Every port is checked before anything starts: a second copy on the same machine then stops
  // with one line naming the variable to change, instead of a stack after a half start. The
  // application is loaded only afterwards, so that answer comes in seconds.
  await assertPortsFree(await portsToClaim(config));
  const [{ createLogger }, { startSimulators }, { runApiProcess }] = await Promise.all([
    import('../platform/logger.js'),
    import('../integrations/simulators.js'),
    import('../server-process.js'),
  ]);
  const log = createLogger(config.logLevel);
  const simulators = config.simulators.start
    ? await startSimulators({
        host: config.simulators.host,
        basePort: config.simulators.basePort,
        // The simulated payment platform calls this API back (CONFIRM) and returns the payer to it.
        paymentCallbackBase: config.publicUrl,
        payment: { partnerCode: config.payment.partnerCode, secret: config.payment.secret },
      })
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
  console.error(
    error instanceof ConfigError || error instanceof PortInUseError ? error.message : error,
  );
  process.exit(1);
}
