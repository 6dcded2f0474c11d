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
