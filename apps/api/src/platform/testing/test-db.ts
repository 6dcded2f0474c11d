import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../db/database.js';

export interface TestDatabase {
  url: string;
  database: Database;
  drop(): Promise<void>;
}

function testEnv() {
  const serverUrl = process.env.MOTCUA_TEST_SERVER_URL;
  const template = process.env.MOTCUA_TEST_TEMPLATE;
  if (!serverUrl || !template) {
    throw new Error(
      'Database tests run through `npm test` (scripts/test.mjs), which prepares the test server.',
    );
  }
  return { serverUrl, template };
}

/** A fresh database cloned from the migrated, seeded template: one per test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { serverUrl, template } = testEnv();
  const name = `motcua_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(
      `CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`,
    );
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase(url.toString(), { max: 5 });
  return {
    url: url.toString(),
    database,
    drop: async () => {
      await database.close();
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
