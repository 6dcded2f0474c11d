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

test('the home page opens in Vietnamese on a small phone screen', async () => {
  const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(j.baseUrl);
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  const title = await page.title();
  assert.match(title, /thủ tục hành chính/i);
  const h1 = page.locator('h1').first();
  await h1.waitFor();
  assert.match(
    (await h1.innerText()).trim(),
    /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i,
  );
  assert.ok(await page.locator('main').count(), 'has a main landmark');
  // The province name comes from the API: the round trip works.
  await page.getByRole('main').getByText('Thành phố Đồng Nai').first().waitFor({ timeout: 10_000 });
  // Online filing exists: the page offers it and promises nothing "coming soon".
  assert.ok(await page.getByRole('link', { name: 'Chọn thủ tục để nộp' }).count());
  assert.equal(await page.getByText(/sắp có/i).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the communes page lists the 95 units of Đồng Nai from the API', async () => {
  const page = await j.browser.newPage();
  await page.goto(`${j.baseUrl}/don-vi-hanh-chinh`);
  await page.getByRole('heading', { level: 1, name: 'Đơn vị hành chính cấp xã' }).waitFor();
  const rows = page.locator('table tbody tr');
  await page.waitForFunction(
    () => document.querySelectorAll('table tbody tr').length >= 95,
    undefined,
    { timeout: 10_000 },
  );
  assert.equal(await rows.count(), 95);
  assert.ok(await page.getByText('Phường Trấn Biên').count());
  await page.close();
});

test('English is the second locale', async () => {
  const page = await j.browser.newPage();
  await page.goto(j.baseUrl);
  const switcher = page.getByLabel('Ngôn ngữ / Language');
  await switcher.waitFor();
  const tag = await switcher.evaluate((el) => el.tagName);
  if (tag === 'SELECT') await switcher.selectOption('en');
  else {
    await switcher.click();
    await page
      .getByRole('option', { name: /English/ })
      .or(page.getByRole('menuitem', { name: /English/ }))
      .or(page.getByText('English', { exact: true }))
      .first()
      .click();
  }
  await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, {
    timeout: 5_000,
  });
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.close();
});
