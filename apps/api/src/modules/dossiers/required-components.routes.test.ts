import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DossierQueue, DossierView, ErrorBody, SessionInfo } from '@motcua/contracts';
import { startSimulators, type RunningSimulators } from '../../integrations/simulators.js';
import { agencyIdByName, TRAN_BIEN_CENTRE } from '../../platform/testing/counter.js';
import { eformAnswers } from '../../platform/testing/eform-answers.js';
import { samplePdf } from '../../platform/testing/files.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { browser, signInThroughSso } from '../../platform/testing/sso-browser.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

let sims: RunningSimulators;
let t: TestApp;
let base: string;
let centre: string;
const { as } = officerInjector(() => t.app.server);

before(async () => {
  sims = await startSimulators({ basePort: 0 });
  t = await createTestApp({ VNEID_ISSUER_URL: sims.urls['vneid-sso'] });
  await t.app.server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.server.address() as AddressInfo).port}`;
  centre = await agencyIdByName(t.app.server, TRAN_BIEN_CENTRE);
});
after(async () => {
  await t?.close();
  await sims?.close();
});

/** A citizen signed in through the simulated VNeID, with the filing page's three calls. */
async function citizen(pick: string) {
  const go = browser();
  await signInThroughSso(base, go, { pick });
  const info = SessionInfo.parse(await (await go(`${base}/api/auth/me`)).json());
  const headers = { 'x-csrf-token': info.csrfToken ?? '' };
  return {
    upload: async (code: string, component: string) => {
      const query = new URLSearchParams({ fileName: 'ban-chup.pdf', component });
      const res = await go(`${base}/api/my/drafts/${code}/files?${query}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(samplePdf(component)),
      });
      assert.equal(res.status, 201, await res.text());
    },
    file: async (code: string) => {
      const res = await go(`${base}/api/dossiers`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body: JSON.stringify({
          procedureCode: code,
          receivingAgencyId: centre,
          contact: { phone: '0911222333', email: null, address: null },
          formData: eformAnswers(code),
        }),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    },
    mine: async () =>
      DossierQueue.parse(await (await go(`${base}/api/my/dossiers`)).json()).items.length,
  };
}

describe('online: every required component uploaded before a code is given', () => {
  test('khai sinh without the birth certificate is refused, linked to its slot; nothing filed', async () => {
    const c = await citizen('citizen:0');
    const before = await c.mine();
    const refused = await c.file('1.001193');
    assert.equal(refused.status, 400);
    const { error } = ErrorBody.parse(refused.body);
    assert.equal(error.code, 'VALIDATION_FAILED');
    // The declaration is the e-form (answered); the birth certificate is the 2nd item.
    assert.deepEqual(error.issues, [
      { path: 'components.1', message: 'Chưa tải lên "Giấy chứng sinh"' },
    ]);
    assert.equal(error.message, 'Chưa tải lên "Giấy chứng sinh"');
    assert.equal(await c.mine(), before, 'no dossier was filed');

    // A file under another name does not stand for it.
    await c.upload('1.001193', 'Khác');
    assert.equal((await c.file('1.001193')).status, 400);

    await c.upload('1.001193', 'Giấy chứng sinh');
    const filed = await c.file('1.001193');
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    const dossier = DossierView.parse(filed.body);
    assert.deepEqual(dossier.attachments.map((a) => a.component).sort(), [
      'Giấy chứng sinh',
      'Khác',
    ]);
    assert.equal(await c.mine(), before + 1);
  });

  test('without an e-form the declaration itself must be uploaded (giám hộ)', async () => {
    const c = await citizen('citizen:1');
    const refused = await c.file('1.004837');
    assert.equal(refused.status, 400);
    assert.deepEqual(ErrorBody.parse(refused.body).error.issues, [
      { path: 'components.0', message: 'Chưa tải lên "Tờ khai đăng ký giám hộ"' },
    ]);
    await c.upload('1.004837', 'Tờ khai đăng ký giám hộ');
    assert.equal((await c.file('1.004837')).status, 201);
  });
});

describe('counter: the officer records every required component as received', () => {
  const intake = (payload: Record<string, unknown>) =>
    as('tb.tiepnhan', {
      method: 'POST',
      url: '/api/officer/dossiers',
      key: randomUUID(),
      payload: {
        procedureCode: '1.001193',
        channel: 'direct',
        receivingAgencyId: centre,
        applicant: { name: 'Vũ Thị Lan', idNumber: '075190007777' },
        ...payload,
      },
    });

  test('nothing received: one issue per missing component, none named by a field path', async () => {
    const res = await intake({});
    assert.equal(res.statusCode, 400);
    const { error } = ErrorBody.parse(res.json());
    assert.equal(error.message, 'Có 2 thông tin chưa hợp lệ.');
    assert.deepEqual(error.issues, [
      { path: 'components.0', message: 'Chưa ghi nhận đã nhận "Tờ khai đăng ký khai sinh"' },
      { path: 'components.1', message: 'Chưa ghi nhận đã nhận "Giấy chứng sinh"' },
    ]);
  });

  test('only the conditional papers ticked is still incomplete', async () => {
    const res = await intake({
      received: [
        { name: 'Tờ khai đăng ký khai sinh', originals: 1 },
        { name: 'Văn bản ủy quyền', originals: 1 },
      ],
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      ErrorBody.parse(res.json()).error.issues?.map((i) => i.path),
      ['components.1'],
    );
  });

  test('the required ones received (names as the officer typed them) is a dossier', async () => {
    const res = await intake({
      received: [
        { name: 'tờ khai đăng ký khai sinh', originals: 1 },
        { name: 'Giấy chứng sinh.', originals: 1 },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(DossierView.parse(res.json()).statusCode, 2);
  });

  test('refused on the spot, an incomplete dossier gets its refusal slip', async () => {
    const res = await intake({ refusal: { reason: 'Thiếu Giấy chứng sinh' } });
    assert.equal(res.statusCode, 201, res.body);
  });
});
