import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createLogger } from '../../platform/logger.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';
import { RECOMPUTE_TASK } from './index.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

const calendar = () => t.app.modules.calendar;
const query = async <T>(text: string, params: unknown[] = []) =>
  (await t.db.database.pool.query(text, params)).rows as T[];

async function recomputeJobs(): Promise<number> {
  const rows = await query<{ n: number }>(
    'SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = $1',
    [RECOMPUTE_TASK],
  );
  return rows[0]!.n;
}

test('start-up seeded 2025–2026 from data/calendar, with the notes applied', async () => {
  const years = await query<{ year: number; origin: string }>(
    'SELECT year, origin FROM cal_year ORDER BY year',
  );
  assert.deepEqual(
    years.filter((y) => y.year <= 2026),
    [
      { year: 2025, origin: 'dataset' },
      { year: 2026, origin: 'dataset' },
    ],
  );
  const year = await calendar().getYear(2026);
  const off = new Map(year.nonWorkingDays.map((d) => [d.date, d]));
  assert.equal(off.get('2026-04-27')?.kind, 'compensatory');
  assert.equal(off.get('2026-04-27')?.status, 'confirmed');
  assert.equal(off.get('2026-11-24')?.status, 'draft', 'pending law stays a draft');
  for (let d = 14; d <= 22; d += 1) assert.ok(off.has(`2026-02-${d}`), `Tết 2026-02-${d}`);
  assert.deepEqual(
    year.makeupWorkdays.map((d) => d.date),
    ['2026-01-10', '2026-08-22'],
  );
  assert.equal(off.get('2026-08-31')?.pairedDate, '2026-08-22');
});

test('seeding again is idempotent and never overwrites an administrator’s edit', async () => {
  await calendar().deleteDay('2026-11-24', 'test');
  const changesBefore = await query<{ n: number }>('SELECT count(*)::int AS n FROM cal_change');
  const result = await calendar().seedCalendar();
  assert.ok(result.every((r) => !r.filled));
  const changesAfter = await query<{ n: number }>('SELECT count(*)::int AS n FROM cal_change');
  assert.equal(changesAfter[0]!.n, changesBefore[0]!.n);
  const year = await calendar().getYear(2026);
  assert.ok(!year.nonWorkingDays.some((d) => d.date === '2026-11-24'));
});

test('an edit logs who/when/what and enqueues the recompute in the same transaction', async () => {
  await query('SELECT graphile_worker.remove_job($1)', [RECOMPUTE_TASK]);
  const { change } = await calendar().putDay(
    '2026-03-10',
    { kind: 'local_closure', name: 'Nghỉ do bão (thử nghiệm)' },
    'tester',
  );
  assert.equal(change.action, 'upsert');
  assert.equal(change.actor, 'tester');
  assert.equal(change.date, '2026-03-10');
  assert.equal(change.recomputeStatus, 'pending');
  assert.equal(change.at, '2026-11-23T09:00:00+07:00');
  assert.equal(await recomputeJobs(), 1);

  // A second edit before the job runs is coalesced into the same job (one job key).
  await calendar().putDay('2026-03-11', { kind: 'local_closure', name: 'Nghỉ do bão' }, 'tester');
  assert.equal(await recomputeJobs(), 1);

  // The deadline engine sees the change at once (the change log is its version stamp).
  const r = await calendar().computeDeadline({
    from: '2026-03-09T09:00:00+07:00',
    amount: 1,
    unit: 'working_days',
  });
  assert.equal(r.due, '2026-03-12T09:00:00+07:00');
});

test('a refused edit leaves neither a change nor a job', async () => {
  await query('SELECT graphile_worker.remove_job($1)', [RECOMPUTE_TASK]);
  const changes = await query<{ n: number }>('SELECT count(*)::int AS n FROM cal_change');
  await assert.rejects(calendar().deleteDay('2026-03-20', 'tester'), /không có trong lịch/);
  await assert.rejects(
    calendar().putDay('2026-03-18', { kind: 'makeup_workday', name: 'x' }, 'tester'),
    /thứ Bảy hoặc Chủ nhật/,
  );
  assert.equal(await recomputeJobs(), 0);
  const after = await query<{ n: number }>('SELECT count(*)::int AS n FROM cal_change');
  assert.equal(after[0]!.n, changes[0]!.n);
});

test('editing a year nobody filled stores its projection first (drafts), then the edit', async () => {
  const { change, year } = await calendar().putDay(
    '2031-06-02',
    { kind: 'local_closure', name: 'Nghỉ cục bộ' },
    'tester',
  );
  assert.equal(year.origin, 'projection');
  assert.ok(year.hasDrafts);
  const log = await calendar().listChanges(2031);
  assert.deepEqual(
    log.items.map((c) => c.action),
    ['upsert', 'project'],
  );
  assert.equal(change.year, 2031);
  const confirmed = await calendar().confirmDrafts(2031, undefined, 'tester');
  assert.equal(confirmed.year.hasDrafts, false);
  await assert.rejects(
    calendar().confirmDrafts(2031, undefined, 'tester'),
    /không có ngày dự kiến/,
  );
});

test('the worker runs the recompute: handlers get the event, the log gets the count', async () => {
  const seen: string[][] = [];
  calendar().registerRecomputeHandler('test-dossiers', async (event, ctx) => {
    seen.push(event.dates);
    assert.equal(ctx.calendar.isWorkingDate('2026-03-10'), false);
    return 0;
  });
  assert.throws(() => calendar().registerRecomputeHandler('test-dossiers', async () => 0));
  const runner = await startJobRunner({
    pool: t.app.database.pool,
    jobs: t.app.modules.jobs,
    concurrency: 1,
    pollIntervalMs: 100,
    log: createLogger('silent'),
  });
  try {
    const { change } = await calendar().putDay(
      '2026-03-12',
      { kind: 'local_closure', name: 'Nghỉ do bão' },
      'tester',
    );
    let status = 'pending';
    let row: { recompute_status: string; recomputed_count: number | null } | undefined;
    // Up to 60 s: on a loaded machine the worker's first poll can be slow.
    for (let i = 0; i < 600 && status === 'pending'; i += 1) {
      await sleep(100);
      [row] = await query<{ recompute_status: string; recomputed_count: number | null }>(
        'SELECT recompute_status, recomputed_count FROM cal_change WHERE id = $1',
        [change.id],
      );
      status = row!.recompute_status;
    }
    if (status !== 'done') {
      // Say why: a job that failed keeps its last error (graphile-worker retries with backoff).
      const jobs = await query<{ attempts: number; last_error: string | null }>(
        'SELECT attempts, last_error FROM graphile_worker.jobs WHERE task_identifier = $1',
        [RECOMPUTE_TASK],
      );
      assert.fail(`recompute still ${status}: ${JSON.stringify(jobs)}`);
    }
    assert.equal(row!.recomputed_count, 0);
    assert.ok(seen.some((dates) => dates.includes('2026-03-12')));
    const pending = await query<{ n: number }>(
      "SELECT count(*)::int AS n FROM cal_change WHERE recompute_status = 'pending'",
    );
    assert.equal(pending[0]!.n, 0, 'every pending change was handled');
  } finally {
    await runner.stop();
  }
});
