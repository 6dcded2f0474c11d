import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signInOfficer, startJourney, type Journey } from './browser.js';

let j: Journey;
before(async () => {
  j = await startJourney();
});
after(async () => {
  await j?.close();
});

test('a ward officer signs in, finds a dossier in the queue and records the supplement', async () => {
  const page = await j.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInOfficer(page, j.baseUrl, 'tb.tiepnhan');

  await page.goto(`${j.baseUrl}/can-bo`);
  await page.getByRole('link', { name: '000.01.145.H75-261102-0003' }).click();
  await page.getByRole('heading', { name: '000.01.145.H75-261102-0003' }).waitFor();
  await page.getByText('Yêu cầu bổ sung giấy tờ').first().waitFor();

  await page.getByRole('button', { name: 'Đã nhận hồ sơ bổ sung' }).click();
  await page.getByText('Đã ghi nhận thao tác.').waitFor();
  await page.getByText('Đang xử lý').first().waitFor();

  // Only what the rules and the role allow now is offered: no result to return yet, and the
  // one supplement request of the law is spent.
  await page.getByRole('button', { name: 'Chuyển bước' }).waitFor();
  for (const name of ['Trả kết quả tại quầy', 'Yêu cầu bổ sung', 'Tiếp nhận']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, name);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the counter records a fee paid in cash; the leader assigns from the queue', async () => {
  const page = await j.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const signIn = async (username: string) => {
    await page.context().clearCookies();
    await signInOfficer(page, j.baseUrl, username);
  };

  // Demo dossier waiting for payment (README).
  await signIn('tb.tiepnhan');
  await page.goto(`${j.baseUrl}/can-bo/ho-so/000.01.145.H75-261103-0003`);
  await page.getByText('Yêu cầu thực hiện nghĩa vụ tài chính', { exact: true }).first().waitFor();
  await page.getByLabel('Số tiền (đồng)').fill('8000');
  await page.getByLabel('Số biên lai').fill('BL-2026-000123');
  await page.getByRole('button', { name: 'Ghi nhận đã nộp tại quầy' }).click();
  await page.getByText('Đã ghi nhận thao tác.').waitFor();
  await page.getByText('Đang xử lý', { exact: true }).first().waitFor();

  // The unit leader ticks it in "Của phòng tôi" and gives it to the specialist.
  await signIn('tb.truongphong');
  await page.goto(`${j.baseUrl}/can-bo`);
  await page.getByLabel('Danh sách hồ sơ', { exact: true }).and(page.locator('input')).click();
  await page.getByRole('option', { name: 'Của phòng tôi' }).click();
  await page.getByLabel('Chọn hồ sơ 000.01.145.H75-261103-0003').check();
  await page.getByLabel('Cán bộ', { exact: true }).and(page.locator('input')).click();
  await page.getByRole('option', { name: 'Lâm Văn Minh' }).click();
  await page.getByRole('button', { name: /Phân công 1 hồ sơ/ }).click();
  await page.getByText(/Đã phân công 1 hồ sơ; 0 hồ sơ không phân công được/).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
