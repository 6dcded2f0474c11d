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

test('an administrator moves a procedure to the ministry system and designs its e-form', async () => {
  const page = await j.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|EvalError/.test(m.text())) {
      errors.push(m.text());
    }
  });
  // Signed out, the page says who may change it and how to sign in.
  await page.goto(`${j.baseUrl}/quan-tri/thu-tuc/1.000894`);
  await page.getByRole('heading', { level: 1, name: /đăng ký kết hôn/i }).waitFor();
  await page.getByText(/Vui lòng đăng nhập bằng tài khoản có vai trò Quản trị cấp tỉnh/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Lưu cấu hình' }).count(), 0);
  await page.getByRole('link', { name: 'Đăng nhập', exact: true }).last().click();
  await page.waitForURL(/\/dang-nhap$/);

  await signInOfficer(page, j.baseUrl, 'qt.tinh');
  await page.goto(`${j.baseUrl}/quan-tri/thu-tuc/1.000894`);
  await page.getByRole('heading', { level: 1, name: /đăng ký kết hôn/i }).waitFor();

  await page.getByText('Hệ thống tập trung của bộ').click();
  await page.getByLabel('Ngày chuyển sang hệ thống của bộ').fill('2026-06-01');
  await page
    .getByLabel('Địa chỉ hệ thống của bộ (hướng dẫn người dân)')
    .fill('https://dichvucong.moj.gov.vn');

  // The checklist under review: the province's list, the record's proposal loadable, and the
  // record's text for officers apart from the citizen's slots.
  await page.getByText('Danh mục của tỉnh', { exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Hướng dẫn cho cán bộ' }).waitFor();
  await page.getByRole('button', { name: 'Dùng đề xuất từ dữ liệu gốc' }).click();
  await page.getByText(/Đã nạp 3 giấy tờ đề xuất từ dữ liệu gốc/).waitFor();
  assert.match(
    await page.getByRole('textbox', { name: 'Giấy tờ 1', exact: true }).inputValue(),
    /^Tờ khai đăng ký kết hôn/,
  );
  await page.getByLabel('Điều kiện áp dụng').first().waitFor();
  // Kết hôn comes with its default e-form (data/catalog/eforms); the designer starts over.
  const schema = page.getByLabel('Định nghĩa tờ khai (JSON Schema)');
  assert.match(await schema.inputValue(), /"properties"/);
  await schema.fill('');
  await page.getByRole('button', { name: 'Tạo tờ khai mẫu' }).click();
  // The preview renders the JSON Schema, and validates without eval under our CSP.
  await page.getByLabel(/Họ và tên người yêu cầu/).waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Kiểm tra tờ khai' }).click();
  await page
    .getByText(/^Chưa nhập họ và tên người yêu cầu/i)
    .first()
    .waitFor();

  await page.getByRole('button', { name: 'Lưu cấu hình' }).click();
  await page.getByText('Đã lưu cấu hình thủ tục.').waitFor();

  // The public page now sends citizens to the ministry system.
  await page.goto(`${j.baseUrl}/thu-tuc/1.000894`);
  await page.getByText('Thủ tục đã chuyển sang hệ thống của bộ').waitFor();
  assert.ok(await page.getByRole('link', { name: /dichvucong\.moj\.gov\.vn/ }).count());
  assert.deepEqual(errors, []);
  await page.close();
});

test('the review page shows both seed-000 tables and records a department review', async () => {
  const page = await j.browser.newPage();
  // Signed out: the run-on table is public, the review rounds ask for an officer's sign-in.
  await page.goto(`${j.baseUrl}/quan-tri/ra-soat`);
  await page.getByRole('heading', { level: 1, name: 'Rà soát và phân bổ thủ tục' }).waitFor();
  await page.getByRole('cell', { name: 'Sở Nông nghiệp và Môi trường' }).first().waitFor();
  assert.ok(await page.getByRole('link', { name: 'Tải Excel (XLSX)' }).count());
  await page.getByText(/Vui lòng đăng nhập bằng tài khoản cán bộ/).waitFor();

  await signInOfficer(page, j.baseUrl, 'qt.tinh');
  await page.goto(`${j.baseUrl}/quan-tri/ra-soat`);
  await page.getByLabel('Mở đợt rà soát mới').fill('Đợt 1');
  await page.getByRole('button', { name: 'Mở đợt' }).click();
  await page.getByLabel('Sở rà soát').first().click();
  await page.getByRole('option', { name: 'Sở Tư pháp' }).click();
  await page.getByText(/Còn \d+ thủ tục chưa rà soát/).waitFor();
  const first = page.getByRole('button', { name: 'Không cần điều chỉnh (KĐC)' }).first();
  await first.click();
  // Table (b) counts the KĐC for Sở Tư pháp.
  const row = page
    .locator('tr', { has: page.getByRole('cell', { name: 'Sở Tư pháp', exact: true }) })
    .last();
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('tr')).some(
        (tr) => tr.cells[0]?.textContent === 'Sở Tư pháp' && tr.cells[3]?.textContent === '1',
      ),
    undefined,
    { timeout: 35_000 },
  );
  assert.ok(await row.count());
  await page.close();
});

test('an officer without the administrator role reads the review rounds but records nothing', async () => {
  const page = await j.browser.newPage();
  await signInOfficer(page, j.baseUrl, 'tb.tiepnhan');
  await page.goto(`${j.baseUrl}/quan-tri/ra-soat`);
  // The rounds answer for any officer (the list or its absence shows, no error).
  await page
    .getByText('Chưa có đợt rà soát nào.')
    .or(page.getByLabel('Đợt rà soát'))
    .first()
    .waitFor();
  await page.getByText(/không có vai trò Quản trị cấp tỉnh/).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.equal(await page.getByText(/Vui lòng đăng nhập bằng tài khoản cán bộ/).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Mở đợt' }).count(), 0);
  await page.close();
});
