import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorBody, SessionInfo, TotpSetup } from '@motcua/contracts';
import { generate } from 'otplib';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const PASSWORD = 'Demo@motcua2026';
// The test app's fixed clock.
const EPOCH = Math.floor(Date.parse('2026-11-23T02:00:00Z') / 1000);
let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

function login(payload: Record<string, string>) {
  return t.app.server.inject({ method: 'POST', url: '/api/auth/login', payload });
}

test('an officer enrols TOTP; from then on sign-in asks for the code', async () => {
  const res = await login({ username: 'stp.chuyenvien', password: PASSWORD });
  const cookie = `motcua_session=${res.cookies.find((c) => c.name === 'motcua_session')!.value}`;
  const headers = { cookie, 'x-csrf-token': SessionInfo.parse(res.json()).csrfToken! };
  const setup = await t.app.server.inject({ method: 'POST', url: '/api/auth/totp/setup', headers });
  assert.equal(setup.statusCode, 200, setup.body);
  const { secret, otpauthUri } = TotpSetup.parse(setup.json());
  assert.match(otpauthUri, /^otpauth:\/\/totp\/.*stp\.chuyenvien.*secret=/);
  const wrong = await t.app.server.inject({
    method: 'POST',
    url: '/api/auth/totp/confirm',
    headers,
    payload: { secret, code: '000000' },
  });
  assert.equal(wrong.statusCode, 400);
  assert.match(ErrorBody.parse(wrong.json()).error.message, /Mã xác thực không đúng/);
  const code = await generate({ secret, epoch: EPOCH });
  const ok = await t.app.server.inject({
    method: 'POST',
    url: '/api/auth/totp/confirm',
    headers,
    payload: { secret, code },
  });
  assert.equal(ok.statusCode, 200, ok.body);

  const asked = await login({ username: 'stp.chuyenvien', password: PASSWORD });
  assert.equal(asked.statusCode, 401);
  assert.equal(ErrorBody.parse(asked.json()).error.issues?.[0]?.path, 'totp');
  const signed = await login({ username: 'stp.chuyenvien', password: PASSWORD, totp: code });
  assert.equal(signed.statusCode, 200, signed.body);
  // Anonymous callers cannot enrol.
  const anonymous = await t.app.server.inject({ method: 'POST', url: '/api/auth/totp/setup' });
  assert.equal(anonymous.statusCode, 401);
});
