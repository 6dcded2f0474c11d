import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { SessionInfo } from '@motcua/contracts';
import { startSimulators, type RunningSimulators } from '../../integrations/simulators.js';
import { DEMO_PASSWORD, signInOfficer } from '../../platform/testing/sign-in.js';
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

test("a citizen's session carries the VNeID claims the e-forms prefill from; an officer's and a business's carry none", async () => {
  const meOf = async (pick: Record<string, string>) => {
    const go = browser();
    await signInThroughSso(go, pick);
    return (await (await go(`${base}/api/auth/me`)).json()) as Record<string, unknown>;
  };
  const an = SessionInfo.parse(await meOf({ pick: 'citizen:0' }));
  assert.deepEqual(an.claims, {
    name: 'Nguyễn Văn An',
    idNumber: '075090001234',
    birthDate: '1990-01-15',
    gender: 'male',
    address: 'Phường Trấn Biên, Thành phố Đồng Nai',
    phone: '0912345678',
    email: 'nguyenvanan@example.vn',
  });
  // What VNeID does not give stays empty rather than guessed.
  const binh = SessionInfo.parse(await meOf({ pick: 'citizen:1' }));
  assert.equal(binh.claims?.gender, 'female');
  assert.equal(binh.claims?.email, null);

  // Read from the raw answer: a parse would fill a missing field with its default.
  const business = await meOf({
    pick: 'typed-business',
    MaSoThue: '3600000002',
    TenDoanhNghiep: 'Công ty Thử Hai',
  });
  assert.equal(business['claims'], null);
  const officer = await signInOfficer(t.app.server, 'tb.tiepnhan', DEMO_PASSWORD);
  const me = await t.app.server.inject({
    url: '/api/auth/me',
    headers: { cookie: officer.cookie },
  });
  assert.equal(me.statusCode, 200);
  assert.equal(me.json<Record<string, unknown>>()['claims'], null);
  assert.doesNotMatch(me.body, /birthDate|idNumber/);
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

/**
 * The sign-in helper always starts with `returnTo=/ho-so-cua-toi`; this browser swaps in another
 * value and, with `storedAs`, rewrites the stored attempt just before the callback, as an attempt
 * stored by an older version would be.
 */
function browserReturningTo(returnTo: string, storedAs?: string) {
  const go = browser();
  return async (url: string, init?: RequestInit) => {
    if (url.includes('/api/auth/vneid/start'))
      url = url.replace('returnTo=/ho-so-cua-toi', `returnTo=${encodeURIComponent(returnTo)}`);
    if (storedAs !== undefined && url.includes('/api/auth/vneid/callback'))
      await t.db.database.pool.query('UPDATE idn_sso_attempt SET return_to = $1', [storedAs]);
    return go(url, init);
  };
}

const OFF_SITE = [
  '/\t/evil.example/x',
  '/\n/evil.example',
  '//evil.example',
  '/\\evil.example',
  'https://evil.example',
  'javascript:alert(1)',
  '/.//evil.example',
  ' //evil.example',
];

test('returnTo is stored only as a path of this site, read as a browser reads URLs', async () => {
  const stored = async (returnTo: string) => {
    const res = await t.app.server.inject(
      `/api/auth/vneid/start?returnTo=${encodeURIComponent(returnTo)}`,
    );
    assert.equal(res.statusCode, 302, returnTo);
    const key = res.cookies.find((c) => c.name === 'motcua_sso')!.value;
    const { rows } = await t.db.database.pool.query(
      'SELECT return_to FROM idn_sso_attempt WHERE key_hash = $1',
      [createHash('sha256').update(key).digest('hex')],
    );
    return rows[0].return_to as string;
  };
  for (const returnTo of OFF_SITE)
    assert.equal(await stored(returnTo), '/', JSON.stringify(returnTo));
  // An encoded tab is an ordinary path segment on this site, not a way out of it.
  assert.equal(await stored('/%09/evil.example'), '/%09/evil.example');
  assert.equal(await stored('/ho-so-cua-toi?x=1'), '/ho-so-cua-toi?x=1');
});

test('the callback sends the browser only to a path of this site, even from an old stored attempt', async () => {
  const viaStart = await signInThroughSso(browserReturningTo('/\t/evil.example/x'), {
    pick: 'citizen:0',
  });
  assert.equal(viaStart.headers.get('location'), '/');
  // Stored before the check existed: a tab, and a newline that used to make the callback a 500.
  for (const storedAs of ['/\t/evil.example/x', '/\n/evil.example']) {
    const done = await signInThroughSso(browserReturningTo('/', storedAs), { pick: 'citizen:0' });
    assert.equal(done.headers.get('location'), '/', JSON.stringify(storedAs));
  }
  const kept = await signInThroughSso(browserReturningTo('/ho-so-cua-toi?x=1'), {
    pick: 'citizen:0',
  });
  assert.equal(kept.headers.get('location'), '/ho-so-cua-toi?x=1');
});
