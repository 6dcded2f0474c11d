import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../config.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.js';
import { openDatabase, type Database } from './database.js';
import { APPEND_ONLY_TABLES } from './migrate.js';

// Issue 13, item 6: the application connected as the superuser and could rewrite its own logs.
let t: TestDatabase;
let app: Database;
before(async () => {
  t = await createTestDatabase();
  // The role `npm start` and the route tests run the application as.
  app = openDatabase(t.url, { max: 2, role: loadConfig({}).database.appRole });
  // One row in each log, written as the owner, to try to rewrite.
  const owner = t.database.pool;
  await owner.query(
    `INSERT INTO idn_security_event (at, kind, username, details) VALUES (now(), 'login_failed', 'x', '{}')`,
  );
  await owner.query(
    `INSERT INTO dos_read_log (dossier_id, account_id, what) VALUES ($1, $2, 'dossier')`,
    [randomUUID(), randomUUID()],
  );
});
after(async () => {
  await app.close();
  await t.drop();
});

describe('the action, security and read logs are append-only', () => {
  test('the application runs as its own role, not the owner', async () => {
    const { rows } = await app.pool.query('SELECT current_user AS u, session_user AS s');
    assert.equal(rows[0].u, 'motcua_app');
    const superuser = await app.pool.query(
      `SELECT rolsuper FROM pg_roles WHERE rolname = current_user`,
    );
    assert.equal(superuser.rows[0].rolsuper, false);
  });

  test('the demo seed wrote actions to try on', async () => {
    const { rows } = await app.pool.query('SELECT count(*)::int AS n FROM dos_action');
    assert.ok(rows[0].n > 0);
  });

  for (const table of APPEND_ONLY_TABLES) {
    test(`${table}: the application may read and append, not update, delete or truncate`, async () => {
      await app.pool.query(`SELECT 1 FROM ${table} LIMIT 1`);
      for (const statement of [
        `UPDATE ${table} SET at = at`,
        `DELETE FROM ${table}`,
        `TRUNCATE ${table}`,
      ]) {
        await assert.rejects(app.pool.query(statement), /permission denied/, statement);
      }
    });

    test(`${table}: even the owner's UPDATE and DELETE are refused by the trigger`, async () => {
      const owner = t.database.pool;
      const before = await owner.query(`SELECT count(*)::int AS n FROM ${table}`);
      assert.ok(before.rows[0].n > 0, `${table} has rows to try on`);
      await assert.rejects(owner.query(`UPDATE ${table} SET at = at`), /chỉ được ghi thêm/);
      await assert.rejects(owner.query(`DELETE FROM ${table}`), /chỉ được ghi thêm/);
      await assert.rejects(owner.query(`TRUNCATE ${table}`), /chỉ được ghi thêm/);
      const after = await owner.query(`SELECT count(*)::int AS n FROM ${table}`);
      assert.equal(after.rows[0].n, before.rows[0].n);
    });
  }

  test('the application cannot change the schema or drop the guard', async () => {
    await assert.rejects(
      app.pool.query('DROP TRIGGER dos_action_append_only ON dos_action'),
      /must be owner|permission denied/,
    );
    await assert.rejects(app.pool.query('CREATE TABLE x (a int)'), /permission denied/);
  });
});
