// MINISTRY_SYSTEMS and its per-system settings (issue 16 item 5).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../config.js';

const systems = (env: Record<string, string>) =>
  loadConfig(env).integrations.ministries.systems.map((s) => [s.source, s.baseUrl]);

test('the demo reads the simulated civil-status system; empty turns the ingest off', () => {
  assert.deepEqual(systems({ SIM_BASE_PORT: '5000' }), [['btp', 'http://127.0.0.1:5004']]);
  assert.deepEqual(systems({ MINISTRY_SYSTEMS: '' }), []);
  assert.deepEqual(
    systems({ MINISTRY_SYSTEMS: 'btp', MINISTRY_BTP_URL: 'https://ht.moj.gov.vn' }),
    [['btp', 'https://ht.moj.gov.vn']],
  );
});

test('production reads no ministry until it is named, and a real one needs its URL', () => {
  const production = { NODE_ENV: 'production', ADMIN_TOKEN: 'a-secret-of-our-own' };
  assert.deepEqual(systems(production), []);
  assert.throws(() => loadConfig({ ...production, MINISTRY_SYSTEMS: 'bca' }), ConfigError);
  assert.deepEqual(
    systems({
      ...production,
      MINISTRY_SYSTEMS: 'bca',
      MINISTRY_BCA_URL: 'https://dvc.bocongan.gov.vn',
    }),
    [['bca', 'https://dvc.bocongan.gov.vn']],
  );
  assert.throws(() => loadConfig({ MINISTRY_SYSTEMS: 'xyz' }), /MINISTRY_SYSTEMS/);
});
