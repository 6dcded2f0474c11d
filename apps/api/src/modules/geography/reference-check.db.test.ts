import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createLogger } from '../../platform/logger.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

async function waitForCheck(id: number) {
  for (let i = 0; i < 60; i += 1) {
    const res = await t.app.server.inject(`/api/admin-units/reference-checks/${id}`);
    if (res.json().status !== 'requested') return res.json();
    await sleep(100);
  }
  throw new Error('check did not finish');
}

test('a requested reference-data check runs in the worker and passes on intact data', async () => {
  const runner = await startJobRunner({
    pool: t.app.database.pool,
    jobs: t.app.modules.jobs,
    concurrency: 1,
    pollIntervalMs: 100,
    log: createLogger('silent'),
  });
  try {
    const anonymous = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin-units/reference-checks',
    });
    assert.equal(anonymous.statusCode, 401, 'starting a job needs an operator');
    const res = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin-units/reference-checks',
      headers: { 'x-admin-token': 'motcua-admin-demo' },
    });
    assert.equal(res.statusCode, 202);
    assert.equal(res.json().status, 'requested');
    const done = await waitForCheck(res.json().id);
    assert.equal(done.status, 'passed');
    assert.ok(
      done.findings.findings.some(
        (f: { item: string; actual: number }) =>
          f.item === 'province 75 communes' && f.actual === 95,
      ),
    );

    // Damage the data: the next check must notice.
    await t.db.database.pool.query(
      "DELETE FROM geo_unit WHERE snapshot = 'current' AND code = '26041'",
    );
    const again = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin-units/reference-checks',
      headers: { 'x-admin-token': 'motcua-admin-demo' },
    });
    const failed = await waitForCheck(again.json().id);
    assert.equal(failed.status, 'failed');
  } finally {
    await runner.stop();
  }
});

test('an unknown check id is a Vietnamese 404', async () => {
  const res = await t.app.server.inject('/api/admin-units/reference-checks/999999');
  assert.equal(res.statusCode, 404);
  assert.match(res.json().error.message, /Không tìm thấy lần kiểm tra/);
});
