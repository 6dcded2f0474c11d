/**
 * Phone first (issue 15, items 5 and 9): the key pages at 360 × 740 and 1366 × 800 in Chromium,
 * for an anonymous visitor, a citizen signed in through the simulated VNeID, a receiving officer
 * and the province administrator. On each: nothing wider than the screen (and which element is,
 * when something is), the header's items all on screen and not on top of each other, and no
 * serious or critical axe-core violation of WCAG 2.2 AA.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  expectNoSeriousAxeViolations,
  signInOfficer,
  startJourney,
  type Journey,
} from './browser.js';

let j: Journey;
before(async () => {
  j = await startJourney({ sso: true });
});
after(async () => {
  await j?.close();
});

const VIEWPORTS = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'desktop', width: 1366, height: 800 },
] as const;

/** A demo dossier of Phường Trấn Biên (README), in the receiving officer's reach. */
const DEMO_DOSSIER = '000.01.145.H75-261102-0003';

/** Elements whose right edge is beyond the viewport, outside any box that scrolls or clips them. */
async function overflowing(page: Page): Promise<{ scrollWidth: number; offenders: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const testId = el.getAttribute('data-testid');
      const cls = typeof el.className === 'string' ? el.className.split(/\s+/)[0] : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const right = Math.round(el.getBoundingClientRect().right);
      return `<${el.tagName.toLowerCase()}${id}${testId ? `[data-testid=${testId}]` : ''}${cls ? `.${cls}` : ''}> right=${right} "${text}"`;
    };
    const clippedByAncestor = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) {
          if (p.getBoundingClientRect().right <= width + 1) return true;
        }
      }
      return false;
    };
    const offenders: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      if (rect.right > width + 1 && !clippedByAncestor(el)) offenders.push(describe(el));
    }
    return { scrollWidth: document.documentElement.scrollWidth, offenders: offenders.slice(0, 8) };
  });
}

/** The header's controls: each fully on screen, none over another, no label cut short. */
async function headerProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const header = document.querySelector('header');
    if (!header) return ['no <header>'];
    const items = Array.from(header.querySelectorAll('a, button, select')).filter((el) => {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      return style.display !== 'none' && style.visibility !== 'hidden' && rect.width > 0;
    });
    const name = (el: Element) =>
      el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 30);
    const problems: string[] = [];
    if (items.length < 2) problems.push(`only ${items.length} control(s) in the header`);
    const rects = items.map((el) => el.getBoundingClientRect());
    items.forEach((el, i) => {
      const r = rects[i]!;
      if (r.left < -1 || r.right > width + 1)
        problems.push(`"${name(el)}" is off screen (${Math.round(r.left)}–${Math.round(r.right)})`);
      // A truncated user name is by design (ellipsis); a cut-off button label is not.
      const labels = [el, ...Array.from(el.querySelectorAll('span, p'))].filter(
        (e) => !e.closest('[data-testid="signed-in-name"]'),
      );
      for (const label of labels) {
        if (label.scrollWidth > label.clientWidth + 1 && label.clientWidth > 0)
          problems.push(`"${name(el)}" has its label cut`);
      }
      for (let k = 0; k < i; k += 1) {
        const o = rects[k]!;
        const overlap =
          Math.min(r.right, o.right) - Math.max(r.left, o.left) > 1 &&
          Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top) > 1;
        if (overlap && !el.contains(items[k]!) && !items[k]!.contains(el))
          problems.push(`"${name(el)}" overlaps "${name(items[k]!)}"`);
      }
    });
    return [...new Set(problems)];
  });
}

async function checkPage(
  page: Page,
  path: string,
  label: string,
  ready: (p: Page) => Promise<void>,
) {
  await page.goto(`${j.baseUrl}${path}`);
  await page.locator('h1').first().waitFor({ timeout: 15_000 });
  await ready(page);
  // Let late data (health, session) settle before measuring.
  await page.waitForLoadState('networkidle');
  const where = `${label} ${path}`;
  // tsx names the helper functions of the in-page code with `__name`, which pages do not have.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  const { scrollWidth, offenders } = await overflowing(page);
  const width = page.viewportSize()!.width;
  assert.ok(
    scrollWidth <= width && offenders.length === 0,
    `${where}: page ${scrollWidth} px wide for a ${width} px screen; beyond the right edge:\n  ${offenders.join('\n  ')}`,
  );
  assert.deepEqual(await headerProblems(page), [], `${where}: header`);
  await expectNoSeriousAxeViolations(page, where);
}

const nothing = async () => undefined;

async function citizenContext(viewport: {
  width: number;
  height: number;
}): Promise<BrowserContext> {
  const context = await j.browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(`${j.baseUrl}/dang-nhap`);
  await page.getByRole('link', { name: 'Đăng nhập bằng VNeID' }).click();
  await page.getByLabel(/Trần Thị Bình/).check();
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('signed-in-name').waitFor({ timeout: 15_000 });
  await page.close();
  return context;
}

async function officerContext(
  viewport: { width: number; height: number },
  username: string,
): Promise<BrowserContext> {
  const context = await j.browser.newContext({ viewport });
  const page = await context.newPage();
  await signInOfficer(page, j.baseUrl, username);
  await page.getByTestId('signed-in-name').waitFor();
  await page.close();
  return context;
}

for (const viewport of VIEWPORTS) {
  const label = `${viewport.name} ${viewport.width}×${viewport.height}`;

  test(`${label}: the public pages fit the screen and pass axe`, async () => {
    const context = await j.browser.newContext({ viewport });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await checkPage(page, '/', label, async (p) => {
      await p
        .getByRole('main')
        .getByText('Thành phố Đồng Nai')
        .first()
        .waitFor({ timeout: 10_000 });
    });
    await checkPage(page, '/thu-tuc', label, nothing);
    await checkPage(page, '/thu-tuc/1.001193', label, async (p) => {
      await p.getByText('1.001193').first().waitFor({ timeout: 10_000 });
    });
    await checkPage(page, '/tra-cuu', label, nothing);
    await checkPage(page, '/dang-nhap', label, nothing);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test(`${label}: a citizen's dossiers fit the screen and pass axe`, async () => {
    const context = await citizenContext(viewport);
    const page = await context.newPage();
    await checkPage(page, '/ho-so-cua-toi', label, nothing);
    await context.close();
  });

  test(`${label}: the officer's queue, a dossier and the counter fit the screen and pass axe`, async () => {
    const context = await officerContext(viewport, 'tb.tiepnhan');
    const page = await context.newPage();
    await checkPage(page, '/can-bo', label, async (p) => {
      await p.getByRole('link', { name: DEMO_DOSSIER }).waitFor({ timeout: 10_000 });
    });
    if (viewport.name === 'phone') {
      // The queue's status and due time are on each card, not cut off to the right.
      const card = page.locator('li', { has: page.getByRole('link', { name: DEMO_DOSSIER }) });
      assert.ok(await card.getByText('Trạng thái').isVisible(), 'status on the card');
      assert.ok(
        await card
          .getByText(/Thời hạn|Còn lại|Hạn/)
          .first()
          .isVisible(),
        'due on the card',
      );
    }
    await checkPage(page, `/can-bo/ho-so/${DEMO_DOSSIER}`, label, async (p) => {
      await p.getByRole('heading', { name: DEMO_DOSSIER }).waitFor({ timeout: 10_000 });
    });
    await checkPage(page, '/can-bo/tiep-nhan', label, nothing);
    await context.close();
  });

  test(`${label}: the administration overview and accounts fit the screen and pass axe`, async () => {
    const context = await officerContext(viewport, 'qt.tinh');
    const page = await context.newPage();
    await checkPage(page, '/quan-tri', label, async (p) => {
      await p.getByRole('link', { name: 'Tài khoản cán bộ' }).first().waitFor();
    });
    await checkPage(page, '/quan-tri/tai-khoan', label, async (p) => {
      await p.getByTestId('officer-tb.chutich').waitFor({ timeout: 10_000 });
    });
    await context.close();
  });
}

test('on a phone the navigation and the language switch are in the drawer behind the burger', async () => {
  const context = await j.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(j.baseUrl);
  const nav = page.locator('#main-navigation');
  const burger = page.getByRole('button', { name: 'Mở hoặc đóng trình đơn điều hướng' });
  await burger.waitFor();
  assert.equal(await nav.getAttribute('aria-hidden'), 'true', 'the drawer starts closed');
  await burger.click();
  await nav.getByRole('link', { name: 'Tra cứu hồ sơ' }).waitFor();
  await page.getByLabel('Ngôn ngữ / Language').selectOption('en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await nav.getByRole('link', { name: 'Track a dossier' }).click();
  await page.waitForURL(/\/tra-cuu$/);
  // Following a link closes the drawer.
  await page.waitForFunction(
    () => document.getElementById('main-navigation')?.getAttribute('aria-hidden') === 'true',
  );
  await context.close();
});
