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

test('a citizen finds Đăng ký khai sinh without diacritics and opens its page', async () => {
  const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${j.baseUrl}/thu-tuc`);
  await page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' }).waitFor();
  await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
  const results = page.getByRole('list', { name: 'Kết quả tra cứu thủ tục' });
  const first = results.getByRole('link').first();
  await page.waitForFunction(
    () =>
      document.querySelector('ol[aria-label="Kết quả tra cứu thủ tục"] a')?.textContent ===
      'Thủ tục đăng ký khai sinh',
    undefined,
    { timeout: 10_000 },
  );
  assert.equal(await first.innerText(), 'Thủ tục đăng ký khai sinh');
  assert.match(page.url(), /q=dang\+ky\+khai\+sinh/, 'the search is in the URL, shareable');

  await first.click();
  await page.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký khai sinh' }).waitFor();
  assert.ok(await page.getByText('Mã thủ tục: 1.001193').count());
  assert.ok(await page.getByRole('heading', { name: 'Thành phần hồ sơ' }).count());
  assert.ok(await page.getByText('Giấy chứng sinh', { exact: false }).first().count());
  assert.ok(await page.getByText('Nộp hồ sơ tại tỉnh').count(), 'where to file is stated');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the procedure page speaks to a citizen on a phone: deadline with its unit, fees, ways to file, the ward offices', async () => {
  const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${j.baseUrl}/thu-tuc/1.001193`);
  await page.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký khai sinh' }).waitFor();
  const facts = page.getByRole('region', { name: 'Thông tin chính' });
  // The national record says "1" without a unit; the province's confirmed time gives it.
  await facts.getByText('1 ngày làm việc', { exact: true }).waitFor();
  assert.ok(await facts.getByText('Miễn phí', { exact: true }).count(), 'fees in words');
  const body = await page.locator('main').innerText();
  for (const jargon of ['chưa rõ đơn vị', 'chưa đọc được', 'hiệu lực từ', 'Thiếu đơn vị']) {
    assert.ok(!body.includes(jargon), `no "${jargon}" for an anonymous visitor`);
  }
  // The record holds the decision's number, no date of effect; the stored date is the update's.
  assert.match(
    body,
    /Quyết định công bố số 163\/QĐ-BTP · Cập nhật từ CSDL quốc gia ngày \d{2}\/\d{2}\/\d{4}/,
  );
  assert.ok(await page.getByText('Trực tuyến một phần', { exact: true }).count());
  assert.ok(await page.getByText('Trực tiếp tại bộ phận một cửa', { exact: true }).count());
  assert.ok(await page.getByText('Qua dịch vụ bưu chính công ích', { exact: true }).count());
  assert.equal(
    await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).getAttribute('href'),
    '/nop-ho-so/1.001193',
  );

  // The receiving centre and the deciding committee follow the ward (accent-insensitive search).
  assert.equal(await page.getByText('Cơ quan giải quyết', { exact: true }).count(), 0);
  await page.getByRole('combobox', { name: 'Phường, xã của bạn' }).fill('tran bien');
  await page.getByRole('option', { name: 'Phường Trấn Biên', exact: true }).click();
  const where = page.getByRole('region', { name: 'Nơi nộp và cơ quan giải quyết' });
  await where
    .getByText('Trung tâm Phục vụ hành chính công Phường Trấn Biên', { exact: true })
    .waitFor();
  assert.ok(await where.getByText('Ủy ban nhân dân Phường Trấn Biên', { exact: true }).count());
  assert.match(page.url(), /[?&]phuong=26041\b/, 'the ward is in the URL, shareable');

  // Remembered on this device: the page opened afresh, without the parameter, keeps it.
  await page.goto(`${j.baseUrl}/thu-tuc/1.001193`);
  await where.getByText('Ủy ban nhân dân Phường Trấn Biên', { exact: true }).waitFor();

  // The reviewed checklist, required and conditional items marked.
  const components = page.getByRole('region', { name: 'Thành phần hồ sơ' });
  const birthCertificate = components.getByRole('listitem').filter({ hasText: 'Giấy chứng sinh' });
  assert.ok(await birthCertificate.first().getByText('Bắt buộc', { exact: true }).count());
  assert.ok(
    await components.getByText(/^Nộp khi: Trường hợp .*ủy quyền/).count(),
    'a conditional item says when it applies',
  );
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.equal(overflow, 0, 'no horizontal scrolling at 360 px');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an administrator sees what the importer could not read, with a way to fix it', async () => {
  const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
  await signInOfficer(page, j.baseUrl, 'qt.tinh');
  await page.goto(`${j.baseUrl}/thu-tuc/1.001193`);
  const findings = page.getByRole('alert').filter({ hasText: 'Dữ liệu gốc cần rà soát' });
  await findings.waitFor({ timeout: 10_000 });
  assert.match(await findings.innerText(), /Thiếu đơn vị thời hạn giải quyết/);
  assert.equal(
    await findings.getByRole('link', { name: 'Sửa cấu hình thủ tục' }).getAttribute('href'),
    '/quan-tri/thu-tuc/1.001193',
  );
  await page.close();
});

test('the printable listing shows commune-level procedures with a QR code each', async () => {
  const page = await j.browser.newPage();
  await page.goto(`${j.baseUrl}/thu-tuc/niem-yet`);
  await page
    .getByRole('heading', { name: 'DANH MỤC THỦ TỤC HÀNH CHÍNH', exact: true })
    .waitFor({ timeout: 20_000 });
  const rows = page.locator('table tbody tr');
  const count = await rows.count();
  assert.ok(count > 200, `commune-level procedures listed: ${count}`);
  await page.getByAltText('Mã QR tra cứu thủ tục 1.001193').waitFor({ timeout: 10_000 });
  const src = await page.getByAltText('Mã QR tra cứu thủ tục 1.001193').getAttribute('src');
  assert.match(src ?? '', /^data:image\/png;base64,/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header').isVisible(), false, 'the app shell is not printed');
  await page.close();
});
