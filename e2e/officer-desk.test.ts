import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startJourney, type Journey } from './browser.js';

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
  await page.goto(`${j.baseUrl}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill('tb.tiepnhan');
  await page.getByLabel('Mật khẩu').fill('Demo@motcua2026');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'), { timeout: 10_000 });

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
