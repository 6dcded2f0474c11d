// Payments end to end (issue 17): the real API on a port, the real payment-platform simulator
// calling it back, a citizen signed in through the simulated VNeID, real PostgreSQL.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  DossierPayments,
  ErrorBody,
  PaymentDetail,
  PaymentView,
  ReceiptView,
  SessionInfo,
  StartPaymentResult,
} from '@motcua/contracts';
import { DEMO_PAYMENT_SECRET } from '../../config.js';
import { checksumOf, formatNationalDate } from '../../integrations/payment-platform/index.js';
import { startSimulators, type RunningSimulators } from '../../integrations/simulators.js';
import { uploadRequiredToDraft } from '../../platform/testing/components.js';
import { noPdftotext, pdfText } from '../../platform/testing/files.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { browser, signInThroughSso } from '../../platform/testing/sso-browser.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

// Đăng ký giám hộ: filed online at the Trấn Biên centre, appraised by Phòng VH-XH.
const PROCEDURE = '1.004837';
const CENTRE = 'Trung tâm Phục vụ hành chính công Phường Trấn Biên';
const ADMIN = { 'x-admin-token': 'motcua-admin-demo' };
const PHI = 20_000;
const LE_PHI = 5_000;
const DUE = PHI + LE_PHI;
const SERIES = 'BL-GH/26';

let sims: RunningSimulators;
let t: TestApp;
let base: string;
let centre: string;
let go: ReturnType<typeof browser>;
let csrf: string;
const { as } = officerInjector(() => t.app.server);

async function sim(method: string, path: string, body?: unknown) {
  const res = await fetch(`${sims.urls['payment-platform']}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const callbackMode = async (mode: string) =>
  assert.equal((await sim('PUT', '/__sim/callback', { mode, delayMs: 0 })).status, 200);
const simPay = async (reference: string, outcome: string) => {
  const res = await sim('POST', `/__sim/pay/${reference}`, { outcome });
  assert.equal(res.status, 200, JSON.stringify(res.body));
};

/** As the signed-in citizen, with the session's CSRF token. */
function citizen(path: string, init: { method?: string; body?: unknown; key?: string } = {}) {
  return go(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'x-csrf-token': csrf,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.key ? { 'idempotency-key': init.key } : {}),
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
}
const startPayment = (code: string, key: string = randomUUID()) =>
  citizen(`/api/dossiers/${code}/payments`, { method: 'POST', key });

const act = async (username: string, code: string, payload: Record<string, unknown>) => {
  const res = await as(username, {
    method: 'POST',
    url: `/api/dossiers/${code}/actions`,
    key: randomUUID(),
    payload,
  });
  assert.equal(res.statusCode, 200, `${username} ${String(payload['kind'])}: ${res.body}`);
  return res.json() as { statusCode: number };
};

/** A dossier the citizen filed online, received, appraised and now asked to pay (status 6). */
async function waitingDossier(): Promise<string> {
  await uploadRequiredToDraft(go, base, csrf, PROCEDURE);
  const filed = await citizen('/api/dossiers', {
    method: 'POST',
    key: randomUUID(),
    body: {
      procedureCode: PROCEDURE,
      receivingAgencyId: centre,
      contact: { phone: '0911222333', email: null, address: 'Khu phố 1' },
      formData: { ghiChu: 'Nộp thử thanh toán' },
    },
  });
  assert.equal(filed.status, 201, await filed.clone().text());
  const { code } = (await filed.json()) as { code: string };
  await act('tb.tiepnhan', code, { kind: 'receive' });
  await act('tb.tiepnhan', code, { kind: 'forward', step: 'appraise' });
  const asked = await act('tb.chuyenvien', code, { kind: 'request_payment', amountVnd: DUE });
  assert.equal(asked.statusCode, 6);
  return code;
}

async function creditsOf(code: string): Promise<number> {
  const { rows } = await t.db.database.pool.query(
    `SELECT count(*)::int AS n FROM dos_action a JOIN dos_dossier d ON d.id = a.dossier_id
      WHERE d.code = $1 AND a.kind = 'record_payment'`,
    [code],
  );
  return rows[0].n as number;
}
async function statusCodeOf(code: string): Promise<number> {
  const { rows } = await t.db.database.pool.query(
    `SELECT status_code FROM dos_dossier WHERE code = $1`,
    [code],
  );
  return rows[0].status_code as number;
}
async function payment(reference: string) {
  const res = await citizen(`/api/payments/${reference}`);
  assert.equal(res.status, 200, await res.clone().text());
  return PaymentDetail.parse(await res.json());
}
async function events(reference: string) {
  const { rows } = await t.db.database.pool.query(
    `SELECT kind, outcome FROM pay_event WHERE reference = $1 ORDER BY id`,
    [reference],
  );
  return rows as Array<{ kind: string; outcome: string }>;
}
async function started(code: string, key?: string) {
  const res = await startPayment(code, key);
  assert.equal(res.status, 201, await res.clone().text());
  return StartPaymentResult.parse(await res.json());
}

/** A CONFIRM signed as the platform signs it (or not: `secret` wrong, `tamper` after signing). */
function confirmBody(
  reference: string,
  o: {
    amount?: number;
    currency?: string;
    secret?: string;
    tamper?: Record<string, unknown>;
  } = {},
) {
  const body: Record<string, unknown> = {
    LoaiBanTin: 'CONFIRM',
    MaLoi: '00',
    MaDoiTac: 'MOTCUA',
    MaThamChieu: reference,
    SoTien: String(o.amount ?? DUE),
    MaTienTe: o.currency ?? 'VND',
    MaGiaoDich: `GD-TEST-${randomUUID().slice(0, 8)}`,
    MaNganHang: 'VCB',
    ThoiGianGD: formatNationalDate(new Date('2026-11-23T02:05:00Z')),
    ThongTinGiaoDich: 'Nộp phí, lệ phí',
  };
  body['MaXacThuc'] = checksumOf('CONFIRM', body, o.secret ?? DEMO_PAYMENT_SECRET);
  return { ...body, ...o.tamper };
}
const postConfirm = (body: unknown) =>
  fetch(`${base}/api/payments/platform/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

before(async () => {
  sims = await startSimulators({ basePort: 0 });
  t = await createTestApp({
    VNEID_ISSUER_URL: sims.urls['vneid-sso'],
    PAYMENT_PLATFORM_URL: sims.urls['payment-platform'],
    PAYMENT_TIMEOUT_MS: '2000',
  });
  await t.app.server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.server.address() as AddressInfo).port}`;
  const config = await sim('PUT', '/__sim/config', {
    confirmUrl: `${base}/api/payments/platform/confirm`,
    returnBase: base,
  });
  assert.equal(config.status, 200);
  const agencies = await t.app.server.inject({ url: '/api/agencies', query: { q: CENTRE } });
  centre = (agencies.json() as { items: Array<{ id: string; name: string }> }).items.find(
    (a) => a.name === CENTRE,
  )!.id;
  // The fee schedule of the procedure where it is received and decided (the agency's own, which
  // wins over a province default), with its accounts and receipt series.
  for (const agency of ['000.01.145.H75', '000.00.145.H75']) {
    const schedule = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin/fee-schedules',
      headers: { ...ADMIN, 'idempotency-key': randomUUID() },
      payload: {
        procedureCode: PROCEDURE,
        agency,
        items: [
          {
            kind: 'phi',
            code: 'P-GH',
            name: 'Phí thẩm định hồ sơ',
            rule: { type: 'fixed', amount: PHI },
          },
          {
            kind: 'le-phi',
            code: 'LP-GH',
            name: 'Lệ phí đăng ký giám hộ',
            rule: { type: 'fixed', amount: LE_PHI },
          },
        ],
        legalBasis: [{ number: '85/2019/TT-BTC', name: 'Thông tư 85/2019/TT-BTC' }],
        effectiveFrom: '2026-11-23',
        beneficiary: {
          accountNo: '7511000123',
          bankCode: 'VCB',
          accountName: 'UBND Phường Trấn Biên',
        },
        treasury: { accountNo: '7111', name: 'Kho bạc Nhà nước khu vực XVII' },
        receiptSeries: SERIES,
      },
    });
    assert.ok([200, 201].includes(schedule.statusCode), schedule.body);
  }
  go = browser();
  await signInThroughSso(base, go, { pick: 'citizen:0' });
  csrf = SessionInfo.parse(await (await go(`${base}/api/auth/me`)).json()).csrfToken ?? '';
});
after(async () => {
  await t?.close();
  await sims?.close();
});

describe('online payment through the platform', () => {
  test('pay, return, receipt: the state changes on the verified CONFIRM, once', async () => {
    const code = await waitingDossier();
    const due = DossierPayments.parse(
      await (await citizen(`/api/dossiers/${code}/payments`)).json(),
    );
    assert.equal(due.due?.amount, DUE);
    assert.deepEqual(
      due.due?.items.map((i) => [i.kind, i.amount]),
      [
        ['phi', PHI],
        ['le-phi', LE_PHI],
      ],
    );
    const { reference, payUrl, status } = await started(code);
    assert.equal(status, 'initiated');
    assert.match(reference, /^dvc[0-9A-Z]+\d{14}$/);
    assert.ok(payUrl.startsWith(sims.urls['payment-platform']), payUrl);

    // The return before paying changes nothing: it asks the platform, which says pending.
    const early = await go(`${base}/api/payments/${reference}/return`);
    assert.equal(early.status, 303);
    assert.equal(
      early.headers.get('location'),
      `/ho-so-cua-toi/${encodeURIComponent(code)}?thanh-toan=${reference}`,
    );
    assert.equal((await payment(reference)).status, 'pending');
    assert.equal(await creditsOf(code), 0);

    await callbackMode('normal');
    await simPay(reference, 'success');
    const paid = await payment(reference);
    assert.equal(paid.status, 'paid');
    assert.equal(paid.amount, DUE);
    assert.equal(await creditsOf(code), 1);
    assert.equal(await statusCodeOf(code), 4, 'the dossier moves on (processing)');
    await t.app.modules.payments.drain();
    const withReceipt = await payment(reference);
    assert.ok(withReceipt.receipt, 'the e-receipt fetched through GET_BILL');
    const pdf = await citizen(withReceipt.receipt.url);
    assert.equal(pdf.status, 200);
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      '%PDF-',
    );
    // Nothing more is due; another "Thanh toán" is refused in Vietnamese.
    const again = await startPayment(code);
    assert.equal(again.status, 409);
    assert.match(ErrorBody.parse(await again.json()).error.message, /không có khoản phí/);
  });

  test('a double click (one Idempotency-Key) starts one transaction', async () => {
    const code = await waitingDossier();
    const key = randomUUID();
    const [a, b] = await Promise.all([startPayment(code, key), startPayment(code, key)]);
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    const ra = StartPaymentResult.parse(await a.json());
    const rb = StartPaymentResult.parse(await b.json());
    assert.equal(ra.reference, rb.reference);
    const txs = (await sim('GET', '/__sim/transactions')).body['transactions'] as Array<{
      dossierCode: string;
    }>;
    assert.equal(txs.filter((x) => x.dossierCode === code).length, 1);
    const list = DossierPayments.parse(
      await (await citizen(`/api/dossiers/${code}/payments`)).json(),
    );
    assert.equal(list.items.length, 1);
  });

  test('the platform down at INIT: 503 in Vietnamese, nothing paid; the retry works', async () => {
    const code = await waitingDossier();
    assert.equal((await sim('PUT', '/__sim/fault', { mode: 'down' })).status, 200);
    const key = randomUUID();
    try {
      const res = await startPayment(code, key);
      assert.equal(res.status, 503);
      assert.match(ErrorBody.parse(await res.json()).error.message, /Nền tảng thanh toán/);
    } finally {
      assert.equal((await sim('PUT', '/__sim/fault', { mode: 'none' })).status, 200);
    }
    const list = DossierPayments.parse(
      await (await citizen(`/api/dossiers/${code}/payments`)).json(),
    );
    assert.deepEqual(
      list.items.map((i) => i.status),
      ['failed'],
    );
    assert.equal(await creditsOf(code), 0);
    assert.equal(await statusCodeOf(code), 6);
    const retry = await started(code, key);
    assert.equal(retry.status, 'initiated');
  });
});

describe('callbacks the platform (or someone else) sends', () => {
  test('forged callbacks are all refused, logged, and change nothing', async () => {
    const code = await waitingDossier();
    const { reference } = await started(code);
    const forgeries: Array<[string, unknown, number]> = [
      ['wrong key', confirmBody(reference, { secret: 'not-the-secret-1234' }), 401],
      ['amount changed after signing', confirmBody(reference, { tamper: { SoTien: '1000' } }), 401],
      [
        'reference changed after signing',
        confirmBody(reference, { tamper: { MaThamChieu: `${reference}X` } }),
        401,
      ],
      ['checksum missing', confirmBody(reference, { tamper: { MaXacThuc: '' } }), 401],
      ['signed, wrong amount', confirmBody(reference, { amount: DUE - 1 }), 409],
      ['signed, wrong currency', confirmBody(reference, { currency: 'USD' }), 409],
      ['signed, unknown reference', confirmBody(`${reference}9`), 404],
      ['not a CONFIRM at all', { LoaiBanTin: 'CONFIRM', MaThamChieu: reference }, 400],
    ];
    for (const [what, body, status] of forgeries) {
      const res = await postConfirm(body);
      assert.equal(res.status, status, what);
      const ack = (await res.json()) as { error_code: string; message: string };
      assert.notEqual(ack.error_code, '0', what);
      assert.match(ack.message, /[ăâđêôơư]/u, `${what}: a Vietnamese message`);
    }
    assert.equal((await payment(reference)).status, 'initiated');
    assert.equal(await creditsOf(code), 0);
    // Every one is in the security log, under the reference it claimed.
    const { rows: logged } = await t.db.database.pool.query<{ kind: string }>(
      `SELECT kind FROM pay_event WHERE starts_with(reference, $1) AND kind <> 'init'`,
      [reference],
    );
    assert.equal(logged.filter((e) => e.kind === 'forged').length, 5);
    assert.equal(logged.filter((e) => e.kind === 'mismatch').length, 3);
    assert.equal(logged.length, forgeries.length);
    // The simulator's own forgery (a success signed with the wrong key) is refused too; the
    // citizen's return then asks the platform, whose real answer credits.
    await callbackMode('forge');
    await simPay(reference, 'success');
    assert.equal((await payment(reference)).status, 'initiated');
    const txn = (await sim('GET', `/__sim/transactions/${reference}`)).body as {
      callbacks: Array<{ status?: number }>;
    };
    assert.equal(txn.callbacks.at(-1)?.status, 401);
    assert.equal((await go(`${base}/api/payments/${reference}/return`)).status, 303);
    assert.equal((await payment(reference)).status, 'paid');
    assert.equal(await creditsOf(code), 1);
  });

  for (const [mode, what] of [
    ['duplicate', 'duplicated'],
    ['reorder', 'reordered (the success, then an older failure)'],
  ] as const) {
    test(`${what} callbacks credit exactly once`, async () => {
      const code = await waitingDossier();
      const { reference } = await started(code);
      await callbackMode(mode);
      await simPay(reference, 'success');
      assert.equal((await payment(reference)).status, 'paid');
      assert.equal(await creditsOf(code), 1);
      const logged = await events(reference);
      assert.equal(logged.filter((e) => e.outcome === 'credited').length, 1);
      assert.equal(logged.filter((e) => e.kind === 'duplicate').length, 1);
      // Replaying the success once more (a platform retry) changes nothing either.
      const txn = (await sim('GET', `/__sim/transactions/${reference}`)).body as {
        callbacks: Array<{ body: unknown }>;
      };
      assert.equal((await postConfirm(txn.callbacks[0]!.body)).status, 200);
      assert.equal(await creditsOf(code), 1);
    });
  }

  test('a failure then the success: the platform’s last word credits', async () => {
    const code = await waitingDossier();
    const { reference } = await started(code);
    const failed = confirmBody(reference, { tamper: {} });
    (failed as Record<string, unknown>)['MaLoi'] = '01';
    (failed as Record<string, unknown>)['MaXacThuc'] = checksumOf(
      'CONFIRM',
      failed as Record<string, unknown>,
      DEMO_PAYMENT_SECRET,
    );
    assert.equal((await postConfirm(failed)).status, 200);
    assert.equal((await payment(reference)).status, 'failed');
    assert.equal((await postConfirm(confirmBody(reference))).status, 200);
    assert.equal((await payment(reference)).status, 'paid');
    assert.equal(await creditsOf(code), 1);
  });

  test('a lost callback is recovered by the QUERY job', async () => {
    const code = await waitingDossier();
    const { reference } = await started(code);
    await callbackMode('drop');
    await simPay(reference, 'success');
    assert.equal((await payment(reference)).status, 'initiated');
    // Not yet 30 minutes old: the job leaves it to the callback.
    const task = t.app.modules.jobs.tasks['payments:query']!;
    await task({}, {} as never);
    assert.equal((await payment(reference)).status, 'initiated');
    // 31 minutes later (domain.md §4.6: QUERY transactions pending over 30 minutes).
    await t.db.database.pool.query(
      `UPDATE pay_payment SET created_at = created_at - interval '31 minutes' WHERE reference = $1`,
      [reference],
    );
    await task({}, {} as never);
    assert.equal((await payment(reference)).status, 'paid');
    assert.equal(await creditsOf(code), 1);
    assert.deepEqual(
      (await events(reference)).filter((e) => e.kind === 'query').map((e) => e.outcome),
      ['credited'],
    );
  });

  test('a citizen who pays twice: one credit, the second payment marked for the reconciliation', async () => {
    const code = await waitingDossier();
    const first = await started(code);
    const second = await started(code);
    assert.notEqual(first.reference, second.reference);
    await callbackMode('normal');
    await simPay(first.reference, 'success');
    await simPay(second.reference, 'success');
    assert.equal(await creditsOf(code), 1);
    const list = DossierPayments.parse(
      await (await citizen(`/api/dossiers/${code}/payments`)).json(),
    );
    const byRef = new Map(list.items.map((i) => [i.reference, i]));
    assert.equal(byRef.get(first.reference)?.paidTwice, false);
    assert.equal(byRef.get(second.reference)?.status, 'paid');
    assert.equal(byRef.get(second.reference)?.paidTwice, true);
    assert.deepEqual(
      (await events(second.reference)).map((e) => e.outcome),
      ['ok', 'paid_twice'],
    );
  });
});

describe('the e-receipt (GET_BILL)', () => {
  test('the platform cannot give it at once: the job fetches it later, nothing lost', async () => {
    const code = await waitingDossier();
    const { reference } = await started(code);
    await callbackMode('normal');
    assert.equal((await sim('PUT', '/__sim/fault', { mode: 'down' })).status, 200);
    try {
      await simPay(reference, 'success');
      await t.app.modules.payments.drain();
      const paid = await payment(reference);
      assert.equal(paid.status, 'paid');
      assert.equal(paid.receipt, null, 'GET_BILL failed: no receipt yet');
      assert.equal(await creditsOf(code), 1);
      // The queued job (one per credit) meets the platform still down: it fails, to be retried.
      const task = t.app.modules.jobs.tasks['payments:after-credit']!;
      await assert.rejects(async () => task({ reference }, {} as never));
    } finally {
      assert.equal((await sim('PUT', '/__sim/fault', { mode: 'none' })).status, 200);
    }
    const { rows } = await t.db.database.pool.query(
      `SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1`,
      [`payments:after-credit:${reference}`],
    );
    assert.equal(rows[0].n, 1, 'the retry is queued in the credit transaction');
    await t.app.modules.jobs.tasks['payments:after-credit']!({ reference }, {} as never);
    const later = await payment(reference);
    assert.ok(later.receipt, 'fetched by the job');
    assert.equal(await creditsOf(code), 1, 'the job credits nothing twice');
  });
});

describe('counter payment and our receipts', () => {
  test('cash at the counter: our receipt with the amount in words; cancel and reissue', async (ctx) => {
    const code = await waitingDossier();
    const pay = (amount: number, key = randomUUID()) =>
      as('tb.tiepnhan', {
        method: 'POST',
        url: `/api/dossiers/${code}/payments/counter`,
        key,
        payload: { method: 'cash', amount },
      });
    const wrong = await pay(DUE + 1000);
    assert.equal(wrong.statusCode, 400);
    assert.match(ErrorBody.parse(wrong.json()).error.message, /khác số phải nộp/);
    const citizenTries = await citizen(`/api/dossiers/${code}/payments/counter`, {
      method: 'POST',
      key: randomUUID(),
      body: { method: 'cash', amount: DUE },
    });
    assert.equal(citizenTries.status, 403);

    const key = randomUUID();
    const res = await pay(DUE, key);
    assert.equal(res.statusCode, 201, res.body);
    const view = PaymentView.parse(res.json());
    assert.equal(view.status, 'paid');
    assert.equal(view.receipt?.series, SERIES);
    const number = view.receipt!.number!;
    assert.ok(number >= 1);
    // The same click again: the same payment, no second receipt.
    const replay = PaymentView.parse((await pay(DUE, key)).json());
    assert.equal(replay.reference, view.reference);
    assert.equal(replay.receipt?.number, number);
    assert.equal(await creditsOf(code), 1);
    assert.equal((await pay(DUE)).statusCode, 409, 'nothing is due any more');

    const pdf = await as('tb.tiepnhan', { url: view.receipt!.url });
    assert.equal(pdf.statusCode, 200);
    if (noPdftotext) {
      ctx.diagnostic(`PDF text not checked: ${noPdftotext}`);
    } else {
      const text = pdfText(pdf.rawPayload);
      assert.match(text, /BIÊN LAI THU PHÍ, LỆ PHÍ/);
      assert.match(text, /Hai mươi lăm nghìn đồng/);
      assert.ok(text.includes(`Ký hiệu: ${SERIES}`), text);
      assert.match(text, /Phí: 20\.000 đồng/);
      assert.match(text, /Lệ phí: 5\.000 đồng/);
      assert.match(text, /7111 tại Kho bạc Nhà nước khu vực XVII/);
      assert.ok(text.includes(code), 'the dossier code');
    }

    const receiptId = view.receipt!.id;
    const noReason = await as('tb.tiepnhan', {
      method: 'POST',
      url: `/api/receipts/${receiptId}/reissue`,
      payload: { reason: '' },
    });
    assert.equal(noReason.statusCode, 400);
    const reissued = await as('tb.tiepnhan', {
      method: 'POST',
      url: `/api/receipts/${receiptId}/reissue`,
      payload: { reason: 'Ghi sai địa chỉ người nộp' },
    });
    assert.equal(reissued.statusCode, 200, reissued.body);
    const next = ReceiptView.parse(reissued.json());
    assert.equal(next.series, SERIES);
    assert.equal(next.number, number + 1);
    const all = (
      await as('tb.tiepnhan', { url: `/api/payments/${view.reference}/receipts` })
    ).json() as {
      items: ReceiptView[];
    };
    const old = all.items.find((r) => r.id === receiptId)!;
    assert.equal(old.status, 'cancelled');
    assert.equal(old.cancelReason, 'Ghi sai địa chỉ người nộp');
    assert.equal(old.replacedBy, next.id);
    assert.equal(all.items.length, 2, 'never deleted');
    const twice = await as('tb.tiepnhan', {
      method: 'POST',
      url: `/api/receipts/${receiptId}/cancel`,
      payload: { reason: 'Hủy lần nữa' },
    });
    assert.equal(twice.statusCode, 409);
    assert.equal((await payment(view.reference)).receipt?.number, number + 1);
  });
});
