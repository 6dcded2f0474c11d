import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  agencyIdByName,
  counter,
  TRAN_BIEN_CENTRE,
} from '../apps/api/src/platform/testing/counter.js';
import { officerInjector } from '../apps/api/src/platform/testing/sign-in.js';
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

test('a day off added on the page moves an open dossier’s deadline; the change log says how many', async () => {
  // An open dossier received at the test clock, Monday 23/11/2026 09:00: due Friday 27/11.
  const server = j.testApp.app.server;
  const { as } = officerInjector(() => server);
  const centre = await agencyIdByName(server, TRAN_BIEN_CENTRE);
  const filed = await counter(as, { centre: () => centre }).intake();
  assert.equal(filed.dueAt, '2026-11-27T02:00:00.000Z');

  const page = await j.browser.newPage();
  await signInOfficer(page, j.baseUrl, 'qt.tinh');
  await page.goto(`${j.baseUrl}/quan-tri/lich-lam-viec`);
  await page.getByLabel('Năm').fill('2026');
  await page.getByRole('button', { name: 'Lưu', exact: true }).waitFor();
  await page.locator('input[type="date"]').fill('2026-11-25');
  await page.getByRole('textbox', { name: 'Tên' }).fill('Nghỉ do bão');
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByText('Đang tính lại…').waitFor({ timeout: 10_000 });
  // The job worker's task (this test app runs no worker): the recompute of open deadlines.
  await j.testApp.app.modules.calendar.recomputeDeadlines();
  await page.getByText('Đã tính lại: 1 hồ sơ dời hạn').waitFor({ timeout: 10_000 });
  const moved = await as('tb.tiepnhan', { url: `/api/dossiers/${filed.code}` });
  assert.equal(moved.json().dueAt, '2026-11-30T02:00:00.000Z');
  await page.close();
});
