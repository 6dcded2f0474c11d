import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSimulators } from '../simulators.js';

test('npm start / npm run sim start the DVCQG and coordination-system simulators', async () => {
  const simulators = await startSimulators({ basePort: 0 });
  try {
    for (const target of ['dvcqg', 'dieu-phoi'] as const) {
      const health = await fetch(`${simulators.urls[target]}/__sim/health`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: 'ok', target, dossiers: 0, deliveries: 0 });
    }
  } finally {
    await simulators.close();
  }
});
