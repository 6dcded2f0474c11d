import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { openDatabase } from './database.js';
import { migrateDatabase, migrationsFolder } from './migrate.js';

/**
 * Drizzle applies a migration only when its journal time is later than the newest one the
 * database recorded. 0014 and 0015 were once stamped earlier than 0013, so a database migrated
 * to 0013 would have skipped them for ever on upgrade; these tests hold the journal to order and
 * replay that upgrade.
 */
interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}
const journalOf = async (folder: string) =>
  JSON.parse(await readFile(path.join(folder, 'meta/_journal.json'), 'utf8')) as Journal;

const serverUrl = process.env.MOTCUA_TEST_SERVER_URL ?? '';
const name = `motcua_up_${randomBytes(5).toString('hex')}`;
let url: string;
let scratch: string;

before(async () => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  url = u.toString();
  scratch = await mkdtemp(path.join(tmpdir(), 'motcua-migrations-'));
});
after(async () => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
  await admin.end();
  await rm(scratch, { recursive: true, force: true });
});

test('journal times increase with the migrations, so none is skipped on upgrade', async () => {
  const { entries } = await journalOf(migrationsFolder);
  for (let i = 1; i < entries.length; i++) {
    const [prev, cur] = [entries[i - 1]!, entries[i]!];
    assert.ok(cur.when > prev.when, `${cur.tag} (${cur.when}) must come after ${prev.tag}`);
  }
});

test('a database migrated by an earlier release gets every later migration', async () => {
  // The release of 0013: the same folder with the journal cut after it.
  const old = path.join(scratch, 'old');
  await cp(migrationsFolder, old, { recursive: true });
  const journal = await journalOf(old);
  const cut = journal.entries.findIndex((e) => e.tag.startsWith('0013_'));
  await writeFile(
    path.join(old, 'meta/_journal.json'),
    JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut + 1) }),
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(drizzle({ client, casing: 'snake_case' }), { migrationsFolder: old });
    const before = await client.query(`SELECT to_regclass('sync_outbox') AS t`);
    assert.equal(before.rows[0].t, null);
  } finally {
    await client.end();
  }

  const database = openDatabase(url, { max: 2 });
  try {
    await migrateDatabase(database);
    const tables = await database.pool.query(
      `SELECT to_regclass('dos_document') AS doc, to_regclass('sync_outbox') AS outbox`,
    );
    assert.equal(tables.rows[0].doc, 'dos_document');
    assert.equal(tables.rows[0].outbox, 'sync_outbox');
    // A database that recorded 0014/0015 under their old, earlier times replays them: they
    // are written to be re-runnable, so that upgrade passes too.
    await database.pool.query(
      `UPDATE drizzle.__drizzle_migrations SET created_at = 1796633044222
        WHERE created_at >= 1796700001000`,
    );
    await migrateDatabase(database);
  } finally {
    await database.close();
  }
});
