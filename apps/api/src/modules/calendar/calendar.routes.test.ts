import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CalendarChangeListResponse,
  CalendarWriteResponse,
  CalendarYearResponse,
  DeadlineResponse,
  ErrorBody,
} from '@motcua/contracts';
import { signInOfficer } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

let t: TestApp;
const ADMIN = { 'x-admin-token': 'test-admin-token-calendar' };

before(async () => {
  t = await createTestApp({ ADMIN_TOKEN: ADMIN['x-admin-token'] });
});
after(async () => {
  await t.close();
});

const deadline = (query: Record<string, string>) =>
  t.app.server.inject({ url: '/api/calendar/deadline', query });

function expectVietnamese400(res: { statusCode: number; json(): unknown; body: string }) {
  assert.equal(res.statusCode, 400, res.body);
  const body = ErrorBody.parse(res.json());
  assert.equal(body.error.code, 'VALIDATION_FAILED');
  // Plain Vietnamese: the field's own message (or how many are wrong), never a field path.
  assert.match(body.error.message, /hợp lệ|phải|ngoài phạm vi|không được|không tồn tại|Cần nhập/);
  assert.doesNotMatch(body.error.message, /\b(amount|unit|from|date|tham số|nội dung)\b/);
  return body;
}

describe('GET /api/calendar/deadline', () => {
  test('one working day from Friday before Tết 2026 is Monday 23/2', async () => {
    const res = await deadline({
      from: '2026-02-13T09:00:00+07:00',
      amount: '1',
      unit: 'working_days',
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = DeadlineResponse.parse(res.json());
    assert.equal(body.due, '2026-02-23T09:00:00+07:00');
    assert.equal(body.start, '2026-02-13T09:00:00+07:00');
    assert.equal(body.provisional, false);
    // The test clock is 23/11/2026: long overdue, in working time.
    assert.match(body.remaining.vi, /^Quá hạn \d+ ngày/);
    assert.match(body.remaining.en, /^Overdue by/);
  });

  test('accepts UTC and an unencoded "+" (read as a space)', async () => {
    const utc = await deadline({
      from: '2026-02-13T02:00:00Z',
      amount: '4',
      unit: 'working_hours',
    });
    assert.equal(utc.json().due, '2026-02-13T15:00:00+07:00');
    const raw = await t.app.server.inject(
      '/api/calendar/deadline?from=2026-04-29T10:00:00+07:00&amount=1&unit=working_days',
    );
    assert.equal(raw.statusCode, 200, raw.body);
    assert.equal(raw.json().due, '2026-05-04T10:00:00+07:00');
  });

  test('applies the intake cut-offs given per call', async () => {
    const after15 = await deadline({
      from: '2026-03-10T15:30:00+07:00',
      amount: '1',
      unit: 'working_days',
      cutoffAfter: '15:00',
    });
    assert.equal(after15.json().start, '2026-03-11T07:00:00+07:00');
    assert.equal(after15.json().due, '2026-03-11T17:00:00+07:00');
    const lastHour = await deadline({
      from: '2026-03-10T16:30:00+07:00',
      amount: '2',
      unit: 'working_hours',
      cutoffBeforeCloseMinutes: '60',
    });
    assert.equal(lastHour.json().due, '2026-03-11T09:00:00+07:00');
  });

  test('calendar days never end on a day off', async () => {
    const res = await deadline({
      from: '2026-04-24T10:00:00+07:00',
      amount: '3',
      unit: 'calendar_days',
    });
    assert.equal(res.json().due, '2026-04-28T10:00:00+07:00');
  });

  test('a period into a year not confirmed yet is marked provisional', async () => {
    const res = await deadline({
      from: '2026-12-28T09:00:00+07:00',
      amount: '10',
      unit: 'working_days',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().provisional, true);
  });

  const bad: [string, Record<string, string>][] = [
    ['missing parameters', {}],
    ['an unknown unit', { from: '2026-03-09T09:00:00+07:00', amount: '1', unit: 'weeks' }],
    ['a time without offset', { from: '2026-03-09T09:00:00', amount: '1', unit: 'working_days' }],
    ['a date that is not a date', { from: 'hôm nay', amount: '1', unit: 'working_days' }],
    [
      'a negative amount',
      { from: '2026-03-09T09:00:00+07:00', amount: '-1', unit: 'working_days' },
    ],
    [
      'a non-numeric amount',
      { from: '2026-03-09T09:00:00+07:00', amount: 'ba', unit: 'working_days' },
    ],
    [
      'fractional calendar days',
      { from: '2026-03-09T09:00:00+07:00', amount: '1.5', unit: 'calendar_days' },
    ],
    [
      'a bad cut-off time',
      {
        from: '2026-03-09T09:00:00+07:00',
        amount: '1',
        unit: 'working_days',
        cutoffAfter: '25:00',
      },
    ],
    [
      'a year out of range',
      { from: '2150-03-09T09:00:00+07:00', amount: '1', unit: 'working_days' },
    ],
  ];
  for (const [what, query] of bad) {
    test(`${what} → 400 in Vietnamese`, async () => {
      expectVietnamese400(await deadline(query));
    });
  }
});

describe('GET /api/calendar/:year', () => {
  test('2026 lists the days off and the make-up Saturdays', async () => {
    const res = await t.app.server.inject('/api/calendar/2026');
    assert.equal(res.statusCode, 200, res.body);
    const body = CalendarYearResponse.parse(res.json());
    assert.equal(body.origin, 'dataset');
    assert.deepEqual(body.workingWindows, ['07:00-11:30', '13:30-17:00']);
    const tet = body.nonWorkingDays.find((d) => d.date === '2026-02-17');
    assert.equal(tet?.name, 'Tết Âm lịch (Tết Nguyên đán)');
    assert.equal(tet?.weekday, 2);
    assert.ok(body.makeupWorkdays.some((d) => d.date === '2026-08-22' && d.working));
  });

  test('a year nobody filled shows the Labour Code rules', async () => {
    const body = CalendarYearResponse.parse(
      (await t.app.server.inject('/api/calendar/2040')).json(),
    );
    assert.equal(body.origin, 'rules');
    assert.ok(body.hasDrafts);
    assert.ok(body.nonWorkingDays.some((d) => d.date === '2040-09-02'));
  });

  test('a bad year → 400 in Vietnamese', async () => {
    expectVietnamese400(await t.app.server.inject('/api/calendar/1999'));
    expectVietnamese400(await t.app.server.inject('/api/calendar/nam-nay'));
  });
});

describe('administration', () => {
  test('needs the admin token', async () => {
    const none = await t.app.server.inject({
      method: 'PUT',
      url: '/api/admin/calendar/days/2026-06-15',
      payload: { kind: 'local_closure', name: 'Nghỉ' },
    });
    assert.equal(none.statusCode, 401);
    const wrong = await t.app.server.inject({
      method: 'PUT',
      url: '/api/admin/calendar/days/2026-06-15',
      headers: { 'x-admin-token': 'wrong-token-of-some-length' },
      payload: { kind: 'local_closure', name: 'Nghỉ' },
    });
    assert.equal(wrong.statusCode, 403);
    assert.match(wrong.json().error.message, /Mã quản trị không đúng/);
  });

  test('adds, removes and confirms days; the change log records each', async () => {
    const put = await t.app.server.inject({
      method: 'PUT',
      url: '/api/admin/calendar/days/2026-06-15',
      headers: ADMIN,
      payload: { kind: 'local_closure', name: 'Nghỉ do ngập lụt', note: 'Công văn số 1/UBND' },
    });
    assert.equal(put.statusCode, 200, put.body);
    const written = CalendarWriteResponse.parse(put.json());
    assert.equal(written.change.recomputeStatus, 'pending');
    assert.ok(written.year.nonWorkingDays.some((d) => d.date === '2026-06-15'));

    const after = await deadline({
      from: '2026-06-12T09:00:00+07:00',
      amount: '1',
      unit: 'working_days',
    });
    assert.equal(after.json().due, '2026-06-16T09:00:00+07:00');

    const del = await t.app.server.inject({
      method: 'DELETE',
      url: '/api/admin/calendar/days/2026-06-15',
      headers: ADMIN,
    });
    assert.equal(del.statusCode, 200, del.body);
    const again = await t.app.server.inject({
      method: 'DELETE',
      url: '/api/admin/calendar/days/2026-06-15',
      headers: ADMIN,
    });
    assert.equal(again.statusCode, 404);

    const confirm = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin/calendar/2026/confirm',
      headers: ADMIN,
      payload: { dates: ['2026-11-24'] },
    });
    assert.equal(confirm.statusCode, 200, confirm.body);
    assert.equal(CalendarWriteResponse.parse(confirm.json()).year.hasDrafts, false);
    const twice = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin/calendar/2026/confirm',
      headers: ADMIN,
      payload: {},
    });
    assert.equal(twice.statusCode, 409);

    const log = await t.app.server.inject({
      url: '/api/admin/calendar/changes?year=2026',
      headers: ADMIN,
    });
    const items = CalendarChangeListResponse.parse(log.json()).items;
    assert.deepEqual(
      items.slice(0, 3).map((c) => c.action),
      ['confirm', 'delete', 'upsert'],
    );
  });

  test('bad edits → 400 in Vietnamese', async () => {
    const cases = [
      { url: '/api/admin/calendar/days/2026-02-30', payload: { kind: 'holiday', name: 'x' } },
      { url: '/api/admin/calendar/days/2026-06-16', payload: { kind: 'party', name: 'x' } },
      { url: '/api/admin/calendar/days/2026-06-16', payload: { kind: 'holiday', name: '' } },
      {
        url: '/api/admin/calendar/days/2026-06-16',
        payload: { kind: 'makeup_workday', name: 'x' },
      },
    ];
    for (const c of cases) {
      expectVietnamese400(await t.app.server.inject({ method: 'PUT', headers: ADMIN, ...c }));
    }
  });
});

describe('who changed the calendar (issue 13, item 6)', () => {
  test('a signed-in administrator is named in the change log; each x-admin-token use is logged as its own principal', async () => {
    const admin = await signInOfficer(t.app.server, 'qt.tinh');
    const put = await t.app.server.inject({
      method: 'PUT',
      url: '/api/admin/calendar/days/2026-07-20',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { kind: 'local_closure', name: 'Nghỉ do bão' },
    });
    assert.equal(put.statusCode, 200, put.body);
    assert.equal(CalendarWriteResponse.parse(put.json()).change.actor, 'qt.tinh');

    const byToken = await t.app.server.inject({
      method: 'DELETE',
      url: '/api/admin/calendar/days/2026-07-20',
      headers: ADMIN,
      remoteAddress: '192.0.2.44',
    });
    assert.equal(byToken.statusCode, 200, byToken.body);
    assert.equal(
      CalendarWriteResponse.parse(byToken.json()).change.actor,
      'x-admin-token (192.0.2.44)',
    );
    const { rows } = await t.db.database.pool.query(
      `SELECT ip, details FROM idn_security_event WHERE kind = 'admin_token_used' AND ip = '192.0.2.44'`,
    );
    assert.deepEqual(
      rows.map((r) => r.details),
      [{ method: 'DELETE', route: '/api/admin/calendar/days/:date' }],
    );
  });
});
