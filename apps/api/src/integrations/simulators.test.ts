import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSimulators } from './simulators.js';

test('startSimulators serves every simulator on a free port and closes them all', async () => {
  const simulators = await startSimulators({
    basePort: 0,
    faults: { 'national-catalog': { mode: 'slow', delayMs: 10 } },
  });
  const url = simulators.urls['national-catalog'];
  try {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(url, 'http://127.0.0.1:0');
    const health = await fetch(`${url}/__sim/health`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { status: 'ok', records: 2303 });
    const fault = (await (await fetch(`${url}/__sim/fault`)).json()) as { mode: string };
    assert.equal(fault.mode, 'slow', 'the fault given at start is active');
  } finally {
    await simulators.close();
  }
  await assert.rejects(fetch(`${url}/__sim/health`), 'nothing listens after close()');
});

test('startSimulators releases what it started when a port is taken', async () => {
  const first = await startSimulators({ basePort: 0 });
  try {
    const port = Number(new URL(first.urls['national-catalog']).port);
    // The one-line message names the variable to change (issue 15, item 8).
    await assert.rejects(startSimulators({ basePort: port }), /SIM_BASE_PORT/);
  } finally {
    await first.close();
  }
});

test('the payment platform is the 6th simulator (SIM_BASE_PORT + 5) and calls back the given API', async () => {
  const simulators = await startSimulators({
    basePort: 0,
    paymentCallbackBase: 'http://127.0.0.1:3999/',
  });
  try {
    const names = Object.keys(simulators.urls);
    assert.equal(names.indexOf('payment-platform'), 5, 'appended, never reordered');
    const config = (await (
      await fetch(`${simulators.urls['payment-platform']}/__sim/config`)
    ).json()) as Record<string, unknown>;
    assert.equal(config.confirmUrl, 'http://127.0.0.1:3999/api/payments/platform/confirm');
    assert.equal(config.returnBase, 'http://127.0.0.1:3999');
    assert.equal(config.partnerCode, 'MOTCUA');
  } finally {
    await simulators.close();
  }
});
