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

test('the admin calendar page shows the 2026 holidays from the API', async () => {
  const page = await j.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${j.baseUrl}/quan-tri/lich-lam-viec`);
  await page.getByRole('heading', { level: 1, name: 'Lịch làm việc' }).waitFor();
  await page.getByLabel('Năm').fill('2026');
  // Tết Bính Ngọ (17/02/2026) and the compensatory Monday after Giỗ Tổ (27/04/2026).
  await page.getByText('17/02/2026').waitFor({ timeout: 10_000 });
  assert.ok(await page.getByText('Tết Âm lịch (Tết Nguyên đán)').count());
  assert.ok(await page.getByText('27/04/2026').count());
  assert.ok(await page.getByText('22/08/2026').count(), 'make-up Saturday listed');
  // Read by anyone; changed only by the province administrator, once signed in.
  await page.getByText(/Vui lòng đăng nhập bằng tài khoản có vai trò Quản trị cấp tỉnh/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Lưu', exact: true }).count(), 0);
  await signInOfficer(page, j.baseUrl, 'qt.tinh');
  await page.goto(`${j.baseUrl}/quan-tri/lich-lam-viec`);
  await page.getByRole('button', { name: 'Lưu', exact: true }).waitFor();
  assert.equal(await page.getByText(/Vui lòng đăng nhập/).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
