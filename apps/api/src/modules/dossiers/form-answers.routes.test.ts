import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { DossierView, ErrorBody, SessionInfo, validateEform } from '@motcua/contracts';
import { startSimulators, type RunningSimulators } from '../../integrations/simulators.js';
import { agencyIdByName, TRAN_BIEN_CENTRE } from '../../platform/testing/counter.js';
import { defaultEform, eformAnswers } from '../../platform/testing/eform-answers.js';
import { noPdftotext, pdfText } from '../../platform/testing/files.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { browser, signInThroughSso } from '../../platform/testing/sso-browser.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

// Đăng ký khai sinh: the e-form of issue 15 (data/catalog/eforms/1.001193.json).
const BIRTH = '1.001193';
const ADMIN = { 'x-admin-token': 'motcua-admin-demo' };

let sims: RunningSimulators;
let t: TestApp;
let base: string;
let centre: string;

const { as } = officerInjector(() => t.app.server);

/**
 * The procedure with its default e-form, set as the province would, and a checklist with nothing
 * required (the required components are another test's subject).
 */
async function withDefaultEform(code: string) {
  const local = (await t.app.server.inject({ url: `/api/procedures/${code}` })).json()
    .local as Record<string, unknown>;
  const res = await t.app.server.inject({
    method: 'PUT',
    url: `/api/admin/procedures/${code}/local-config`,
    headers: ADMIN,
    payload: {
      ...local,
      eform: defaultEform(code),
      checklist: [{ name: 'Giấy chứng sinh', required: false, originals: 1, copies: 0 }],
    },
  });
  assert.equal(res.statusCode, 200, res.body);
}

/** A citizen signed in through the simulated VNeID who files online. */
async function citizen(pick: string) {
  const go = browser();
  await signInThroughSso(base, go, { pick });
  const info = SessionInfo.parse(await (await go(`${base}/api/auth/me`)).json());
  return (formData: Record<string, unknown>, key = randomUUID()) =>
    go(`${base}/api/dossiers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': info.csrfToken ?? '',
        'idempotency-key': key,
      },
      body: JSON.stringify({
        procedureCode: BIRTH,
        receivingAgencyId: centre,
        contact: { phone: '0911222333', email: null, address: 'Khu phố 1' },
        formData,
      }),
    });
}

const intake = (formData: Record<string, unknown>) =>
  as('tb.tiepnhan', {
    method: 'POST',
    url: '/api/officer/dossiers',
    key: randomUUID(),
    payload: {
      procedureCode: BIRTH,
      channel: 'direct',
      receivingAgencyId: centre,
      applicant: { name: 'Trần Thị Bích', idNumber: '075195001234' },
      formData,
      received: [{ name: 'Tờ khai đăng ký khai sinh', originals: 1 }],
    },
  });

before(async () => {
  sims = await startSimulators({ basePort: 0 });
  t = await createTestApp({ VNEID_ISSUER_URL: sims.urls['vneid-sso'] });
  await t.app.server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.server.address() as AddressInfo).port}`;
  centre = await agencyIdByName(t.app.server, TRAN_BIEN_CENTRE);
  await withDefaultEform(BIRTH);
});
after(async () => {
  await t?.close();
  await sims?.close();
});

describe('default e-forms (data/catalog/eforms)', () => {
  test('each is a schema the validator reads, with a Vietnamese title on every field', () => {
    const dir = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../../../../../data/catalog/eforms',
    );
    const codes = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    assert.deepEqual(codes.sort(), [
      '1.000656',
      '1.000894',
      '1.001193',
      '1.001612',
      '1.004873',
      '2.000815',
    ]);
    for (const code of codes) {
      const schema = defaultEform(code);
      assert.deepEqual(
        validateEform(schema, eformAnswers(code), { today: '2026-11-23' }),
        [],
        code,
      );
      assert.ok(
        validateEform(schema, {}, { today: '2026-11-23' }).length > 0,
        `${code}: {} passes`,
      );
      const untitled: string[] = [];
      const walk = (node: Record<string, unknown>, at: string) => {
        for (const [key, child] of Object.entries(
          (node['properties'] ?? {}) as Record<string, Record<string, unknown>>,
        )) {
          if (typeof child['title'] !== 'string') untitled.push(`${at}${key}`);
          walk(child, `${at}${key}.`);
          if (child['items']) walk(child['items'] as Record<string, unknown>, `${at}${key}[].`);
        }
      };
      walk(schema, '');
      assert.deepEqual(untitled, [], code);
    }
  });
});

describe('e-form answers on filing (issue 15, item 2)', () => {
  test('online: a wrong answer is refused naming the field in words; nothing is filed', async () => {
    const file = await citizen('citizen:0');
    const answers = eformAnswers(BIRTH);
    (answers['child'] as Record<string, unknown>)['birthDate'] = '2026-11-30';
    delete (answers['mother'] as Record<string, unknown>)['fullName'];
    const before = await t.db.database.pool.query('SELECT count(*)::int AS n FROM dos_dossier');
    const res = await file(answers);
    assert.equal(res.status, 400);
    const body = ErrorBody.parse(await res.json());
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(body.error.issues, [
      {
        path: 'formData.child.birthDate',
        message: 'Ngày, tháng, năm sinh không được sau ngày hôm nay',
      },
      { path: 'formData.mother.fullName', message: 'Chưa nhập họ, chữ đệm và tên của mẹ' },
    ]);
    assert.equal(body.error.message, 'Có 2 thông tin chưa hợp lệ.');
    const afterwards = await t.db.database.pool.query('SELECT count(*)::int AS n FROM dos_dossier');
    assert.equal(afterwards.rows[0].n, before.rows[0].n, 'no dossier was filed');

    const one = eformAnswers(BIRTH);
    (one['declarant'] as Record<string, unknown>)['idNumber'] = '0751950012';
    const single = ErrorBody.parse(await (await file(one)).json());
    assert.equal(
      single.error.message,
      'Số định danh cá nhân người đi đăng ký phải gồm đúng 12 chữ số',
    );
  });

  test('online: no answers at all is refused (the e-form is the declaration)', async () => {
    const res = await (await citizen('citizen:0'))({});
    assert.equal(res.status, 400);
    const issues = ErrorBody.parse(await res.json()).error.issues ?? [];
    assert.ok(
      issues.some(
        (i) =>
          i.path === 'formData.child.fullName' &&
          i.message === 'Chưa nhập họ, chữ đệm và tên của trẻ',
      ),
      JSON.stringify(issues),
    );
  });

  test('online: good answers are stored and shown with their titles', async () => {
    const res = await (await citizen('citizen:0'))(eformAnswers(BIRTH));
    assert.equal(res.status, 201, await res.clone().text());
    const filed = DossierView.parse(await res.json());
    const stored = await t.db.database.pool.query(
      'SELECT form_data FROM dos_dossier WHERE code = $1',
      [filed.code],
    );
    assert.deepEqual(stored.rows[0].form_data, eformAnswers(BIRTH));
    const officerView = DossierView.parse(
      (await as('tb.tiepnhan', { url: `/api/dossiers/${filed.code}` })).json(),
    );
    const child = officerView.formAnswers.find((s) => s.heading === 'Người được khai sinh');
    assert.deepEqual(child?.rows.slice(0, 3), [
      { title: 'Họ, chữ đệm và tên của trẻ', value: 'Nguyễn Minh An' },
      { title: 'Giới tính', value: 'Nam' },
      { title: 'Ngày, tháng, năm sinh', value: '20/11/2026' },
    ]);
    assert.ok(
      officerView.formAnswers.some((s) =>
        s.rows.some((r) => r.title === 'Quan hệ với người được khai sinh' && r.value === 'Mẹ'),
      ),
    );
  });

  test('counter: a paper declaration ({}) is accepted; typed answers are checked', async () => {
    const paper = await intake({});
    assert.equal(paper.statusCode, 201, paper.body);
    assert.deepEqual(DossierView.parse(paper.json()).formAnswers, []);

    const wrong = eformAnswers(BIRTH);
    (wrong['child'] as Record<string, unknown>)['gender'] = 'unknown';
    const refused = await intake(wrong);
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(ErrorBody.parse(refused.json()).error.issues, [
      { path: 'formData.child.gender', message: 'Chọn giới tính trong danh sách' },
    ]);
  });

  test('a broken e-form (the province’s to fix) is a Vietnamese 409, not a 500', async () => {
    const local = (await t.app.server.inject({ url: `/api/procedures/${BIRTH}` })).json()
      .local as Record<string, unknown>;
    const put = (eform: unknown) =>
      t.app.server.inject({
        method: 'PUT',
        url: `/api/admin/procedures/${BIRTH}/local-config`,
        headers: ADMIN,
        payload: { ...local, eform },
      });
    const broken = { type: 'object', properties: { a: { type: 'string', pattern: '[' } } };
    assert.equal((await put(broken)).statusCode, 200);
    try {
      const res = await intake({ a: 'x' });
      assert.equal(res.statusCode, 409, res.body);
      assert.match(ErrorBody.parse(res.json()).error.message, /Tờ khai điện tử .* lỗi cấu hình/);
    } finally {
      assert.equal((await put(defaultEform(BIRTH))).statusCode, 200);
    }
  });

  test('the receipt (form 01) lists the declaration', { skip: noPdftotext }, async () => {
    const res = await intake(eformAnswers(BIRTH));
    assert.equal(res.statusCode, 201, res.body);
    const { code } = DossierView.parse(res.json());
    const pdf = await as('tb.tiepnhan', { url: `/api/dossiers/${code}/forms/receipt` });
    assert.equal(pdf.statusCode, 200);
    const text = pdfText(pdf.rawPayload);
    for (const line of [
      'Thông tin tờ khai:',
      'Người được khai sinh',
      'Họ, chữ đệm và tên của trẻ Nguyễn Minh An',
      'Ngày, tháng, năm sinh 20/11/2026',
      'Giới tính Nam',
    ]) {
      assert.ok(text.includes(line), `${line}\n— in —\n${text}`);
    }
  });
});
