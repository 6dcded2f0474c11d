import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { createModules, prepareDatabase } from '../../app.js';
import { loadConfig, repoRoot } from '../../config.js';
import { systemClock } from '../clock.js';
import { openDatabase } from '../db/database.js';
import { runningServerPort, startEmbeddedPostgres } from '../db/embedded.js';
import { migrationsFolder } from '../db/migrate.js';
import { createLogger } from '../logger.js';
import { PortInUseError, assertPortsFree } from '../process.js';

/**
 * Run by scripts/test.mjs before the suites: provides a PostgreSQL server (DATABASE_URL's,
 * else an embedded one kept for the run) and a template database migrated and seeded once.
 * Test files clone the template (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 * Prints one JSON line, then stays alive until stdin closes (the embedded server lives here).
 */
const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
const given = process.env.DATABASE_URL;

async function fingerprint(): Promise<string> {
  const hash = createHash('sha256');
  // Everything that shapes the seeded template: migrations, bundled data, and the module code
  // that loads it (a parser change must rebuild the template, not reuse a stale one).
  const sources = [
    migrationsFolder,
    path.join(repoRoot, 'data'),
    path.join(repoRoot, 'apps/api/src/modules'),
  ];
  for (const dir of sources) {
    for (const file of (await readdir(dir, { recursive: true })).sort()) {
      const seeded =
        /\.(sql|json|csv)$/.test(file) || (/\.ts$/.test(file) && !/\.test\.ts$/.test(file));
      if (seeded) hash.update(file).update(await readFile(path.join(dir, file)));
    }
  }
  return hash.digest('hex').slice(0, 12);
}

async function embeddedTestServer() {
  const dir = path.join(repoRoot, '.data/pg-test');
  const port = Number(process.env.TEST_PG_PORT ?? 54329);
  // Another test run of this checkout shares its server; any other holder of the port is named
  // with the variable that moves the test server (TEST_PG_PORT, not the app's EMBEDDED_PG_PORT).
  if ((await runningServerPort(dir)) !== port) {
    try {
      await assertPortsFree([{ setting: 'TEST_PG_PORT', host: '127.0.0.1', base: port }]);
    } catch (error) {
      if (!(error instanceof PortInUseError)) throw error;
      console.error(error.message);
      process.exit(1);
    }
  }
  return startEmbeddedPostgres({
    dir,
    port,
    password: 'motcua-test',
    database: 'postgres',
    log,
    portSetting: 'TEST_PG_PORT',
  });
}

const server = given ? { url: given, stop: async () => undefined } : await embeddedTestServer();

const admin = new URL(server.url);
admin.pathname = '/postgres';
const template = `motcua_tpl_${await fingerprint()}`;
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
// Test runs started together (two checkouts, a colleague) build the template one at a time; the
// second finds it built. Session-level advisory lock, released when the client ends.
await client.query('SELECT pg_advisory_lock($1)', [7_514_099]);
const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
if (exists.rowCount === 0) {
  // Templates of earlier schema versions and clones left by crashed runs are dropped, but never
  // one in use: another test run (another checkout, a colleague's branch) may be using it right
  // now, so no FORCE, the newest templates stay, and a failed drop is left for a later run.
  const old = await client.query(
    `SELECT datname, datistemplate FROM pg_database
      WHERE datname LIKE 'motcua_tpl_%' OR datname LIKE 'motcua_t_%'
      ORDER BY oid DESC`,
  );
  let templatesKept = 0;
  for (const row of old.rows as { datname: string; datistemplate: boolean }[]) {
    const name = client.escapeIdentifier(row.datname);
    if (row.datistemplate && templatesKept < 2) {
      templatesKept += 1;
      continue;
    }
    try {
      if (row.datistemplate) await client.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE false`);
      await client.query(`DROP DATABASE IF EXISTS ${name}`);
    } catch {
      // In use by another run: it will be dropped by a later one.
    }
  }
  const building = `${template}_building`;
  await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(building)} WITH (FORCE)`);
  await client.query(
    `CREATE DATABASE ${client.escapeIdentifier(building)} TEMPLATE template0 ENCODING 'UTF8'`,
  );
  const url = new URL(server.url);
  url.pathname = `/${building}`;
  // The template holds no national-sync outbox: tests that sync enable it themselves.
  const config = loadConfig({
    PROVINCE_CODE: '75',
    LOG_LEVEL: 'warn',
    SYNC_TARGETS: '',
    MINISTRY_SYSTEMS: '',
  });
  // Seeded as the application's role, as `npm start` does: the template holds its grants.
  const database = openDatabase(url.toString(), { max: 2, role: config.database.appRole });
  await prepareDatabase(
    database,
    createModules({ config, databaseUrl: url.toString(), clock: systemClock, log }, database),
  );
  await database.close();
  await client.query(
    `ALTER DATABASE ${client.escapeIdentifier(building)} RENAME TO ${client.escapeIdentifier(template)}`,
  );
  await client.query(`ALTER DATABASE ${client.escapeIdentifier(template)} WITH IS_TEMPLATE true`);
}
await client.end();

process.stdout.write(`${JSON.stringify({ serverUrl: admin.toString(), template })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
