// Issue 14: the action log is the truth, a dossier keeps the rules it was filed under, calendar
// changes move open deadlines (with a log entry), and an extension works in calendar days.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DossierView } from '@motcua/contracts';
import { agencyIdByName, counter, TRAN_BIEN_CENTRE } from '../../platform/testing/counter.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const ADMIN = { 'x-admin-token': 'motcua-admin-demo' };
// Đăng ký giám hộ: commune level, 3 working days.
const PROCEDURE = '1.004837';

let t: TestApp;
let centre: string;
const { as } = officerInjector(() => t.app.server);
const desk = counter(as, { centre: () => centre });

before(async () => {
  // The test clock: Monday 23/11/2026, 09:00 in Vietnam.
  t = await createTestApp();
  centre = await agencyIdByName(t.app.server, TRAN_BIEN_CENTRE);
});
after(async () => {
  await t?.close();
});

const intake = (procedureCode = PROCEDURE) =>
  desk.intake({ procedureCode, applicant: { name: 'Đỗ Thị Hạnh', idNumber: '075190009999' } });
const act = (who: string, code: string, payload: Record<string, unknown>) =>
  desk.act(who, code, payload);

async function localTime(code: string, processingTime: Record<string, unknown>) {
  const current = await t.app.server.inject({ url: `/api/procedures/${code}` });
  const local = current.json().local as Record<string, unknown>;
  const res = await t.app.server.inject({
    method: 'PUT',
    url: `/api/admin/procedures/${code}/local-config`,
    headers: ADMIN,
    payload: {
      runOn: local.runOn,
      cutoverDate: local.cutoverDate ?? null,
      ministrySystemUrl: local.ministrySystemUrl ?? null,
      handlingAgencyId: local.handlingAgencyId ?? null,
      localFeeDecision: local.localFeeDecision ?? null,
      boundaryFree: local.boundaryFree ?? false,
      onlineLevel: local.onlineLevel,
      eform: local.eform ?? null,
      checklist: local.checklist ?? [],
      processingTime,
    },
  });
  assert.equal(res.statusCode, 200, res.body);
}

const actionsOf = async (code: string) =>
  (
    await t.db.database.pool.query(
      `SELECT a.kind, a.payload FROM dos_action a JOIN dos_dossier d ON d.id = a.dossier_id
        WHERE d.code = $1 ORDER BY a.seq`,
      [code],
    )
  ).rows as Array<{ kind: string; payload: Record<string, unknown> }>;

describe('the log is the truth', () => {
  test('every demo dossier, and every one filed here, folds from its log to its stored row', async () => {
    const filed = await intake();
    assert.equal(
      (await act('tb.tiepnhan', filed.code, { kind: 'forward', step: 'appraise' })).statusCode,
      200,
    );
    const report = await t.app.modules.dossiers.verifyDossiers();
    assert.ok(report.dossiers >= 11, `${report.dossiers} dossiers`);
    assert.deepEqual(report.unfoldable, []);
    assert.deepEqual(report.different, []);
  });

  test('a row edited behind the log’s back is found, and rebuilt from the log', async () => {
    const filed = await intake();
    await t.db.database.pool.query(
      `UPDATE dos_dossier SET status = 'returned', status_code = 10 WHERE code = $1`,
      [filed.code],
    );
    const found = await t.app.modules.dossiers.verifyDossiers();
    assert.deepEqual(
      found.different.map((d) => [d.code, d.fields]),
      [[filed.code, ['status', 'statusCode']]],
    );
    const rebuilt = await t.app.modules.dossiers.verifyDossiers({ rebuild: true });
    assert.equal(rebuilt.rebuilt, 1);
    assert.deepEqual((await t.app.modules.dossiers.verifyDossiers()).different, []);
    // And the rules judge what the log says: the dossier is being received, not returned.
    const forwarded = await act('tb.tiepnhan', filed.code, { kind: 'forward', step: 'appraise' });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
  });
});

describe('a dossier keeps the rules it was filed under', () => {
  test('a new legal time governs new dossiers only', async () => {
    const before = await intake();
    // Tuesday 24/11 is a day off (Ngày Văn hóa Việt Nam): Wed, Thu, Fri.
    assert.equal(before.dueAt, '2026-11-27T02:00:00.000Z', 'Mon 09:00 + 3 working days');
    await localTime(PROCEDURE, { amount: 5, unit: 'working_days', basis: 'Thử nghiệm' });
    try {
      const moved = await act('tb.tiepnhan', before.code, { kind: 'forward', step: 'appraise' });
      assert.equal(DossierView.parse(moved.json()).dueAt, '2026-11-27T02:00:00.000Z');
      // Submitted online before the change, received after it: still the time it was filed under.
      const online = await act('tb.tiepnhan', '000.01.145.H75-261103-0001', { kind: 'receive' });
      assert.equal(online.statusCode, 200, online.body);
      assert.equal(DossierView.parse(online.json()).dueAt, '2026-11-27T02:00:00.000Z');
      const afterChange = await intake();
      // Wed, Thu, Fri, Mon 30/11, Tue 01/12.
      assert.equal(afterChange.dueAt, '2026-12-01T02:00:00.000Z', 'Mon 09:00 + 5 working days');
      const first = (await actionsOf(afterChange.code))[0]!;
      assert.deepEqual((first.payload.rules as { period: unknown }).period, {
        amount: 5,
        unit: 'working_days',
      });
    } finally {
      await localTime(PROCEDURE, { amount: 3, unit: 'working_days', basis: 'Khôi phục' });
    }
  });
});

describe('calendar changes move open deadlines', () => {
  test('a day off added moves exactly the open dossiers it crosses, by a working day, with a log entry', async () => {
    const open = await intake();
    const closed = await intake();
    const forwarded = await act('tb.tiepnhan', closed.code, { kind: 'forward', step: 'appraise' });
    assert.equal(forwarded.statusCode, 200, forwarded.body);
    const withdrawn = await act('tb.chuyenvien', closed.code, {
      kind: 'withdraw',
      reason: 'Người nộp xin rút',
    });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    // Tuesday 24/11 is already a day off: Wed, Thu, Fri.
    assert.equal(open.dueAt, '2026-11-27T02:00:00.000Z');

    // Wednesday 25/11 becomes a day off too: Thu, Fri, Mon 30/11.
    const put = await t.app.server.inject({
      method: 'PUT',
      url: '/api/admin/calendar/days/2026-11-25',
      headers: ADMIN,
      payload: { kind: 'local_closure', name: 'Nghỉ do bão', note: 'Công văn thử nghiệm' },
    });
    assert.equal(put.statusCode, 200, put.body);
    const first = await t.app.modules.calendar.recomputeDeadlines();
    assert.equal(first.changes, 1);
    assert.ok(first.recomputed >= 1);

    const moved = DossierView.parse(
      (await as('tb.tiepnhan', { url: `/api/dossiers/${open.code}` })).json(),
    );
    assert.equal(moved.dueAt, '2026-11-30T02:00:00.000Z');
    const entry = (await actionsOf(open.code)).at(-1)!;
    assert.equal(entry.kind, 'recompute_deadline');
    assert.equal(entry.payload.from, '2026-11-27T02:00:00.000Z');
    assert.equal(entry.payload.to, '2026-11-30T02:00:00.000Z');
    assert.equal((entry.payload.changeIds as number[]).length, 1);
    assert.ok(moved.timeline.some((e) => e.kind === 'recompute_deadline'));

    // The withdrawn dossier is untouched.
    assert.ok((await actionsOf(closed.code)).every((a) => a.kind !== 'recompute_deadline'));
    // Running it again moves nothing: no pending change, and no second entry.
    const again = await t.app.modules.calendar.recomputeDeadlines();
    assert.equal(again.recomputed, 0);

    // Removing the day off moves it back, again with an entry.
    const del = await t.app.server.inject({
      method: 'DELETE',
      url: '/api/admin/calendar/days/2026-11-25',
      headers: ADMIN,
    });
    assert.equal(del.statusCode, 200, del.body);
    await t.app.modules.calendar.recomputeDeadlines();
    const back = (await actionsOf(open.code)).filter((a) => a.kind === 'recompute_deadline');
    assert.equal(back.length, 2);
    assert.equal(back[1]!.payload.to, '2026-11-27T02:00:00.000Z');
    assert.deepEqual((await t.app.modules.dossiers.verifyDossiers()).different, []);
  });
});

describe('extension in the procedure’s own unit', () => {
  test('a calendar-day procedure is extended once, in days', async () => {
    const code = '1.001193';
    await localTime(code, { amount: 10, unit: 'calendar_days', basis: 'Thử nghiệm' });
    const filed = await intake(code);
    // Mon 23/11 09:00 + 10 days = Thu 03/12 09:00.
    assert.equal(filed.dueAt, '2026-12-03T02:00:00.000Z');
    assert.equal(
      (await act('tb.tiepnhan', filed.code, { kind: 'forward', step: 'appraise' })).statusCode,
      200,
    );
    const extended = await act('tb.truongphong', filed.code, {
      kind: 'extend',
      newDue: '2026-12-07T02:00:00.000Z',
      reason: 'Cần xác minh thêm',
    });
    assert.equal(extended.statusCode, 200, extended.body);
    assert.equal(DossierView.parse(extended.json()).dueAt, '2026-12-07T02:00:00.000Z');
    const twice = await act('tb.truongphong', filed.code, {
      kind: 'extend',
      newDue: '2026-12-09T02:00:00.000Z',
      reason: 'Lần nữa',
    });
    assert.equal(twice.statusCode, 409);
    assert.match(twice.json().error.message, /một lần/);
  });
});
