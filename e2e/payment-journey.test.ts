/**
 * Issue 17, "done when": a citizen files a dossier of a procedure with a fee (1.001612 Đăng ký
 * thành lập hộ kinh doanh, 150.000 đ online by data/fees/1.001612.json), pays on the simulated
 * bank page, comes back, sees "Đã thanh toán" and downloads the e-receipt; the officer sees the
 * payment on the dossier. In Chromium at 360 px against the real server, the simulated VNeID and
 * the simulated payment platform (which calls the server back with a signed CONFIRM). The
 * steps share one dossier and run in order.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { eformAnswers } from '../apps/api/src/platform/testing/eform-answers.js';
import {
  expectNoSeriousAxeViolations,
  signInOfficer,
  simulatorUrl,
  startJourney,
  type Journey,
} from './browser.js';
import { pdfText, pdftotext } from './pdf.js';

const PROCEDURE = '1.001612';
const CENTRE = 'Trung tâm Phục vụ hành chính công Phường Trấn Biên';
const CITIZEN = /Nguyễn Văn An/;
const AMOUNT = '150.000 đ';
const PHONE = { width: 360, height: 740 };

let j: Journey;
let citizen: BrowserContext;
let code = '';
let reference = '';
const pageErrors: string[] = [];

before(async () => {
  j = await startJourney({ sso: true, payment: true });
});
after(async () => {
  await j?.close();
});

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

/** Nothing wider than the phone, and axe finds nothing serious (WCAG 2.2 AA). */
async function assertUsable(page: Page, where: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${where}: ${width} px wide at ${PHONE.width}`);
  await expectNoSeriousAxeViolations(page, where);
}

function requireCode() {
  assert.ok(code, 'no dossier: the filing step did not complete');
  return code;
}

async function csrfOf(page: Page): Promise<string> {
  const me = await page.request.get(`${j.baseUrl}/api/auth/me`);
  assert.equal(me.status(), 200, await me.text());
  const token = ((await me.json()) as { csrfToken?: string | null }).csrfToken;
  assert.ok(token, 'the session has a CSRF token');
  return token;
}

test('1. the province administrator asks for 1.001612 fees at online filing (procedure configuration)', async () => {
  const context = await j.browser.newContext();
  const page = await newPage(context);
  await signInOfficer(page, j.baseUrl, 'qt.tinh');
  await page.goto(`${j.baseUrl}/quan-tri/thu-tuc/${PROCEDURE}`);
  const rule = page.getByRole('region', { name: 'Thu phí, lệ phí' });
  await rule.waitFor({ timeout: 15_000 });
  await rule.getByText('Ngay khi nộp hồ sơ trực tuyến', { exact: true }).click();
  const [saved] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().endsWith(`/${PROCEDURE}/local-config`),
    ),
    page.getByRole('button', { name: 'Lưu cấu hình' }).click(),
  ]);
  assert.equal(saved.status(), 200, await saved.text());
  const sent = saved.request().postDataJSON() as { payment?: { due?: string } };
  assert.equal(sent.payment?.due, 'on_filing', 'the rule chosen on the page is what is saved');
  await page.getByText('Đã lưu cấu hình thủ tục.').waitFor();

  // The fee the portal will quote (the contract route), by the schedule in force.
  const fees = await page.request.get(`${j.baseUrl}/api/procedures/${PROCEDURE}/fees`);
  assert.equal(fees.status(), 200, await fees.text());
  const quoted = (await fees.json()) as { total: number; items: Array<{ kind: string }> };
  assert.equal(quoted.total, 150_000);
  await context.close();
});

test('2. a citizen signs in with VNeID and files the dossier; the fee is due at once', async () => {
  citizen = await j.browser.newContext({ viewport: PHONE, acceptDownloads: true });
  const page = await newPage(citizen);
  await page.goto(`${j.baseUrl}/ho-so-cua-toi`);
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
  await page.getByLabel(CITIZEN).check();
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/ho-so-cua-toi$/, { timeout: 15_000 });

  // Filed through the API the filing page calls (the e-form of hộ kinh doanh is long; the
  // filing pages have their own browser tests): the citizen's own session and CSRF token.
  const agencies = await page.request.get(`${j.baseUrl}/api/agencies`);
  const centre = (
    (await agencies.json()) as { items: Array<{ id: string; name: string }> }
  ).items.find((a) => a.name === CENTRE);
  assert.ok(centre, CENTRE);
  const filed = await page.request.post(`${j.baseUrl}/api/dossiers`, {
    headers: { 'x-csrf-token': await csrfOf(page), 'idempotency-key': randomUUID() },
    data: {
      procedureCode: PROCEDURE,
      receivingAgencyId: centre.id,
      contact: { phone: '0909123456', email: null, address: 'Khu phố 3, Phường Trấn Biên' },
      formData: eformAnswers(PROCEDURE),
    },
  });
  assert.equal(filed.status(), 201, await filed.text());
  const dossier = (await filed.json()) as { code: string; statusCode: number };
  code = dossier.code;
  assert.equal(dossier.statusCode, 6, 'waiting for the fee (Yêu cầu thực hiện nghĩa vụ tài chính)');
  await page.close();
});

test('3. "Hồ sơ của tôi" shows the amount, the items with their basis and "Thanh toán" (360 px, axe)', async () => {
  const page = await newPage(citizen);
  await page.goto(`${j.baseUrl}/ho-so-cua-toi`);
  const card = page.getByRole('listitem').filter({ hasText: requireCode() });
  const due = card.getByRole('region', { name: 'Phí, lệ phí phải nộp' });
  await due.waitFor({ timeout: 15_000 });
  await due.getByText(AMOUNT, { exact: true }).first().waitFor();
  await due.getByText(/Lệ phí đăng ký hộ kinh doanh \(nộp trực tuyến, bưu chính\)/).waitFor();
  await due.getByText(/^Căn cứ: TT 85\/2019\/TT-BTC/).waitFor();
  await due.getByRole('button', { name: 'Thanh toán' }).waitFor();
  await assertUsable(page, '/ho-so-cua-toi');
  await page.close();
});

test('4. "Thanh toán" (tapped twice) opens one payment; the bank page says "Thành công"; back on the dossier: "Đã thanh toán"', async () => {
  const page = await newPage(citizen);
  await page.goto(`${j.baseUrl}/ho-so-cua-toi/${encodeURIComponent(requireCode())}`);
  const due = page.getByRole('region', { name: 'Phí, lệ phí phải nộp' });
  await due.waitFor({ timeout: 15_000 });
  await assertUsable(page, 'the dossier page, fee due');

  const starts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/payments')) {
      starts.push(r.headers()['idempotency-key'] ?? '');
    }
  });
  // A nervous double tap: the button disables while the first is on its way.
  await due.getByRole('button', { name: 'Thanh toán' }).dblclick();
  const bank = simulatorUrl(j.sims!, 'payment-platform');
  await page.waitForURL((url) => url.href.startsWith(bank), { timeout: 15_000 });
  assert.ok(starts.length >= 1, 'the payment was started');
  assert.equal(new Set(starts).size, 1, `one key for the click-session: ${starts.join(', ')}`);
  reference = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
  assert.ok(reference.startsWith('dvc'), `MaThamChieu ${reference}`);

  await page.getByRole('button', { name: 'Thành công', exact: true }).click();
  await page.waitForURL(
    (url) =>
      url.origin === j.baseUrl &&
      url.pathname === `/ho-so-cua-toi/${encodeURIComponent(code)}` &&
      url.searchParams.get('thanh-toan') === reference,
    { timeout: 15_000 },
  );
  const result = page.getByTestId('payment-result');
  await result.getByText('Đã thanh toán', { exact: true }).waitFor({ timeout: 20_000 });
  await result.getByText(AMOUNT).waitFor();
  await assertUsable(page, 'the dossier page, paid');

  // Paid once, whatever the double tap.
  const payments = await page.request.get(
    `${j.baseUrl}/api/dossiers/${encodeURIComponent(code)}/payments`,
  );
  const body = (await payments.json()) as {
    due: unknown;
    items: Array<{ status: string; method: string; amount: number }>;
  };
  assert.equal(body.items.length, 1, JSON.stringify(body.items));
  assert.deepEqual(
    { status: body.items[0]?.status, method: body.items[0]?.method, amount: body.items[0]?.amount },
    { status: 'paid', method: 'online', amount: 150_000 },
  );
  assert.equal(body.due, null, 'nothing is due any more');

  // "Tải biên lai": the e-receipt, a real PDF.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    result.getByRole('link', { name: 'Tải biên lai' }).click(),
  ]);
  const file = await download.path();
  assert.ok(file, 'the receipt was saved');
  const pdf = await readFile(file);
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'the receipt is a PDF');
  if (pdftotext) {
    const text = await pdfText(pdf, 'bien-lai');
    assert.match(text, /150\.000/, 'the amount is on the receipt');
  } else {
    console.log('# pdftotext missing (apt-get install poppler-utils): receipt text not read');
  }
  await page.close();
});

test('5. the officer opens the dossier and sees the online payment with its receipt', async () => {
  const context = await j.browser.newContext({ viewport: PHONE });
  const page = await newPage(context);
  await signInOfficer(page, j.baseUrl, 'tb.tiepnhan');
  await page.goto(`${j.baseUrl}/can-bo/ho-so/${encodeURIComponent(requireCode())}`);
  const panel = page.getByRole('region', { name: 'Phí, lệ phí và thanh toán' });
  await panel.waitFor({ timeout: 15_000 });
  const row = panel.getByTestId(`payment-${reference}`);
  await row.getByText('Trực tuyến').waitFor();
  await row.getByText(AMOUNT).waitFor();
  await row.getByText('Đã thanh toán').waitFor();
  assert.ok(await row.getByRole('link').count(), 'the receipt is linked');
  await assertUsable(page, 'the officer dossier page');
  await context.close();
});

test('6. the payments and fee administration pages at 360 px pass axe', async () => {
  const context = await j.browser.newContext({ viewport: PHONE });
  const page = await newPage(context);
  await signInOfficer(page, j.baseUrl, 'qt.tinh');

  await page.goto(`${j.baseUrl}/quan-tri/phi-le-phi`);
  await page.getByRole('heading', { level: 1, name: 'Phí, lệ phí' }).waitFor();
  await page.getByLabel('Mã thủ tục').fill(PROCEDURE);
  await page.getByRole('button', { name: 'Xem biểu phí' }).click();
  await page.getByText('150.000 đ').first().waitFor({ timeout: 15_000 });
  await assertUsable(page, '/quan-tri/phi-le-phi');
  await page.getByRole('tab', { name: 'Thủ tục chưa có dữ liệu phí' }).click();
  await page.getByText(/thủ tục chưa có dữ liệu phí dùng được/).waitFor({ timeout: 15_000 });
  await assertUsable(page, '/quan-tri/phi-le-phi (review)');

  await page.goto(`${j.baseUrl}/quan-tri/thanh-toan`);
  await page.getByRole('heading', { level: 1, name: 'Thanh toán' }).waitFor();
  await page.getByRole('button', { name: 'Đối soát ngày này' }).waitFor();
  await assertUsable(page, '/quan-tri/thanh-toan');
  await page.getByRole('tab', { name: 'Quyết toán' }).click();
  await page.getByRole('button', { name: 'Xem báo cáo' }).click();
  await page.getByRole('link', { name: 'Tải XLSX' }).waitFor();
  await assertUsable(page, '/quan-tri/thanh-toan (settlement)');
  await context.close();
  assert.deepEqual(pageErrors, []);
});
