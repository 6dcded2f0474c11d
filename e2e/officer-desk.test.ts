import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { signInOfficer, startJourney, type Journey } from './browser.js';
import { pdfText, pdftotext } from './pdf.js';

let j: Journey;
before(async () => {
  j = await startJourney();
});
after(async () => {
  await j?.close();
});

test('a ward officer signs in, finds a dossier in the queue and records the supplement', async () => {
  const page = await j.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInOfficer(page, j.baseUrl, 'tb.tiepnhan');

  await page.goto(`${j.baseUrl}/can-bo`);
  await page.getByRole('link', { name: '000.01.145.H75-261102-0003' }).click();
  await page.getByRole('heading', { name: '000.01.145.H75-261102-0003' }).waitFor();
  await page.getByText('Yêu cầu bổ sung giấy tờ').first().waitFor();

  await page.getByRole('button', { name: 'Đã nhận hồ sơ bổ sung' }).click();
  await page.getByText('Đã ghi nhận thao tác.').waitFor();
  await page.getByText('Đang xử lý').first().waitFor();

  // Only what the rules and the role allow now is offered: no result to return yet, and the
  // one supplement request of the law is spent.
  await page.getByRole('button', { name: 'Chuyển bước' }).waitFor();
  for (const name of ['Trả kết quả tại quầy', 'Yêu cầu bổ sung', 'Tiếp nhận']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, name);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the counter records a fee paid in cash; the leader assigns from the queue', async () => {
  const page = await j.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const signIn = async (username: string) => {
    await page.context().clearCookies();
    await signInOfficer(page, j.baseUrl, username);
  };

  // Demo dossier waiting for payment (README).
  await signIn('tb.tiepnhan');
  await page.goto(`${j.baseUrl}/can-bo/ho-so/000.01.145.H75-261103-0003`);
  await page.getByText('Yêu cầu thực hiện nghĩa vụ tài chính', { exact: true }).first().waitFor();
  // The payments panel's counter form: the amount starts at what is due; our receipt is issued.
  const panel = page.getByRole('region', { name: 'Phí, lệ phí và thanh toán' });
  await panel.getByText('Tiền mặt', { exact: true }).click();
  const amount = panel.getByLabel('Số tiền thu (đồng)');
  assert.equal(await amount.inputValue(), '8.000', 'prefilled from the amount due');
  await panel.getByRole('button', { name: 'Ghi nhận đã thu' }).click();
  await panel.getByText(/^Đã ghi nhận khoản thu và cấp biên lai/).waitFor({ timeout: 10_000 });
  await page.getByText('Đang xử lý', { exact: true }).first().waitFor();
  await panel.getByText('Đã thanh toán').first().waitFor();

  // The unit leader ticks it in "Của phòng tôi" and gives it to the specialist.
  await signIn('tb.truongphong');
  await page.goto(`${j.baseUrl}/can-bo`);
  await page.getByLabel('Danh sách hồ sơ', { exact: true }).and(page.locator('input')).click();
  await page.getByRole('option', { name: 'Của phòng tôi' }).click();
  await page.getByLabel('Chọn hồ sơ 000.01.145.H75-261103-0003').check();
  await page.getByLabel('Cán bộ', { exact: true }).and(page.locator('input')).click();
  await page.getByRole('option', { name: 'Lâm Văn Minh' }).click();
  await page.getByRole('button', { name: /Phân công 1 hồ sơ/ }).click();
  await page.getByText(/Đã phân công 1 hồ sơ; 0 hồ sơ không phân công được/).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

const CENTRE = 'Trung tâm Phục vụ hành chính công Phường Trấn Biên';

test('the counter receives papers handed in by a representative, and refuses another dossier on the spot', async (t) => {
  // A phone-sized screen: the counter form must work there too.
  const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInOfficer(page, j.baseUrl, 'tb.tiepnhan');
  await page.goto(`${j.baseUrl}/can-bo/tiep-nhan`);
  await page.getByLabel('Tên hoặc mã thủ tục').fill('1.001193');
  await page.getByRole('button', { name: 'Tìm thủ tục' }).click();
  await page.getByLabel('Nơi nộp hồ sơ').first().click();
  await page.getByRole('option', { name: CENTRE }).click();
  await page
    .getByRole('textbox', { name: 'Họ và tên người nộp', exact: true })
    .fill('Lê Văn Cường');

  // The papers every khai sinh needs, handed in: one original each by default.
  const papers = ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'];
  for (const paper of papers) {
    await page.getByLabel(`Đã nhận: ${paper}`).check();
    assert.equal(await page.getByLabel(`Số bản chính: ${paper}`).inputValue(), '1');
    assert.equal(await page.getByLabel(`Số bản sao: ${paper}`).inputValue(), '0');
  }
  await page.getByLabel('Số bộ hồ sơ').fill('2');
  await page.getByLabel('Qua bưu chính', { exact: true }).check();

  // Filed by an authorised person: the summary asks for the name and links to its field.
  await page.getByLabel(/^Có người nộp thay/).check();
  assert.equal(
    await page.getByRole('combobox', { name: 'Tư cách người nộp thay' }).inputValue(),
    'Người được ủy quyền',
  );
  await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
  await summary.getByRole('link', { name: 'Nhập họ và tên người nộp thay' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-representative.name');
  await page.getByLabel('Họ và tên người nộp thay').fill('Phạm Thị Dung');
  await page.getByLabel('Số điện thoại người nộp thay').fill('0912345678');
  const [created] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/officer/dossiers'),
    ),
    page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click(),
  ]);
  assert.equal(created.status(), 201, await created.text());
  const sent = created.request().postDataJSON() as Record<string, unknown>;
  assert.deepEqual(
    sent.received,
    papers.map((name) => ({ name, originals: 1, copies: 0 })),
  );
  assert.equal(sent.setCount, 2);
  assert.equal(sent.returnMethod, 'post');
  await page.getByText('Đã tiếp nhận hồ sơ').waitFor();
  const receiptHref = await page
    .getByRole('link', { name: 'In giấy tiếp nhận và hẹn trả kết quả (PDF)' })
    .getAttribute('href');
  assert.ok(receiptHref, 'the receipt is linked');
  const receipt = await page.request.get(`${j.baseUrl}${receiptHref}`);
  assert.equal(receipt.status(), 200);
  if (pdftotext) {
    const text = await pdfText(await receipt.body(), 'receipt');
    assert.ok(text.includes('Người nộp thay:'), 'receipt: the representative line');
    assert.ok(text.includes('Phạm Thị Dung'), 'receipt: the representative');
    assert.ok(text.includes('Qua dịch vụ bưu chính công ích'), 'receipt: the return by post');
  } else t.diagnostic('skipped text check: pdftotext not installed');

  // The next applicant's dossier is refused on the spot, with the reason.
  await page.getByRole('button', { name: 'Tiếp nhận hồ sơ khác' }).click();
  await page
    .getByRole('textbox', { name: 'Họ và tên người nộp', exact: true })
    .fill('Hoàng Văn Em');
  await page.getByRole('button', { name: 'Từ chối tiếp nhận', exact: true }).click();
  await page.getByRole('button', { name: 'Xác nhận từ chối tiếp nhận' }).click();
  // A refusal needs no papers, only its reason: the summary says so and links to it.
  await summary.getByRole('link', { name: 'Nhập lý do từ chối tiếp nhận' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'field-refusal.reason');
  assert.equal(await summary.getByRole('link').count(), 1);
  const reason = 'Thủ tục không thuộc thẩm quyền tiếp nhận của Phường Trấn Biên';
  await page.getByLabel('Lý do từ chối tiếp nhận').fill(reason);
  await page.getByRole('button', { name: 'Xác nhận từ chối tiếp nhận' }).click();
  await page.getByText('Đã từ chối tiếp nhận hồ sơ').waitFor();
  await page.getByText('Không được tiếp nhận', { exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: /giấy tiếp nhận/i }).count(), 0);
  const slipHref = await page
    .getByRole('link', { name: 'In phiếu từ chối tiếp nhận hồ sơ (PDF)' })
    .getAttribute('href');
  assert.ok(slipHref, 'the refusal slip is linked');
  const slip = await page.request.get(`${j.baseUrl}${slipHref}`);
  assert.equal(slip.status(), 200);
  if (pdftotext) {
    const text = await pdfText(await slip.body(), 'refusal');
    assert.ok(text.includes('PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'), 'refusal: title');
    assert.ok(text.includes('Hoàng Văn Em'), 'refusal: the applicant');
  }

  // Its page: refused, with the slip as its only form and the procedure version it follows.
  await page.getByRole('link', { name: 'Mở hồ sơ' }).click();
  await page.getByText('Không được tiếp nhận', { exact: true }).first().waitFor();
  await page.getByText(/^Thủ tục 1\.001193 \(phiên bản \d+\)$/).waitFor();
  await page.getByRole('link', { name: 'Phiếu từ chối' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Giấy tiếp nhận' }).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
