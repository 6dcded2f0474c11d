import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  startSimulators,
  type RunningSimulators,
} from '../apps/api/src/integrations/simulators.js';
import { createTestApp, type TestApp } from '../apps/api/src/platform/testing/test-app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Journey {
  baseUrl: string;
  browser: Browser;
  testApp: TestApp;
  /** The simulators of the national systems, when the journey uses them. */
  sims: RunningSimulators | undefined;
  close(): Promise<void>;
}

/**
 * The real server (API + built web) on a loopback port, and Debian's Chromium driving it; with
 * `sso`, the simulators too, the app signing citizens in through the simulated VNeID; with
 * `sync`, the national sync on, sending to the simulated DVCQG and coordination system.
 */
export async function startJourney(
  options: { sso?: boolean; sync?: boolean } = {},
): Promise<Journey> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  }
  const sims: RunningSimulators | undefined =
    options.sso || options.sync ? await startSimulators({ basePort: 0 }) : undefined;
  const testApp = await createTestApp({
    SERVE_WEB: 'true',
    ...(sims ? { VNEID_ISSUER_URL: sims.urls['vneid-sso'] } : {}),
    ...(sims && options.sync
      ? {
          SYNC_TARGETS: 'dvcqg,dieu-phoi',
          DVCQG_URL: sims.urls['dvcqg'],
          DIEU_PHOI_URL: sims.urls['dieu-phoi'],
        }
      : {}),
  });
  await testApp.app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = testApp.app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Flags for a sandboxed root container with no outside network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    testApp,
    sims,
    close: async () => {
      await browser.close();
      await testApp.close();
      await sims?.close();
    },
  };
}

/** The password of every demo account (README). */
export const DEMO_PASSWORD = 'Demo@motcua2026';

/**
 * Signs an officer in through the password form at /dang-nhap, in `page`'s browser context; the
 * page is left wherever the sign-in sends it.
 */
export async function signInOfficer(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'), { timeout: 10_000 });
}
