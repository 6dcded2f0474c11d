import assert from 'node:assert/strict';

/**
 * Switches the simulated DVCQG and coordination system down or back up, by their URLs (the
 * running simulators' `urls`).
 */
export async function setSyncFault(
  urls: Partial<Record<'dvcqg' | 'dieu-phoi', string>>,
  mode: 'down' | 'none',
): Promise<void> {
  for (const target of ['dvcqg', 'dieu-phoi'] as const) {
    const res = await fetch(`${urls[target]}/__sim/fault`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode }),
    });
    assert.equal(res.status, 200);
  }
}
