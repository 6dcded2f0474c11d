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

test('the province administrator deactivates an account and reads the permission audit', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill('qt.tinh');
  await page.locator('input[name="password"]').fill('Demo@motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('signed-in-name').waitFor();
  await page.getByRole('link', { name: 'Tài khoản cán bộ' }).click();
  const row = page.getByTestId('officer-bp.tiepnhan');
  await row.getByRole('button', { name: 'Cho ngừng hoạt động' }).click();
  await page
    .getByRole('status')
    .getByText('Đã cho ngừng hoạt động tài khoản bp.tiepnhan.')
    .waitFor();
  await row.getByRole('cell', { name: 'Ngừng hoạt động', exact: true }).waitFor();
  await row.getByRole('button', { name: 'Mở lại hoạt động' }).waitFor();
  // The inactive officer cannot sign in any more, and is told so no differently from a wrong
  // password (the answer must not reveal which accounts exist or are deactivated).
  const refused = await page.request.post(`${baseUrl}/api/auth/login`, {
    data: { username: 'bp.tiepnhan', password: 'Demo@motcua2026' },
  });
  assert.equal(refused.status(), 401);
  assert.match(
    ((await refused.json()) as { error: { message: string } }).error.message,
    /không đúng/,
  );

  // The audit now lists the account as inactive while still holding its role.
  await page.getByRole('link', { name: 'Rà soát phân quyền' }).click();
  await page.getByRole('heading', { name: 'Rà soát phân quyền', level: 1 }).waitFor();
  const finding = page.getByRole('row').filter({ hasText: 'bp.tiepnhan' });
  await finding.getByText('Ngừng hoạt động còn vai trò').waitFor();
  assert.ok((await page.getByRole('row').filter({ hasText: 'loi.khongvaitro' }).count()) > 0);
  const download = await page.request.get(`${baseUrl}/api/admin/identity/audit?format=xlsx`);
  assert.equal(download.status(), 200);
  assert.deepEqual(errors, []);
  await page.close();
});
