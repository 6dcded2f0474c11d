// Issue 16: the province administrator sees a dossier the national portal did not take, and
// resends it from the Đồng bộ page once the portal is back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { createDvcqgClient } from '../apps/api/src/integrations/dvcqg/index.js';
import {
  startSimulators,
  type RunningSimulators,
} from '../apps/api/src/integrations/simulators.js';
import {
  agencyIdByName,
  counter,
  TRAN_BIEN_CENTRE,
} from '../apps/api/src/platform/testing/counter.js';
import { officerInjector } from '../apps/api/src/platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../apps/api/src/platform/testing/test-app.js';
import { CHROMIUM, signInOfficer } from './browser.js';

// startJourney() takes no extra settings and runs the app with sync off, so this test builds the
// same server (API + built web on a loopback port) with sync on, pointed at the simulators.
let sims: RunningSimulators;
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let centre: string;
const { as } = officerInjector(() => t.app.server);
const desk = counter(as, { centre: () => centre });

before(async () => {
  sims = await startSimulators({ basePort: 0 });
  t = await createTestApp({
    SERVE_WEB: 'true',
    SYNC_TARGETS: 'dvcqg,dieu-phoi',
    DVCQG_URL: sims.urls['dvcqg']!,
    DIEU_PHOI_URL: sims.urls['dieu-phoi']!,
    VNEID_ISSUER_URL: sims.urls['vneid-sso']!,
  });
  await t.app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  centre = await agencyIdByName(t.app.server, TRAN_BIEN_CENTRE);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
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
});
after(async () => {
  await browser?.close();
  await t?.close();
  await sims?.close();
});

async function setFault(mode: 'down' | 'none') {
  for (const target of ['dvcqg', 'dieu-phoi'] as const) {
    const res = await fetch(`${sims.urls[target]}/__sim/fault`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode }),
    });
    assert.equal(res.status, 200);
  }
}

test('opens the Đồng bộ page and resends a failed dossier', async () => {
  await setFault('down');
  const { code } = await desk.intake();
  await t.app.modules.sync.drain();

  const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Signed out, the page says who may see it and links to the sign-in page.
  await page.goto(`${baseUrl}/quan-tri/dong-bo`);
  await page
    .getByRole('status')
    .getByText(/Chỉ quản trị viên cấp tỉnh/)
    .waitFor();
  assert.equal(
    await page.getByRole('status').getByRole('link', { name: 'Đăng nhập' }).getAttribute('href'),
    '/dang-nhap',
  );
  await signInOfficer(page, baseUrl, 'qt.tinh');
  await page.goto(`${baseUrl}/quan-tri/dong-bo`);
  await page.getByRole('heading', { level: 1, name: 'Đồng bộ' }).waitFor();
  await page.getByRole('heading', { name: 'Cổng Dịch vụ công quốc gia' }).waitFor();
  await page.getByRole('heading', { name: 'Hệ thống điều phối' }).waitFor();
  const rows = page.getByTestId(`sync-problem-${code}`);
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2);
  await rows.filter({ hasText: 'Cổng Dịch vụ công quốc gia' }).getByText('Đang thử lại').waitFor();

  await setFault('none');
  await rows.first().getByRole('button', { name: 'Gửi lại' }).click();
  await page.getByRole('status').getByText('Đã đưa 2 hồ sơ vào hàng đợi gửi lại.').waitFor();
  await t.app.modules.sync.drain();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Đồng bộ' }).waitFor();
  await page.getByText('Hồ sơ đồng bộ lỗi').waitFor();
  await rows.first().waitFor({ state: 'detached' });
  assert.equal(await rows.count(), 0);

  const shown = await createDvcqgClient({
    baseUrl: sims.urls['dvcqg']!,
    username: 'motcua',
    password: 'dvcqg-sim',
  }).lookupDossier(code);
  assert.equal(shown.MaTTHC, '1.004837');

  // The dossier page tells the officer what the portal shows.
  const officer = await browser.newPage();
  await signInOfficer(officer, baseUrl, 'tb.tiepnhan');
  await officer.goto(`${baseUrl}/can-bo/ho-so/${code}`);
  await officer
    .getByTestId('dossier-sync')
    .getByText(/^Cổng DVCQG: đang hiển thị trạng thái/)
    .waitFor();
  await officer.close();

  assert.deepEqual(errors, []);
  await page.close();
});
