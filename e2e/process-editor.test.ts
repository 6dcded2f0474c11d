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

const OVER_BUDGET =
  'Tổng thời gian các bước (9 giờ làm việc) vượt thời hạn giải quyết (8 giờ làm việc)';

test('the province administrator versions the workflow of Đăng ký khai sinh within its legal time', async () => {
  const page = await j.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInOfficer(page, j.baseUrl, 'qt.tinh');
  await page.getByTestId('signed-in-name').waitFor();

  // Reached from the administration navigation.
  await page.getByRole('link', { name: 'Quy trình nội bộ' }).click();
  await page
    .getByRole('heading', { level: 1, name: 'Quy trình nội bộ giải quyết thủ tục' })
    .waitFor();
  await page.getByLabel('Mã thủ tục').fill('1.001193');
  await page.getByRole('button', { name: 'Xem quy trình' }).click();

  // The seeded version is in force; a new one starts from it.
  const v1 = page.getByTestId('process-version-1');
  await v1.getByText('Đang áp dụng', { exact: true }).waitFor();
  await v1.getByRole('button', { name: 'Tạo phiên bản mới từ bản này' }).click();
  await page.getByText('Tổng 8/8 giờ làm việc').waitFor();
  // The preview gives each step's due time for a dossier received now.
  await page.getByText('Thời hạn từng bước cho hồ sơ tiếp nhận lúc này').waitFor();
  assert.equal(await page.getByText('Hạn hoàn thành:').count(), 4);

  // Five hours of appraisal no longer fit the 8 working hours of the procedure.
  const appraise = page.getByRole('group', { name: /^Bước 2 · / });
  await appraise.getByLabel('Thời gian (giờ làm việc)').fill('5');
  await page.getByText(OVER_BUDGET).waitFor();
  await page.getByText('Tổng 9/8 giờ làm việc').waitFor();

  // A draft keeps work in progress, but publishing it is refused in Vietnamese.
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.getByText('Đã lưu bản nháp phiên bản 2.').waitFor();
  await page.getByRole('button', { name: 'Ban hành' }).click();
  await page.getByText('Quy trình chưa hợp lệ, không thể ban hành.').waitFor();
  await page.getByTestId('process-version-2').getByText('Bản nháp', { exact: true }).waitFor();

  // Fixed: back within the legal time, saved and published.
  await appraise.getByLabel('Thời gian (giờ làm việc)').fill('4');
  await page.getByText('Tổng 8/8 giờ làm việc').waitFor();
  await page.getByText('Quy trình hợp lệ, có thể ban hành.').waitFor();
  assert.equal(await page.getByText(OVER_BUDGET).count(), 0);
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.getByText('Đã lưu bản nháp phiên bản 3.').waitFor();
  await page.getByRole('button', { name: 'Ban hành' }).click();
  await page.getByText('Đã ban hành phiên bản 3.', { exact: false }).waitFor();

  await page.getByTestId('process-version-3').getByText('Đang áp dụng', { exact: true }).waitFor();
  await v1.getByText('Hết hiệu lực', { exact: true }).waitFor();
  await page.getByTestId('process-version-2').getByText('Bản nháp', { exact: true }).waitFor();

  // New dossiers follow the published version.
  const published = await page.request.get(`${j.baseUrl}/api/processes/1.001193`);
  assert.equal(published.status(), 200);
  const body = (await published.json()) as { version: number; status: string };
  assert.deepEqual([body.version, body.status], [3, 'published']);
  assert.deepEqual(errors, []);
  await page.close();
});
