import assert from 'node:assert/strict';
import type { RunningSimulators } from '../../integrations/simulators.js';

/** Switches the simulated DVCQG and coordination system down or back up. */
export async function setSyncFault(sims: RunningSimulators, mode: 'down' | 'none'): Promise<void> {
  for (const target of ['dvcqg', 'dieu-phoi'] as const) {
    const res = await fetch(`${sims.urls[target]}/__sim/fault`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode }),
    });
    assert.equal(res.status, 200);
  }
}
