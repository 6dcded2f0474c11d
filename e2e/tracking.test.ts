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

test('anyone tracks a demo dossier by its code, as the QR code on the receipt links', async () => {
  const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${j.baseUrl}/tra-cuu?code=000.01.145.H75-261102-0001`);
  await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
  await page.getByText('Đã trả kết quả').first().waitFor({ timeout: 10_000 });
  assert.ok(await page.getByText('N***** V** A*').count(), 'masked name only');
  for (const step of [
    'Tiếp nhận hồ sơ',
    'Chuyển xử lý',
    'Đã có kết quả giải quyết',
    'Trả kết quả',
  ]) {
    assert.ok(await page.getByText(step, { exact: true }).count(), step);
  }

  // Typing another code (lower case, as on a phone keyboard) finds the dossier waiting for papers.
  await page.getByLabel('Mã hồ sơ').fill('000.01.145.h75-261102-0003');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.getByText('Yêu cầu bổ sung giấy tờ').first().waitFor();
  await page.getByLabel('Mã hồ sơ').fill('000.01.145.H75-261102-9999');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.getByText(/Không tìm thấy hồ sơ/).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
