// Issue 16, item 5: the dossiers of procedures settled on a ministry's centralized system are
// pulled from it (the real simulator on a real port) into their own table, idempotently, across
// faults, and found by the public lookup, the officers' list and the counts.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { MinistryDossierInput } from '../../integrations/ministry/index.js';
import { createMinistrySimulator } from '../../integrations/ministry/simulator/server.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const ADMIN = { 'x-admin-token': 'motcua-admin-demo' };
const PAGE = 7;
let sim: FastifyInstance;
let simUrl: string;
let t: TestApp;
// The fault switch draws a number per request; the test decides which requests it hits.
let draws: number[] = [];
const { as } = officerInjector(() => t.app.server);

before(async () => {
  sim = createMinistrySimulator({ random: () => draws.shift() ?? 0.99 });
  await sim.listen({ host: '127.0.0.1', port: 0 });
  simUrl = `http://127.0.0.1:${(sim.server.address() as AddressInfo).port}`;
  t = await createTestApp({
    MINISTRY_SYSTEMS: 'btp',
    MINISTRY_BTP_URL: simUrl,
    MINISTRY_PAGE_SIZE: String(PAGE),
  });
});
after(async () => {
  await t?.close();
  await sim?.close();
});
beforeEach(async () => {
  draws = [];
  await setFault({ mode: 'none' });
  await fetch(`${simUrl}/__sim/dossiers`, { method: 'DELETE' });
  await t.db.database.pool.query('DELETE FROM min_dossier; DELETE FROM min_ingest_state');
});

async function setFault(setting: { mode: string; probability?: number }) {
  const res = await fetch(`${simUrl}/__sim/fault`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(setting),
  });
  assert.equal(res.status, 200);
}

async function served(): Promise<MinistryDossierInput[]> {
  return (
    (await (await fetch(`${simUrl}/__sim/dossiers`)).json()) as {
      dossiers: MinistryDossierInput[];
    }
  ).dossiers;
}

interface RunResult {
  sources: Array<{ source: string; ok: boolean; pages: number; upserted: number; error: string }>;
}
async function run(): Promise<RunResult['sources'][number]> {
  const res = await t.app.server.inject({
    method: 'POST',
    url: '/api/admin/ministry-ingest/run',
    headers: ADMIN,
  });
  assert.equal(res.statusCode, 200, res.body);
  const [only] = (res.json() as RunResult).sources;
  assert.ok(only);
  return only;
}

/** Every stored row, every column. */
async function stored() {
  return (await t.db.database.pool.query('SELECT * FROM min_dossier ORDER BY source, code'))
    .rows as Array<Record<string, unknown> & { code: string; status_code: number }>;
}

const codesOf = (rows: Array<{ code?: string; MaHoSo?: string }>) =>
  rows.map((r) => r.code ?? r.MaHoSo).sort();

describe('ingest from a ministry’s centralized system', () => {
  test('ingesting twice gives the same rows, untouched the second time', async () => {
    const first = await run();
    assert.equal(first.ok, true, first.error);
    const rows = await served();
    assert.equal(rows.length, 40);
    assert.equal(first.upserted, 40);
    assert.equal(first.pages, Math.ceil(40 / PAGE));
    const once = await stored();
    assert.deepEqual(codesOf(once), codesOf(rows));

    const again = await run();
    assert.equal(again.ok, true);
    assert.equal(again.upserted, 0);
    assert.deepEqual(await stored(), once);

    // Read from the start again (a lost cursor): still the same rows, none written.
    await t.db.database.pool.query('DELETE FROM min_ingest_state');
    const replay = await run();
    assert.equal(replay.upserted, 0);
    assert.deepEqual(await stored(), once);
  });

  for (const mode of ['error5xx', 'down', 'malformed'] as const) {
    test(`a fault (${mode}) mid-ingest, then recovery: nothing lost, nothing twice`, async () => {
      await setFault({ mode, probability: 0.5 });
      // Three requests pass (a login, if the client has no session yet, and pages), then every
      // request fails.
      draws = [0.9, 0.9, 0.9, ...Array<number>(50).fill(0)];
      const broken = await run();
      assert.equal(broken.ok, false);
      assert.match(broken.error, /Hệ thống của Bộ Tư pháp/);
      assert.ok(broken.pages >= 2 && broken.pages <= 3, `pages before the fault: ${broken.pages}`);
      assert.equal((await stored()).length, broken.pages * PAGE, 'the pages read before it stay');

      await setFault({ mode: 'none' });
      const recovered = await run();
      assert.equal(recovered.ok, true, recovered.error);
      assert.equal(recovered.upserted, 40 - broken.pages * PAGE);
      const rows = await stored();
      assert.deepEqual(codesOf(rows), codesOf(await served()));
      assert.equal(new Set(rows.map((r) => r.code)).size, rows.length);
    });
  }

  test('duplicated and reordered pages give the same rows as clean ones', async () => {
    await run();
    const clean = (await stored()).map(({ first_ingested_at: _f, ingested_at: _i, ...r }) => r);
    await t.db.database.pool.query('DELETE FROM min_dossier; DELETE FROM min_ingest_state');
    await setFault({ mode: 'duplicate' });
    assert.equal((await run()).ok, true);
    await t.db.database.pool.query('DELETE FROM min_ingest_state');
    await setFault({ mode: 'reorder' });
    assert.equal((await run()).ok, true);
    assert.deepEqual(
      (await stored()).map(({ first_ingested_at: _f, ingested_at: _i, ...r }) => r),
      clean,
    );
  });

  test('a change at the ministry arrives at the next pull, and only it', async () => {
    await run();
    const before = await stored();
    const open = before.find((r) => r.status_code === 4)!;
    const res = await fetch(`${simUrl}/__sim/dossiers/${open.code}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ TrangThaiHoSo: 9, NgayCoKetQua: '20261123090000' }),
    });
    assert.equal(res.status, 200);
    const next = await run();
    assert.equal(next.pages, 1);
    assert.equal(next.upserted, 1);
    const after = await stored();
    const changed = after.find((r) => r.code === open.code)!;
    assert.equal(changed.status_code, 9);
    assert.deepEqual(
      after.filter((r) => r.code !== open.code),
      before.filter((r) => r.code !== open.code),
    );
  });

  test('the public lookup finds an ingested code, under the same second-factor rules', async () => {
    await run();
    const row = (await served()).find((r) => r.TrangThaiHoSo === 10)!;
    const lookup = (query: Record<string, string>) =>
      t.app.server.inject({ url: '/api/dossiers/lookup', query: { code: row.MaHoSo, ...query } });
    const anonymous = await lookup({});
    assert.equal(anonymous.statusCode, 200, anonymous.body);
    const body = anonymous.json();
    assert.equal(body.ministrySource, 'btp');
    assert.equal(body.procedureName, row.TenTTHC);
    assert.equal(body.statusCode, 10);
    assert.equal(body.statusLabel, 'Đã trả kết quả');
    assert.equal(body.applicantMasked, null);
    assert.deepEqual(
      body.steps.map((s: { label: string }) => s.label),
      ['Nộp hồ sơ', 'Tiếp nhận hồ sơ', 'Đã có kết quả giải quyết', 'Trả kết quả'],
    );

    const idTail = String(row.SoGiayToChuHoSo).slice(-4);
    const verified = (await lookup({ verify: idTail })).json();
    assert.equal(verified.verified, true);
    assert.match(verified.applicantMasked, /^\p{L}\*\*\* /u);
    assert.doesNotMatch(JSON.stringify(verified), new RegExp(String(row.ChuHoSo)));

    const wrong = idTail === '0000' ? '1111' : '0000';
    for (let i = 0; i < 4; i++)
      assert.equal((await lookup({ verify: wrong })).json().verifyRefused, 'mismatch');
    assert.equal((await lookup({ verify: wrong })).json().verifyRefused, 'too_many_attempts');
    // Past the limit even the right factor is refused, as for our own dossiers.
    assert.equal((await lookup({ verify: idTail })).json().verifyRefused, 'too_many_attempts');

    const unknown = await t.app.server.inject({
      url: '/api/dossiers/lookup',
      query: { code: '000.01.145.H75-261101-129999' },
    });
    assert.equal(unknown.statusCode, 404);
  });

  test('officers list them read-only, in their scope, with filters', async () => {
    await run();
    const list = (query: Record<string, string>, headers: Record<string, string> = ADMIN) =>
      t.app.server.inject({ url: '/api/officer/ministry-dossiers', query, headers });
    const all = (await list({ pageSize: '100' })).json();
    assert.equal(all.total, 40, JSON.stringify(all).slice(0, 300));
    assert.equal(all.items[0].sourceName.includes('Bộ Tư pháp'), true);

    const returned = (await list({ status: '10', pageSize: '100' })).json();
    assert.equal(returned.total, (await served()).filter((r) => r.TrangThaiHoSo === 10).length);
    assert.ok(returned.items.every((i: { statusCode: number }) => i.statusCode === 10));

    const late = (await list({ overdue: 'true', pageSize: '100' })).json();
    assert.ok(late.total > 0 && late.total < 40, `overdue: ${late.total}`);
    assert.ok(
      late.items.every(
        (i: { dueAt: string; resultAt: string | null; statusCode: number }) =>
          i.resultAt! > i.dueAt ||
          ([1, 2, 4, 5, 6].includes(i.statusCode) && i.dueAt < '2026-11-23T02:00'),
      ),
    );
    const onTime = (await list({ overdue: 'false', pageSize: '100' })).json();
    assert.equal(late.total + onTime.total, 40);

    const tranBien = (await list({ agency: '000.01.145.H75', pageSize: '100' })).json();
    assert.equal(tranBien.total, 5);
    // A ward officer sees their own agency's only, whatever they ask for.
    const officer = await as('tb.tiepnhan', {
      url: '/api/officer/ministry-dossiers',
      query: { pageSize: '100' },
    });
    assert.equal(officer.statusCode, 200, officer.body);
    assert.deepEqual(codesOf(officer.json().items), codesOf(tranBien.items));

    assert.equal((await list({}, {})).statusCode, 401);
    const bad = await list({ status: '11' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /Trạng thái là số từ 1 đến 10/);
  });

  test('counts by source for the reports, and the schedule', async () => {
    // What the worker runs on the schedule (and once at start-up).
    const pull = t.app.modules.jobs.tasks['ministry-ingest:pull'];
    assert.ok(pull);
    await pull({}, {} as Parameters<typeof pull>[1]);
    assert.equal((await stored()).length, 40);
    const res = await t.app.server.inject({
      url: '/api/admin/ministry-ingest/summary',
      headers: ADMIN,
    });
    assert.equal(res.statusCode, 200, res.body);
    const [btp] = res.json().sources;
    const rows = await served();
    assert.equal(btp.source, 'btp');
    assert.equal(btp.total, 40);
    assert.equal(
      btp.settled,
      rows.filter((r) => r.TrangThaiHoSo === 9 || r.TrangThaiHoSo === 10).length,
    );
    assert.equal(
      Object.values(btp.byStatus as Record<string, number>).reduce((a, b) => a + b, 0),
      40,
    );
    assert.equal(btp.lastError, null);
    assert.ok(btp.lastSuccessAt);
    assert.ok(t.app.modules.jobs.crontab.includes('*/15 * * * * ministry-ingest:pull'));
    const denied = await t.app.server.inject({ url: '/api/admin/ministry-ingest/summary' });
    assert.equal(denied.statusCode, 401);
  });
});
