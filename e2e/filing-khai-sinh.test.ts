import assert from 'node:assert/strict';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  expectNoSeriousAxeViolations,
  signInOfficer,
  startJourney,
  type Journey,
} from './browser.js';

/** A minimal valid PDF (the server sniffs the bytes). */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const CENTRE = 'Trung tâm Phục vụ hành chính công Phường Trấn Biên';
const BIRTH_CERTIFICATE = 'Giấy chứng sinh';

let j: Journey;
let scratch: string;
before(async () => {
  j = await startJourney({ sso: true });
  scratch = await mkdtemp(path.join(tmpdir(), 'motcua-filing-'));
});
after(async () => {
  await j?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** An e-form field by the id the form gives it: the server's issue path. */
const field = (page: Page, path: string) => page.locator(`[id="field-formData.${path}"]`);
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Fits a phone's width and passes axe (WCAG 2.2 AA, nothing serious), errors shown included. */
async function assertUsable(page: Page, where: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${where}: ${width} px wide at 360`);
  await expectNoSeriousAxeViolations(page, where);
}

/** The summary, scrolled to, is seen whole: below the fixed header, not under it. */
async function assertBelowHeader(page: Page, summary: ReturnType<Page['getByRole']>) {
  const header = await page.locator('header').first().boundingBox();
  const box = await summary.boundingBox();
  assert.ok(header && box, 'header and summary are shown');
  assert.ok(box.y >= header.y + header.height, `summary at ${box.y}, under the header`);
}

async function choose(page: Page, path: string, option: string) {
  await field(page, path).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.waitForFunction(
    ([id, text]) => (document.getElementById(id!) as HTMLInputElement | null)?.value === text,
    [`field-formData.${path}`, option],
  );
}

test('a citizen files Đăng ký khai sinh with the e-form and the required papers, stopped first by a linked error summary', async () => {
  const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const uploads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/my\/drafts\/[^/]+\/files/.test(r.url())) {
      uploads.push(r.url());
    }
  });

  await page.goto(`${j.baseUrl}/thu-tuc/1.001193`);
  await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
  await page.getByLabel(/Nguyễn Văn An/).check();
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/nop-ho-so\/1\.001193$/, { timeout: 15_000 });

  // What VNeID vouches for (name, ID number, phone, e-mail) is prefilled, and stays editable.
  const declarant = field(page, 'declarant.fullName');
  await declarant.waitFor({ timeout: 15_000 });
  assert.equal(await declarant.inputValue(), 'Nguyễn Văn An');
  assert.equal(await declarant.isEditable(), true);
  assert.equal(await field(page, 'declarant.idNumber').inputValue(), '075090001234');
  assert.equal(await page.getByLabel('Số điện thoại').inputValue(), '0912345678');
  assert.equal(await page.getByLabel('Thư điện tử').inputValue(), 'nguyenvanan@example.vn');
  // A choice is the citizen's to make: nothing is chosen for them.
  assert.equal(await field(page, 'declarant.relationship').inputValue(), '');

  // Nothing else entered: the button is not disabled, it explains what is missing.
  const next = page.getByRole('button', { name: 'Tiếp tục' });
  assert.equal(await next.isEnabled(), true);
  await next.click();
  const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
  await summary.waitFor();
  await assertBelowHeader(page, summary);
  await assertUsable(page, 'filing: the form with its errors');
  assert.equal(await focusedId(page), '', 'not a field: the summary has the focus');
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('role')),
    'alert',
    'the summary is focused',
  );
  const place = summary.getByRole('link', { name: 'Chọn nơi nộp hồ sơ' });
  await place.waitFor();
  await summary.getByRole('link', { name: 'Chưa chọn giới tính' }).waitFor();
  const childName = summary.getByRole('link', { name: /họ, chữ đệm và tên của trẻ/i });
  await childName.click();
  assert.equal(await focusedId(page), 'field-formData.child.fullName');
  // No field paths anywhere on the page.
  assert.equal(await page.getByText(/formData|nội dung:|child\./).count(), 0);

  await page.locator('[id="field-receivingAgencyId"]').click();
  await page.getByRole('option', { name: CENTRE }).click();
  await page.getByLabel('Số điện thoại').fill('0909123456');
  await field(page, 'child.fullName').fill('Nguyễn Minh Khang');
  await field(page, 'child.birthDate').fill('2026-11-20');
  await field(page, 'child.birthDate').press('Escape');
  await choose(page, 'child.gender', 'Nam');
  await field(page, 'child.birthPlace').fill('Bệnh viện Đa khoa Đồng Nai');
  await field(page, 'child.hometown').fill('Biên Hòa, Đồng Nai');
  await field(page, 'mother.fullName').fill('Trần Thị Bình');
  await field(page, 'mother.birthYear').fill('1995');
  await field(page, 'mother.residence').fill('Phường Trấn Biên, Đồng Nai');
  await choose(page, 'declarant.relationship', 'Cha');
  await next.click();
  await page
    .getByRole('heading', { name: 'Thành phần hồ sơ' })
    .waitFor()
    .catch(async (e: Error) => {
      throw new Error(`${e.message}\n${await summary.innerText().catch(() => '')}`);
    });
  // The next step opens at its top, not where "Tiếp tục" was at the bottom of the form.
  assert.equal(await page.evaluate(() => window.scrollY), 0);

  // Required papers are marked; the ones needed only in some cases wait under their case.
  assert.ok(await page.getByText('Bắt buộc', { exact: true }).count());
  await page.getByText(/^Nếu ủy quyền cho người khác đi đăng ký khai sinh/).waitFor();
  assert.equal(
    await page.getByLabel('Tải tệp: Văn bản ủy quyền').isVisible(),
    false,
    'conditional papers are folded',
  );

  // Over the limit: refused beside its slot, naming the file and the limit, nothing sent.
  const picker = page.getByLabel(`Tải tệp: ${BIRTH_CERTIFICATE}`);
  // From disk: a 12 MB buffer sent through the DevTools protocol takes longer than the test.
  const bigFile = path.join(scratch, 'giay-chung-sinh.pdf');
  await writeFile(bigFile, PDF);
  await truncate(bigFile, Math.round(12.35 * 1024 * 1024));
  const [big] = await Promise.all([page.waitForEvent('filechooser'), picker.click()]);
  await big.setFiles(bigFile);
  await page
    .getByText('Tệp "giay-chung-sinh.pdf" nặng 12,4 MB, vượt giới hạn 10 MB.', { exact: true })
    .waitFor();
  assert.equal(await picker.getAttribute('aria-invalid'), 'true');
  // A type the slot does not take is refused the same way.
  const [odd] = await Promise.all([page.waitForEvent('filechooser'), picker.click()]);
  await odd.setFiles({ name: 'anh.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
  await page
    .getByText(/^Tệp "anh\.gif" không đúng định dạng\. Mục này nhận tệp PDF, JPG, PNG\.$/)
    .waitFor();
  assert.deepEqual(uploads, [], 'no upload request was sent');

  // Continuing without it: the summary links to the slot.
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  const missing = summary.getByRole('link', { name: `Chưa tải lên "${BIRTH_CERTIFICATE}"` });
  await missing.waitFor();
  await assertBelowHeader(page, summary);
  await assertUsable(page, 'filing: the papers with their errors');
  await missing.click();
  assert.equal(await focusedId(page), 'field-components.1', 'the link focuses the slot');

  const [good] = await Promise.all([page.waitForEvent('filechooser'), picker.click()]);
  await good.setFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('link', { name: 'giay-chung-sinh.pdf' }).waitFor({ timeout: 10_000 });
  assert.equal(uploads.length, 1);
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // The answers as the citizen gave them, by their titles.
  await page.getByText('Kiểm tra lại thông tin trước khi nộp').waitFor();
  await page.getByText('Nguyễn Minh Khang', { exact: true }).waitFor();
  await page.getByText('20/11/2026', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await page.getByText('Đã nộp hồ sơ').waitFor({ timeout: 10_000 });
  const code = await page
    .locator('strong')
    .filter({ hasText: /^000\.01\.145\.H75-\d{6}-\d{4}$/ })
    .innerText();
  assert.ok(code);

  // "Hồ sơ của tôi" names the procedure, not only the code.
  await page.goto(`${j.baseUrl}/ho-so-cua-toi`);
  const card = page.getByRole('listitem').filter({ hasText: code });
  await card.waitFor({ timeout: 10_000 });
  await card.getByText(/^(Thủ tục )?đăng ký khai sinh$/i).waitFor();
  await card.getByText('Mới đăng ký').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('counter intake finds khai sinh by name, says what is missing and counts only what was ticked', async () => {
  const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signInOfficer(page, j.baseUrl, 'tb.tiepnhan');
  await page.goto(`${j.baseUrl}/can-bo/tiep-nhan`);

  // An empty search says so beside the field.
  await page.getByRole('button', { name: 'Tìm thủ tục' }).click();
  await page.getByText('Nhập tên hoặc mã thủ tục', { exact: true }).waitFor();
  // Without accents, by name.
  await page.getByLabel('Tên hoặc mã thủ tục').fill('dang ky khai sinh');
  await page.getByRole('button', { name: 'Tìm thủ tục' }).click();
  // The catalogue's display name may carry "Thủ tục" before it.
  await page.getByRole('button', { name: /^Chọn: (Thủ tục )?đăng ký khai sinh$/i }).click();
  await page.getByRole('heading', { level: 2, name: /^(Thủ tục )?đăng ký khai sinh$/i }).waitFor();

  // Nothing ticked: not complete, and the missing papers are named.
  await page.getByRole('button', { name: 'Kiểm tra đủ thành phần' }).click();
  await page.getByText('Đã nhận 0/2 giấy tờ bắt buộc.').waitFor();
  await page.getByText(new RegExp(`Còn thiếu giấy tờ bắt buộc: .*${BIRTH_CERTIFICATE}`)).waitFor();

  // An empty submit: the summary, focused, links each problem to its field.
  await page.getByRole('button', { name: 'Tiếp nhận hồ sơ', exact: true }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Có lỗi cần sửa' });
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('role')), 'alert');
  await summary.getByRole('link', { name: 'Nhập họ và tên người nộp' }).click();
  assert.equal(await focusedId(page), 'field-applicant.name');
  await summary.getByRole('link', { name: `Chưa nhận "${BIRTH_CERTIFICATE}"` }).click();
  assert.equal(await focusedId(page), 'field-components.1');

  // One paper ticked: counted, the other still named.
  await page.getByLabel(`Đã nhận: ${BIRTH_CERTIFICATE}`).check();
  await page.getByRole('button', { name: 'Kiểm tra đủ thành phần' }).click();
  await page.getByText('Đã nhận 1/2 giấy tờ bắt buộc.').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
