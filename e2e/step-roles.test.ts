import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signInOfficer, startJourney, type Journey } from './browser.js';

/**
 * Actions follow the step (issue 15, item 6), on a 360 × 740 phone: Đăng ký khai sinh goes
 * receive (the counter) → appraise (specialist of Phòng Văn hóa - Xã hội) → sign (the chairman)
 * → return (data/workflow/1.001193-dang-ky-khai-sinh.json).
 */
let j: Journey;
let code = '';
const errors: string[] = [];
const APPRAISE = 'Công chức tư pháp - hộ tịch thẩm tra hồ sơ';
const SIGN = 'Lãnh đạo Ủy ban nhân dân ký Giấy khai sinh';

before(async () => {
  j = await startJourney();
});
after(async () => {
  await j?.close();
});

/** An officer signed in on a phone, in a browser context of their own. */
async function phoneOf(username: string): Promise<Page> {
  const context = await j.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
  await signInOfficer(page, j.baseUrl, username);
  return page;
}

async function csrfOf(page: Page): Promise<string> {
  const me = await page.request.get(`${j.baseUrl}/api/auth/me`);
  const info = (await me.json()) as { csrfToken?: string | null };
  assert.ok(info.csrfToken, 'the session has a CSRF token');
  return info.csrfToken;
}

async function openDossier(page: Page) {
  await page.goto(`${j.baseUrl}/can-bo/ho-so/${encodeURIComponent(code)}`);
  await page.getByRole('heading', { level: 1, name: code }).waitFor();
}

/** Clicks an action button and waits for the server's 200 and the page's confirmation. */
async function act(page: Page, name: string) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/actions'), {
      timeout: 15_000,
    }),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  assert.equal(response.status(), 200, `"${name}": ${await response.text()}`);
  await page.getByText('Đã ghi nhận thao tác.').waitFor();
}

async function noHorizontalOverflow(page: Page, where: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `${where}: the page is ${width}px wide at 360px`);
}

test('the receiving officer is not offered the specialist’s step, and the server refuses it', async () => {
  const page = await phoneOf('tb.tiepnhan');
  const centre = (
    (await (
      await page.request.get(`${j.baseUrl}/api/agencies?q=Trung tâm Phục vụ hành chính công`)
    ).json()) as { items: Array<{ id: string; name: string }> }
  ).items.find((a) => a.name.endsWith('Phường Trấn Biên'));
  assert.ok(centre, 'the ward centre');
  const filed = await page.request.post(`${j.baseUrl}/api/officer/dossiers`, {
    headers: { 'x-csrf-token': await csrfOf(page), 'idempotency-key': randomUUID() },
    data: {
      procedureCode: '1.001193',
      channel: 'direct',
      receivingAgencyId: centre.id,
      applicant: { name: 'Võ Thị Hạnh', idNumber: '075190006543' },
      received: [
        { name: 'Tờ khai đăng ký khai sinh', originals: 1, copies: 0 },
        { name: 'Giấy chứng sinh', originals: 1, copies: 0 },
      ],
    },
  });
  assert.equal(filed.status(), 201, await filed.text());
  code = ((await filed.json()) as { code: string }).code;

  await openDossier(page);
  await page.getByText('Bước hiện tại: Tiếp nhận, kiểm tra hồ sơ — Cán bộ tiếp nhận').waitFor();
  // At receipt the step is the counter's: it hands the dossier to the next step.
  await act(page, 'Chuyển bước');
  await page
    .getByText(`Bước hiện tại: ${APPRAISE} — Chuyên viên (Phòng Văn hóa - Xã hội)`)
    .waitFor();
  await page
    .getByText('Bước này do Chuyên viên (Phòng Văn hóa - Xã hội) thực hiện; bạn chỉ xem hồ sơ.')
    .waitFor();
  for (const name of ['Chuyển bước', 'Yêu cầu bổ sung', 'Hoàn thành xử lý']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, name);
  }
  await noHorizontalOverflow(page, 'the counter’s view of the appraisal step');

  // A script trying what the page does not offer gets the step's rule in Vietnamese.
  const refused = await page.request.post(
    `${j.baseUrl}/api/dossiers/${encodeURIComponent(code)}/actions`,
    {
      headers: { 'x-csrf-token': await csrfOf(page), 'idempotency-key': randomUUID() },
      data: { kind: 'request_supplement', items: ['Giấy chứng sinh'], reason: 'Mờ' },
    },
  );
  assert.equal(refused.status(), 403);
  assert.equal(
    ((await refused.json()) as { error: { message: string } }).error.message,
    `Bước "${APPRAISE}" do Chuyên viên (Phòng Văn hóa - Xã hội) thực hiện.`,
  );
  await page.context().close();
});

test('the specialist forwards to signing; the chairman signs on his phone', async () => {
  assert.ok(code, 'the dossier of the first test');
  const specialist = await phoneOf('tb.chuyenvien');
  await openDossier(specialist);
  // The process has a signing step: the appraisal ends by forwarding to it, not by a result.
  assert.equal(
    await specialist.getByRole('button', { name: 'Hoàn thành xử lý', exact: true }).count(),
    0,
  );
  assert.match(
    await specialist.getByLabel('Bước xử lý tiếp theo').first().inputValue(),
    new RegExp(SIGN),
  );
  await act(specialist, 'Chuyển bước');
  await specialist.getByText(`Bước hiện tại: ${SIGN} — Lãnh đạo cơ quan`).waitFor();
  await specialist.context().close();

  const chairman = await phoneOf('tb.chutich');
  await openDossier(chairman);
  await chairman.getByText(`Bước hiện tại: ${SIGN} — Lãnh đạo cơ quan`).waitFor();
  assert.equal(
    await chairman.getByText('bạn chỉ xem hồ sơ', { exact: false }).count(),
    0,
    'the step is his',
  );
  await chairman.getByRole('button', { name: 'Trả lại bước trước' }).waitFor();
  await noHorizontalOverflow(chairman, 'the chairman’s signing step');
  await chairman.getByLabel('Mã kết quả').fill('KQ.G15.000321');
  await act(chairman, 'Ký, cấp kết quả');
  await chairman.getByText('Đã xử lý xong', { exact: true }).first().waitFor();
  const lookup = await chairman.request.get(
    `${j.baseUrl}/api/dossiers/lookup?code=${encodeURIComponent(code)}`,
  );
  assert.equal(((await lookup.json()) as { statusCode: number }).statusCode, 9);
  await chairman.context().close();
  assert.deepEqual(errors, []);
});
