// Refunds (issue 17 item 7) on the demo dossiers of a real database: allowed only where the rule
// says (refused, or withdrawn/stopped before processing; a payment made twice), never more than
// was paid, recorded once per Idempotency-Key, 'refunded' once paid out in full, and taken off the
// treasury remittance of the settlement report.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Settlement } from '@motcua/contracts';
import { fixedClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { createLogger } from '../../platform/logger.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';
import { createPaymentReconciliation } from './reconciliation.js';
import { splitRefund, type RefundActor } from './refunds.js';

const REFUSED = '000.01.145.H75-261103-0002';
/** Received, forwarded to processing, then stopped. */
const STOPPED = '000.01.145.H75-261103-0004';
/** Received, then withdrawn before any processing. */
const WITHDRAWN = '000.01.145.H75-261102-0005';
const PROCESSING = '000.01.145.H75-261102-0002';
const RETURNED = '000.01.145.H75-261102-0001';

let t: TestApp;
let admin: ReturnType<typeof createPaymentReconciliation>;
const clock = fixedClock('2026-11-23T03:00:00Z');
const officer: RefundActor = {
  label: 'tb.chutich',
  canRead: () => true,
  canApprove: () => true,
  scope: 'officer-1',
};

before(async () => {
  t = await createTestApp();
  admin = createPaymentReconciliation({
    db: t.app.database.db,
    clock,
    log: createLogger('silent'),
    platform: {
      settlement: () => Promise.reject(new Error('not used by refunds')),
      query: () => Promise.reject(new Error('not used by refunds')),
    },
    agencyName: async () => 'Trung tâm Phục vụ hành chính công Phường Trấn Biên',
    dossierByCode: (code, canRead) => t.app.modules.dossiers.snapshotByCode(code, canRead),
  });
});
after(async () => {
  await t.close();
});

/** A paid payment of a demo dossier: 30,000 phí + 20,000 lệ phí. */
async function paid(code: string, over: { duplicateOf?: string; paidAt?: string } = {}) {
  const pool = t.db.database.pool;
  const dossier = await pool.query(
    'SELECT id, receiving_agency_id FROM dos_dossier WHERE code = $1',
    [code],
  );
  const reference = `dvc${code.replace(/\W/g, '')}${randomUUID().slice(0, 8)}`;
  const row = await pool.query(
    `INSERT INTO pay_payment (reference, dossier_id, dossier_code, agency_id, method, amount, items,
       beneficiary, treasury, payer, status, paid_at, duplicate_of, created_at, updated_at, created_by)
     VALUES ($1, $2, $3, $4, 'online', 50000, $5, $6, $7, '{"name":"Đỗ Minh Khang","idNumber":null}',
       'paid', $8, $9, $8, $8, '{"kind":"system","id":"test"}') RETURNING id`,
    [
      reference,
      dossier.rows[0].id,
      code,
      dossier.rows[0].receiving_agency_id,
      JSON.stringify([
        { code: 'P01', kind: 'phi', name: 'Phí thẩm định', amount: 30000, basis: 'QĐ 1/2026' },
        { code: 'L01', kind: 'le-phi', name: 'Lệ phí đăng ký', amount: 20000, basis: 'QĐ 1/2026' },
      ]),
      JSON.stringify({
        accountNo: '1200012345',
        bankCode: 'BIDV',
        accountName: 'UBND P. Trấn Biên',
      }),
      JSON.stringify({ accountNo: '7111', name: 'Kho bạc Nhà nước Đồng Nai' }),
      over.paidAt ?? '2026-11-23T02:00:00Z',
      over.duplicateOf ?? null,
    ],
  );
  return { id: row.rows[0].id as string, reference };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

describe('refunds', () => {
  test('a refused dossier is refunded: requested, then done; in full the payment is refunded', async () => {
    const p = await paid(REFUSED);
    const key = randomUUID();
    const input = { reference: p.reference, amount: 50_000, reason: 'Hồ sơ bị từ chối tiếp nhận' };
    const first = await admin.refunds.request(REFUSED, input, officer, key);
    assert.equal(first.replayed, false);
    assert.equal(first.refund.status, 'requested');
    assert.deepEqual([first.refund.phi, first.refund.lePhi], [30_000, 20_000]);
    assert.match(first.refund.rule, /từ chối/);
    // A retried click: the same refund, not a second one.
    const again = await admin.refunds.request(REFUSED, input, officer, key);
    assert.equal(again.replayed, true);
    assert.equal(again.refund.id, first.refund.id);
    // Nothing left to refund now that the whole amount is requested.
    const more = await rejection(admin.refunds.request(REFUSED, input, officer, randomUUID()));
    assert.equal(more.code, 'CONFLICT');
    assert.match(more.message, /vượt quá số còn có thể hoàn/);

    const done = await admin.refunds.complete(REFUSED, first.refund.id, 'Chuyển khoản', officer);
    assert.equal(done.status, 'done');
    assert.equal(done.paymentStatus, 'refunded');
    const status = await t.db.database.pool.query('SELECT status FROM pay_payment WHERE id = $1', [
      p.id,
    ]);
    assert.equal(status.rows[0].status, 'refunded');
    const listed = await admin.refunds.ofDossier(REFUSED, () => true);
    assert.deepEqual(
      listed.map((r) => r.id),
      [first.refund.id],
    );
    // Never deleted, by anyone.
    await assert.rejects(
      t.db.database.pool.query('DELETE FROM pay_refund WHERE id = $1', [first.refund.id]),
    );
  });

  test('a partial refund leaves the payment paid; the rest is refundable', async () => {
    const p = await paid(WITHDRAWN);
    const part = await admin.refunds.request(
      WITHDRAWN,
      { reference: p.reference, amount: 10_000, reason: 'Công dân rút hồ sơ trước khi xử lý' },
      officer,
      randomUUID(),
    );
    const done = await admin.refunds.complete(WITHDRAWN, part.refund.id, undefined, officer);
    assert.equal(done.paymentStatus, 'paid');
    assert.equal(done.phi + done.lePhi, 10_000);
    const rest = await admin.refunds.request(
      WITHDRAWN,
      { reference: p.reference, amount: 40_000, reason: 'Phần còn lại' },
      officer,
      randomUUID(),
    );
    assert.equal(rest.refund.phi + done.phi, 30_000, 'phí refunded in full over both');
    assert.equal(rest.refund.lePhi + done.lePhi, 20_000);
    const last = await admin.refunds.complete(WITHDRAWN, rest.refund.id, undefined, officer);
    assert.equal(last.paymentStatus, 'refunded');
  });

  test('the rule refuses dossiers processed (stopped after processing too) or settled, in Vietnamese', async () => {
    for (const code of [PROCESSING, RETURNED, STOPPED]) {
      const p = await paid(code);
      const e = await rejection(
        admin.refunds.request(
          code,
          { reference: p.reference, amount: 1_000, reason: 'Thử hoàn trả' },
          officer,
          randomUUID(),
        ),
      );
      assert.equal(e.code, 'CONFLICT', code);
      assert.match(e.message, /không thuộc trường hợp được hoàn trả|đã được xử lý/);
    }
  });

  test('a payment made twice is refundable whatever the dossier status', async () => {
    const first = await paid(RETURNED);
    const dup = await paid(RETURNED, { duplicateOf: first.id });
    const r = await admin.refunds.request(
      RETURNED,
      { reference: dup.reference, amount: 50_000, reason: 'Công dân nộp hai lần' },
      officer,
      randomUUID(),
    );
    assert.match(r.refund.rule, /hai lần/);
  });

  test('wrong reference, another dossier or no approval: 404 / 403', async () => {
    const p = await paid(REFUSED);
    const input = { reference: p.reference, amount: 1_000, reason: 'Thử hoàn trả' };
    assert.equal(
      (await rejection(admin.refunds.request(STOPPED, input, officer, randomUUID()))).code,
      'NOT_FOUND',
    );
    assert.equal(
      (
        await rejection(
          admin.refunds.request(
            REFUSED,
            { ...input, reference: 'dvcKHONGCO' },
            officer,
            randomUUID(),
          ),
        )
      ).code,
      'NOT_FOUND',
    );
    const reader = { ...officer, canApprove: () => false };
    assert.equal(
      (await rejection(admin.refunds.request(REFUSED, input, reader, randomUUID()))).code,
      'FORBIDDEN',
    );
    const stranger = { ...officer, canRead: () => false };
    assert.equal(
      (await rejection(admin.refunds.request(REFUSED, input, stranger, randomUUID()))).code,
      'NOT_FOUND',
    );
  });

  test('the settlement takes refunds paid out off what is remitted; requested ones are listed apart', async () => {
    const day = { from: '2026-12-01', to: '2026-12-01' };
    clock.set('2026-12-01T03:00:00Z');
    const a = await paid(REFUSED, { paidAt: '2026-12-01T01:00:00Z' });
    await paid(STOPPED, { paidAt: '2026-12-01T02:00:00Z' });
    const refund = await admin.refunds.request(
      REFUSED,
      { reference: a.reference, amount: 50_000, reason: 'Từ chối tiếp nhận' },
      officer,
      randomUUID(),
    );
    let report = Settlement.parse(await admin.settlement.report(day, { all: true }));
    assert.equal(report.rows.length, 1, 'one agency and account');
    assert.deepEqual(report.totals.collected, { phi: 60_000, lePhi: 40_000, total: 100_000 });
    assert.equal(report.totals.refundsPending, 50_000);
    assert.deepEqual(report.totals.toRemit, { phi: 60_000, lePhi: 40_000, total: 100_000 });
    await admin.refunds.complete(REFUSED, refund.refund.id, undefined, officer);
    report = Settlement.parse(await admin.settlement.report(day, { all: true }));
    assert.deepEqual(report.totals.refunded, { phi: 30_000, lePhi: 20_000, total: 50_000 });
    assert.equal(report.totals.refundsPending, 0);
    assert.deepEqual(report.totals.toRemit, { phi: 30_000, lePhi: 20_000, total: 50_000 });
    assert.equal(report.totals.payments, 2);
    // An agency administrator elsewhere sees nothing of this agency.
    const elsewhere = { all: false as const, agencyIds: new Set([randomUUID()]) };
    assert.equal((await admin.settlement.report(day, elsewhere)).rows.length, 0);
    const asked = await rejection(
      admin.settlement.report({ ...day, agencyId: report.rows[0]!.agencyId! }, elsewhere),
    );
    assert.equal(asked.code, 'FORBIDDEN');
  });
});

test('a refund splits between phí and lệ phí in proportion to what is left of each', () => {
  assert.deepEqual(splitRefund(50_000, { phi: 30_000, lePhi: 20_000 }), {
    phi: 30_000,
    lePhi: 20_000,
  });
  assert.deepEqual(splitRefund(10_000, { phi: 30_000, lePhi: 20_000 }), {
    phi: 6_000,
    lePhi: 4_000,
  });
  assert.deepEqual(splitRefund(1, { phi: 1, lePhi: 2 }), { phi: 0, lePhi: 1 });
  assert.deepEqual(splitRefund(20_000, { phi: 0, lePhi: 20_000 }), { phi: 0, lePhi: 20_000 });
  assert.deepEqual(splitRefund(5_000, { phi: 5_000, lePhi: 0 }), { phi: 5_000, lePhi: 0 });
});
