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
  for (const step of [
    'Tiếp nhận hồ sơ',
    'Chuyển xử lý',
    'Đã có kết quả giải quyết',
    'Trả kết quả',
  ]) {
    assert.ok(await page.getByText(step, { exact: true }).count(), step);
  }
  // By the code alone nobody is named, not even masked (issue 13 item 7).
  assert.equal(await page.getByText('Người nộp', { exact: true }).count(), 0, 'no applicant row');
  assert.equal(await page.getByText(/N\*/).count(), 0, 'no masked name');

  // Client-side check first, its message next to the field.
  const digits = page.getByLabel(/4 số cuối CCCD hoặc số điện thoại/);
  await page.getByText(/Nhập 4 chữ số cuối của số căn cước công dân/).waitFor();
  await digits.fill('10a');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.getByText('4 số cuối phải gồm đúng 4 chữ số, ví dụ 1234').waitFor();
  assert.equal(await digits.getAttribute('aria-invalid'), 'true');

  // The demo dossier -0001 was filed with phone 0909001001.
  await digits.fill('1001');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.getByText('N*** V*** A***', { exact: true }).waitFor();
  assert.notEqual(await digits.getAttribute('aria-invalid'), 'true', 'the error is gone');

  // A wrong number: told next to the field, without saying which number was meant.
  await digits.fill('9999');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page
    .getByText(
      '4 số vừa nhập không khớp với số căn cước công dân hoặc số điện thoại đã khai khi nộp hồ sơ',
    )
    .waitFor();
  assert.equal(await page.getByText('N*** V*** A***').count(), 0, 'the name is gone');
  assert.ok(await page.getByText('Đã trả kết quả').count(), 'the status is still shown');

  // Typing another code (lower case, as on a phone keyboard) finds the dossier waiting for papers.
  await digits.fill('');
  await page.getByLabel('Mã hồ sơ').fill('000.01.145.h75-261102-0003');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.getByText('Yêu cầu bổ sung giấy tờ').first().waitFor();
  await page.getByLabel('Mã hồ sơ').fill('000.01.145.H75-261102-9999');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.getByText(/Không tìm thấy hồ sơ có mã này/).waitFor();
  assert.equal(await page.getByLabel('Mã hồ sơ').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Mã hồ sơ').fill('261102-0003');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await page.getByText(FORMAT_MESSAGE).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

const FORMAT_MESSAGE = 'Mã hồ sơ không đúng định dạng. Mã có dạng 000.01.145.H75-261102-0001.';

test('a garbage code in the address is told in words beside the field, and not looked up', async () => {
  const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const lookups: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/dossiers/lookup')) lookups.push(r.url());
  });
  await page.goto(`${j.baseUrl}/tra-cuu?code=${encodeURIComponent('abc<>123')}`);
  await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
  await page.getByText(FORMAT_MESSAGE).waitFor();
  assert.equal(await page.getByLabel('Mã hồ sơ').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByText(/tham số truy vấn|code:/).count(), 0, 'no field path');
  assert.deepEqual(lookups, [], 'nothing sent');
  assert.deepEqual(errors, []);
  await page.close();
});
