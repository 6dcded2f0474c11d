import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createLogger } from '../logger.js';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.js';
import { enqueueJob, startJobRunner } from './jobs.js';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.drop();
});

async function jobCount(task: string): Promise<number> {
  const r = await t.database.pool.query(
    'SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = $1',
    [task],
  );
  return r.rows[0].n;
}

test('a job enqueued in a rolled-back transaction never exists (outbox)', async () => {
  await assert.rejects(
    t.database.db.transaction(async (tx) => {
      await tx.execute(sql`CREATE TEMP TABLE outbox_probe (x int)`);
      await enqueueJob(tx, 'test:rolled-back', { n: 1 });
      throw new Error('business rule failed');
    }),
    /business rule failed/,
  );
  assert.equal(await jobCount('test:rolled-back'), 0);
});

test('a job commits with its state change and the runner executes it once', async () => {
  await t.database.pool.query('CREATE TABLE probe_state (id int PRIMARY KEY, status text)');
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO probe_state VALUES (1, 'requested')`);
    await enqueueJob(tx, 'test:mark-done', { id: 1 });
  });
  assert.equal(await jobCount('test:mark-done'), 1);
  let runs = 0;
  const runner = await startJobRunner({
    pool: t.database.pool,
    concurrency: 2,
    pollIntervalMs: 100,
    log: createLogger('silent'),
    jobs: {
      crontab: [],
      tasks: {
        'test:mark-done': async (payload) => {
          runs += 1;
          await t.database.pool.query("UPDATE probe_state SET status = 'done' WHERE id = $1", [
            (payload as { id: number }).id,
          ]);
        },
      },
    },
  });
  try {
    for (let i = 0; i < 50 && (await jobCount('test:mark-done')) > 0; i += 1) await sleep(100);
  } finally {
    await runner.stop();
  }
  assert.equal(runs, 1);
  assert.equal(await jobCount('test:mark-done'), 0);
  const state = await t.database.pool.query('SELECT status FROM probe_state WHERE id = 1');
  assert.equal(state.rows[0].status, 'done');
});

test('the same job key enqueued twice yields one job', async () => {
  await enqueueJob(t.database.db, 'test:keyed', { n: 1 }, { jobKey: 'k1' });
  await enqueueJob(t.database.db, 'test:keyed', { n: 2 }, { jobKey: 'k1' });
  assert.equal(await jobCount('test:keyed'), 1);
});
