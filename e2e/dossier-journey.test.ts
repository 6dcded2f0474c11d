/**
 * Issue 6, "done when": one dossier of Đăng ký khai sinh from the citizen's online filing to the
 * returned result, in Chromium against the real server and the simulated VNeID; the public lookup
 * at every status, the deadline against the calendar module, the 7 forms of TT 03/2025 (those
 * this dossier has, the others from the demo dossiers), and
 * concurrent submissions. The steps share one dossier and run in order.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { APIRequestContext, BrowserContext, Page } from 'playwright-core';
import { eformAnswers } from '../apps/api/src/platform/testing/eform-answers.js';
import { signInOfficer, startJourney, type Journey } from './browser.js';
import { pdfText, pdftotext } from './pdf.js';

const PROCEDURE = '1.001193'; // Đăng ký khai sinh, commune level
const PROCEDURE_NAME = 'Thủ tục đăng ký khai sinh';
const CENTRE = 'Trung tâm Phục vụ hành chính công Phường Trấn Biên';
const CITIZEN = /Nguyễn Văn An/;
const CODE_PATTERN = /^000\.01\.145\.H75-\d{6}-\d{4,}$/;

/** A tiny but real PDF and PNG, as a phone camera or scanner would send them. */
const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
    '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

interface Lookup {
  code: string;
  statusCode: number;
  statusLabel: string;
  receivedAt: string | null;
  dueAt: string | null;
  steps: Array<{ label: string; at: string }>;
}

let j: Journey;
/** The citizen's browser context: signed in once through VNeID, used again to supplement. */
let citizen: BrowserContext;
let citizenPage: Page;
let receiving: Page; // tb.tiepnhan, the ward centre's one-stop officer
let specialist: Page; // tb.chuyenvien, who appraises and prepares the result
let code = '';
/** The due time promised at receipt, as the calendar module computed it. */
let dueAtReceipt = '';
const pageErrors: string[] = [];

before(async () => {
  j = await startJourney({ sso: true });
});
after(async () => {
  await j?.close();
});

// ---------------------------------------------------------------------------------------------
// Helpers

function watchErrors(page: Page) {
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
}

async function newPage(context?: BrowserContext): Promise<Page> {
  const page = context ? await context.newPage() : await j.browser.newPage();
  watchErrors(page);
  return page;
}

function requireCode() {
  assert.ok(code, 'no dossier code: the online filing step did not complete');
  return code;
}

/** An officer signed in with the password form, in a browser context of their own. */
async function officerPage(username: string): Promise<Page> {
  const page = await newPage(await j.browser.newContext());
  await signInOfficer(page, j.baseUrl, username);
  return page;
}

/** The CSRF token of a signed-in browser session, for the API calls the UI does not offer. */
async function csrfOf(request: APIRequestContext): Promise<string> {
  const me = await request.get(`${j.baseUrl}/api/auth/me`);
  assert.equal(me.status(), 200, await me.text());
  const info = (await me.json()) as { csrfToken?: string | null };
  assert.ok(info.csrfToken, 'the session has a CSRF token');
  return info.csrfToken;
}

async function lookupApi(): Promise<Lookup> {
  const res = await fetch(
    `${j.baseUrl}/api/dossiers/lookup?code=${encodeURIComponent(requireCode())}`,
  );
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as Lookup;
}

/** The public lookup page (the QR code's target) shows this status for the dossier. */
async function expectPublicStatus(label: string, statusCode: number) {
  const page = await newPage();
  await page.goto(`${j.baseUrl}/tra-cuu?code=${encodeURIComponent(requireCode())}`);
  await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
  await page.getByText(label, { exact: true }).first().waitFor({ timeout: 10_000 });
  await page.close();
  const lookup = await lookupApi();
  assert.equal(lookup.statusLabel, label);
  assert.equal(lookup.statusCode, statusCode);
  return lookup;
}

/** Opens the dossier from the officer's queue, searching by its code. */
async function openFromQueue(page: Page) {
  await page.goto(`${j.baseUrl}/can-bo`);
  await page.getByLabel('Tìm theo mã hồ sơ, tên hoặc số định danh').fill(requireCode());
  // The search narrows the queue to this one dossier.
  await page.getByText('1 hồ sơ', { exact: true }).waitFor({ timeout: 10_000 });
  await page.getByRole('link', { name: code, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: code }).waitFor();
}

/** Clicks an action button of the officer's dossier page and returns the server's answer. */
async function clickAction(page: Page, name: string) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/actions'), {
      timeout: 15_000,
    }),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  const body = await response.text();
  return { status: response.status(), body };
}

async function expectActionOk(page: Page, name: string, statusLabel: string) {
  const { status, body } = await clickAction(page, name);
  assert.equal(status, 200, `"${name}" was refused: ${body}`);
  await page.getByText('Đã ghi nhận thao tác.').waitFor();
  await page.getByText(statusLabel, { exact: true }).first().waitFor();
}

/** An e-form field by the id @rjsf gives it (the server's issue path under formData). */
function eformField(page: Page, fieldPath: string) {
  return page.locator(`[id="field-formData.${fieldPath}"]`);
}

/** Picks an option of an e-form select, as a person does, and waits until it shows. */
async function chooseOption(page: Page, fieldPath: string, option: string) {
  await eformField(page, fieldPath).click();
  await page.getByRole('option', { name: option, exact: true }).click();
  await page.waitForFunction(
    ([id, text]) => (document.getElementById(id!) as HTMLInputElement | null)?.value === text,
    [`field-formData.${fieldPath}`, option],
  );
}

/** Picks a file through the browser's file chooser, as a citizen does. */
async function pickFile(
  page: Page,
  label: string | RegExp,
  file: { name: string; mimeType: string; buffer: Buffer },
) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByLabel(label).first().click(),
  ]);
  await chooser.setFiles(file);
  await page.getByRole('link', { name: file.name }).first().waitFor({ timeout: 10_000 });
}

/** "09 giờ 00 phút, ngày 25/11/2026": how the forms write a time, in Vietnam's UTC+7. */
function vnDateTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString();
  const [date, time] = [local.slice(0, 10).split('-'), local.slice(11, 16).split(':')];
  return `${time[0]} giờ ${time[1]} phút, ngày ${date[2]}/${date[1]}/${date[0]}`;
}

async function getPdf(request: APIRequestContext, url: string): Promise<Buffer> {
  const res = await request.get(`${j.baseUrl}${url}`);
  assert.equal(res.status(), 200, `${url}: ${(await res.text()).slice(0, 300)}`);
  assert.match(res.headers()['content-type'] ?? '', /application\/pdf/, url);
  const body = await res.body();
  assert.equal(body.subarray(0, 5).toString(), '%PDF-', `${url}: a PDF`);
  return body;
}

// ---------------------------------------------------------------------------------------------
// The journey

test('1. a citizen signs in with VNeID, finds Đăng ký khai sinh, files it with attachments, gets the code', async () => {
  citizen = await j.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = (citizenPage = await newPage(citizen));
  await page.goto(`${j.baseUrl}/thu-tuc`);
  await page.getByLabel('Tìm thủ tục').fill('đăng ký khai sinh');
  const results = page.getByRole('list', { name: 'Kết quả tra cứu thủ tục' });
  await results.getByRole('link', { name: PROCEDURE_NAME, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: PROCEDURE_NAME }).waitFor();
  assert.ok(await page.getByText(`Mã thủ tục: ${PROCEDURE}`).count(), 'the right procedure');

  const fileOnline = page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' });
  assert.ok(
    await fileOnline.count(),
    `${PROCEDURE} offers no "Nộp hồ sơ trực tuyến" on its page (no online channel in the catalogue)`,
  );
  await fileOnline.click();
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
  await page.getByLabel(CITIZEN).check();
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(new RegExp(`/nop-ho-so/${PROCEDURE.replace(/\./g, '\\.')}$`), {
    timeout: 15_000,
  });

  // Where and how to reach the applicant; the name comes from VNeID.
  await page.getByLabel('Nơi nộp hồ sơ').first().click();
  await page.getByRole('option', { name: CENTRE }).click();
  await page.getByLabel('Số điện thoại').fill('0909123456');
  await page.getByLabel('Địa chỉ liên hệ').fill('Khu phố 3, Phường Trấn Biên');

  // The e-form (data/catalog/eforms/1.001193.json): the declarant comes from VNeID, the child,
  // the mother and the declarant's relationship are the citizen's to give.
  const declarant = eformField(page, 'declarant.fullName');
  await declarant.waitFor({ timeout: 15_000 });
  assert.equal(await declarant.inputValue(), 'Nguyễn Văn An', 'the declarant comes from VNeID');
  assert.equal(await eformField(page, 'declarant.idNumber').inputValue(), '075090001234');
  await eformField(page, 'child.fullName').fill('Nguyễn Minh Khang');
  await eformField(page, 'child.birthDate').fill('2026-11-20');
  await eformField(page, 'child.birthDate').press('Escape');
  await chooseOption(page, 'child.gender', 'Nam');
  await eformField(page, 'child.birthPlace').fill('Bệnh viện Đa khoa Đồng Nai');
  await eformField(page, 'child.hometown').fill('Biên Hòa, Đồng Nai');
  await eformField(page, 'mother.fullName').fill('Trần Thị Bình');
  await eformField(page, 'mother.birthYear').fill('1995');
  await eformField(page, 'mother.residence').fill('Phường Trấn Biên, Đồng Nai');
  await chooseOption(page, 'declarant.relationship', 'Cha');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // The components: the birth certificate as a PDF, a photo of the parents' marriage paper.
  await page.getByRole('heading', { name: 'Thành phần hồ sơ' }).waitFor();
  // The birth certificate is required (data/catalog/checklists/1.001193.json).
  await pickFile(page, 'Tải tệp: Giấy chứng sinh', {
    name: 'giay-chung-sinh.pdf',
    mimeType: 'application/pdf',
    buffer: PDF_BYTES,
  });
  await pickFile(page, 'Tải tệp: Khác', {
    name: 'giay-ket-hon.png',
    mimeType: 'image/png',
    buffer: PNG_BYTES,
  });
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // Check your answers, submit, the confirmation.
  await page.getByText('Kiểm tra lại thông tin trước khi nộp').waitFor();
  assert.ok(await page.getByText('Nguyễn Văn An').count(), 'the name comes from VNeID');
  await page.getByText('Nguyễn Minh Khang', { exact: true }).waitFor();
  await page.getByRole('link', { name: 'giay-chung-sinh.pdf' }).waitFor();
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await page.getByText('Đã nộp hồ sơ').waitFor({ timeout: 10_000 });
  code = await page.locator('strong').filter({ hasText: CODE_PATTERN }).innerText();
  assert.match(code, CODE_PATTERN);

  // No receipt before the counter receives it: the confirmation says where it will be.
  await page
    .getByText(
      'Giấy tiếp nhận hồ sơ và hẹn trả kết quả sẽ có tại mục Hồ sơ của tôi khi bộ phận một cửa tiếp nhận hồ sơ.',
    )
    .waitFor();
  assert.equal(await page.getByRole('link', { name: /giấy tiếp nhận/i }).count(), 0);

  // The files went with the dossier.
  const mine = await citizen.request.get(`${j.baseUrl}/api/dossiers/${encodeURIComponent(code)}`);
  assert.equal(mine.status(), 200);
  const view = (await mine.json()) as { attachments: Array<{ fileName: string }> };
  assert.deepEqual(view.attachments.map((a) => a.fileName).sort(), [
    'giay-chung-sinh.pdf',
    'giay-ket-hon.png',
  ]);
});

test('2. the public lookup shows "Mới đăng ký"', async () => {
  const lookup = await expectPublicStatus('Mới đăng ký', 1);
  assert.equal(lookup.dueAt, null, 'no due time before receipt');
});

test('3. the ward officer finds it in the queue and receives it; the receipt exists; the due time is the calendar’s', async (t) => {
  receiving = await officerPage('tb.tiepnhan');
  await openFromQueue(receiving);
  await receiving.getByText('Mới đăng ký', { exact: true }).first().waitFor();
  await expectActionOk(receiving, 'Tiếp nhận', 'Được tiếp nhận');
  const lookup = await expectPublicStatus('Được tiếp nhận', 2);
  assert.ok(lookup.receivedAt, 'the receipt time is recorded');

  // Now the receipt exists, linked from the citizen's own dossier page.
  await citizenPage.goto(`${j.baseUrl}/ho-so-cua-toi/${encodeURIComponent(requireCode())}`);
  const receipt = citizenPage.getByRole('link', {
    name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (PDF)',
  });
  const href = await receipt.getAttribute('href');
  assert.ok(href, 'the citizen’s dossier page links the receipt');
  await getPdf(citizen.request, href);

  // The legal processing time: the province's confirmed one, else the catalogue's for the channel
  // (catalog's legalPeriodOf/intakeCutoffOf).
  const res = await fetch(`${j.baseUrl}/api/procedures/${PROCEDURE}`);
  assert.equal(res.status, 200);
  const detail = (await res.json()) as ProcedureDetailLike;
  const period = periodOf(detail, 'online');
  t.diagnostic(`processing time of ${PROCEDURE} online: ${JSON.stringify(period)}`);
  if (period === null) {
    assert.equal(lookup.dueAt, null, 'no processing time stated, so no due time is promised');
    return;
  }
  assert.ok(lookup.dueAt, 'a due time is promised at receipt');
  const query = new URLSearchParams({
    from: lookup.receivedAt,
    amount: String(period.amount),
    unit: period.unit,
    ...(period.cutoffAfter ? { cutoffAfter: period.cutoffAfter } : {}),
  });
  const deadline = await fetch(`${j.baseUrl}/api/calendar/deadline?${query}`);
  assert.equal(deadline.status, 200, await deadline.clone().text());
  const { due, start } = (await deadline.json()) as { due: string; start: string };
  t.diagnostic(`received ${lookup.receivedAt}, counted from ${start}, due ${due}`);
  dueAtReceipt = new Date(due).toISOString();
  assert.equal(
    new Date(lookup.dueAt).toISOString(),
    new Date(due).toISOString(),
    'the dossier’s due time is what the calendar module computes',
  );
});

test('4. the counter hands it to the ward’s unit; its specialist requests a supplement once', async () => {
  // The counter forwards along the published workflow: the next step after receipt is the
  // appraisal by the Phòng Văn hóa - Xã hội (data/workflow/1.001193-dang-ky-khai-sinh.json).
  const next = receiving.getByLabel('Bước xử lý tiếp theo').first();
  await next.waitFor();
  assert.match(await next.inputValue(), /thẩm tra hồ sơ/, 'the next step is preselected');
  await expectActionOk(receiving, 'Chuyển bước', 'Đang xử lý');
  await receiving.getByText(/Bước hiện tại: Công chức tư pháp - hộ tịch thẩm tra hồ sơ/).waitFor();

  // The unit's specialist (unit scope only) now reaches it through the assignment.
  specialist = await officerPage('tb.chuyenvien');
  await openFromQueue(specialist);
  await specialist.getByText('Đang xử lý', { exact: true }).first().waitFor();

  await specialist
    .getByLabel('Nội dung cần bổ sung (mỗi dòng một nội dung)')
    .fill('Bản sao giấy chứng nhận kết hôn của cha mẹ');
  await specialist.getByLabel('Lý do').fill('Ảnh giấy kết hôn bị mờ, không đọc được');
  await expectActionOk(specialist, 'Yêu cầu bổ sung', 'Yêu cầu bổ sung giấy tờ');
  const lookup = await expectPublicStatus('Yêu cầu bổ sung giấy tờ', 5);
  assert.equal(lookup.dueAt, null, 'the clock stands still while waiting for papers');

  // The law allows one request only: the page no longer offers it…
  await specialist.getByText('Đã ghi nhận thao tác.').waitFor();
  assert.equal(
    await specialist.getByRole('button', { name: 'Yêu cầu bổ sung', exact: true }).count(),
    0,
    'no second supplement request is offered',
  );
  // …and the API, as a script would try it, gets the rule in Vietnamese.
  const api = await specialist.request.post(
    `${j.baseUrl}/api/dossiers/${encodeURIComponent(code)}/actions`,
    {
      headers: {
        'x-csrf-token': await csrfOf(specialist.request),
        'idempotency-key': randomUUID(),
      },
      data: { kind: 'request_supplement', items: ['Lần ba'], reason: 'Lần ba' },
    },
  );
  assert.equal(api.status(), 409);
  assert.match(await api.text(), /chỉ yêu cầu bổ sung một lần/);
});

test('5. the citizen sees the request on their dossier page, uploads the paper and supplements', async () => {
  const page = citizenPage;
  await page.goto(`${j.baseUrl}/ho-so-cua-toi/${encodeURIComponent(requireCode())}`);
  await page.getByRole('heading', { name: 'Cơ quan yêu cầu bổ sung hồ sơ' }).waitFor();
  await page.getByText('Ảnh giấy kết hôn bị mờ, không đọc được').waitFor();
  await pickFile(page, 'Tải tệp: Bản sao giấy chứng nhận kết hôn của cha mẹ', {
    name: 'giay-ket-hon-ban-sao.pdf',
    mimeType: 'application/pdf',
    buffer: PDF_BYTES,
  });
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/actions')),
    page.getByRole('button', { name: 'Bổ sung hồ sơ' }).click(),
  ]);
  await page.getByText('Đang xử lý', { exact: true }).first().waitFor();
  const lookup = await expectPublicStatus('Đang xử lý', 4);
  assert.ok(lookup.dueAt, 'the clock runs again');
  // Under the test's fixed clock no working time passed while waiting: the same due time.
  if (dueAtReceipt) assert.equal(new Date(lookup.dueAt).toISOString(), dueAtReceipt);
});

test('6. the specialist prepares the result, the chairman signs it; the counter returns it', async () => {
  const page = specialist;
  await openFromQueue(page);
  await page.getByText('Đang xử lý', { exact: true }).first().waitFor();
  // The electronic result (the purpose defaults to it outside a supplement).
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByLabel('Tệp', { exact: true }).click(),
  ]);
  await chooser.setFiles({
    name: 'trich-luc-khai-sinh.pdf',
    mimeType: 'application/pdf',
    buffer: PDF_BYTES,
  });
  const [upload] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/files')),
    page.getByRole('button', { name: 'Tải lên' }).click(),
  ]);
  assert.equal(upload.status(), 201, await upload.text());
  await page.getByRole('link', { name: 'trich-luc-khai-sinh.pdf' }).waitFor();

  // The process has a signing step: the specialist forwards there, the chairman signs and
  // issues the result the specialist prepared.
  assert.match(await page.getByLabel('Bước xử lý tiếp theo').first().inputValue(), /ký/);
  await expectActionOk(page, 'Chuyển bước', 'Đang xử lý');
  const chairman = await officerPage('tb.chutich');
  await openFromQueue(chairman);
  await chairman.getByLabel('Mã kết quả').fill('KQ.G15.000123');
  await expectActionOk(chairman, 'Ký, cấp kết quả', 'Đã xử lý xong');
  await expectPublicStatus('Đã xử lý xong', 9);

  await openFromQueue(receiving);
  await expectActionOk(receiving, 'Trả kết quả tại quầy', 'Đã trả kết quả');
  const lookup = await expectPublicStatus('Đã trả kết quả', 10);
  assert.deepEqual(
    lookup.steps.map((s) => s.label),
    [
      'Nộp hồ sơ trực tuyến',
      'Tiếp nhận hồ sơ',
      'Chuyển xử lý',
      'Yêu cầu bổ sung hồ sơ',
      'Bổ sung hồ sơ',
      'Chuyển xử lý',
      'Đã có kết quả giải quyết',
      'Trả kết quả',
    ],
  );
});

test('7. the forms of TT 03/2025 that exist render with their Vietnamese titles and the code', async (t) => {
  requireCode();
  const templates = JSON.parse(
    await readFile(path.join(import.meta.dirname, '../data/forms/tt03-2025.json'), 'utf8'),
  ) as { forms: Record<string, { title: string }> };
  const allKinds = ['receipt', 'supplement', 'refusal', 'apology', 'stop', 'control'];
  assert.deepEqual(Object.keys(templates.forms).sort(), [...allKinds].sort());

  // The journey's dossier has the forms its history produced, and only those.
  const viewRes = await receiving.request.get(
    `${j.baseUrl}/api/dossiers/${encodeURIComponent(code)}`,
  );
  assert.equal(viewRes.status(), 200);
  const { forms } = (await viewRes.json()) as { forms: string[] };
  assert.deepEqual([...forms].sort(), ['control', 'receipt', 'supplement']);
  const missing = await receiving.request.get(
    `${j.baseUrl}/api/dossiers/${encodeURIComponent(code)}/forms/refusal`,
  );
  assert.equal(missing.status(), 409);
  const refusalError = (await missing.json()) as { error: { message: string } };
  assert.match(refusalError.error.message, /^Chưa thể in Phiếu từ chối tiếp nhận/);

  // The other forms, from the demo dossiers whose history has them (README).
  const sources: Array<{ kind: string; dossier: string }> = [
    ...forms.map((kind) => ({ kind, dossier: code })),
    { kind: 'refusal', dossier: '000.01.145.H75-261103-0002' },
    { kind: 'apology', dossier: '000.01.145.H75-261102-0002' },
    { kind: 'stop', dossier: '000.01.145.H75-261103-0004' },
  ];
  const fetched: Array<{ name: string; pdf: Buffer; title: string; code: string }> = [];
  for (const { kind, dossier } of sources) {
    const pdf = await getPdf(
      receiving.request,
      `/api/dossiers/${encodeURIComponent(dossier)}/forms/${kind}`,
    );
    fetched.push({ name: kind, pdf, title: templates.forms[kind]!.title, code: dossier });
  }
  // Form 07: the Sổ theo dõi hồ sơ, over the days around the test clock (2026-11-23).
  const range = `from=2026-11-01&to=2026-11-30`;
  const book = await getPdf(receiving.request, `/api/officer/dossier-book?${range}&format=pdf`);
  fetched.push({ name: 'book', pdf: book, title: 'SỔ THEO DÕI HỒ SƠ', code });
  const xlsx = await receiving.request.get(`${j.baseUrl}/api/officer/dossier-book?${range}`);
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK', 'the book as XLSX (zip)');

  if (!pdftotext) {
    t.diagnostic('skipped text check: pdftotext not installed (apt-get install poppler-utils)');
    console.log('skipped text check: pdftotext not installed');
    return;
  }
  for (const form of fetched) {
    const text = await pdfText(form.pdf, form.name);
    assert.ok(text.includes(form.title), `${form.name}: title "${form.title}"`);
    if (form.name === 'book') {
      // The book's narrow "Mã hồ sơ" column may wrap the code over two lines.
      const joined = text.replace(/ /g, '');
      assert.ok(joined.includes(code), `book: the dossier code ${code}`);
      if (!text.includes(code)) t.diagnostic(`book: the code ${code} is wrapped in its column`);
    } else {
      assert.ok(text.includes(form.code), `${form.name}: the dossier code ${form.code}`);
    }
    if (form.name === 'receipt' && dueAtReceipt) {
      assert.ok(
        text.includes(vnDateTime(dueAtReceipt)),
        `receipt: appointment ${vnDateTime(dueAtReceipt)}`,
      );
    }
    if (form.name !== 'book') {
      assert.ok(text.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), `${form.name}: motto`);
    }
    if (form.name === 'receipt') assert.ok(text.includes('Nguyễn Văn An'), 'receipt: applicant');
    if (form.name === 'supplement') {
      assert.ok(text.includes('Ảnh giấy kết hôn bị mờ'), 'supplement: the reason');
      assert.ok(text.includes('Bản sao giấy chứng nhận kết hôn'), 'supplement: the item');
    }
    if (form.name === 'control') {
      // Generated from the log: each hand-off is marked against its step's due time.
      assert.match(text, /trước hạn|đúng hạn|quá hạn/, 'control: hand-offs marked');
    }
  }
});

test('8. concurrent online submissions get unique codes; a retried key files once; two racing over one paper file one', async () => {
  const request = citizen.request;
  const csrf = await csrfOf(request);
  const agencies = await fetch(`${j.baseUrl}/api/agencies?q=${encodeURIComponent(CENTRE)}`);
  const centre = (
    (await agencies.json()) as { items: Array<{ id: string; name: string }> }
  ).items.find((a) => a.name === CENTRE);
  assert.ok(centre, CENTRE);
  const submit = (procedureCode: string, key: string) =>
    request.post(`${j.baseUrl}/api/dossiers`, {
      headers: { 'x-csrf-token': csrf, 'idempotency-key': key },
      data: {
        procedureCode,
        receivingAgencyId: centre.id,
        contact: { phone: '0909123456', email: null, address: null },
        formData: eformAnswers(procedureCode),
      },
    });
  // Đăng ký kết hôn: online, its one required component is the declaration, which the e-form
  // answers (data/catalog/checklists/1.000894.json), so every submission is complete without a
  // file and each one files.
  const MARRIAGE = '1.000894';
  const retried = randomUUID();
  const keys = [...Array.from({ length: 20 }, () => randomUUID()), retried, retried];
  const responses = await Promise.all(keys.map((key) => submit(MARRIAGE, key)));
  const bodies = await Promise.all(
    responses.map(async (r) => ({ status: r.status(), text: await r.text() })),
  );
  for (const b of bodies) assert.equal(b.status, 201, b.text);
  const codes = bodies.map((b) => (JSON.parse(b.text) as { code: string }).code);
  for (const c of codes) assert.match(c, CODE_PATTERN);
  assert.equal(codes[20], codes[21], 'the retried key yields the same dossier');
  assert.equal(new Set(codes).size, 21, 'twenty distinct submissions, one retried: 21 codes');
  assert.ok(!codes.includes(code), 'not the journey’s code either');
  // A third retry afterwards still answers with the same dossier.
  const late = await submit(MARRIAGE, retried);
  assert.equal(((await late.json()) as { code: string }).code, codes[20]);

  // Khai sinh needs the birth certificate uploaded to the draft. Two submissions racing with
  // different keys (two tabs) over one uploaded paper: one dossier takes it, the other is
  // refused as missing it, not filed empty.
  const query = new URLSearchParams({
    fileName: 'giay-chung-sinh.pdf',
    component: 'Giấy chứng sinh',
  });
  const upload = await request.post(`${j.baseUrl}/api/my/drafts/${PROCEDURE}/files?${query}`, {
    headers: { 'x-csrf-token': csrf, 'content-type': 'application/octet-stream' },
    data: PDF_BYTES,
  });
  assert.equal(upload.status(), 201, await upload.text());
  const racing = await Promise.all(
    [randomUUID(), randomUUID()].map((key) => submit(PROCEDURE, key)),
  );
  const outcomes = await Promise.all(
    racing.map(async (r) => ({ status: r.status(), text: await r.text() })),
  );
  assert.deepEqual(
    outcomes.map((o) => o.status).sort(),
    [201, 400],
    outcomes.map((o) => o.text).join('\n'),
  );
  const filed = JSON.parse(outcomes.find((o) => o.status === 201)!.text) as {
    attachments: Array<{ component: string }>;
  };
  assert.deepEqual(
    filed.attachments.map((a) => a.component),
    ['Giấy chứng sinh'],
    'the dossier filed holds the paper',
  );
  assert.match(outcomes.find((o) => o.status === 400)!.text, /Chưa tải lên \\"Giấy chứng sinh\\"/);
});

test('no page had a script error', () => {
  assert.deepEqual(pageErrors, []);
});

// ---------------------------------------------------------------------------------------------
// The processing time, read from the procedure as catalog's legalPeriodOf/intakeCutoffOf do.

interface ProcedureDetailLike {
  local: {
    processingTime: { amount: number; unit: string; cutoffAfter?: string | null } | null;
  };
  content: {
    channels: Array<{
      channel: string;
      terms: Array<{ timeValue: number | null; timeUnit: string | null }>;
    }>;
  };
}

function periodOf(
  detail: ProcedureDetailLike,
  channel: string,
): { amount: number; unit: string; cutoffAfter?: string } | null {
  const confirmed = detail.local.processingTime;
  if (confirmed) {
    return {
      amount: confirmed.amount,
      unit: confirmed.unit,
      ...(confirmed.cutoffAfter ? { cutoffAfter: confirmed.cutoffAfter } : {}),
    };
  }
  const terms = detail.content.channels.find((c) => c.channel === channel)?.terms ?? [];
  for (const term of terms) {
    if (term.timeValue === null || term.timeValue <= 0) continue;
    if (['working_days', 'calendar_days', 'working_hours'].includes(term.timeUnit ?? '')) {
      return { amount: term.timeValue, unit: term.timeUnit! };
    }
  }
  return null;
}
