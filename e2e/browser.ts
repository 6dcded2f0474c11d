import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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
 * `sync`, the national sync on, sending to the simulated DVCQG and coordination system; with
 * `payment`, payments go to the simulated payment platform, which calls this server back.
 */
export async function startJourney(
  options: { sso?: boolean; sync?: boolean; payment?: boolean } = {},
): Promise<Journey> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
  }
  const sims: RunningSimulators | undefined =
    options.sso || options.sync || options.payment
      ? await startSimulators({ basePort: 0 })
      : undefined;
  const paymentUrl = sims && options.payment ? simulatorUrl(sims, 'payment-platform') : undefined;
  const testApp = await createTestApp({
    SERVE_WEB: 'true',
    // A private build (`vite build --outDir …`) while others rebuild apps/web/dist.
    ...(process.env.WEB_DIST_DIR ? { WEB_DIST_DIR: process.env.WEB_DIST_DIR } : {}),
    ...(sims ? { VNEID_ISSUER_URL: sims.urls['vneid-sso'] } : {}),
    ...(sims && options.sync
      ? {
          SYNC_TARGETS: 'dvcqg,dieu-phoi',
          DVCQG_URL: sims.urls['dvcqg'],
          DIEU_PHOI_URL: sims.urls['dieu-phoi'],
        }
      : {}),
    ...(paymentUrl ? { PAYMENT_PLATFORM_URL: paymentUrl } : {}),
  });
  await testApp.app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = testApp.app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  if (paymentUrl) {
    // The server's port is known only now: the platform's CONFIRM and the browser's return
    // come back to it.
    const base = `http://127.0.0.1:${port}`;
    const res = await fetch(`${paymentUrl}/__sim/config`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        confirmUrl: `${base}/api/payments/platform/confirm`,
        returnBase: base,
      }),
    });
    if (!res.ok) throw new Error(`payment simulator config: ${res.status} ${await res.text()}`);
  }
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

/** A simulator's URL by name (names appear in apps/api/src/integrations/simulators.ts). */
export function simulatorUrl(sims: RunningSimulators, name: string): string {
  const url = (sims.urls as Record<string, string | undefined>)[name];
  if (!url) throw new Error(`no simulator named ${name} is started`);
  return url;
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

/** axe-core's source, read once: injected into each page checked (no network in the tests). */
let axeSource: string | undefined;

/**
 * Runs axe-core in `page` against WCAG 2.0–2.2 A and AA and fails, listing each rule, its impact
 * and the elements it flagged, when any violation is serious or critical (issue 15, item 9).
 * Minor and moderate findings are not blocking but are returned for the caller to log.
 */
export async function expectNoSeriousAxeViolations(
  page: Page,
  where = page.url(),
): Promise<Array<{ id: string; impact: string | null }>> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated rather than added as a <script>: the app's Content-Security-Policy (script-src
  // 'self') rightly refuses inline scripts, and DevTools evaluation is exempt from it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: unknown[]; failureSummary?: string }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target.map(String).join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300),
      })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.flatMap((v) => [
      `- ${v.id} (${v.impact}): ${v.help}`,
      ...v.nodes.map((n) => `    ${n.target} — ${n.summary}`),
    ]);
    throw new Error(
      `axe: ${serious.length} serious/critical violation(s) at ${where}\n${lines.join('\n')}`,
    );
  }
  return violations.map((v) => ({ id: v.id, impact: v.impact }));
}
