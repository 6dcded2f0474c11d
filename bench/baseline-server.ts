// The bench's baselines (not part of the product): a bare Fastify server with no plugins, no
// validation and no logging, using the product's pool settings against the same database.
// Started by bench/run.ts as a child process: BENCH_DATABASE_URL, BENCH_PORT, BENCH_POOL_MAX.
import Fastify from 'fastify';
import { openDatabase } from '../apps/api/src/platform/db/database.js';

/** Created (10,000 rows) and dropped by bench/run.ts. */
const BENCH_TABLE = 'bench.bench_row';

async function startBaselineServer(options: {
  databaseUrl: string;
  port: number;
  poolMax: number;
}) {
  const database = openDatabase(options.databaseUrl, {
    max: options.poolMax,
    applicationName: 'motcua-bench-baseline',
  });
  const app = Fastify({ logger: false });

  app.get('/bare/const', async () => ({ ok: true, service: 'bare' }));

  app.post('/bare/insert', async (request, reply) => {
    const result = await database.pool.query<{ id: string }>(
      `INSERT INTO ${BENCH_TABLE} (payload) VALUES ($1) RETURNING id`,
      [JSON.stringify(request.body ?? null)],
    );
    return reply.status(201).send({ id: Number(result.rows[0]?.id) });
  });

  app.get<{ Params: { id: string } }>('/bare/select/:id', async (request, reply) => {
    const result = await database.pool.query(
      `SELECT id, payload, created_at FROM ${BENCH_TABLE} WHERE id = $1`,
      [request.params.id],
    );
    const row = result.rows[0];
    return row ? row : reply.status(404).send({ error: 'not found' });
  });

  await app.listen({ host: '127.0.0.1', port: options.port });
  return {
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

const { BENCH_DATABASE_URL, BENCH_PORT, BENCH_POOL_MAX } = process.env;
if (!BENCH_DATABASE_URL || !BENCH_PORT) {
  console.error('baseline-server: set BENCH_DATABASE_URL and BENCH_PORT');
  process.exit(2);
}
const server = await startBaselineServer({
  databaseUrl: BENCH_DATABASE_URL,
  port: Number(BENCH_PORT),
  poolMax: Number(BENCH_POOL_MAX ?? 10),
});
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
