// Issue 16: the province administrator sees a dossier the national portal did not take, and
// resends it from the Đồng bộ page once the portal is back.
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
