import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { createDvcqgClient } from '../../integrations/dvcqg/index.js';
import { agencyIdByName, counter, TRAN_BIEN_CENTRE } from './counter.js';
import { officerInjector } from './sign-in.js';
import { createTestApp, type TestApp } from './test-app.js';

/** What the sync tests need of the running simulators; they are passed in, never imported here. */
export interface SyncSimulators {
  urls: Partial<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * A test app syncing to the simulated DVCQG and coordination system, with the Trấn Biên counter
 * working it; started before the file's tests and closed after them. `env` is filled in `before`;
 * `portal()` reads back what the simulated DVCQG holds, as the demo account.
 */
export function syncTestApp<S extends SyncSimulators>(startSimulators: () => Promise<S>) {
  const env = {} as { sims: S; t: TestApp; centre: string };
  const { as } = officerInjector(() => env.t.app.server);
  const desk = counter(as, { centre: () => env.centre });

  before(async () => {
    env.sims = await startSimulators();
    env.t = await createTestApp({
      SYNC_TARGETS: 'dvcqg,dieu-phoi',
      DVCQG_URL: env.sims.urls['dvcqg']!,
      DIEU_PHOI_URL: env.sims.urls['dieu-phoi']!,
      VNEID_ISSUER_URL: env.sims.urls['vneid-sso']!,
    });
    env.centre = await agencyIdByName(env.t.app.server, TRAN_BIEN_CENTRE);
  });
  after(async () => {
    await env.t?.close();
    await env.sims?.close();
  });

  const portal = () =>
    createDvcqgClient({
      baseUrl: env.sims.urls['dvcqg']!,
      username: 'motcua',
      password: 'dvcqg-sim',
    });

  /** Makes a simulated portal hold something else than we sent (POST /__sim/plant). */
  async function plant(
    target: 'dvcqg' | 'dieu-phoi',
    body: Record<string, unknown>,
  ): Promise<string[]> {
    const res = await fetch(`${env.sims.urls[target]}/__sim/plant`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200, await res.clone().text());
    return ((await res.json()) as { planted: string[] }).planted;
  }

  /** The calls a simulated portal received, each with its service and records. */
  async function deliveries(target: 'dvcqg' | 'dieu-phoi') {
    const res = await fetch(`${env.sims.urls[target]}/__sim/deliveries`);
    return (
      (await res.json()) as {
        deliveries: Array<{ service: string; outcome: string; data: Array<{ MaHoSo?: string }> }>;
      }
    ).deliveries;
  }

  return { env, as, desk, portal, plant, deliveries };
}
