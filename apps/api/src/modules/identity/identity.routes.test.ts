import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  ErrorBody,
  OfficerList,
  PermissionAudit,
  SecurityEventList,
  SessionInfo,
} from '@motcua/contracts';
import ExcelJS from 'exceljs';
import { signInOfficer, type OfficerSession } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const PASSWORD = 'Demo@motcua2026';
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

/** Every sign-in here also checks the cookie cannot be read by scripts or sent cross-site. */
async function signIn(username: string, password = PASSWORD): Promise<OfficerSession> {
  const session = await signInOfficer(t.app.server, username, password);
  assert.equal(session.setCookie.httpOnly, true);
  assert.equal(session.setCookie.sameSite, 'Lax');
  return session;
}

test('an officer signs in with a password; /me shows their roles and units; hash is argon2id', async () => {
  const s = await signIn('tb.chutich');
  assert.equal(s.info.account.displayName, 'Hồ Văn Biên');
  assert.deepEqual(
    s.info.roles.map((r) => [r.role, r.scope, r.agencyName]),
    [['agency_leader', 'agency', 'UBND Phường Trấn Biên']],
  );
  const me = await t.app.server.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
  assert.equal(me.statusCode, 200);
  assert.equal(SessionInfo.parse(me.json()).account.username, 'tb.chutich');
  const { rows } = await t.db.database.pool.query(
    "SELECT password_hash FROM idn_account WHERE username = 'tb.chutich'",
  );
  assert.match(rows[0].password_hash, /^\$argon2id\$/);
  const anonymous = await t.app.server.inject('/api/auth/me');
  assert.equal(anonymous.statusCode, 401);
  assert.match(ErrorBody.parse(anonymous.json()).error.message, /đăng nhập/);
});

test('/me lists what the account may do, so the web shows only the pages it may use', async () => {
  const permissionsOf = async (username: string) => {
    const s = await signIn(username);
    const me = await t.app.server.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });
    return SessionInfo.parse(me.json()).permissions.map(
      (p) => `${p.action}:${p.subject}${p.everywhere ? '@province' : ''}`,
    );
  };
  const receiving = await permissionsOf('tb.tiepnhan');
  assert.ok(receiving.includes('receive:Dossier'));
  assert.ok(!receiving.some((p) => p.endsWith(':Account') || p.includes('Catalog')));
  const wardAdmin = await permissionsOf('tb.quantri');
  assert.ok(wardAdmin.includes('read:Account'), 'an agency admin reads accounts in the ward');
  assert.ok(!wardAdmin.includes('read:Account@province'));
  assert.ok(!wardAdmin.some((p) => p.includes('Catalog')));
  const provinceAdmin = await permissionsOf('qt.tinh');
  for (const p of ['manage:Catalog@province', 'read:Account@province', 'manage:Calendar@province'])
    assert.ok(provinceAdmin.includes(p), p);
});

/** A sign-in attempt from a given source address. */
function attempt(username: string, password: string, remoteAddress: string, totp?: string) {
  return t.app.server.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress,
    payload: { username, password, ...(totp ? { totp } : {}) },
  });
}

/** Status and error body without the request id: what tells one failure from another. */
async function answer(res: Awaited<ReturnType<typeof attempt>>) {
  return JSON.stringify([res.statusCode, ErrorBody.parse(res.json()).error]);
}

async function securityLog(kind: string) {
  return SecurityEventList.parse(
    (
      await t.app.server.inject({
        url: `/api/admin/identity/security-log?kind=${kind}`,
        headers: { cookie: (await signIn('thanhtra.tinh')).cookie },
      })
    ).json(),
  ).items;
}

test('every failed sign-in answers the same: unknown user, wrong password, locked, deactivated, wrong code', async () => {
  const from = '203.0.113.10';
  const wrong = await answer(await attempt('tt.chuyenvien', 'sai-mat-khau', from));
  assert.match(wrong, /401/);
  assert.match(wrong, /Đăng nhập không thành công/);
  assert.doesNotMatch(wrong, /lần thử|tạm khóa/);
  assert.equal(await answer(await attempt('khong.ton.tai', 'sai-mat-khau', from)), wrong);
  // A deactivated account with its right password.
  assert.equal(await answer(await attempt('loi.nghiviec', PASSWORD, from)), wrong);
  // A wrong second factor after the right password.
  await t.db.database.pool.query(
    "UPDATE idn_account SET totp_secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' WHERE username = 'stp.tiepnhan'",
  );
  assert.equal(await answer(await attempt('stp.tiepnhan', PASSWORD, from, '000000')), wrong);
  // Locked (five failures from this source), even with the right password.
  for (let i = 0; i < 4; i++) await attempt('tt.chuyenvien', 'sai-mat-khau', from);
  assert.equal(await answer(await attempt('tt.chuyenvien', PASSWORD, from)), wrong);
  // The log keeps each cause for administrators.
  const reasons = (await securityLog('sign_in_failed'))
    .filter((e) => e.ip === from)
    .map((e) => e.details.reason);
  for (const reason of ['password', 'unknown_user', 'inactive', 'totp', 'locked'])
    assert.ok(reasons.includes(reason), reason);
});

test('five wrong passwords lock only that source: the officer elsewhere still signs in; a reset lifts the lock', async () => {
  const attacker = '203.0.113.7';
  const ward = '198.51.100.20';
  for (let i = 0; i < 5; i++) {
    const res = await attempt('bp.chuyenvien', 'sai-mat-khau', attacker);
    assert.equal(res.statusCode, 401);
  }
  assert.equal((await attempt('bp.chuyenvien', PASSWORD, attacker)).statusCode, 401);
  const atWard = await attempt('bp.chuyenvien', PASSWORD, ward);
  assert.equal(atWard.statusCode, 200, atWard.body);
  const lockout = (await securityLog('lockout')).find((e) => e.username === 'bp.chuyenvien');
  assert.equal(lockout?.details.scope, 'account_source');
  assert.equal(lockout?.ip, attacker);

  // An administrator's password reset lifts every lock on the account.
  const admin = await signIn('bp.quantri');
  const officers = OfficerList.parse(
    (
      await t.app.server.inject({
        url: '/api/admin/identity/officers',
        headers: { cookie: admin.cookie },
      })
    ).json(),
  );
  const target = officers.items.find((o) => o.username === 'bp.chuyenvien')!;
  const reset = await t.app.server.inject({
    method: 'POST',
    url: `/api/admin/identity/accounts/${target.id}/password`,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    payload: { newPassword: 'Mat-khau-moi-2026' },
  });
  assert.equal(reset.statusCode, 200, reset.body);
  assert.equal((await attempt('bp.chuyenvien', 'Mat-khau-moi-2026', attacker)).statusCode, 200);
});

test('failures from many sources slow an account down (1, 2, 4 … s), they do not lock it out', async () => {
  const pool = t.db.database.pool;
  for (const [i, source] of ['192.0.2.1', '192.0.2.2'].entries())
    for (let j = 0; j < (i === 0 ? 5 : 1); j++)
      await attempt('tt.tiepnhan', 'sai-mat-khau', source);
  // The sixth failure on the account closes it for one second, from every source.
  const backoff = (await securityLog('lockout')).find(
    (e) => e.username === 'tt.tiepnhan' && e.details.scope === 'account_backoff',
  );
  assert.equal(backoff?.details.failures, 6);
  assert.equal(Date.parse(String(backoff?.details.until)) - Date.parse(backoff!.at), 1000);
  assert.equal((await attempt('tt.tiepnhan', PASSWORD, '192.0.2.3')).statusCode, 401);
  // The test clock stands still: let the second pass by moving the window back.
  await pool.query(
    "UPDATE idn_account SET locked_until = locked_until - interval '1 second' WHERE username = 'tt.tiepnhan'",
  );
  await attempt('tt.tiepnhan', 'sai-mat-khau', '192.0.2.3');
  const { rows } = await pool.query(
    "SELECT locked_until - $1::timestamptz AS wait FROM idn_account WHERE username = 'tt.tiepnhan'",
    [backoff!.at],
  );
  assert.equal(rows[0].wait.seconds, 2);
  await pool.query(
    "UPDATE idn_account SET locked_until = locked_until - interval '2 seconds' WHERE username = 'tt.tiepnhan'",
  );
  assert.equal((await attempt('tt.tiepnhan', PASSWORD, '192.0.2.4')).statusCode, 200);
});

test('a source failing on many usernames is locked for all of them, other sources are not', async () => {
  const sprayer = '203.0.113.99';
  for (let i = 0; i < 20; i++) await attempt(`doan.mo.${i}`, 'Matkhau@123', sprayer);
  assert.equal((await attempt('stp.chuyenvien', PASSWORD, sprayer)).statusCode, 401);
  assert.equal((await attempt('stp.chuyenvien', PASSWORD, '198.51.100.21')).statusCode, 200);
  const lockout = (await securityLog('lockout')).find((e) => e.ip === sprayer);
  assert.equal(lockout?.details.scope, 'source');
});

test('cookie-authenticated writes need the CSRF token; logout ends the session', async () => {
  const admin = await signIn('qt.tinh');
  const officers = OfficerList.parse(
    (
      await t.app.server.inject({
        url: '/api/admin/identity/officers',
        headers: { cookie: admin.cookie },
      })
    ).json(),
  );
  const target = officers.items.find((o) => o.username === 'tt.chuyenvien')!;
  const noCsrf = await t.app.server.inject({
    method: 'POST',
    url: `/api/admin/identity/accounts/${target.id}/password`,
    headers: { cookie: admin.cookie },
    payload: { newPassword: 'Mat-khau-moi-2026' },
  });
  assert.equal(noCsrf.statusCode, 403);
  assert.match(ErrorBody.parse(noCsrf.json()).error.message, /chống giả mạo/);
  const logout = await t.app.server.inject({
    method: 'POST',
    url: '/api/auth/logout',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
  });
  assert.equal(logout.statusCode, 200);
  assert.deepEqual(logout.json(), { redirectTo: null });
  const me = await t.app.server.inject({ url: '/api/auth/me', headers: { cookie: admin.cookie } });
  assert.equal(me.statusCode, 401);
});

test('catalog and calendar admin routes accept the legacy token or a province admin session', async () => {
  const url = '/api/admin/calendar/changes';
  const token = await t.app.server.inject({
    url,
    headers: { 'x-admin-token': 'motcua-admin-demo' },
  });
  assert.equal(token.statusCode, 200);
  const wrongToken = await t.app.server.inject({
    url,
    headers: { 'x-admin-token': 'sai-ma-quan-tri' },
  });
  assert.equal(wrongToken.statusCode, 403);
  assert.equal((await t.app.server.inject(url)).statusCode, 401);
  const admin = await signIn('qt.tinh');
  assert.equal(
    (await t.app.server.inject({ url, headers: { cookie: admin.cookie } })).statusCode,
    200,
  );
  const wardAdmin = await signIn('tb.quantri');
  assert.equal(
    (await t.app.server.inject({ url, headers: { cookie: wardAdmin.cookie } })).statusCode,
    403,
  );
});

test('an officer of ward A never reads ward B’s officers', async () => {
  const leaderA = await signIn('tb.chutich');
  const own = OfficerList.parse(
    (
      await t.app.server.inject({
        url: '/api/admin/identity/officers',
        headers: { cookie: leaderA.cookie },
      })
    ).json(),
  );
  assert.ok(own.items.length > 0);
  assert.ok(own.items.every((o) => o.memberships.some((m) => /Trấn Biên/.test(m.agencyName))));
  assert.ok(!own.items.some((o) => o.username?.startsWith('bp.')));
  const agencies = (await t.app.server.inject('/api/agencies?q=Binh%20Phuoc')).json().items as {
    id: string;
    kind: string;
  }[];
  const wardB = agencies.find((a) => a.kind === 'commune_committee')!;
  const res = await t.app.server.inject({
    url: `/api/admin/identity/officers?agencyId=${wardB.id}`,
    headers: { cookie: leaderA.cookie },
  });
  assert.equal(res.statusCode, 403);
  // The unit leader sees only their unit.
  const unitLeader = await signIn('tb.truongphong');
  const unit = OfficerList.parse(
    (
      await t.app.server.inject({
        url: '/api/admin/identity/officers',
        headers: { cookie: unitLeader.cookie },
      })
    ).json(),
  );
  assert.ok(
    unit.items.every((o) => o.memberships.some((m) => m.unitName === 'Phòng Văn hóa - Xã hội')),
  );
  assert.ok(!unit.items.some((o) => o.username === 'tb.chutich'));
});

test('the permission audit finds the seeded faults, as JSON and XLSX', async () => {
  const inspector = await signIn('thanhtra.tinh');
  const res = await t.app.server.inject({
    url: '/api/admin/identity/audit',
    headers: { cookie: inspector.cookie },
  });
  assert.equal(res.statusCode, 200);
  const audit = PermissionAudit.parse(res.json());
  const find = (kind: string) =>
    audit.findings.filter((f) => f.kind === kind).map((f) => f.username);
  assert.ok(find('no_role').includes('loi.khongvaitro'));
  assert.ok(find('role_outside_units').includes('loi.ngoaidonvi'));
  assert.ok(find('inactive_with_roles').includes('loi.nghiviec'));
  assert.ok(find('unused_90_days').includes('loi.laukhongdung'));
  assert.ok(!find('role_outside_units').includes('tb.tiepnhan'));
  const xlsx = await t.app.server.inject({
    url: '/api/admin/identity/audit?format=xlsx',
    headers: { cookie: inspector.cookie },
  });
  assert.equal(xlsx.statusCode, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const text = JSON.stringify(book.worksheets[0]!.getSheetValues());
  assert.match(text, /loi\.khongvaitro/);
  assert.match(text, /Vai trò ngoài đơn vị/);
});

test('roles, delegation and their log: a leader lends the role to a deputy for a window', async () => {
  const admin = await signIn('tt.quantri');
  const officers = OfficerList.parse(
    (
      await t.app.server.inject({
        url: '/api/admin/identity/officers',
        headers: { cookie: admin.cookie },
      })
    ).json(),
  );
  // The seeded delegation (Giám đốc → Phó Giám đốc) is in force on the test clock (2026-11-23).
  const deputy = await signIn('tt.phogiamdoc');
  assert.ok(deputy.info.roles.some((r) => r.role === 'agency_leader' && r.delegatedUntil));
  const target = officers.items.find((o) => o.username === 'tt.chuyenvien')!;
  const granted = await t.app.server.inject({
    method: 'POST',
    url: `/api/admin/identity/accounts/${target.id}/roles`,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    payload: {
      role: 'receiving_officer',
      scope: 'agency',
      agencyId: deputy.info.memberships[0]!.agencyId,
    },
  });
  assert.equal(granted.statusCode, 200, granted.body);
  // An agency administrator cannot grant in another agency, nor province-wide.
  const stp = (await t.app.server.inject('/api/agencies?q=so%20tu%20phap')).json().items[0]
    .id as string;
  for (const payload of [
    { role: 'specialist', scope: 'agency', agencyId: stp },
    { role: 'inspector', scope: 'province' },
  ]) {
    const refused = await t.app.server.inject({
      method: 'POST',
      url: `/api/admin/identity/accounts/${target.id}/roles`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload,
    });
    assert.equal(refused.statusCode, 403, JSON.stringify(payload));
  }
  const leader = await signIn('tt.truongphong');
  const leaderRole = leader.info.roles[0]!;
  const delegation = await t.app.server.inject({
    method: 'POST',
    url: '/api/admin/identity/delegations',
    headers: { cookie: leader.cookie, 'x-csrf-token': leader.csrf },
    payload: {
      toAccountId: officers.items.find((o) => o.username === 'tt.tiepnhan')!.id,
      roleAssignmentId: leaderRole.id,
      validFrom: '2026-11-20T00:00:00+07:00',
      validUntil: '2026-11-30T00:00:00+07:00',
      reason: 'Nghỉ phép',
    },
  });
  assert.equal(delegation.statusCode, 200, delegation.body);
  const receiving = await signIn('tt.tiepnhan');
  assert.ok(receiving.info.roles.some((r) => r.role === 'unit_leader' && r.delegatedUntil));
  const log = SecurityEventList.parse(
    (
      await t.app.server.inject({
        url: '/api/admin/identity/security-log',
        headers: { cookie: (await signIn('thanhtra.tinh')).cookie },
      })
    ).json(),
  );
  const kinds = new Set(log.items.map((e) => e.kind));
  for (const kind of ['sign_in', 'role_granted', 'delegation_created'])
    assert.ok(kinds.has(kind as never), kind);
});

test('an API token authenticates a machine client without cookies or CSRF', async () => {
  const admin = await signIn('qt.tinh');
  const officers = OfficerList.parse(
    (
      await t.app.server.inject({
        url: '/api/admin/identity/officers',
        headers: { cookie: admin.cookie },
      })
    ).json(),
  );
  const created = await t.app.server.inject({
    method: 'POST',
    url: `/api/admin/identity/accounts/${officers.items.find((o) => o.username === 'thanhtra.tinh')!.id}/api-tokens`,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    payload: { name: 'Hệ thống báo cáo' },
  });
  assert.equal(created.statusCode, 200, created.body);
  const token = created.json().token as string;
  const res = await t.app.server.inject({
    url: '/api/admin/identity/audit',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.statusCode, 200);
  const bad = await t.app.server.inject({
    url: '/api/admin/identity/audit',
    headers: { authorization: 'Bearer mct_khong-hop-le' },
  });
  assert.equal(bad.statusCode, 401);
});
