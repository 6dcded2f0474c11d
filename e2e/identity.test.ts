import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signInOfficer, startJourney, type Journey } from './browser.js';

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
  // A citizen's navigation has their dossiers and nothing of the back office.
  const nav = page.locator('#main-navigation');
  await nav.getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: 'Xử lý hồ sơ' }).count(), 0);
  assert.equal(await nav.getByRole('group', { name: 'Quản trị' }).count(), 0);
  // Sign-out (in the account menu) ends both sessions and comes back signed out.
  await page.getByTestId('signed-in-name').click();
  await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
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

/** The links of the main navigation, once the session is known. */
async function navLinks(page: Page): Promise<string[]> {
  const nav = page.locator('#main-navigation');
  await nav.getByRole('link', { name: 'Tra cứu hồ sơ' }).waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
}

test('the navigation and the administration overview offer only what the account may use', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  // Anonymous: the public portal only.
  await page.goto(baseUrl);
  await page.getByRole('link', { name: 'Đăng nhập', exact: true }).waitFor();
  const anonymous = await navLinks(page);
  assert.ok(anonymous.includes('Thủ tục hành chính'), anonymous.join(', '));
  for (const name of [
    'Xử lý hồ sơ',
    'Tiếp nhận hồ sơ tại quầy, bưu chính',
    'Tổng quan',
    'Tài khoản cán bộ',
    'Hồ sơ của tôi',
  ])
    assert.ok(!anonymous.includes(name), `anonymous sees "${name}"`);
  await page.goto(`${baseUrl}/quan-tri`);
  await page.getByText(/Vui lòng đăng nhập bằng tài khoản cán bộ/).waitFor();
  assert.equal(await page.getByRole('main').getByRole('article').count(), 0);

  // A receiving officer: the queue and the counter, no administration (the API would refuse it).
  await signInOfficer(page, baseUrl, 'tb.tiepnhan');
  await page.goto(baseUrl);
  await page.getByTestId('signed-in-name').waitFor();
  const receiving = await navLinks(page);
  assert.ok(
    receiving.includes('Xử lý hồ sơ') && receiving.includes('Tiếp nhận hồ sơ tại quầy, bưu chính'),
  );
  for (const name of ['Tài khoản cán bộ', 'Tổng quan', 'Lịch làm việc', 'Hồ sơ của tôi'])
    assert.ok(!receiving.includes(name), `the receiving officer sees "${name}"`);
  await page.goto(`${baseUrl}/quan-tri`);
  await page.getByText(/không có vai trò quản trị nào/).waitFor();
  assert.equal(await page.getByRole('main').getByRole('article').count(), 0);

  // A ward's administrator: its accounts and audit, not the province's catalogue or calendar.
  await context.clearCookies();
  await signInOfficer(page, baseUrl, 'tb.quantri');
  await page.goto(baseUrl);
  await page.getByTestId('signed-in-name').waitFor();
  const wardAdmin = await navLinks(page);
  assert.ok(wardAdmin.includes('Tài khoản cán bộ') && wardAdmin.includes('Rà soát phân quyền'));
  for (const name of ['Lịch làm việc', 'Cấu hình thủ tục', 'Đồng bộ'])
    assert.ok(!wardAdmin.includes(name), `the ward administrator sees "${name}"`);

  // The province administrator: accounts, catalogue and calendar, in the menu and as tiles.
  await context.clearCookies();
  await signInOfficer(page, baseUrl, 'qt.tinh');
  await page.goto(`${baseUrl}/quan-tri`);
  await page.getByTestId('signed-in-name').waitFor();
  const provinceAdmin = await navLinks(page);
  for (const name of ['Tài khoản cán bộ', 'Lịch làm việc', 'Cấu hình thủ tục', 'Tổng quan'])
    assert.ok(provinceAdmin.includes(name), `the province administrator misses "${name}"`);
  const tiles = page.getByRole('main').getByRole('article');
  await tiles.getByRole('link', { name: 'Tài khoản cán bộ' }).waitFor();
  assert.ok((await tiles.count()) >= 8, `${await tiles.count()} tiles`);
  assert.deepEqual(errors, []);
  await context.close();
});
