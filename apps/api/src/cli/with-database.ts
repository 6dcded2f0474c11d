import { ConfigError, loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../platform/db/database.js';
import { resolveDatabase } from '../platform/db/resolve.js';
import { createLogger, type Logger } from '../platform/logger.js';

/**
 * The frame of every command-line tool: config, the database (DATABASE_URL, or the embedded server
 * a running `npm start` already uses, or a new one), clean shutdown, and a plain message on error.
 */
export async function withDatabase(
  name: string,
  run: (ctx: { config: Config; log: Logger; database: Database; url: string }) => Promise<void>,
  options: {
    quiet?: boolean;
    /** Run as the schema owner instead of the application's role (bench maintenance only). */
    asOwner?: boolean;
  } = {},
): Promise<void> {
  try {
    const config = loadConfig();
    const level = options.quiet && config.logLevel === 'info' ? 'warn' : config.logLevel;
    const log = createLogger(level);
    const resolved = await resolveDatabase(config, log);
    const database = openDatabase(resolved.url, {
      max: 3,
      applicationName: `motcua-${name}`,
      role: options.asOwner ? null : config.database.appRole,
      ...(config.database.ownerUrl ? { ownerUrl: config.database.ownerUrl } : {}),
    });
    try {
      await run({ config, log, database, url: resolved.url });
    } finally {
      await database.close();
      await resolved.stop();
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
