// Issue 14: generated history is a valid log under the dossier rules, so rebuilding every
// generated dossier from its log gives the stored row with 0 differences.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { repoRoot } from '../config.js';
import { createTestApp, type TestApp } from '../platform/testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../platform/testing/test-db.js';

const run = promisify(execFile);
let db: TestDatabase;
let t: TestApp;

before(async () => {
  db = await createTestDatabase();
  t = await createTestApp({}, { database: db });
});
after(async () => {
  await t?.close();
  await db?.drop();
});

test('seed:load writes logs that fold to the rows it writes', async () => {
  const { stdout } = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repoRoot, 'apps/api/src/cli/seed-load.ts'),
      '--dossiers',
      '400',
      '--days',
      '10',
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
      timeout: 120_000,
    },
  );
  assert.match(stdout, /Đã sinh 400 hồ sơ/);
  const report = await t.app.modules.dossiers.verifyDossiers();
  assert.ok(report.dossiers >= 400, `${report.dossiers} dossiers`);
  assert.deepEqual(report.unfoldable, []);
  assert.deepEqual(report.different, []);
});
