// Horizontal scale (issue 7, item 4): two API instances and two job runners on one PostgreSQL.
// Not a timing: it shows that no job runs twice however many runners poll the queue, and that
// dossier codes stay unique and the daily counters consistent when intakes race through
// different API processes (each instance has its own connection pool, as separate processes do).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { AgencyListResponse, DossierView } from '@motcua/contracts';
import { enqueueJob, startJobRunner, type JobRunner } from '../../platform/jobs/jobs.js';
import { createLogger } from '../../platform/logger.js';
import { signInOfficer } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../platform/testing/test-db.js';

const PROCEDURE = '1.004837'; // Đăng ký giám hộ, commune level
const JOBS = 200;
const INTAKES = 40;

let db: TestDatabase;
let a: TestApp;
let b: TestApp;

before(async () => {
  db = await createTestDatabase();
  a = await createTestApp({}, { database: db });
  b = await createTestApp({}, { database: db });
});
after(async () => {
  await a?.close();
  await b?.close();
  await db?.drop();
});

test('two job runners on one database: every job runs exactly once', async () => {
  const pool = db.database.pool;
  await pool.query('CREATE TABLE horizontal_run (job_no int NOT NULL, runner text NOT NULL)');
  // Created here as the owner; the application's role may only use what it is granted.
  await pool.query('GRANT SELECT, INSERT ON horizontal_run TO motcua_app');
  for (let i = 0; i < JOBS; i += 1) {
    await enqueueJob(db.database.db, 'test:count', { n: i });
  }
  const runners: JobRunner[] = [];
  for (const [name, instance] of [
    ['A', a],
    ['B', b],
  ] as const) {
    runners.push(
      await startJobRunner({
        // Each runner on its own API instance's pool, as separate worker processes would be.
        pool: instance.app.database.pool,
        concurrency: 4,
        pollIntervalMs: 50,
        log: createLogger('silent'),
        jobs: {
          crontab: [],
          tasks: {
            'test:count': async (payload) => {
              await sleep(2); // long enough for the runners to overlap
              await instance.app.database.pool.query(
                'INSERT INTO horizontal_run (job_no, runner) VALUES ($1, $2)',
                [(payload as { n: number }).n, name],
              );
            },
          },
        },
      }),
    );
  }
  const left = async () =>
    (
      await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'test:count'`,
      )
    ).rows[0]!.n;
  try {
    for (let i = 0; i < 200 && (await left()) > 0; i += 1) await sleep(50);
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
  }
  assert.equal(await left(), 0, 'every job finished');
  const { rows } = await pool.query<{ runs: number; jobs: number; runners: number }>(
    `SELECT count(*)::int AS runs, count(DISTINCT job_no)::int AS jobs,
            count(DISTINCT runner)::int AS runners FROM horizontal_run`,
  );
  assert.equal(rows[0]!.jobs, JOBS, 'every job ran');
  assert.equal(rows[0]!.runs, JOBS, 'no job ran twice');
  assert.equal(rows[0]!.runners, 2, 'both runners took jobs');
});

test('concurrent intakes through two API instances: unique codes, consistent counters', async () => {
  // One sign-in: the session lives in the shared database, so it works on both instances.
  const { cookie, csrf } = await signInOfficer(a.app.server, 'tb.tiepnhan');
  const agencies = AgencyListResponse.parse(
    (
      await b.app.server.inject({
        url: '/api/agencies',
        query: { q: 'Trung tâm Phục vụ hành chính công Phường Trấn Biên' },
      })
    ).json(),
  );
  const centre = agencies.items.find(
    (x) => x.name === 'Trung tâm Phục vụ hành chính công Phường Trấn Biên',
  );
  assert.ok(centre);

  const intake = (instance: TestApp, i: number) =>
    instance.app.server.inject({
      method: 'POST',
      url: '/api/officer/dossiers',
      headers: { cookie, 'x-csrf-token': csrf, 'idempotency-key': randomUUID() },
      payload: {
        procedureCode: PROCEDURE,
        channel: 'direct',
        receivingAgencyId: centre.id,
        applicant: { name: `Người nộp ${i}`, idNumber: `0751900${String(i).padStart(5, '0')}` },
        received: [{ name: 'Tờ khai đăng ký giám hộ', originals: 1, copies: 0 }],
      },
    });
  const results = await Promise.all(
    Array.from({ length: INTAKES }, (_, i) => intake(i % 2 === 0 ? a : b, i)),
  );
  assert.deepEqual(
    results.map((r) => r.statusCode),
    Array(INTAKES).fill(201),
    results.find((r) => r.statusCode !== 201)?.body,
  );
  const codes = results.map((r) => DossierView.parse(r.json()).code);
  assert.equal(new Set(codes).size, INTAKES, 'every code unique');

  // The counter of each agency-day equals the highest number used, and nothing went missing.
  const prefix = codes[0]!.split('-').slice(0, 2).join('-');
  assert.ok(codes.every((c) => c.startsWith(`${prefix}-`)));
  const [electronicId, day] = prefix.split('-') as [string, string];
  const counter = await db.database.pool.query<{ last: number }>(
    'SELECT last_value AS last FROM dos_code_counter WHERE electronic_id = $1 AND day = $2',
    [electronicId, day],
  );
  const stored = await db.database.pool.query<{ n: number; max: number; distinct: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT code)::int AS distinct,
            max(split_part(code, '-', 3)::int)::int AS max
       FROM dos_dossier WHERE code LIKE $1`,
    [`${prefix}-%`],
  );
  assert.equal(stored.rows[0]!.distinct, stored.rows[0]!.n);
  assert.equal(counter.rows[0]!.last, stored.rows[0]!.max, 'counter = highest number used');
  assert.equal(stored.rows[0]!.n, stored.rows[0]!.max, 'no gaps: every number used once');
});
