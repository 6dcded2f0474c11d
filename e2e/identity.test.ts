import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startJourney, type Journey } from './browser.js';

let j: Journey;
let browser: Journey['browser'];
let baseUrl: string;
before(async () => {
  j = await startJourney({ sso: true });
  browser = j.browser;
  baseUrl = j.baseUrl;
});
after(async () => {
  await j?.close();
});

test('a test citizen signs in through the simulated VNeID SSO and sees their name', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
  // The simulator's login page: pick the second test citizen.
  await page.getByText('Cổng Dịch vụ công quốc gia').waitFor();
  await page.getByLabel(/Trần Thị Bình/).check();
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('signed-in-name').waitFor({ timeout: 15_000 });
  assert.equal(await page.getByTestId('signed-in-name').innerText(), 'Trần Thị Bình');
  assert.equal(new URL(page.url()).origin, baseUrl);
  // Sign-out ends both sessions and comes back signed out.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL(`${baseUrl}/`, { timeout: 15_000 });
  await page.getByRole('link', { name: 'Đăng nhập' }).first().waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('an officer signs in with a password and sees the officers of their ward only', async () => {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill('tb.quantri');
  await page.locator('input[name="password"]').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page
    .getByRole('alert')
    .getByText(/không đúng/)
    .waitFor();
  await page.locator('input[name="password"]').fill('Demo@motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('signed-in-name').waitFor();
  assert.equal(await page.getByTestId('signed-in-name').innerText(), 'Kiều Thị Mai');
  await page.goto(`${baseUrl}/quan-tri/tai-khoan`);
  await page.getByRole('cell', { name: 'tb.chutich' }).waitFor();
  assert.equal(await page.getByRole('cell', { name: 'bp.chutich' }).count(), 0);
  await page.close();
});
