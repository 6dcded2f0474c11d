import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import {
  ErrorBody,
  ReviewBatch,
  ReviewItemList,
  ReviewProgress,
  RunOnReport,
} from '@motcua/contracts';
import { signInOfficer } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

let t: TestApp;
const ADMIN = { 'x-admin-token': 'test-admin-token-456' };
before(async () => {
  t = await createTestApp({ ADMIN_TOKEN: ADMIN['x-admin-token'] });
});
after(async () => {
  await t.close();
});

const inject = (opts: string | InjectOptions) => t.app.server.inject(opts);
/** The review tables are the back office's (issue 13, item 7): read here with the admin token. */
const backOffice = (url: string) => inject({ url, headers: ADMIN });

test('table (a): every department, procedures on the ministry system vs here, from the data', async () => {
  const before = RunOnReport.parse((await inject('/api/catalog/reports/run-on')).json());
  assert.equal(before.rows.length, 12, 'the 12 departments of the seed letters');
  const justice = before.rows.find((r) => r.department === 'Sở Tư pháp');
  assert.ok(justice && justice.onProvince > 200, 'justice procedures owned by Sở Tư pháp');
  assert.equal(justice.onMinistry, 0);

  const put = await inject({
    method: 'PUT',
    url: '/api/admin/procedures/1.001193/local-config',
    headers: ADMIN,
    payload: {
      runOn: 'ministry',
      cutoverDate: '2026-01-25',
      ministrySystemUrl: 'https://dichvucong.moj.gov.vn',
      handlingAgencyId: null,
      localFeeDecision: null,
      boundaryFree: true,
      onlineLevel: 'full',
      eform: null,
      checklist: [],
    },
  });
  assert.equal(put.statusCode, 200, put.body);
  const after = RunOnReport.parse((await inject('/api/catalog/reports/run-on')).json());
  // The handling agency was cleared by this edit, so the procedure left Sở Tư pháp's count.
  const justiceAfter = after.rows.find((r) => r.department === 'Sở Tư pháp');
  assert.equal(justiceAfter?.onProvince, justice.onProvince - 1);
});

test('a review round: ĐC needs items, KĐC does not; table (b) counts them per department', async () => {
  const created = await inject({
    method: 'POST',
    url: '/api/admin/catalog/reviews',
    headers: ADMIN,
    payload: { name: 'Đợt 1' },
  });
  assert.equal(created.statusCode, 201, created.body);
  const batch = ReviewBatch.parse(created.json());
  assert.ok(batch.items > 1000);

  const items = ReviewItemList.parse(
    (await backOffice(`/api/catalog/reviews/${batch.id}/items?pending=true`)).json(),
  );
  const justiceItems = items.items.filter((i) => i.department === 'Sở Tư pháp').slice(0, 2);
  assert.equal(justiceItems.length, 2);
  const [first, second] = justiceItems as [(typeof justiceItems)[0], (typeof justiceItems)[0]];

  const noItems = await inject({
    method: 'PUT',
    url: `/api/admin/catalog/reviews/${batch.id}/items/${first.procedureCode}`,
    headers: ADMIN,
    payload: { outcome: 'adjust' },
  });
  assert.equal(noItems.statusCode, 400);
  assert.match(ErrorBody.parse(noItems.json()).error.message, /cần điều chỉnh/);

  for (const [code, payload] of [
    [first.procedureCode, { outcome: 'adjust', adjustItems: ['fees', 'processing_time'] }],
    [second.procedureCode, { outcome: 'no_adjust' }],
  ] as const) {
    const res = await inject({
      method: 'PUT',
      url: `/api/admin/catalog/reviews/${batch.id}/items/${code}`,
      headers: ADMIN,
      payload,
    });
    assert.equal(res.statusCode, 204, res.body);
  }
  const unguarded = await inject({
    method: 'PUT',
    url: `/api/admin/catalog/reviews/${batch.id}/items/${second.procedureCode}`,
    payload: { outcome: 'no_adjust' },
  });
  assert.equal(unguarded.statusCode, 401);

  const progress = ReviewProgress.parse(
    (await backOffice(`/api/catalog/reviews/${batch.id}/progress`)).json(),
  );
  const row = progress.rows.find((r) => r.department === 'Sở Tư pháp');
  assert.ok(row);
  assert.equal(row.adjust, 1);
  assert.equal(row.noAdjust, 1);
  assert.equal(row.reviewed, 2);
  assert.equal(row.remaining, row.total - 2);
  assert.equal(progress.total.reviewed, 2);

  const xlsx = await backOffice(`/api/catalog/reviews/${batch.id}/progress?format=xlsx`);
  assert.equal(xlsx.statusCode, 200);
  assert.match(String(xlsx.headers['content-disposition']), /ra-soat-dot-\d+\.xlsx/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const texts: string[] = [];
  book.worksheets[0]?.eachRow((r) => r.eachCell((c) => texts.push(String(c.value))));
  assert.ok(texts.includes('Sở Tư pháp'));
  assert.ok(texts.includes('Rà soát - ĐC'));

  const pdf = await inject(`/api/catalog/reports/run-on?format=pdf`);
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 4).toString(), '%PDF');
});

test('unknown round is a 404, bad format a 400', async () => {
  const missing = await backOffice('/api/catalog/reviews/999/progress');
  assert.equal(missing.statusCode, 404);
  assert.match(ErrorBody.parse(missing.json()).error.message, /đợt rà soát/);
  const bad = await inject('/api/catalog/reports/run-on?format=doc');
  assert.equal(bad.statusCode, 400);
});

test('the review tables are for officers: anonymous 401, a signed-in officer 200', async () => {
  for (const url of ['/api/catalog/reviews', '/api/catalog/reviews/1/items']) {
    const anonymous = await inject(url);
    assert.equal(anonymous.statusCode, 401, url);
    assert.match(ErrorBody.parse(anonymous.json()).error.message, /đăng nhập/);
  }
  const officer = await signInOfficer(t.app.server, 'tb.tiepnhan');
  const res = await inject({ url: '/api/catalog/reviews', headers: { cookie: officer.cookie } });
  assert.equal(res.statusCode, 200, res.body);
  // The run-on report stays public: it tells citizens where each procedure is filed.
  assert.equal((await inject('/api/catalog/reports/run-on')).statusCode, 200);
});
