import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SessionInfo } from '@motcua/contracts';
import { startSimulators, type RunningSimulators } from '../../integrations/simulators.js';
import { browser, signInThroughSso as ssoSignIn } from '../../platform/testing/sso-browser.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const signInThroughSso = (go: ReturnType<typeof browser>, pick: Record<string, string>) =>
  ssoSignIn(base, go, pick);

let sims: RunningSimulators;
let t: TestApp;
let base: string;

before(async () => {
  sims = await startSimulators({ basePort: 0 });
  t = await createTestApp({ VNEID_ISSUER_URL: sims.urls['vneid-sso'] });
  await t.app.server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.server.address() as AddressInfo).port}`;
});
after(async () => {
  await t.close();
  await sims.close();
});

test('a test citizen signs in through the simulated SSO; the account is keyed on TechID', async () => {
  const go = browser();
  const done = await signInThroughSso(go, { pick: 'citizen:0' });
  assert.equal(done.headers.get('location'), '/ho-so-cua-toi');
  const me = SessionInfo.parse(await (await go(`${base}/api/auth/me`)).json());
  assert.equal(me.account.displayName, 'Nguyễn Văn An');
  assert.equal(me.account.kind, 'citizen');
  assert.equal(me.account.assuranceLevel, 'LoA2');
  assert.equal(me.method, 'vneid');
  assert.deepEqual(
    me.roles.map((r) => [r.role, r.scope]),
    [['citizen', 'own']],
  );

  // The profile is refreshed at each sign-in, on the same account.
  await t.db.database.pool.query("UPDATE idn_account SET display_name = 'cũ' WHERE id = $1", [
    me.account.id,
  ]);
  const again = browser();
  await signInThroughSso(again, { pick: 'citizen:0' });
  const me2 = SessionInfo.parse(await (await again(`${base}/api/auth/me`)).json());
  assert.equal(me2.account.id, me.account.id);
  assert.equal(me2.account.displayName, 'Nguyễn Văn An');

  // Sign-out ends our session and hands the SSO's end-session URL to end that one too.
  const out = await go(`${base}/api/auth/logout`, {
    method: 'POST',
    headers: { 'x-csrf-token': me.csrfToken! },
  });
  const body = (await out.json()) as { redirectTo: string };
  assert.match(body.redirectTo, /\/oidc\/logout\?/);
  assert.match(body.redirectTo, /id_token_hint=/);
  assert.equal((await go(`${base}/api/auth/me`)).status, 401);
});

test('a business signs in by tax code; a replayed callback is refused', async () => {
  const go = browser();
  await signInThroughSso(go, {
    pick: 'typed-business',
    MaSoThue: '3600000001',
    TenDoanhNghiep: 'Công ty Thử',
  });
  const me = SessionInfo.parse(await (await go(`${base}/api/auth/me`)).json());
  assert.equal(me.account.kind, 'business');
  assert.equal(me.account.displayName, 'Công ty Thử');
  const replay = await fetch(`${base}/api/auth/vneid/callback?code=abc&state=xyz`, {
    redirect: 'manual',
  });
  assert.equal(replay.status, 302);
  assert.match(decodeURIComponent(replay.headers.get('location')!), /^\/dang-nhap\?loi=.*hết hạn/);
});

test('the SSO being down is a Vietnamese 503, not a crash', async () => {
  await fetch(`${sims.urls['vneid-sso']}/__sim/fault`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode: 'error5xx' }),
  });
  try {
    // A fresh app: its client has not discovered the provider yet.
    const other = await createTestApp({ VNEID_ISSUER_URL: sims.urls['vneid-sso'] });
    try {
      const res = await other.app.server.inject('/api/auth/vneid/start');
      assert.equal(res.statusCode, 503);
      assert.match(res.json().error.message, /VNeID/);
    } finally {
      await other.close();
    }
  } finally {
    await fetch(`${sims.urls['vneid-sso']}/__sim/fault`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'none' }),
    });
  }
});
