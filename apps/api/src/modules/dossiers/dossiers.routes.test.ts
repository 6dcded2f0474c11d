import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  AfterCutoverReport,
  AgencyListResponse,
  DossierLookup,
  DossierQueue,
  DossierView,
  ErrorBody,
  OfficerList,
  SessionInfo,
} from '@motcua/contracts';
import ExcelJS from 'exceljs';
import { startSimulators, type RunningSimulators } from '../../integrations/simulators.js';
import { receivedRequired, uploadRequiredToDraft } from '../../platform/testing/components.js';
import { browser, signInThroughSso } from '../../platform/testing/sso-browser.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';
import { codeDay } from './dossier-code.js';

// Đăng ký giám hộ: commune level, 3 working days on every channel, cleanly stated in the catalogue.
const PROCEDURE = '1.004837';

let sims: RunningSimulators;
let t: TestApp;
let base: string;
let tranBienCentre: string;
let tranBienCommittee: string;
let binhPhuocCentre: string;

const { officer, as } = officerInjector(() => t.app.server);

/** The client address of most lookups here; the lookup's own limit is counted per address. */
const ANYONE = '203.0.113.20';
const lookupAs = (remoteAddress: string, query: { code: string; verify?: string }) =>
  t.app.server.inject({ url: '/api/dossiers/lookup', query, remoteAddress });

async function agencyId(q: string): Promise<string> {
  const res = await t.app.server.inject({ url: '/api/agencies', query: { q } });
  const list = AgencyListResponse.parse(res.json());
  const found = list.items.find((a) => a.name === q);
  assert.ok(found, q);
  return found.id;
}

const intake = async (key: string, overrides: Record<string, unknown> = {}) =>
  as('tb.tiepnhan', {
    method: 'POST',
    url: '/api/officer/dossiers',
    key,
    payload: {
      procedureCode: PROCEDURE,
      channel: 'direct',
      receivingAgencyId: tranBienCentre,
      applicant: { name: 'Lê Thị Thu Hà', idNumber: '075190001234', phone: '0909123456' },
      received: await receivedRequired(
        (url) => t.app.server.inject(url),
        String(overrides['procedureCode'] ?? PROCEDURE),
      ),
      ...overrides,
    },
  });

/** A test citizen signed in through the simulated VNeID, and online filing in their name. */
async function citizenFiling(pick: string) {
  const go = browser();
  await signInThroughSso(base, go, { pick });
  const info = SessionInfo.parse(await (await go(`${base}/api/auth/me`)).json());
  const file = async (procedureCode: string, key: string) => {
    // A complete dossier: the required components uploaded to the draft first.
    await uploadRequiredToDraft(go, base, info.csrfToken ?? '', procedureCode);
    return go(`${base}/api/dossiers`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': info.csrfToken ?? '',
        'idempotency-key': key,
      },
      body: JSON.stringify({
        procedureCode,
        receivingAgencyId: tranBienCentre,
        contact: { phone: '0911222333', email: null, address: 'Khu phố 1' },
        formData: { ghiChu: 'Nộp thử' },
      }),
    });
  };
  return { go, info, file };
}

/** Moves a procedure to a ministry's system from a cutover date, as the province would. */
async function moveToMinistry(procedureCode: string, cutoverDate: string) {
  const res = await t.app.server.inject({
    method: 'PUT',
    url: `/api/admin/procedures/${procedureCode}/local-config`,
    headers: { 'x-admin-token': 'motcua-admin-demo' },
    payload: {
      runOn: 'ministry',
      cutoverDate,
      ministrySystemUrl: 'https://dichvucong.moj.gov.vn',
      handlingAgencyId: null,
      localFeeDecision: null,
      boundaryFree: false,
      onlineLevel: 'full',
      eform: null,
      checklist: [],
    },
  });
  assert.equal(res.statusCode, 200, res.body);
}

before(async () => {
  sims = await startSimulators({ basePort: 0 });
  t = await createTestApp({ VNEID_ISSUER_URL: sims.urls['vneid-sso'] });
  await t.app.server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.server.address() as AddressInfo).port}`;
  tranBienCentre = await agencyId('Trung tâm Phục vụ hành chính công Phường Trấn Biên');
  tranBienCommittee = await agencyId('Ủy ban nhân dân Phường Trấn Biên');
  binhPhuocCentre = await agencyId('Trung tâm Phục vụ hành chính công Phường Bình Phước');
});
after(async () => {
  await t?.close();
  await sims?.close();
});

describe('counter intake', () => {
  test('a receiving officer files at the counter: code, receipt, due time', async () => {
    const res = await intake(randomUUID());
    assert.equal(res.statusCode, 201, res.body);
    const dossier = DossierView.parse(res.json());
    const day = codeDay(new Date(dossier.filedAt));
    assert.match(dossier.code, new RegExp(`^000\\.01\\.145\\.H75-${day}-\\d{4}$`));
    assert.equal(dossier.statusCode, 2);
    assert.equal(dossier.statusLabel, 'Được tiếp nhận');
    assert.ok(dossier.dueAt, 'a due time is promised');
    assert.deepEqual(
      dossier.timeline.map((e) => e.label),
      ['Tiếp nhận hồ sơ'],
    );
  });

  test('a retried submission is idempotent', async () => {
    const key = randomUUID();
    const first = DossierView.parse((await intake(key)).json());
    const again = await intake(key);
    assert.equal(again.statusCode, 201);
    assert.equal(DossierView.parse(again.json()).code, first.code);
  });

  test('concurrent intakes get unique, consecutive codes', async () => {
    const results = await Promise.all(Array.from({ length: 16 }, () => intake(randomUUID())));
    assert.deepEqual(
      results.map((r) => r.statusCode),
      Array(16).fill(201),
      results.find((r) => r.statusCode !== 201)?.body,
    );
    const codes = results.map((r) => DossierView.parse(r.json()).code);
    assert.equal(new Set(codes).size, 16);
    const numbers = codes.map((c) => Number(c.split('-').at(-1))).sort((a, b) => a - b);
    assert.equal(numbers.at(-1)! - numbers[0]!, 15, 'no gaps when nothing failed');
  });

  test('the same applicant filing again is warned, not refused', async () => {
    const res = await intake(randomUUID());
    assert.equal(res.statusCode, 201);
    assert.match(
      DossierView.parse(res.json()).warnings[0] ?? '',
      /đang có hồ sơ .* chưa giải quyết xong/,
    );
  });

  test('missing Idempotency-Key and bad applicant data are Vietnamese 400s', async () => {
    const s = await officer('tb.tiepnhan');
    const noKey = await t.app.server.inject({
      method: 'POST',
      url: '/api/officer/dossiers',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
      payload: {
        procedureCode: PROCEDURE,
        channel: 'direct',
        receivingAgencyId: tranBienCentre,
        applicant: { name: 'Lê Văn Tám' },
      },
    });
    assert.equal(noKey.statusCode, 400);
    assert.match(ErrorBody.parse(noKey.json()).error.message, /Idempotency-Key/);
    const bad = await intake(randomUUID(), { applicant: { name: '', idNumber: '12' } });
    assert.equal(bad.statusCode, 400);
    // Two problems (empty name, short ID): each beside its field, by its path; no paths in
    // the message itself.
    const { error } = ErrorBody.parse(bad.json());
    assert.equal(error.message, 'Có 2 thông tin chưa hợp lệ.');
    const idIssue = error.issues?.find((i) => i.path === 'applicant.idNumber');
    assert.match(idIssue?.message ?? '', /Số định danh/);
    assert.ok(error.issues?.some((i) => i.path === 'applicant.name'));
  });

  test('an officer of ward B can neither receive for ward A nor read its dossiers', async () => {
    const foreign = await as('bp.tiepnhan', {
      method: 'POST',
      url: '/api/officer/dossiers',
      key: randomUUID(),
      payload: {
        procedureCode: PROCEDURE,
        channel: 'direct',
        receivingAgencyId: tranBienCentre,
        applicant: { name: 'Phạm Văn Nam' },
      },
    });
    assert.equal(foreign.statusCode, 403);
    const mine = DossierView.parse((await intake(randomUUID())).json());
    const read = await as('bp.tiepnhan', { url: `/api/dossiers/${mine.code}` });
    assert.equal(read.statusCode, 404);
    const own = await as('tb.tiepnhan', { url: `/api/dossiers/${mine.code}` });
    assert.equal(own.statusCode, 200);
    assert.ok(binhPhuocCentre);
  });
});

describe('processing with the legal rules', () => {
  let code: string;
  const act = (username: string, payload: Record<string, unknown>, key = randomUUID()) =>
    as(username, { method: 'POST', url: `/api/dossiers/${code}/actions`, key, payload });

  before(async () => {
    code = DossierView.parse((await intake(randomUUID())).json()).code;
    // The ward's specialist works across the People's Committee (granted by the province).
    const admin = await officer('qt.tinh');
    const officers = OfficerList.parse(
      (
        await t.app.server.inject({
          url: '/api/admin/identity/officers',
          headers: { cookie: admin.cookie },
        })
      ).json(),
    );
    const specialist = officers.items.find((o) => o.username === 'tb.chuyenvien');
    assert.ok(specialist);
    const grant = await as('qt.tinh', {
      method: 'POST',
      url: `/api/admin/identity/accounts/${specialist.id}/roles`,
      payload: { role: 'specialist', scope: 'agency', agencyId: tranBienCommittee },
    });
    assert.equal(grant.statusCode, 200, grant.body);
  });

  test('forward, supplement once, supplement back, sign, return', async () => {
    // Each step's own officer: the counter hands it to appraisal.
    let res = await act('tb.tiepnhan', { kind: 'forward', step: 'appraise' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(DossierView.parse(res.json()).statusCode, 4);

    res = await act('tb.chuyenvien', {
      kind: 'request_supplement',
      items: ['Bản sao giấy tờ chứng minh nơi cư trú'],
      reason: 'Thiếu giấy tờ',
    });
    assert.equal(DossierView.parse(res.json()).statusCode, 5);
    assert.equal(DossierView.parse(res.json()).dueAt, null, 'the clock stands still');

    res = await act('tb.chuyenvien', {
      kind: 'request_supplement',
      items: ['Thêm nữa'],
      reason: 'Lần hai',
    });
    assert.equal(res.statusCode, 409);
    assert.match(ErrorBody.parse(res.json()).error.message, /chỉ yêu cầu bổ sung một lần/);

    res = await act('tb.tiepnhan', { kind: 'supplement' });
    assert.equal(DossierView.parse(res.json()).statusCode, 4);

    // The process has a signing step: the specialist forwards to it, the chairman signs.
    res = await act('tb.chuyenvien', { kind: 'forward', step: 'sign' });
    assert.equal(res.statusCode, 200, res.body);
    res = await act('tb.chutich', { kind: 'complete', resultCode: 'KQ.G15.000010' });
    assert.equal(DossierView.parse(res.json()).statusCode, 9);
    const key = randomUUID();
    res = await act('tb.tiepnhan', { kind: 'return_result', method: 'counter' }, key);
    assert.equal(DossierView.parse(res.json()).statusCode, 10);
    // The same click again: nothing happens twice.
    res = await act('tb.tiepnhan', { kind: 'return_result', method: 'counter' }, key);
    assert.equal(res.statusCode, 200);
    assert.equal(DossierView.parse(res.json()).timeline.length, 7);
  });

  test('the receipt and the control form come out as PDFs with the dossier code', async () => {
    for (const kind of ['receipt', 'control', 'supplement']) {
      const res = await as('tb.tiepnhan', { url: `/api/dossiers/${code}/forms/${kind}` });
      assert.equal(res.statusCode, 200, res.body.slice(0, 200));
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    }
    const foreign = await as('bp.tiepnhan', { url: `/api/dossiers/${code}/forms/receipt` });
    assert.equal(foreign.statusCode, 404);
    const unknown = await as('tb.tiepnhan', { url: `/api/dossiers/${code}/forms/certificate` });
    assert.equal(unknown.statusCode, 400);
  });

  test('the public lookup by code alone shows status, dates and steps, and no one behind them', async () => {
    const res = await lookupAs(ANYONE, { code });
    assert.equal(res.statusCode, 200, res.body);
    const lookup = DossierLookup.parse(res.json());
    assert.equal(lookup.statusLabel, 'Đã trả kết quả');
    assert.equal(lookup.verified, false);
    assert.equal(lookup.verifyRefused, null);
    assert.equal(lookup.applicantMasked, null, 'no name, not even masked');
    assert.doesNotMatch(res.body, /075190001234|0909123456|Lê|L\*/);
    assert.deepEqual(
      lookup.steps.map((s) => s.label),
      [
        'Tiếp nhận hồ sơ',
        'Chuyển xử lý',
        'Yêu cầu bổ sung hồ sơ',
        'Bổ sung hồ sơ',
        'Chuyển xử lý',
        'Đã có kết quả giải quyết',
        'Trả kết quả',
      ],
    );
    const missing = await lookupAs(ANYONE, { code: '000.00.15.H75-991231-0001' });
    assert.equal(missing.statusCode, 404);
    const bad = await lookupAs(ANYONE, { code: 'abc' });
    assert.equal(bad.statusCode, 400);
    assert.match(ErrorBody.parse(bad.json()).error.message, /Mã hồ sơ có dạng/);
  });

  test('the last 4 digits of the ID number or the phone add the name, masked without its length', async () => {
    // Lê Thị Thu Hà, ID 075190001234, phone 0909123456.
    for (const verify of ['1234', '3456']) {
      const lookup = DossierLookup.parse((await lookupAs(ANYONE, { code, verify })).json());
      assert.equal(lookup.verified, true, verify);
      assert.equal(lookup.verifyRefused, null);
      assert.equal(lookup.applicantMasked, 'L*** T*** T*** H***');
    }
    const anonymous = DossierLookup.parse((await lookupAs(ANYONE, { code })).json());
    // A wrong number answers the anonymous view and says only that it did not match: the
    // same answer whether an ID number or a phone number was meant.
    const wrong = ['0000', '1235'].map(async (verify) => {
      const res = await lookupAs(ANYONE, { code, verify });
      assert.equal(res.statusCode, 200, res.body);
      return DossierLookup.parse(res.json());
    });
    for (const answer of await Promise.all(wrong)) {
      assert.deepEqual(answer, { ...anonymous, verifyRefused: 'mismatch' });
    }
    for (const verify of ['12a4', '12345', '']) {
      const res = await lookupAs(ANYONE, { code, verify });
      assert.equal(res.statusCode, 400, verify);
      assert.match(ErrorBody.parse(res.json()).error.message, /4 chữ số cuối/);
    }
  });

  test('5 wrong second factors in an hour, even at once, close the code to the right one for that hour', async () => {
    const filed = DossierView.parse((await intake(randomUUID())).json());
    const from = '192.0.2.44';
    const answers = await Promise.all(
      ['0001', '0002', '0003', '0004', '0005', '0006', '0007'].map((verify) =>
        lookupAs(from, { code: filed.code, verify }),
      ),
    );
    const refusals = answers.map((r) => DossierLookup.parse(r.json()).verifyRefused).sort();
    assert.deepEqual(refusals, [
      'mismatch',
      'mismatch',
      'mismatch',
      'mismatch',
      'too_many_attempts',
      'too_many_attempts',
      'too_many_attempts',
    ]);
    const right = DossierLookup.parse(
      (await lookupAs(from, { code: filed.code, verify: '1234' })).json(),
    );
    assert.equal(right.verified, false, 'the right number is no longer checked');
    assert.equal(right.verifyRefused, 'too_many_attempts');
    assert.equal(right.applicantMasked, null);
    // Other dossiers keep their own count.
    const other = DossierLookup.parse((await lookupAs(from, { code, verify: '1234' })).json());
    assert.equal(other.verified, true);

    // An hour later the code checks the number again.
    await t.app.database.pool.query(
      `UPDATE dos_lookup_guard SET window_start = window_start - interval '61 minutes'
        WHERE dossier_id = $1`,
      [filed.id],
    );
    const later = DossierLookup.parse(
      (await lookupAs(from, { code: filed.code, verify: '1234' })).json(),
    );
    assert.equal(later.verified, true);
    assert.equal(later.applicantMasked, 'L*** T*** T*** H***');
  });

  test('one client IP gets 30 lookups a minute, far fewer than the global limit', async () => {
    const from = '198.51.100.7';
    for (let i = 0; i < 30; i += 1) {
      const res = await lookupAs(from, { code });
      assert.equal(res.statusCode, 200, `lookup ${i + 1}: ${res.body}`);
    }
    const limited = await lookupAs(from, { code, verify: '1234' });
    assert.equal(limited.statusCode, 429);
    assert.equal(ErrorBody.parse(limited.json()).error.code, 'RATE_LIMITED');
    assert.equal((await lookupAs('198.51.100.8', { code })).statusCode, 200, 'others still may');
    const queue = await as('tb.tiepnhan', { url: '/api/officer/dossiers' });
    assert.equal(queue.statusCode, 200, 'the global limit is apart');
  });
});

describe('online filing', () => {
  test('a citizen signed in with VNeID files online; the ministry guard refuses moved procedures', async () => {
    const { go, info, file } = await citizenFiling('citizen:0');
    const res = await file(PROCEDURE, randomUUID());
    assert.equal(res.status, 201, await res.clone().text());
    const dossier = DossierView.parse(await res.json());
    assert.equal(dossier.statusCode, 1, 'online dossiers wait for receipt');
    assert.equal(dossier.applicant.name, info.account.displayName);
    assert.equal(dossier.dueAt, null);

    // Seeds 001/004: a procedure moved to a ministry system takes no new dossier here.
    await moveToMinistry('1.004845', '2026-01-25');
    const refused = await file('1.004845', randomUUID());
    assert.equal(refused.status, 409);
    assert.match(await refused.text(), /dichvucong\.moj\.gov\.vn/);

    // Officers receive it; another citizen cannot read it.
    const received = await as('tb.tiepnhan', {
      method: 'POST',
      url: `/api/dossiers/${dossier.code}/actions`,
      key: randomUUID(),
      payload: { kind: 'receive' },
    });
    assert.equal(DossierView.parse(received.json()).statusCode, 2);
    const other = browser();
    await signInThroughSso(base, other, { pick: 'citizen:1' });
    assert.equal((await other(`${base}/api/dossiers/${dossier.code}`)).status, 404);
    assert.equal((await go(`${base}/api/dossiers/${dossier.code}`)).status, 200);
    const mine = DossierQueue.parse(await (await go(`${base}/api/my/dossiers`)).json());
    assert.ok(
      mine.items.some((i) => i.code === dossier.code),
      'listed under "my dossiers"',
    );
    const theirs = DossierQueue.parse(await (await other(`${base}/api/my/dossiers`)).json());
    assert.ok(!theirs.items.some((i) => i.code === dossier.code));
  });
});

describe('officer queue', () => {
  test('most urgent first, only within the caller’s agencies', async () => {
    const res = await as('tb.tiepnhan', { url: '/api/officer/dossiers', query: { view: 'all' } });
    assert.equal(res.statusCode, 200, res.body);
    const queue = DossierQueue.parse(res.json());
    assert.ok(queue.total >= 5, 'the demo dossiers and this file’s');
    assert.ok(queue.items.every((i) => i.code.startsWith('000.01.145.H75-')));
    const dues = queue.items.map((i) => i.dueAt).filter((d): d is string => d !== null);
    assert.deepEqual(dues, [...dues].sort(), 'sorted by due time');
    const other = DossierQueue.parse(
      (await as('bp.tiepnhan', { url: '/api/officer/dossiers', query: { view: 'all' } })).json(),
    );
    assert.ok(other.items.every((i) => !i.code.startsWith('000.01.145.H75-')));
    const byName = DossierQueue.parse(
      (
        await as('tb.tiepnhan', {
          url: '/api/officer/dossiers',
          query: { q: 'nguyen van an', view: 'all' },
        })
      ).json(),
    );
    assert.ok(byName.items.some((i) => i.code === '000.01.145.H75-261102-0001'));
    assert.ok(byName.items.every((i) => i.applicantName === 'Nguyễn Văn An'));
  });
});

describe('control of dossiers arising after a cutover (seed 001)', () => {
  test('a dossier filed here after its procedure moved is listed, in scope only', async () => {
    const filed = DossierView.parse(
      (await intake(randomUUID(), { procedureCode: '2.000756' })).json(),
    );
    // The move is entered after the fact, with a cutover date before the dossier.
    await moveToMinistry('2.000756', '2026-01-25');
    const report = AfterCutoverReport.parse(
      (await as('tb.tiepnhan', { url: '/api/officer/reports/after-cutover' })).json(),
    );
    const row = report.items.find((i) => i.code === filed.code);
    assert.ok(row, 'listed');
    assert.equal(row.cutoverDate, '2026-01-25');
    const other = AfterCutoverReport.parse(
      (await as('bp.tiepnhan', { url: '/api/officer/reports/after-cutover' })).json(),
    );
    assert.ok(!other.items.some((i) => i.code === filed.code), 'not another ward’s business');
  });
});

describe('automatic close', () => {
  test('a dossier not supplemented within the period is stopped by the system, once', async () => {
    // Demo dossier -0003 has waited for documents since 02/11/2026 14:00; the app's clock says
    // 23/11/2026 09:00: past 10 working days, not yet past 15.
    assert.equal(await t.app.modules.dossiers.closeUnsupplemented(15), 0);
    assert.equal(await t.app.modules.dossiers.closeUnsupplemented(10), 1);
    assert.equal(await t.app.modules.dossiers.closeUnsupplemented(10), 0);
    const lookup = DossierLookup.parse(
      (
        await t.app.server.inject({
          url: '/api/dossiers/lookup',
          query: { code: '000.01.145.H75-261102-0003' },
        })
      ).json(),
    );
    assert.equal(lookup.statusLabel, 'Dừng xử lý');
    assert.equal(lookup.steps.at(-1)?.label, 'Dừng giải quyết');
  });
});

describe('Sổ theo dõi hồ sơ (form 07)', () => {
  test('the book lists the ward’s dossiers of the period as XLSX and PDF, in scope only', async () => {
    const xlsx = await as('tb.tiepnhan', {
      url: '/api/officer/dossier-book',
      query: { from: '2026-11-02', to: '2026-11-02' },
    });
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(book.worksheets[0]?.getSheetValues());
    assert.match(text, /SỔ THEO DÕI HỒ SƠ/);
    for (const n of ['0001', '0002', '0004']) assert.match(text, new RegExp(`261102-${n}`));
    assert.match(text, /Trực tiếp tại bộ phận một cửa/, 'how -0001’s result was handed over');

    const pdf = await as('tb.tiepnhan', {
      url: '/api/officer/dossier-book',
      query: { from: '2026-11-01', to: '2026-11-30', format: 'pdf' },
    });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

    const other = await as('bp.tiepnhan', {
      url: '/api/officer/dossier-book',
      query: { from: '2026-11-02', to: '2026-11-02' },
    });
    const otherBook = new ExcelJS.Workbook();
    await otherBook.xlsx.load(other.rawPayload as unknown as ArrayBuffer);
    assert.doesNotMatch(JSON.stringify(otherBook.worksheets[0]?.getSheetValues()), /261102-0001/);

    const bad = await as('tb.tiepnhan', {
      url: '/api/officer/dossier-book',
      query: { from: '2026-12-01', to: '2026-11-01' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(
      ErrorBody.parse(bad.json()).error.message,
      /Ngày bắt đầu phải trước ngày kết thúc/,
    );
  });
});

describe('idempotency keys are the caller’s own (issue 13, item 1)', () => {
  test('another officer or a citizen sending someone’s key files anew and sees nothing of theirs', async () => {
    const key = randomUUID();
    const theirs = await intake(key);
    assert.equal(theirs.statusCode, 201, theirs.body);
    const filed = DossierView.parse(theirs.json());

    // An officer of another ward replays the key at his own counter.
    const elsewhere = await as('bp.tiepnhan', {
      method: 'POST',
      url: '/api/officer/dossiers',
      key,
      payload: {
        procedureCode: PROCEDURE,
        channel: 'direct',
        receivingAgencyId: binhPhuocCentre,
        applicant: { name: 'Phan Văn Khải', idNumber: '075199000111', phone: '0909000111' },
        received: await receivedRequired((url) => t.app.server.inject(url), PROCEDURE),
      },
    });
    assert.equal(elsewhere.statusCode, 201, elsewhere.body);
    const his = DossierView.parse(elsewhere.json());
    assert.notEqual(his.code, filed.code);
    assert.equal(his.applicant.name, 'Phan Văn Khải');
    assert.doesNotMatch(elsewhere.body, /075190001234|Lê Thị Thu Hà|0909123456/);

    // A citizen replays it on online filing.
    const online = await (await citizenFiling('citizen:0')).file(PROCEDURE, key);
    const onlineBody = await online.text();
    assert.equal(online.status, 201, onlineBody);
    assert.notEqual(DossierView.parse(JSON.parse(onlineBody)).code, filed.code);
    assert.doesNotMatch(onlineBody, /075190001234|Lê Thị Thu Hà|0909123456/);

    // The officer who used it first still gets his own dossier back.
    const retried = await intake(key);
    assert.equal(DossierView.parse(retried.json()).code, filed.code);
  });

  test('an action key used by one officer does not block or reveal another’s', async () => {
    const key = randomUUID();
    const mine = DossierView.parse((await intake(randomUUID())).json());
    const forward = (who: string, code: string) =>
      as(who, {
        method: 'POST',
        url: `/api/dossiers/${code}/actions`,
        key,
        payload: { kind: 'forward', step: 'appraise' },
      });
    assert.equal((await forward('tb.tiepnhan', mine.code)).statusCode, 200);
    const other = await as('bp.tiepnhan', {
      method: 'POST',
      url: '/api/officer/dossiers',
      key: randomUUID(),
      payload: {
        procedureCode: PROCEDURE,
        channel: 'direct',
        receivingAgencyId: binhPhuocCentre,
        applicant: { name: 'Phan Văn Khải' },
        received: await receivedRequired((url) => t.app.server.inject(url), PROCEDURE),
      },
    });
    const his = DossierView.parse(other.json());
    const res = await forward('bp.tiepnhan', his.code);
    assert.equal(res.statusCode, 200, res.body);
    assert.doesNotMatch(res.body, new RegExp(mine.code.replaceAll('.', '\\.')));
  });
});
