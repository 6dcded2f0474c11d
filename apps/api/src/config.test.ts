import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

test('defaults run the demo: embedded database, province 75, port 3000, in-process worker', () => {
  const config = loadConfig({});
  assert.equal(config.port, 3000);
  assert.equal(config.provinceCode, '75');
  assert.equal(config.database.url, undefined);
  assert.equal(config.worker.mode, 'in-process');
  assert.match(config.database.embedded.dir, /\.data\/pg$/);
});

test('blank values count as unset', () => {
  assert.equal(loadConfig({ PORT: '' }).port, 3000);
});

test('every wrong value is reported at once, with the variable name', () => {
  assert.throws(
    () =>
      loadConfig({
        PORT: 'abc',
        PROVINCE_CODE: '7',
        DATABASE_URL: 'mysql://x',
        WORKER_MODE: 'sometimes',
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const text = error.message;
      for (const name of ['PORT', 'PROVINCE_CODE', 'DATABASE_URL', 'WORKER_MODE'])
        assert.match(text, new RegExp(name));
      assert.match(text, /Cấu hình không hợp lệ/);
      return true;
    },
  );
});

test('CORS origins must be URLs', () => {
  assert.deepEqual(
    loadConfig({ CORS_ORIGINS: 'https://a.gov.vn, https://b.gov.vn' }).http.corsOrigins,
    ['https://a.gov.vn', 'https://b.gov.vn'],
  );
  assert.throws(() => loadConfig({ CORS_ORIGINS: 'not a url' }), ConfigError);
});

test('production refuses the public demo admin token', () => {
  assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /ADMIN_TOKEN/);
  assert.equal(
    loadConfig({ NODE_ENV: 'production', ADMIN_TOKEN: 'a-secret-of-our-own-2026' }).adminToken,
    'a-secret-of-our-own-2026',
  );
});

test('an empty SYNC_TARGETS turns the national sync off (blank is not "the default" there)', () => {
  assert.deepEqual(
    loadConfig({ SYNC_TARGETS: '' }).integrations.sync.targets.map((t) => t.target),
    [],
  );
  assert.deepEqual(
    loadConfig({}).integrations.sync.targets.map((t) => t.target),
    ['dvcqg', 'dieu-phoi'],
  );
});

test('payment: defaults reach the simulator (SIM_BASE_PORT + 5) as partner MOTCUA', () => {
  const { payment } = loadConfig({ SIM_BASE_PORT: '5000' });
  assert.deepEqual(payment, {
    enabled: true,
    baseUrl: 'http://127.0.0.1:5005',
    partnerCode: 'MOTCUA',
    secret: 'payment-sim-secret',
    timeoutMs: 10_000,
    queryAfterMinutes: 30,
  });
  assert.equal(loadConfig({ PAYMENT_ENABLED: 'false' }).payment.enabled, false);
  assert.equal(
    loadConfig({ PAYMENT_PLATFORM_URL: 'https://thanhtoan.dichvucong.gov.vn' }).payment.baseUrl,
    'https://thanhtoan.dichvucong.gov.vn',
  );
});

test('payment: wrong values are named; production refuses the simulator secret', () => {
  assert.throws(
    () =>
      loadConfig({
        PAYMENT_SECRET: 'short',
        PAYMENT_PARTNER_CODE: 'có dấu',
        PAYMENT_QUERY_AFTER_MINUTES: '0',
        PAYMENT_PLATFORM_URL: 'not a url',
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      for (const name of [
        'PAYMENT_SECRET',
        'PAYMENT_PARTNER_CODE',
        'PAYMENT_QUERY_AFTER_MINUTES',
        'PAYMENT_PLATFORM_URL',
      ])
        assert.match(error.message, new RegExp(name));
      return true;
    },
  );
  const production = { NODE_ENV: 'production', ADMIN_TOKEN: 'a-secret-of-our-own-2026' };
  // Without the platform's key production keeps online payment off rather than trust the demo key.
  assert.equal(loadConfig(production).payment.enabled, false);
  assert.throws(() => loadConfig({ ...production, PAYMENT_ENABLED: 'true' }), /PAYMENT_SECRET/);
  assert.throws(
    () => loadConfig({ ...production, PAYMENT_SECRET: 'payment-sim-secret' }),
    /PAYMENT_SECRET/,
  );
  assert.equal(
    loadConfig({ ...production, PAYMENT_SECRET: 'agreed-with-the-platform' }).payment.enabled,
    true,
  );
  assert.equal(loadConfig({ ...production, PAYMENT_ENABLED: 'false' }).payment.enabled, false);
});
