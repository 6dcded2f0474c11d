// Issue 17 items 6–7 against the simulated payment platform (a real HTTP server) and a real
// database: the daily reconciliation finds every planted mismatch — on the platform through
// /__sim/plant and /__sim/refund, on our side by changing rows — and nothing else; running the day
// again adds nothing; officers resolve with a reason; the routes answer bad input in Vietnamese and
// only to those allowed (settlement: agency administrators for their agency; refunds: approvers).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  PAYMENT_MISMATCH_KINDS,
  PaymentMismatchList,
  PaymentReconciliation,
  RefundView,
  Settlement,
  type PaymentMismatchKind,
} from '@motcua/contracts';
import type { FastifyInstance } from 'fastify';
import {
  createPaymentPlatformClient,
  type PaymentPlatformClient,
} from '../../integrations/payment-platform/index.js';
import { createPaymentPlatformSimulator } from '../../integrations/payment-platform/simulator/server.js';
import { systemClock } from '../../platform/clock.js';
import { createLogger } from '../../platform/logger.js';
import { agencyIdByName, TRAN_BIEN_CENTRE } from '../../platform/testing/counter.js';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';
import { createPaymentReconciliation } from './reconciliation.js';

const ADMIN = { 'x-admin-token': 'motcua-admin-demo' };
const REFUSED = '000.01.145.H75-261103-0002';
const PARTNER = { partnerCode: 'MOTCUA', secret: 'payment-sim-secret' };

// Only the payment platform's stand-in: the others are not needed here.
let simulator: FastifyInstance;
let simUrl: string;
let t: TestApp;
let platform: PaymentPlatformClient;
let service: ReturnType<typeof createPaymentReconciliation>;
let centre: string;
const { as } = officerInjector(() => t.app.server);

before(async () => {
  simulator = createPaymentPlatformSimulator(PARTNER);
  await simulator.listen({ host: '127.0.0.1', port: 0 });
  simUrl = `http://127.0.0.1:${(simulator.server.address() as AddressInfo).port}`;
  t = await createTestApp({
    PAYMENT_PLATFORM_URL: simUrl,
    PAYMENT_PARTNER_CODE: PARTNER.partnerCode,
    PAYMENT_SECRET: PARTNER.secret,
  });
  platform = createPaymentPlatformClient({ baseUrl: simUrl, ...PARTNER });
  centre = await agencyIdByName(t.app.server, TRAN_BIEN_CENTRE);
  // The platform settles in real time: the reconciliation runs on the real clock here (the test
  // app's clock is fixed, and would call today a future day).
  service = createPaymentReconciliation({
    db: t.app.database.db,
    clock: systemClock,
    log: createLogger('silent'),
    platform,
    agencyName: async () => TRAN_BIEN_CENTRE,
    dossierByCode: (code, canRead) => t.app.modules.dossiers.snapshotByCode(code, canRead),
  });
});
after(async () => {
  await t?.close();
  await simulator?.close();
});

const sim = (path: string, init?: { method: string; body?: unknown }) =>
  fetch(`${simUrl}/__sim${path}`, {
    method: init?.method ?? 'GET',
    ...(init?.body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
  });

const ITEMS = (amount: number) => [
  { code: 'P01', kind: 'phi' as const, name: 'Phí thẩm định', amount: amount - 20_000, basis: 'x' },
  { code: 'L01', kind: 'le-phi' as const, name: 'Lệ phí', amount: 20_000, basis: 'x' },
];

interface Ours {
  id: string;
  reference: string;
  dossierId: string;
  amount: number;
  paidAt: Date;
  receiptId: string | null;
}

/** Our row of a payment, as the payments service records it. */
async function ourPayment(input: {
  reference: string;
  method: 'online' | 'cash';
  amount: number;
  status?: string;
  paidAt: Date | null;
  dossierId?: string;
  receipt?: boolean;
}): Promise<Ours> {
  const pool = t.db.database.pool;
  const dossierId = input.dossierId ?? randomUUID();
  const row = await pool.query(
    `INSERT INTO pay_payment (reference, dossier_id, dossier_code, agency_id, method, amount, items,
       beneficiary, treasury, payer, status, paid_at, created_at, updated_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '{"name":"Đỗ Minh Khang","idNumber":null}', $10,
       $11, now(), now(), '{"kind":"system","id":"test"}') RETURNING id`,
    [
      input.reference,
      dossierId,
      `000.01.145.H75-${input.reference.slice(-10)}`,
      centre,
      input.method,
      input.amount,
      JSON.stringify(ITEMS(input.amount)),
      JSON.stringify({ accountNo: '1200012345', bankCode: 'BIDV', accountName: 'UBND Trấn Biên' }),
      JSON.stringify({ accountNo: '7111', name: 'Kho bạc Nhà nước Đồng Nai' }),
      input.status ?? (input.paidAt ? 'paid' : 'pending'),
      input.paidAt,
    ],
  );
  const id = row.rows[0].id as string;
  const receiptId = input.receipt === false || !input.paidAt ? null : await receipt(id, input);
  return {
    id,
    reference: input.reference,
    dossierId,
    amount: input.amount,
    paidAt: input.paidAt ?? new Date(),
    receiptId,
  };
}

async function receipt(
  paymentId: string,
  p: { amount: number; paidAt: Date | null; method: string },
): Promise<string> {
  const r = await t.db.database.pool.query(
    `INSERT INTO pay_receipt (payment_id, series, number, kind, phi, le_phi, amount, issued_at)
     VALUES ($1, $2, $3, $4, $5, 20000, $6, $7) RETURNING id`,
    [
      paymentId,
      p.method === 'online' ? null : 'BL/26E',
      p.method === 'online' ? null : Math.floor(Math.random() * 1e9),
      p.method === 'online' ? 'platform' : 'ours',
      p.amount - 20_000,
      p.amount,
      p.paidAt ?? new Date(),
    ],
  );
  return r.rows[0].id as string;
}

/** A transaction paid on the simulated platform, and ours recorded as the service would. */
async function paidOnline(amount = 70_000, ours: { status?: string } = {}): Promise<Ours> {
  const reference = `dvc00001145H75${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await platform.init({
    reference,
    amount,
    description: `Thanh toan ${reference}`,
    at: new Date(),
    ip: '127.0.0.1',
    receipt: {
      serviceCode: '1.004837.01',
      procedureCode: '1.004837',
      procedureName: 'Đăng ký giám hộ',
      agencyCode: '000.01.145.H75',
      agencyName: TRAN_BIEN_CENTRE,
      dossierCode: '000.01.145.H75-261207-0001',
      beneficiary: { accountNo: '1200012345', bankCode: 'BIDV', accountName: 'UBND Trấn Biên' },
      treasury: { accountNo: '7111', name: 'Kho bạc Nhà nước Đồng Nai' },
      payer: { name: 'Đỗ Minh Khang', idNumber: '075190004321' },
      items: ITEMS(amount),
    },
  });
  const paid = await sim(`/pay/${reference}`, { method: 'POST', body: { outcome: 'success' } });
  assert.ok(paid.ok, await paid.text());
  const tx = (await (await sim(`/transactions/${reference}`)).json()) as { settledAt: string };
  const pending = ours.status === 'pending';
  return ourPayment({
    reference,
    method: 'online',
    amount,
    paidAt: pending ? null : new Date(tx.settledAt),
    ...(ours.status ? { status: ours.status } : {}),
  });
}

const vietnamDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
const keyOf = (m: { kind: string; reference: string | null; receiptId: string | null }) =>
  `${m.kind} ${m.receiptId ? `receipt ${m.receiptId}` : m.reference}`;

describe('payment reconciliation against the simulated platform', () => {
  let day: string;
  const planted: Array<{
    kind: PaymentMismatchKind;
    reference: string | null;
    receiptId: string | null;
  }> = [];
  let first: PaymentReconciliation;

  test('finds every planted mismatch of each kind, and nothing else', async () => {
    const online: Ours[] = [];
    for (let i = 0; i < 12; i++) online.push(await paidOnline(50_000 + i * 1_000));
    const cash: Ours[] = [];
    for (let i = 0; i < 5; i++) {
      cash.push(
        await ourPayment({
          reference: `quay${randomUUID().slice(0, 12)}`,
          method: 'cash',
          amount: 40_000,
          paidAt: online[0]!.paidAt,
        }),
      );
    }
    day = vietnamDay(online[0]!.paidAt);

    // On the platform.
    const amount = online[0]!;
    assert.equal(
      (
        await sim('/plant', {
          method: 'POST',
          body: { kind: 'amount', reference: amount.reference },
        })
      ).status,
      201,
    );
    planted.push({ kind: 'amount_differs', reference: amount.reference, receiptId: null });
    const lost = online[1]!;
    await sim('/plant', { method: 'POST', body: { kind: 'missing', reference: lost.reference } });
    planted.push({ kind: 'missing_there', reference: lost.reference, receiptId: null });
    const unknown = (await (
      await sim('/plant', { method: 'POST', body: { kind: 'unknown', amount: 30_000 } })
    ).json()) as { reference: string };
    planted.push({ kind: 'missing_here', reference: unknown.reference, receiptId: null });
    const refunded = online[2]!;
    assert.equal((await sim(`/refund/${refunded.reference}`, { method: 'POST' })).status, 200);
    planted.push({ kind: 'refund_differs', reference: refunded.reference, receiptId: null });
    // Paid there, still pending here (a callback that never came).
    const notCredited = await paidOnline(60_000, { status: 'pending' });
    planted.push({ kind: 'missing_here', reference: notCredited.reference, receiptId: null });

    // On our side.
    const pool = t.db.database.pool;
    const noReceipt = online[3]!;
    await pool.query(
      `UPDATE pay_receipt SET status = 'cancelled', cancel_reason = 'sai' WHERE id = $1`,
      [noReceipt.receiptId],
    );
    planted.push({ kind: 'paid_no_receipt', reference: noReceipt.reference, receiptId: null });
    const failed = await ourPayment({
      reference: `dvcFAILED${randomUUID().slice(0, 8)}`,
      method: 'online',
      amount: 45_000,
      status: 'failed',
      paidAt: null,
    });
    const stray = await receipt(failed.id, {
      amount: 45_000,
      paidAt: online[0]!.paidAt,
      method: 'cash',
    });
    planted.push({ kind: 'receipt_no_payment', reference: failed.reference, receiptId: stray });
    const wrongReceipt = cash[0]!;
    await pool.query('UPDATE pay_receipt SET amount = 35000, phi = 15000 WHERE id = $1', [
      wrongReceipt.receiptId,
    ]);
    planted.push({
      kind: 'amount_differs',
      reference: wrongReceipt.reference,
      receiptId: wrongReceipt.receiptId,
    });
    const twice = await ourPayment({
      reference: `quay${randomUUID().slice(0, 12)}`,
      method: 'cash',
      amount: 40_000,
      paidAt: new Date(cash[1]!.paidAt.getTime() + 60_000),
      dossierId: cash[1]!.dossierId,
    });
    planted.push({ kind: 'paid_twice', reference: twice.reference, receiptId: null });

    first = await service.run(day, 'manual');
    const found = first.mismatches.map(keyOf).sort();
    const expected = planted.map(keyOf).sort();
    for (const kind of PAYMENT_MISMATCH_KINDS) {
      const p = planted.filter((x) => x.kind === kind).length;
      const f = first.mismatches.filter((x) => x.kind === kind).length;
      console.log(`payment reconciliation ${kind}: planted ${p}, found ${f}`);
    }
    assert.deepEqual(found, expected);
    assert.equal(first.platformError, null);
    assert.equal(first.counts.payments, 12 + 5 + 1);
    assert.ok(first.counts.platformLines >= 13, String(first.counts.platformLines));
    assert.equal(first.counts.queried, 1, 'the lost transaction was asked for by QUERY');
    for (const m of first.mismatches) {
      assert.equal(m.status, 'open');
      assert.equal(m.label.length > 0, true);
    }
  });

  test('running the day again gives the same open mismatches, no copies', async () => {
    const before = (await t.db.database.pool.query('SELECT count(*)::int AS n FROM pay_mismatch'))
      .rows[0].n;
    const again = await service.run(day, 'manual');
    assert.deepEqual(
      again.mismatches.map((m) => m.id).sort(),
      first.mismatches.map((m) => m.id).sort(),
    );
    const after = (await t.db.database.pool.query('SELECT count(*)::int AS n FROM pay_mismatch'))
      .rows[0].n;
    assert.equal(after, before);
    assert.equal(again.closed, 0);
  });

  test('an officer resolves one with a reason; it is not reopened; what was put right is closed', async () => {
    const target = first.mismatches.find((m) => m.kind === 'missing_here')!;
    const bad = await as('qt.tinh', {
      method: 'POST',
      url: `/api/admin/payments/mismatches/${target.id}/resolve`,
      payload: { reason: ' ' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message + JSON.stringify(bad.json().error.issues), /Lý do/);
    const res = await as('qt.tinh', {
      method: 'POST',
      url: `/api/admin/payments/mismatches/${target.id}/resolve`,
      payload: { reason: 'Giao dịch thử của ngân hàng, đã xác minh với nền tảng' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().resolvedBy, 'qt.tinh');
    const twice = await as('qt.tinh', {
      method: 'POST',
      url: `/api/admin/payments/mismatches/${target.id}/resolve`,
      payload: { reason: 'Lần nữa cho chắc' },
    });
    assert.equal(twice.statusCode, 409);

    // The cancelled receipt is replaced: running again closes that mismatch, keeps the resolved one.
    const noReceipt = first.mismatches.find((m) => m.kind === 'paid_no_receipt')!;
    const payment = await t.db.database.pool.query(
      'SELECT id, amount, paid_at FROM pay_payment WHERE reference = $1',
      [noReceipt.reference],
    );
    await receipt(payment.rows[0].id, {
      amount: Number(payment.rows[0].amount),
      paidAt: payment.rows[0].paid_at,
      method: 'online',
    });
    const run = await service.run(day, 'manual');
    assert.equal(run.closed, 1);
    const list = PaymentMismatchList.parse(
      (
        await t.app.server.inject({
          url: '/api/admin/payments/mismatches',
          query: { status: 'resolved' },
          headers: ADMIN,
        })
      ).json(),
    );
    const closed = list.items.find((m) => m.id === noReceipt.id)!;
    assert.match(closed.resolution ?? '', /không còn thấy sai lệch/);
    assert.ok(list.items.some((m) => m.id === target.id && m.resolvedBy === 'qt.tinh'));
    const open = PaymentMismatchList.parse(
      (
        await t.app.server.inject({
          url: '/api/admin/payments/mismatches',
          query: { status: 'open', date: day },
          headers: ADMIN,
        })
      ).json(),
    );
    assert.equal(open.items.length, planted.length - 2);
    // Never deleted.
    await assert.rejects(
      t.db.database.pool.query('DELETE FROM pay_mismatch WHERE id = $1', [target.id]),
    );
  });

  test('with the platform down the receipt side is still compared and nothing of the platform closes', async () => {
    const down = await sim('/fault', { method: 'PUT', body: { mode: 'down' } });
    assert.equal(down.status, 200);
    try {
      const run = await service.run(day, 'manual');
      assert.match(run.platformError ?? '', /Không đọc được bảng đối soát/);
      assert.equal(run.closed, 0);
      assert.deepEqual(
        run.mismatches
          .filter((m) => m.status === 'open')
          .map((m) => m.kind)
          .sort(),
        ['amount_differs', 'paid_twice', 'receipt_no_payment'],
      );
    } finally {
      await sim('/fault', { method: 'PUT', body: { mode: 'none' } });
    }
    const open = await t.db.database.pool.query(
      `SELECT count(*)::int AS n FROM pay_mismatch WHERE status = 'open' AND day = $1`,
      [day],
    );
    assert.equal(open.rows[0].n, planted.length - 2);
  });

  test('the run and its mismatches through the API', async () => {
    const res = await t.app.server.inject({
      url: `/api/admin/payments/reconciliations/${first.id}`,
      headers: ADMIN,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(PaymentReconciliation.parse(res.json()).date, day);
    const list = await t.app.server.inject({
      url: '/api/admin/payments/reconciliations',
      headers: ADMIN,
    });
    assert.ok(list.json().items.length >= 4);
  });
});

describe('payments administration routes', () => {
  test('bad input is a 400 in Vietnamese', async () => {
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['POST', '/api/admin/payments/reconciliations', { date: '2026-13-01' }, /Ngày/],
      ['POST', '/api/admin/payments/reconciliations', {}, /./],
      // The test app's clock stands on 2026-11-23.
      ['POST', '/api/admin/payments/reconciliations', { date: '2026-11-24' }, /tương lai/],
      ['GET', '/api/admin/payments/mismatches?status=closed', undefined, /open hoặc resolved/],
      ['GET', '/api/admin/payments/settlement?from=2026-11-30&to=2026-11-01', undefined, /trước/],
      [
        'GET',
        '/api/admin/payments/settlement?from=2026-11-01&to=2026-11-30&format=csv',
        undefined,
        /json, xlsx hoặc pdf/,
      ],
      ['GET', '/api/admin/payments/reconciliations/khong-phai-uuid', undefined, /không hợp lệ/],
    ];
    for (const [method, url, payload, message] of cases) {
      const res = await t.app.server.inject({
        method: method as 'GET',
        url,
        headers: ADMIN,
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
      assert.equal(res.statusCode, 400, `${url} ${res.body}`);
      const error = res.json().error;
      assert.match(`${error.message} ${JSON.stringify(error.issues ?? [])}`, message, url);
    }
  });

  test('settlement: JSON and files for the province; an agency administrator only for their agency', async () => {
    const query = { from: '2026-11-01', to: '2026-12-31' };
    const ward = await as('tb.quantri', { url: '/api/admin/payments/settlement', query });
    assert.equal(ward.statusCode, 200, ward.body);
    const report = Settlement.parse(ward.json());
    assert.ok(report.rows.every((r) => r.agencyId === centre));
    assert.ok(report.totals.payments > 0);
    const other = await as('stp.quantri', {
      url: '/api/admin/payments/settlement',
      query: { ...query, agencyId: centre },
    });
    assert.equal(other.statusCode, 403);
    assert.match(other.json().error.message, /đơn vị mình/);
    const own = await as('stp.quantri', { url: '/api/admin/payments/settlement', query });
    assert.equal(Settlement.parse(own.json()).rows.length, 0);
    const clerk = await as('tb.tiepnhan', { url: '/api/admin/payments/settlement', query });
    assert.equal(clerk.statusCode, 403);
    for (const format of ['xlsx', 'pdf'] as const) {
      const file = await as('qt.tinh', {
        url: '/api/admin/payments/settlement',
        query: { ...query, format },
      });
      assert.equal(file.statusCode, 200);
      assert.match(String(file.headers['content-type']), format === 'pdf' ? /pdf/ : /spreadsheet/);
      assert.ok(file.rawPayload.length > 1000);
    }
  });

  test('refunds: approvers of the dossier and province admins; Idempotency-Key; Vietnamese 400s', async () => {
    const dossier = await t.db.database.pool.query('SELECT id FROM dos_dossier WHERE code = $1', [
      REFUSED,
    ]);
    const p = await ourPayment({
      reference: `dvcREFUND${randomUUID().slice(0, 8)}`,
      method: 'online',
      amount: 50_000,
      paidAt: new Date('2026-11-20T02:00:00Z'),
      dossierId: dossier.rows[0].id,
    });
    const url = `/api/dossiers/${REFUSED}/refunds`;
    const payload = {
      reference: p.reference,
      amount: 50_000,
      reason: 'Hồ sơ bị từ chối tiếp nhận',
    };
    const noKey = await as('tb.chutich', { method: 'POST', url, payload });
    assert.equal(noKey.statusCode, 400);
    assert.match(noKey.body, /Idempotency-Key/);
    const negative = await as('tb.chutich', {
      method: 'POST',
      url,
      key: randomUUID(),
      payload: { ...payload, amount: -5 },
    });
    assert.equal(negative.statusCode, 400);
    assert.match(negative.body, /lớn hơn 0/);
    const clerk = await as('tb.tiepnhan', { method: 'POST', url, key: randomUUID(), payload });
    assert.equal(clerk.statusCode, 403, clerk.body);
    const stranger = await as('stp.giamdoc', { method: 'POST', url, key: randomUUID(), payload });
    assert.equal(stranger.statusCode, 404, stranger.body);
    const key = randomUUID();
    const made = await as('tb.chutich', { method: 'POST', url, key, payload });
    assert.equal(made.statusCode, 201, made.body);
    const refund = RefundView.parse(made.json());
    assert.equal(refund.requestedBy, 'tb.chutich');
    const replay = await as('tb.chutich', { method: 'POST', url, key, payload });
    assert.equal(RefundView.parse(replay.json()).id, refund.id);
    const done = await as('qt.tinh', {
      method: 'POST',
      url: `${url}/${refund.id}/complete`,
      payload: { note: 'Đã chuyển khoản trả công dân' },
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(RefundView.parse(done.json()).paymentStatus, 'refunded');
    const listed = await as('tb.chutich', { url });
    assert.deepEqual(
      listed.json().items.map((r: { id: string }) => r.id),
      [refund.id],
    );
    const all = await t.app.server.inject({
      url: '/api/admin/payments/refunds',
      query: { status: 'done' },
      headers: ADMIN,
    });
    assert.ok(all.json().items.some((r: { id: string }) => r.id === refund.id));
  });
});
