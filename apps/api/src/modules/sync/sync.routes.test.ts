// Issue 16, item 2 (first slice): every logged action reaches the simulated DVCQG and the
// coordination system through the outbox, in order per dossier, once, across an outage.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startSimulators } from '../../integrations/simulators.js';
import { setSyncFault } from '../../platform/testing/simulator-fault.js';
import { syncTestApp } from '../../platform/testing/sync-app.js';

const ADMIN = { 'x-admin-token': 'motcua-admin-demo' };
const { env, as, desk, portal, plant, deliveries } = syncTestApp(() =>
  startSimulators({ basePort: 0 }),
);

const setFault = (mode: 'down' | 'none') => setSyncFault(env.sims.urls, mode);

/** The test clock stands still: the retry time is made due by hand, as time passing would. */
const makeRetriesDue = () =>
  env.t.db.database.pool.query(
    `UPDATE sync_outbox SET next_attempt_at = created_at WHERE status = 'pending'`,
  );

/** Receive → forward → supplement requested → supplemented → to signing → signed → returned. */
async function wholeLife(): Promise<string> {
  const { code } = await desk.intake();
  for (const [who, payload] of [
    ['tb.tiepnhan', { kind: 'forward', step: 'appraise' }],
    ['tb.chuyenvien', { kind: 'request_supplement', items: ['Bản sao CCCD'], reason: 'Thiếu' }],
    ['tb.tiepnhan', { kind: 'supplement' }],
    ['tb.chuyenvien', { kind: 'forward', step: 'sign' }],
    ['tb.chutich', { kind: 'complete', resultCode: 'KQ.G15.000099' }],
    ['tb.tiepnhan', { kind: 'return_result', method: 'counter' }],
  ] as const) {
    const res = await desk.act(who, code, payload);
    assert.equal(res.statusCode, 200, `${payload.kind}: ${res.body}`);
  }
  return code;
}

describe('dossiers to the national portal through the outbox', () => {
  test('a dossier’s whole life arrives at DVCQG in order, with its codes and status', async () => {
    const code = await wholeLife();
    await env.t.app.modules.sync.drain();
    const shown = await portal().lookupDossier(code);
    assert.equal(shown.MaTTHC, '1.004837');
    assert.equal(Number(shown.TrangThaiHoSo), 10);
    assert.deepEqual(
      shown.QuaTrinhXuLy.map((p) => Number(p.TrangThai)),
      [2, 4, 5, 4, 4, 9, 10],
    );
    const res = await env.t.app.server.inject({
      url: `/api/dossiers/${code}/sync`,
      headers: ADMIN,
    });
    assert.equal(res.statusCode, 200, res.body);
    const sync = res.json() as {
      targets: Array<{ target: string; ourStatus: string; portalStatus: string; lastError: null }>;
    };
    assert.deepEqual(
      sync.targets.map((s) => [s.target, s.ourStatus, s.portalStatus, s.lastError]),
      [
        ['dvcqg', '10', '10', null],
        ['dieu-phoi', '10', '10', null],
      ],
    );
  });

  test('with both portals down for the whole run, then up: every event arrives once and in order', async () => {
    await setFault('down');
    const codes = [await wholeLife(), await wholeLife()];
    const failed = await env.t.app.modules.sync.drain();
    assert.equal(failed.sent, 0);
    assert.ok(failed.failed > 0);
    const during = await env.t.app.server.inject({
      url: '/api/admin/sync/summary',
      headers: ADMIN,
    });
    const summary = during.json() as { targets: Array<{ target: string; failed: number }> };
    assert.ok(
      summary.targets.every((s) => s.failed >= 12),
      during.body,
    );

    await setFault('none');
    await makeRetriesDue();
    await env.t.app.modules.sync.drain();
    for (const code of codes) {
      const shown = await portal().lookupDossier(code);
      // Once each: a second delivery of a step would show twice in the portal's history.
      assert.deepEqual(
        shown.QuaTrinhXuLy.map((p) => Number(p.TrangThai)),
        [2, 4, 5, 4, 4, 9, 10],
        code,
      );
    }
    const after = (
      await env.t.app.server.inject({ url: '/api/admin/sync/summary', headers: ADMIN })
    ).json() as { targets: Array<{ target: string; failed: number; deadLetter: number }> };
    assert.deepEqual(
      after.targets.map((s) => [s.target, s.failed, s.deadLetter]),
      [
        ['dvcqg', 0, 0],
        ['dieu-phoi', 0, 0],
      ],
    );
    // Each event: refused once by the outage, sent once after it; none left behind.
    const { rows } = await env.t.db.database.pool.query(
      `SELECT o.status, o.attempts, count(*)::int AS n FROM sync_outbox o
         JOIN dos_dossier d ON d.id = o.dossier_id WHERE d.code = ANY($1)
        GROUP BY o.status, o.attempts`,
      [codes],
    );
    assert.deepEqual(rows, [{ status: 'acknowledged', attempts: 2, n: 28 }]);
  });

  test('a dossier refused at the counter, never received, reaches the portal as refused', async () => {
    const { code } = await desk.intake({
      refusal: { reason: 'Không thuộc thẩm quyền của phường' },
    });
    await env.t.app.modules.sync.drain();
    const shown = await portal().lookupDossier(code);
    assert.equal(Number(shown.TrangThaiHoSo), 3);
    assert.ok(shown.NgayTuChoi, 'the refusal date');
  });

  test('a failed dossier is listed and, resent, arrives at once without waiting for its backoff', async () => {
    await setFault('down');
    const { code } = await desk.intake();
    await env.t.app.modules.sync.drain();
    const listed = await env.t.app.server.inject({
      url: '/api/admin/sync/problems',
      headers: ADMIN,
    });
    const problems = listed.json() as {
      items: Array<{ code: string; target: string; state: string; lastError: string }>;
    };
    const mine = problems.items.filter((p) => p.code === code);
    assert.deepEqual(mine.map((p) => [p.target, p.state]).sort(), [
      ['dieu-phoi', 'retrying'],
      ['dvcqg', 'retrying'],
    ]);
    assert.ok(mine.every((p) => p.lastError.length > 0));

    await setFault('none');
    const resent = await env.t.app.server.inject({
      method: 'POST',
      url: '/api/admin/sync/resend',
      headers: ADMIN,
      payload: { code },
    });
    assert.equal(resent.statusCode, 200, resent.body);
    assert.deepEqual(resent.json(), { requeued: 2 });
    await env.t.app.modules.sync.drain();
    assert.equal(Number((await portal().lookupDossier(code)).TrangThaiHoSo), 2);
    const after = (
      await env.t.app.server.inject({ url: '/api/admin/sync/problems', headers: ADMIN })
    ).json() as { items: Array<{ code: string }> };
    assert.ok(!after.items.some((p) => p.code === code));
  });

  test('dossiers go in batches across dossiers; one the portal refuses parks only itself', async () => {
    await env.t.app.modules.sync.drain();
    const before = (await deliveries('dvcqg')).length;
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) codes.push((await desk.intake()).code);
    await env.t.app.modules.sync.drain();
    const mine = (await deliveries('dvcqg'))
      .slice(before)
      .filter((d) => d.data.some((r) => codes.includes(r.MaHoSo ?? '')));
    // 12 records in one DongBoHoSoMC call; 12 steps in calls of at most 10.
    assert.deepEqual(
      mine.map((d) => [d.service, d.data.length]),
      [
        ['DongBoHoSoMC', 12],
        ['CapNhatTienDoHoSoMC', 10],
        ['CapNhatTienDoHoSoMC', 2],
      ],
    );

    // The portal has closed one of them: its next record is refused, the batch with it.
    const [closed] = await plant('dvcqg', { kind: 'status', codes: [codes[5]], status: 10 });
    for (const code of codes) {
      const res = await desk.act('tb.tiepnhan', code, { kind: 'forward', step: 'appraise' });
      assert.equal(res.statusCode, 200, res.body);
    }
    await env.t.app.modules.sync.drain();
    for (const code of codes) {
      const shown = await portal().lookupDossier(code);
      assert.equal(Number(shown.TrangThaiHoSo), code === closed ? 10 : 4, code);
    }
    const problems = (
      await env.t.app.server.inject({ url: '/api/admin/sync/problems', headers: ADMIN })
    ).json() as { items: Array<{ code: string; target: string; state: string }> };
    assert.deepEqual(
      problems.items.filter((p) => codes.includes(p.code)).map((p) => [p.code, p.target, p.state]),
      [[closed, 'dvcqg', 'dead']],
    );
  });

  test('the summary is for administrators; a dossier’s sync state for officers in scope', async () => {
    assert.equal((await env.t.app.server.inject('/api/admin/sync/summary')).statusCode, 401);
    const officer = await as('tb.tiepnhan', { url: '/api/admin/sync/summary' });
    assert.equal(officer.statusCode, 403);
    const { code } = await desk.intake();
    assert.equal((await as('tb.tiepnhan', { url: `/api/dossiers/${code}/sync` })).statusCode, 200);
    assert.equal((await as('bp.tiepnhan', { url: `/api/dossiers/${code}/sync` })).statusCode, 404);
  });
});
