// Issue 16 item 6: a link from DVCQG (?vnconnect=1&MaTTHCDP=…&MaCoQuanThucHien=…&MaDVC=…)
// lands the citizen, through VNeID sign-in, on the procedure's filing page with the receiving
// place chosen; an unknown code says so. Item 5 in the browser: the public lookup labels a
// dossier ingested from a ministry's system.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signInOfficer, startJourney, type Journey } from './browser.js';

let j: Journey;
before(async () => {
  j = await startJourney({ sso: true });
});
after(async () => {
  await j?.close();
});

test('a DVCQG deep link signs the citizen in and opens the filing page, place chosen', async () => {
  const page = await j.browser.newPage({ viewport: { width: 390, height: 844 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The ward's committee (the competent agency) is named; its one-stop centre receives.
  await page.goto(
    `${j.baseUrl}/?vnconnect=1&MaTTHCDP=1.004837&MaCoQuanThucHien=000.00.145.H75&MaDVC=2785`,
  );
  await page.getByLabel(/Nguyễn Văn An/).check({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/nop-ho-so\/1\.004837\?coQuan=[0-9a-f-]{36}$/, { timeout: 30_000 });
  const place = page.getByLabel('Nơi nộp hồ sơ').first();
  await place.waitFor();
  await page.waitForFunction(
    () =>
      (document.querySelector('#field-receivingAgencyId') as HTMLInputElement | null)?.value !== '',
  );
  assert.equal(await place.inputValue(), 'Trung tâm Phục vụ hành chính công Phường Trấn Biên');

  // Signed in already: the next link goes straight to its page, no second sign-in.
  await page.goto(`${j.baseUrl}/?vnconnect=1&MaTTHCDP=1.004837&MaDVC=2785`);
  await page.waitForURL(/\/nop-ho-so\/1\.004837$/, { timeout: 30_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an unknown procedure code says so, with a link to search', async () => {
  const page = await j.browser.newPage();
  await page.goto(`${j.baseUrl}/?vnconnect=1&MaTTHCDP=9.999999&MaCoQuanThucHien=000.00.145.H75`);
  const alert = page.getByRole('alert').filter({ hasText: 'Không tìm thấy thủ tục' });
  await alert.waitFor({ timeout: 30_000 });
  assert.match(await alert.innerText(), /9\.999999/);
  await alert.getByRole('link', { name: 'Tìm thủ tục hành chính' }).click();
  await page.waitForURL(/\/thu-tuc\?q=9\.999999$/);
  assert.equal(new URL(page.url()).pathname, '/thu-tuc');
  await page.close();
});

test('the public lookup finds a dossier ingested from a ministry and says whose it is', async () => {
  const code = '000.01.145.H75-261105-120001';
  await j.testApp.db.database.pool.query(
    `INSERT INTO min_dossier (source, code, procedure_code, procedure_name, agency_code,
       applicant_name, id_number_tail, status_code, filed_at, received_at, due_at,
       remote_changed_at, raw, first_ingested_at, ingested_at)
     VALUES ('btp', $1, '1.001193', 'Thủ tục đăng ký khai sinh', '000.01.145.H75',
       'Lê Thị Thu Hà', '1234', 4, '2026-11-05T02:00Z', '2026-11-05T02:00Z', '2026-11-10T02:00Z',
       '2026-11-06T02:00Z', '{}', now(), now())`,
    [code],
  );
  const page = await j.browser.newPage();
  await page.goto(`${j.baseUrl}/tra-cuu?code=${encodeURIComponent(code)}`);
  await page.getByText('Hồ sơ xử lý trên hệ thống của Bộ Tư pháp').waitFor({ timeout: 30_000 });
  assert.ok(await page.getByText('Thủ tục đăng ký khai sinh').count());
  assert.ok(await page.getByText('Đang xử lý').count());
  await page.close();
});

test('an officer finds the ministry’s dossiers of their agency, read-only', async () => {
  await j.testApp.db.database.pool.query(
    `UPDATE min_dossier SET agency_id = (SELECT id FROM org_agency WHERE electronic_id = agency_code)`,
  );
  const page = await j.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signInOfficer(page, j.baseUrl, 'tb.tiepnhan');
  await page.getByRole('link', { name: 'Hồ sơ trên hệ thống bộ, ngành' }).first().click();
  await page.waitForURL(/\/can-bo\/ho-so-bo-nganh$/);
  await page.getByText('000.01.145.H75-261105-120001').waitFor({ timeout: 30_000 });
  assert.ok(await page.getByText(/^Chỉ xem:/).count());
  assert.ok(await page.getByText('Lê Thị Thu Hà').count());
  await page.close();
});
