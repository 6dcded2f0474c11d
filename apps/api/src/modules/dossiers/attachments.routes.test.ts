import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  AgencyListResponse,
  AttachmentView,
  DossierView,
  DraftView,
  ErrorBody,
  OfficerList,
  ReadLogList,
  SessionInfo,
} from '@motcua/contracts';
import { startSimulators, type RunningSimulators } from '../../integrations/simulators.js';
import { samplePdf, samplePng, sampleText } from '../../platform/testing/files.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { browser, signInThroughSso } from '../../platform/testing/sso-browser.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const PROCEDURE = '1.004837';
const MAX = 64 * 1024;

let sims: RunningSimulators;
let t: TestApp;
let base: string;
let tranBienCentre: string;

const { as } = officerInjector(() => t.app.server);

/** A citizen in a browser through the simulated VNeID: fetch with the session and CSRF token. */
async function citizen(pick: string) {
  const go = browser();
  await signInThroughSso(base, go, { pick });
  const info = SessionInfo.parse(await (await go(`${base}/api/auth/me`)).json());
  const call = (path: string, init: RequestInit & { key?: string } = {}) =>
    go(`${base}${path}`, {
      ...init,
      headers: {
        'x-csrf-token': info.csrfToken ?? '',
        ...(init.key ? { 'idempotency-key': init.key } : {}),
        ...(init.headers as Record<string, string>),
      },
    });
  return { call, info };
}
type Citizen = Awaited<ReturnType<typeof citizen>>;

const upload = (c: Citizen, path: string, fileName: string, bytes: Buffer, extra = {}) =>
  c.call(`${path}?${new URLSearchParams({ fileName, ...extra })}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });

const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

before(async () => {
  sims = await startSimulators({ basePort: 0 });
  t = await createTestApp({
    VNEID_ISSUER_URL: sims.urls['vneid-sso'],
    UPLOAD_MAX_BYTES: String(MAX),
  });
  await t.app.server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.server.address() as AddressInfo).port}`;
  const agency = async (q: string) => {
    const res = await t.app.server.inject({ url: '/api/agencies', query: { q } });
    return AgencyListResponse.parse(res.json()).items.find((a) => a.name === q)!.id;
  };
  tranBienCentre = await agency('Trung tâm Phục vụ hành chính công Phường Trấn Biên');
  // The ward's specialist works across the People's Committee (granted by the province).
  const officers = OfficerList.parse(
    (await as('qt.tinh', { url: '/api/admin/identity/officers' })).json(),
  );
  const specialist = officers.items.find((o) => o.username === 'tb.chuyenvien')!;
  const grant = await as('qt.tinh', {
    method: 'POST',
    url: `/api/admin/identity/accounts/${specialist.id}/roles`,
    payload: {
      role: 'specialist',
      scope: 'agency',
      agencyId: await agency('Ủy ban nhân dân Phường Trấn Biên'),
    },
  });
  assert.equal(grant.statusCode, 200, grant.body);
});
after(async () => {
  await t?.close();
  await sims?.close();
});

let filed: DossierView;
let owner: Citizen;

describe('online filing with files', () => {
  test('upload to a draft; the draft survives a new sign-in; submitting moves the files once', async () => {
    owner = await citizen('citizen:0');
    const draftPath = `/api/my/drafts/${PROCEDURE}`;
    assert.equal((await owner.call(draftPath)).status, 404, 'no draft yet');
    const saved = await owner.call(draftPath, {
      method: 'PUT',
      ...json({
        receivingAgencyId: tranBienCentre,
        contact: { phone: '0911222333' },
        formData: { a: 1 },
      }),
    });
    assert.equal(saved.status, 200, await saved.clone().text());
    const up = await upload(owner, `${draftPath}/files`, 'to-khai.pdf', samplePdf(), {
      component: 'Tờ khai đăng ký giám hộ',
    });
    assert.equal(up.status, 201, await up.clone().text());
    const file = AttachmentView.parse(await up.json());
    assert.equal(file.contentType, 'application/pdf');
    assert.match(file.sha256, /^[0-9a-f]{64}$/);

    // A new sign-in (another browser) finds the same draft with its file.
    const again = await citizen('citizen:0');
    const draft = DraftView.parse(await (await again.call(draftPath)).json());
    assert.equal(draft.receivingAgencyId, tranBienCentre);
    assert.deepEqual(draft.formData, { a: 1 });
    assert.deepEqual(
      draft.attachments.map((a) => a.fileName),
      ['to-khai.pdf'],
    );
    const bytes = await again.call(draft.attachments[0]!.url);
    assert.equal(bytes.status, 200);
    assert.deepEqual(Buffer.from(await bytes.arrayBuffer()), samplePdf());

    const key = randomUUID();
    const submit = () =>
      again.call('/api/dossiers', {
        method: 'POST',
        key,
        ...json({
          procedureCode: PROCEDURE,
          receivingAgencyId: tranBienCentre,
          contact: { phone: '0911222333', email: null, address: null },
          formData: draft.formData,
        }),
      });
    const res = await submit();
    assert.equal(res.status, 201, await res.clone().text());
    filed = DossierView.parse(await res.json());
    assert.deepEqual(
      filed.attachments.map((a) => [a.component, a.fileName, a.purpose]),
      [['Tờ khai đăng ký giám hộ', 'to-khai.pdf', 'filing']],
    );
    assert.equal((await again.call(draftPath)).status, 404, 'the draft is gone');
    // A retried submission returns the same dossier and does not duplicate its files.
    const retried = DossierView.parse(await (await submit()).json());
    assert.equal(retried.code, filed.code);
    assert.equal(retried.attachments.length, 1);
  });

  test('wrong type, too big and fake PDF are 4xx with a Vietnamese message', async () => {
    const path = `/api/my/drafts/${PROCEDURE}/files`;
    const cases: Array<[string, Buffer, number, RegExp]> = [
      ['ghi-chu.txt', sampleText(), 415, /Chỉ nhận tệp PDF/],
      ['gia.pdf', sampleText(), 415, /nội dung không phải PDF/],
      ['lon.pdf', Buffer.concat([samplePdf(), Buffer.alloc(MAX)]), 413, /vượt quá giới hạn/],
      ['rat-lon.pdf', Buffer.alloc(MAX * 3), 413, /vượt quá dung lượng/],
    ];
    for (const [name, bytes, status, message] of cases) {
      const res = await upload(owner, path, name, bytes, { component: 'Khác' });
      assert.equal(res.status, status, name);
      assert.match(ErrorBody.parse(await res.json()).error.message, message, name);
    }
    const missing = await upload(owner, path, 'a.pdf', samplePdf());
    assert.equal(missing.status, 400);
    assert.match(await missing.text(), /thành phần hồ sơ/);
    // An officer has no draft.
    const officer = await as('tb.tiepnhan', {
      method: 'PUT',
      url: `/api/my/drafts/${PROCEDURE}`,
      payload: {},
    });
    assert.equal(officer.statusCode, 403);
  });
});

describe('supplement with files', () => {
  test('the citizen supplements online with a file once; a second supplement is refused', async () => {
    const path = `/api/dossiers/${filed.code}/files`;
    const early = await upload(owner, path, 'bo-sung.pdf', samplePdf(), {
      component: 'Giấy tờ cư trú',
      purpose: 'supplement',
    });
    assert.equal(early.status, 409, 'no supplement was asked for');
    assert.match(await early.text(), /chờ bổ sung/);

    for (const [who, payload] of [
      ['tb.tiepnhan', { kind: 'receive' }],
      // At receipt the step is the counter's: it asks for the supplement.
      [
        'tb.tiepnhan',
        { kind: 'request_supplement', items: ['Giấy tờ cư trú'], reason: 'Thiếu giấy tờ cư trú' },
      ],
    ] as const) {
      const res = await as(who, {
        method: 'POST',
        url: `/api/dossiers/${filed.code}/actions`,
        key: randomUUID(),
        payload,
      });
      assert.equal(res.statusCode, 200, res.body);
    }
    const asked = DossierView.parse(await (await owner.call(`/api/dossiers/${filed.code}`)).json());
    assert.deepEqual(asked.supplementRequest?.items, ['Giấy tờ cư trú']);

    const up = await upload(owner, path, 'bo-sung.png', samplePng(), {
      component: 'Giấy tờ cư trú',
      purpose: 'supplement',
    });
    assert.equal(up.status, 201, await up.clone().text());
    const wrongPurpose = await upload(owner, path, 'kq.pdf', samplePdf(), {
      component: 'Kết quả',
      purpose: 'result',
    });
    assert.equal(wrongPurpose.status, 403, 'applicants upload supplements only');

    const supplement = () =>
      owner.call(`/api/dossiers/${filed.code}/actions`, {
        method: 'POST',
        key: randomUUID(),
        ...json({ kind: 'supplement' }),
      });
    const done = await supplement();
    assert.equal(done.status, 200, await done.clone().text());
    const view = DossierView.parse(await done.json());
    const seq = view.timeline.at(-1)!.seq;
    const added = view.attachments.find((a) => a.purpose === 'supplement');
    assert.equal(added?.actionSeq, seq, 'the file belongs to the supplement action');
    assert.equal(added?.digitised, false);

    const second = await supplement();
    assert.equal(second.status, 409);
    const late = await upload(owner, path, 'lan-hai.pdf', samplePdf(), {
      component: 'Giấy tờ cư trú',
      purpose: 'supplement',
    });
    assert.equal(late.status, 409);
  });
});

describe('counter intake and results', () => {
  let counter: DossierView;
  test('an officer files at the counter and uploads scans flagged as digitised', async () => {
    const res = await as('tb.tiepnhan', {
      method: 'POST',
      url: '/api/officer/dossiers',
      key: randomUUID(),
      payload: {
        procedureCode: PROCEDURE,
        channel: 'postal',
        postalRef: 'EB000111222VN',
        receivingAgencyId: tranBienCentre,
        applicant: { name: 'Trần Văn Bưu', idNumber: '075190009999' },
        received: [{ name: 'Tờ khai đăng ký giám hộ', originals: 1, copies: 0 }],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    counter = DossierView.parse(res.json());
    const up = await as('tb.tiepnhan', {
      method: 'POST',
      url: `/api/dossiers/${counter.code}/files`,
      query: { fileName: 'scan.pdf', component: 'Tờ khai', digitised: 'true' },
      headers: { 'content-type': 'application/octet-stream' },
      payload: samplePdf('bản quét'),
    });
    assert.equal(up.statusCode, 201, up.body);
    assert.equal(AttachmentView.parse(up.json()).digitised, true);
    const other = await as('bp.tiepnhan', {
      method: 'POST',
      url: `/api/dossiers/${counter.code}/files`,
      query: { fileName: 'scan.pdf', component: 'Tờ khai' },
      headers: { 'content-type': 'application/octet-stream' },
      payload: samplePdf(),
    });
    assert.equal(other.statusCode, 404, 'another ward does not see it');
  });

  test('the electronic result is uploaded before complete and claimed by it', async () => {
    const result = await as('tb.chuyenvien', {
      method: 'POST',
      url: `/api/dossiers/${counter.code}/files`,
      query: { fileName: 'ket-qua.pdf', component: 'Kết quả giải quyết', purpose: 'result' },
      headers: { 'content-type': 'application/octet-stream' },
      payload: samplePdf('kết quả'),
    });
    assert.equal(result.statusCode, 201, result.body);
    const receiverResult = await as('tb.tiepnhan', {
      method: 'POST',
      url: `/api/dossiers/${counter.code}/files`,
      query: { fileName: 'ket-qua.pdf', component: 'Kết quả', purpose: 'result' },
      headers: { 'content-type': 'application/octet-stream' },
      payload: samplePdf(),
    });
    assert.equal(receiverResult.statusCode, 403, 'results are a processing right');
    // The counter hands it to appraisal, the specialist to the signing step, where the
    // chairman signs: the result the specialist prepared is issued then.
    for (const [who, step] of [
      ['tb.tiepnhan', 'appraise'],
      ['tb.chuyenvien', 'sign'],
    ] as const) {
      const forward = await as(who, {
        method: 'POST',
        url: `/api/dossiers/${counter.code}/actions`,
        key: randomUUID(),
        payload: { kind: 'forward', step },
      });
      assert.equal(forward.statusCode, 200, forward.body);
    }
    const complete = await as('tb.chutich', {
      method: 'POST',
      url: `/api/dossiers/${counter.code}/actions`,
      key: randomUUID(),
      payload: { kind: 'complete', resultCode: 'KQ.1' },
    });
    assert.equal(complete.statusCode, 200, complete.body);
    const view = DossierView.parse(complete.json());
    const file = view.attachments.find((a) => a.purpose === 'result');
    assert.equal(file?.actionSeq, view.timeline.at(-1)!.seq);
  });
});

describe('download access and the read log', () => {
  test('owner yes, another citizen 404, another ward 404; officers’ reads are logged', async () => {
    const file = filed.attachments[0]!;
    const mine = await owner.call(file.url);
    assert.equal(mine.status, 200);
    assert.equal(mine.headers.get('content-type'), 'application/pdf');
    const receipt = await owner.call(`/api/dossiers/${filed.code}/forms/receipt`);
    assert.equal(receipt.status, 200, 'the applicant downloads their own receipt');
    assert.equal(receipt.headers.get('content-type'), 'application/pdf');

    const stranger = await citizen('citizen:1');
    assert.equal((await stranger.call(file.url)).status, 404);
    assert.equal((await as('bp.tiepnhan', { url: file.url })).statusCode, 404);

    const officerRead = await as('tb.tiepnhan', { url: file.url });
    assert.equal(officerRead.statusCode, 200);
    assert.deepEqual(officerRead.rawPayload, samplePdf());
    await as('tb.tiepnhan', { url: `/api/dossiers/${filed.code}` });
    await as('tb.tiepnhan', { url: `/api/dossiers/${filed.code}/forms/receipt` });

    const reads = await as('tb.thanhtra', { url: `/api/dossiers/${filed.code}/reads` });
    assert.equal(reads.statusCode, 200, reads.body);
    const log = ReadLogList.parse(reads.json());
    const whats = log.items.map((i) => i.what);
    for (const what of ['dossier', 'attachment', 'form'] as const) {
      assert.ok(whats.includes(what), what);
    }
    assert.ok(
      log.items.every((i) => i.accountId !== owner.info.account.id),
      'owner not logged',
    );
    assert.ok(
      log.items.every((i) => i.requestId),
      'request ids kept',
    );
    assert.ok(log.items.some((i) => i.detail === 'to-khai.pdf'));

    assert.equal(
      (await as('tb.tiepnhan', { url: `/api/dossiers/${filed.code}/reads` })).statusCode,
      404,
      'a receiving officer does not audit',
    );
    assert.equal(
      (await as('bp.thanhtra', { url: `/api/dossiers/${filed.code}/reads` })).statusCode,
      404,
      'an inspector of another ward does not see it',
    );
  });
});

describe('uploaded file names (issue 13 item 7)', () => {
  let code: string;
  const scan = (fileName: string, bytes = samplePdf()) =>
    as('tb.tiepnhan', {
      method: 'POST',
      url: `/api/dossiers/${code}/files`,
      query: { fileName, component: 'Tờ khai' },
      headers: { 'content-type': 'application/octet-stream' },
      payload: bytes,
    });

  before(async () => {
    const res = await as('tb.tiepnhan', {
      method: 'POST',
      url: '/api/officer/dossiers',
      key: randomUUID(),
      payload: {
        procedureCode: PROCEDURE,
        channel: 'direct',
        receivingAgencyId: tranBienCentre,
        applicant: { name: 'Đỗ Thị Tên', idNumber: '075190008888' },
        received: [{ name: 'Tờ khai đăng ký giám hộ', originals: 1, copies: 0 }],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    code = DossierView.parse(res.json()).code;
  });

  test('names are stored without bidi controls or markup, cut to 150 characters, Vietnamese intact', async () => {
    const cases: Array<[string, string]> = [
      ['<img src=x onerror=alert(1)>.pdf', 'img src=x onerror=alert(1).pdf'],
      [`${'a'.repeat(246)}.pdf`, `${'a'.repeat(146)}.pdf`],
      ['Giấy chứng sinh.pdf', 'Giấy chứng sinh.pdf'],
      ['\u202Efdp.pdf', 'fdp.pdf'],
    ];
    for (const [sent, stored] of cases) {
      const res = await scan(sent);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(AttachmentView.parse(res.json()).fileName, stored);
    }
    const view = DossierView.parse(
      (await as('tb.tiepnhan', { url: `/api/dossiers/${code}` })).json(),
    );
    assert.deepEqual(
      view.attachments.map((a) => a.fileName).sort(),
      cases.map(([, stored]) => stored).sort(),
    );
    // An executable dressed up by U+202E is refused, and the message shows its real name.
    const exe = await scan('\u202Egpj.exe');
    assert.equal(exe.statusCode, 415);
    const message = ErrorBody.parse(exe.json()).error.message;
    assert.match(message, /"gpj\.exe"/);
    assert.doesNotMatch(message, /\u202E/);
  });

  test('downloads are attachments with an ASCII fallback, the UTF-8 name and nosniff', async () => {
    const view = DossierView.parse(
      (await as('tb.tiepnhan', { url: `/api/dossiers/${code}` })).json(),
    );
    const byName = (name: string) => view.attachments.find((a) => a.fileName === name)!;
    const birth = await as('tb.tiepnhan', { url: byName('Giấy chứng sinh.pdf').url });
    assert.equal(birth.statusCode, 200);
    assert.equal(
      birth.headers['content-disposition'],
      `attachment; filename="Giay chung sinh.pdf"; filename*=UTF-8''Gi%E1%BA%A5y%20ch%E1%BB%A9ng%20sinh.pdf`,
    );
    assert.equal(birth.headers['x-content-type-options'], 'nosniff');
    const markup = await as('tb.tiepnhan', { url: byName('img src=x onerror=alert(1).pdf').url });
    assert.equal(
      markup.headers['content-disposition'],
      `attachment; filename="img src=x onerror=alert(1).pdf"; filename*=UTF-8''img%20src%3Dx%20onerror%3Dalert%281%29.pdf`,
    );
  });
});
