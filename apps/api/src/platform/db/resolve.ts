import type { Config } from '../../config.js';
import type { Logger } from '../logger.js';
import { ensureDatabaseExists } from './database.js';
import { startEmbeddedPostgres } from './embedded.js';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** DATABASE_URL when given (production), otherwise the embedded server under .data/. */
export async function resolveDatabase(config: Config, log: Logger): Promise<ResolvedDatabase> {
  if (config.database.url) {
    await ensureDatabaseExists(config.database.url);
    return { url: config.database.url, embedded: false, stop: async () => undefined };
  }
  const server = await startEmbeddedPostgres({ ...config.database.embedded, log });
  return { url: server.url, embedded: true, stop: () => server.stop() };
}
