// The matching of the three-way payment reconciliation (issue 17 item 6), on hand-made days: each
// kind planted once among clean payments is found, about the right subject, and nothing else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SettlementLine } from '../../integrations/payment-platform/index.js';
import {
  findMismatches,
  type MatchInput,
  type OurPayment,
  type OurReceipt,
  type Queried,
} from './reconciliation.js';
import { dayBounds } from './settlement.js';

const DAY = dayBounds('2026-11-23');
const at = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00+07:00`);

let n = 0;
function payment(over: Partial<OurPayment> = {}): OurPayment {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    reference: `dvc00001145H75261123${String(n).padStart(4, '0')}20261123090000`,
    dossierId: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    dossierCode: `000.01.145.H75-261123-${String(n).padStart(4, '0')}`,
    agencyId: null,
    method: 'online',
    amount: 50_000,
    status: 'paid',
    paidAt: at('09:00'),
    duplicateOf: null,
    itemsKey: 'LP01:50000',
    ...over,
  };
}
function receiptOf(p: OurPayment, over: Partial<OurReceipt> = {}): OurReceipt {
  return {
    id: `r-${p.id}`,
    paymentId: p.id,
    series: 'BL/26E',
    number: Number(p.id.slice(-4)),
    amount: p.amount,
    phi: 0,
    lePhi: p.amount,
    status: 'issued',
    issuedAt: at('09:01'),
    ...over,
  };
}
function lineOf(p: OurPayment, over: Partial<SettlementLine> = {}): SettlementLine {
  return {
    reference: p.reference,
    transactionId: `GD${p.id.slice(-6)}`,
    amount: p.amount,
    currency: 'VND',
    paidAt: p.paidAt ?? at('09:00'),
    bankCode: 'VCB',
    state: 'success',
    ...over,
  };
}

/** A clean day: online and counter payments, each listed (online) and receipted. */
function cleanDay(count: number) {
  const payments = Array.from({ length: count }, (_, i) =>
    payment(i % 3 === 2 ? { method: 'cash' } : {}),
  );
  return {
    payments,
    receipts: payments.map((p) => receiptOf(p)),
    lines: payments.filter((p) => p.method === 'online').map((p) => lineOf(p)),
  };
}

function input(day: ReturnType<typeof cleanDay>, queried = new Map<string, Queried>()): MatchInput {
  return { ...DAY, ...day, queried };
}

describe('payment reconciliation matching', () => {
  test('a clean day has no mismatch', () => {
    assert.deepEqual(findMismatches(input(cleanDay(30))), []);
  });

  test('each planted kind is found once, about its subject, and nothing else', () => {
    const day = cleanDay(30);
    const planted: Array<{ kind: string; subject: string }> = [];
    const online = day.payments.filter((p) => p.method === 'online');

    // paid_no_receipt: its receipt was cancelled and not replaced.
    const noReceipt = online[0]!;
    day.receipts = day.receipts.map((r) =>
      r.paymentId === noReceipt.id ? { ...r, status: 'cancelled' as const } : r,
    );
    planted.push({ kind: 'paid_no_receipt', subject: noReceipt.reference });

    // receipt_no_payment: a receipt for a payment that failed.
    const failed = payment({ status: 'failed', paidAt: null });
    day.payments.push(failed);
    const stray = receiptOf(failed);
    day.receipts.push(stray);
    planted.push({ kind: 'receipt_no_payment', subject: `receipt:${stray.id}` });

    // amount_differs (platform): the platform listed another amount.
    const platformAmount = online[1]!;
    day.lines = day.lines.map((l) =>
      l.reference === platformAmount.reference ? { ...l, amount: 60_000 } : l,
    );
    planted.push({ kind: 'amount_differs', subject: `platform:${platformAmount.reference}` });

    // amount_differs (receipt): the receipt says another amount.
    const receiptAmount = day.payments.find((p) => p.method === 'cash')!;
    day.receipts = day.receipts.map((r) =>
      r.paymentId === receiptAmount.id ? { ...r, amount: 45_000, lePhi: 45_000 } : r,
    );
    planted.push({ kind: 'amount_differs', subject: `receipt:r-${receiptAmount.id}` });

    // paid_twice: the same dossier's same fees paid again later, receipted and listed.
    const first = online[2]!;
    const second = payment({
      dossierId: first.dossierId,
      dossierCode: first.dossierCode,
      paidAt: at('10:00'),
    });
    day.payments.push(second);
    day.receipts.push(receiptOf(second));
    day.lines.push(lineOf(second));
    planted.push({ kind: 'paid_twice', subject: second.reference });

    // missing_here: the platform has a success we still hold as pending, and one we never made.
    const pending = payment({ status: 'pending', paidAt: null });
    day.payments.push(pending);
    day.lines.push(lineOf(pending, { paidAt: at('11:00') }));
    planted.push({ kind: 'missing_here', subject: pending.reference });
    day.lines.push({
      ...lineOf(payment()),
      reference: 'dvcUNKNOWN20261123120000',
    });
    planted.push({ kind: 'missing_here', subject: 'dvcUNKNOWN20261123120000' });

    // missing_there: we say paid, the listing lacks it and QUERY does not know it.
    const notThere = online[3]!;
    day.lines = day.lines.filter((l) => l.reference !== notThere.reference);
    planted.push({ kind: 'missing_there', subject: notThere.reference });
    // …whereas one the listing lacks but QUERY confirms is fine (a listing's lag).
    const late = online[4]!;
    day.lines = day.lines.filter((l) => l.reference !== late.reference);

    // refund_differs: the platform refunded a payment we still hold as paid.
    const refunded = online[5]!;
    day.lines = day.lines.map((l) =>
      l.reference === refunded.reference ? { ...l, state: 'refunded' as const } : l,
    );
    planted.push({ kind: 'refund_differs', subject: refunded.reference });

    const queried = new Map<string, Queried>([
      [notThere.reference, 'not_found'],
      [late.reference, { state: 'success', amount: late.amount, raw: {} }],
    ]);
    const found = findMismatches(input(day, queried));
    const key = (f: { kind: string; subject: string }) => `${f.kind} ${f.subject}`;
    assert.deepEqual(found.map(key).sort(), planted.map(key).sort());
    for (const f of found) assert.match(f.detail, /\S{3,}/, 'a Vietnamese explanation');
  });

  test('a payment the service marked as a duplicate is paid twice even with other items', () => {
    const day = cleanDay(3);
    const first = day.payments[0]!;
    const dup = payment({ duplicateOf: first.id, itemsKey: 'other', dossierId: first.dossierId });
    day.payments.push(dup);
    day.receipts.push(receiptOf(dup));
    day.lines.push(lineOf(dup));
    const found = findMismatches(input(day));
    assert.deepEqual(
      found.map((f) => [f.kind, f.subject]),
      [['paid_twice', dup.reference]],
    );
    assert.equal(found[0]!.theirs?.['reference'], first.reference);
  });

  test('a refunded duplicate is no longer paid twice; a second receipt stands for no payment', () => {
    const day = cleanDay(3);
    const first = day.payments[0]!;
    const dup = payment({ duplicateOf: first.id, status: 'refunded', dossierId: first.dossierId });
    day.payments.push(dup);
    day.receipts.push(receiptOf(dup));
    day.lines.push(lineOf(dup));
    const again = receiptOf(first, { id: 'r-again', issuedAt: at('15:00') });
    day.receipts.push(again);
    const found = findMismatches(input(day));
    assert.deepEqual(
      found.map((f) => [f.kind, f.subject]),
      [['receipt_no_payment', 'receipt:r-again']],
    );
  });

  test('without the platform listing only the receipt side is compared; a failed QUERY decides nothing', () => {
    const day = cleanDay(6);
    const noReceipt = day.payments[0]!;
    day.receipts = day.receipts.filter((r) => r.paymentId !== noReceipt.id);
    const unreadable = { ...input(day), lines: null };
    assert.deepEqual(
      findMismatches(unreadable).map((f) => f.kind),
      ['paid_no_receipt'],
    );
    const gone = day.payments[1]!;
    day.lines = day.lines.filter((l) => l.reference !== gone.reference);
    const found = findMismatches(input(day, new Map([[gone.reference, 'error']])));
    assert.deepEqual(
      found.map((f) => f.kind),
      ['paid_no_receipt'],
    );
  });

  test('payments outside the day are not judged for receipts, and a platform failure is missing there', () => {
    const day = cleanDay(3);
    const yesterday = payment({ paidAt: new Date(DAY.from.getTime() - 60_000) });
    day.payments.push(yesterday); // no receipt, but not this day's
    const failedThere = day.payments[0]!;
    day.lines = day.lines.map((l) =>
      l.reference === failedThere.reference ? { ...l, state: 'failed' as const } : l,
    );
    assert.deepEqual(
      findMismatches(input(day)).map((f) => [f.kind, f.subject]),
      [['missing_there', failedThere.reference]],
    );
  });
});
