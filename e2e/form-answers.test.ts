/**
 * The e-form answers where people read them (issue 15, item 2): the officer's dossier page at
 * 360 × 740 lists the declaration field by field under its groups, in Vietnamese, dates as
 * dd/mm/yyyy, without widening the page (axe runs on the officer's dossier page in layout.test.ts).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { DossierView } from '@motcua/contracts';
import { agencyIdByName, TRAN_BIEN_CENTRE } from '../apps/api/src/platform/testing/counter.js';
import { receivedRequired } from '../apps/api/src/platform/testing/components.js';
import { eformAnswers } from '../apps/api/src/platform/testing/eform-answers.js';
import { officerInjector } from '../apps/api/src/platform/testing/sign-in.js';
import { signInOfficer, startJourney, type Journey } from './browser.js';

const BIRTH = '1.001193';

let j: Journey;
before(async () => {
  j = await startJourney();
});
after(async () => {
  await j?.close();
});

test('the officer reads the declaration of a khai sinh dossier on a phone', async () => {
  const server = j.testApp.app.server;
  const { as } = officerInjector(() => server);
  const intake = await as('tb.tiepnhan', {
    method: 'POST',
    url: '/api/officer/dossiers',
    key: randomUUID(),
    payload: {
      procedureCode: BIRTH,
      channel: 'direct',
      receivingAgencyId: await agencyIdByName(server, TRAN_BIEN_CENTRE),
      applicant: { name: 'Trần Thị Bích', idNumber: '075195001234' },
      // The officer typed the paper declaration in.
      formData: eformAnswers(BIRTH),
      received: await receivedRequired((url) => server.inject({ url }), BIRTH),
    },
  });
  assert.equal(intake.statusCode, 201, intake.body);
  const { code } = DossierView.parse(intake.json());

  const page = await j.browser.newPage({ viewport: { width: 360, height: 740 } });
  await signInOfficer(page, j.baseUrl, 'tb.tiepnhan');
  await page.goto(`${j.baseUrl}/can-bo/ho-so/${code}`);
  const declaration = page.getByRole('region', { name: 'Thông tin tờ khai' });
  await declaration.waitFor();
  await declaration.getByRole('heading', { name: 'Người được khai sinh' }).waitFor();
  const row = (title: string) =>
    declaration.getByRole('row', { name: title, exact: false }).first().innerText();
  assert.match(await row('Họ, chữ đệm và tên của trẻ'), /Nguyễn Minh An/);
  assert.match(await row('Ngày, tháng, năm sinh'), /20\/11\/2026/);
  assert.match(await row('Giới tính'), /Nam/);
  assert.match(await row('Quan hệ với người được khai sinh'), /Mẹ/);
  // Field keys and paths never show.
  assert.equal(await page.getByText(/birthDate|child\.|formData/).count(), 0);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
  await page.close();
});
