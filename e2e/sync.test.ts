// Issue 16: the province administrator sees a dossier the national portal did not take, and
// resends it from the Đồng bộ page once the portal is back; reconciles a day with the portal,
// finds the differences planted there, resends one, and sees the error dossiers of the day.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDvcqgClient } from '../apps/api/src/integrations/dvcqg/index.js';
import {
  agencyIdByName,
  counter,
  TRAN_BIEN_CENTRE,
} from '../apps/api/src/platform/testing/counter.js';
import { officerInjector } from '../apps/api/src/platform/testing/sign-in.js';
import { setSyncFault } from '../apps/api/src/platform/testing/simulator-fault.js';
import { signInOfficer, startJourney, type Journey } from './browser.js';

let j: Journey;
let baseUrl: string;
let centre: string;
const { as } = officerInjector(() => j.testApp.app.server);
const desk = counter(as, { centre: () => centre });
const sims = () => j.sims!;

before(async () => {
  j = await startJourney({ sync: true });
  baseUrl = j.baseUrl;
  centre = await agencyIdByName(j.testApp.app.server, TRAN_BIEN_CENTRE);
});
after(async () => {
  await j?.close();
});

const setFault = (mode: 'down' | 'none') => setSyncFault(sims().urls, mode);

test('opens the Đồng bộ page and resends a failed dossier', async () => {
  await setFault('down');
  const { code } = await desk.intake();
  await j.testApp.app.modules.sync.drain();

  const page = await j.browser.newPage({ viewport: { width: 360, height: 800 } });
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
  await j.testApp.app.modules.sync.drain();
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Đồng bộ' }).waitFor();
  await page.getByText('Hồ sơ đồng bộ lỗi').waitFor();
  await rows.first().waitFor({ state: 'detached' });
  assert.equal(await rows.count(), 0);

  const shown = await createDvcqgClient({
    baseUrl: sims().urls['dvcqg']!,
    username: 'motcua',
    password: 'dvcqg-sim',
  }).lookupDossier(code);
  assert.equal(shown.MaTTHC, '1.004837');

  // The dossier page tells the officer what the portal shows.
  const officer = await j.browser.newPage();
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

async function plant(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sims().urls['dvcqg']}/__sim/plant`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
}

test('reconciles a day with the portal, resends a lost dossier and lists the error dossiers', async () => {
  const lost = (await desk.intake()).code;
  const changed = (await desk.intake()).code;
  await j.testApp.app.modules.sync.drain();
  await plant({ kind: 'drop', codes: [lost] });
  await plant({ kind: 'status', codes: [changed] });

  const page = await j.browser.newPage({ viewport: { width: 360, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInOfficer(page, baseUrl, 'qt.tinh');
  await page.goto(`${baseUrl}/quan-tri/dong-bo`);
  await page.getByRole('tab', { name: 'Đối chiếu' }).click();
  await page.getByLabel('Từ ngày').fill('2026-11-23');
  await page.getByLabel('Đến ngày').fill('2026-11-23');
  await page.getByRole('button', { name: 'Đối chiếu ngay' }).click();

  const lostRow = page.getByTestId(`mismatch-${lost}`);
  await lostRow.getByText('Hệ thống quốc gia không có').waitFor();
  await page.getByTestId(`mismatch-${changed}`).getByText('Trạng thái khác nhau').waitFor();
  // At 360 px the table scrolls inside its container; the page itself does not widen.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));

  await lostRow
    .getByRole('button', { name: `Gửi lại hồ sơ ${lost} lên Cổng Dịch vụ công quốc gia` })
    .click();
  await page.getByRole('status').getByText(`Đã đưa hồ sơ ${lost} vào hàng đợi gửi lại.`).waitFor();
  await lostRow
    .getByRole('button', { name: /Gửi lại hồ sơ/ })
    .getByText('Đã gửi lại')
    .waitFor();
  await j.testApp.app.modules.sync.drain();
  const back = await createDvcqgClient({
    baseUrl: sims().urls['dvcqg']!,
    username: 'motcua',
    password: 'dvcqg-sim',
  }).lookupDossier(lost);
  assert.equal(Number(back.TrangThaiHoSo), 2);

  const xlsx = page.getByRole('link', { name: 'Xuất Excel' });
  assert.match(
    (await xlsx.getAttribute('href')) ?? '',
    /\/reconciliations\/[0-9a-f-]+\/export\?format=xlsx$/,
  );

  await page.getByRole('tab', { name: 'Hồ sơ lỗi' }).click();
  await page.getByLabel('Từ ngày').fill('2026-11-23');
  await page.getByLabel('Đến ngày').fill('2026-11-23');
  await page.getByRole('button', { name: 'Xem' }).click();
  const incident = page.getByTestId(`incident-${lost}`);
  await incident.getByText('Hệ thống quốc gia không có').waitFor();
  const evidence = incident.getByRole('link', { name: `Phiếu ghi nhận hồ sơ lỗi ${lost}` });
  const href = (await evidence.getAttribute('href')) ?? '';
  const pdf = await page.request.get(`${baseUrl}${href}`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));

  assert.deepEqual(errors, []);
  await page.close();
});
