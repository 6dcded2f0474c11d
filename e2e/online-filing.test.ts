import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startJourney, type Journey } from './browser.js';

/** A minimal valid PDF (the server sniffs the bytes). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

let j: Journey;
before(async () => {
  j = await startJourney({ sso: true });
});
after(async () => {
  await j?.close();
});

test('a citizen signs in with VNeID, files online, gets a code and tracks it', async () => {
  const page = await j.browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${j.baseUrl}/thu-tuc/1.004837`);
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
  await page.getByLabel(/Nguyễn Văn An/).check();
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/nop-ho-so\/1\.004837$/, { timeout: 15_000 });

  await page.getByLabel('Nơi nộp hồ sơ').first().click();
  await page
    .getByRole('option', { name: 'Trung tâm Phục vụ hành chính công Phường Trấn Biên' })
    .click();
  // Phone and e-mail follow the server's rules in the browser, the message beside each field.
  await page.getByLabel('Số điện thoại').fill('abc123');
  await page.getByLabel('Thư điện tử').fill('khong-phai-email');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
  await summary.waitFor();
  assert.equal(await page.getByLabel('Số điện thoại').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Thư điện tử').getAttribute('aria-invalid'), 'true');
  await summary.getByRole('link', { name: /^Thư điện tử không hợp lệ/ }).click();
  assert.equal(
    await page.evaluate(() => document.activeElement?.id),
    'field-contact.email',
    'the link puts the citizen in the field',
  );
  await page.getByLabel('Số điện thoại').fill('0909123456');
  await page.getByLabel('Thư điện tử').fill('');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
  // The declaration is required (this procedure has no e-form): uploaded before continuing.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByLabel('Tải tệp: Tờ khai đăng ký giám hộ').click(),
  ]);
  await chooser.setFiles({ name: 'to-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('link', { name: 'to-khai.pdf' }).waitFor({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByText('Kiểm tra lại thông tin trước khi nộp').waitFor();
  assert.ok(await page.getByText('Nguyễn Văn An').count(), 'the name comes from VNeID');
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await page.getByText('Đã nộp hồ sơ').waitFor({ timeout: 10_000 });
  const code = await page
    .locator('strong')
    .filter({ hasText: /^000\.01\.145\.H75-\d{6}-\d{4}$/ })
    .innerText();

  await page.getByRole('link', { name: 'Theo dõi hồ sơ' }).click();
  await page.getByText('Mới đăng ký').first().waitFor();
  assert.match(page.url(), new RegExp(encodeURIComponent(code).replace(/\./g, '\\.')));
  await page.goto(`${j.baseUrl}/ho-so-cua-toi`);
  await page.getByRole('link', { name: code }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
