import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import {
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  PAYMENT_MISMATCH_KINDS,
  PAYMENT_MISMATCH_LABELS,
  vietnamToday,
  type PaymentMismatch,
  type PaymentMismatchKind,
  type PaymentMismatchQuery,
  type PaymentReconciliation,
} from '@motcua/contracts';
import { IntegrationError } from '../../integrations/integration-error.js';
import type {
  PaymentPlatformClient,
  QueryOutcome,
  SettlementLine,
} from '../../integrations/payment-platform/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { JobDefinitions } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logger.js';
import { payPayment, payReceipt, type PaymentStatus } from './payments.schema.js';
import { createRefunds, payRefund, type RefundsDeps } from './refunds.js';
import { createSettlement, dayBounds, type SettlementDeps } from './settlement.js';

export const RECONCILE_TASK = 'payments:reconcile';

// ---- tables (migration 0020) -------------------------------------------------------------------

type Counts = PaymentReconciliation['counts'];
type Found = Record<PaymentMismatchKind, number>;
type Facts = Record<string, string | number | boolean | null>;

/** One run of the daily payment reconciliation (đối soát) of a Vietnam day. */
export const payReconciliation = pgTable('pay_reconciliation', {
  id: uuid().primaryKey().defaultRandom(),
  day: date({ mode: 'string' }).notNull(),
  trigger: text().$type<'nightly' | 'manual'>().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  finishedAt: timestamp({ withTimezone: true }),
  counts: jsonb().$type<Counts>().notNull(),
  found: jsonb().$type<Found>().notNull(),
  closed: integer().notNull().default(0),
  platformError: text(),
});

/**
 * A difference found by a reconciliation, about one subject (a payment's reference, or a receipt).
 * Open until resolved with a reason by an officer (or by the system when running the day again no
 * longer finds it); never deleted, and a resolution is never rewritten (migration 0020 triggers).
 */
export const payMismatch = pgTable('pay_mismatch', {
  id: uuid().primaryKey().defaultRandom(),
  day: date({ mode: 'string' }).notNull(),
  kind: text().$type<PaymentMismatchKind>().notNull(),
  subject: text().notNull(),
  fingerprint: text().notNull(),
  paymentId: uuid(),
  receiptId: uuid(),
  reference: text(),
  dossierCode: text(),
  agencyId: uuid(),
  ours: jsonb().$type<Facts | null>(),
  theirs: jsonb().$type<Facts | null>(),
  detail: text().notNull(),
  status: text().$type<'open' | 'resolved'>().notNull().default('open'),
  firstReconciliationId: uuid()
    .notNull()
    .references((): AnyPgColumn => payReconciliation.id),
  lastReconciliationId: uuid()
    .notNull()
    .references((): AnyPgColumn => payReconciliation.id),
  foundAt: timestamp({ withTimezone: true }).notNull(),
  lastSeenAt: timestamp({ withTimezone: true }).notNull(),
  resolvedAt: timestamp({ withTimezone: true }),
  resolvedBy: text(),
  resolution: text(),
});

// ---- the matching (pure) -----------------------------------------------------------------------

/** Our side of a payment, as the matching needs it. */
export interface OurPayment {
  id: string;
  reference: string;
  dossierId: string;
  dossierCode: string;
  agencyId: string | null;
  method: string;
  amount: number;
  status: PaymentStatus;
  paidAt: Date | null;
  duplicateOf: string | null;
  /** The fee items' codes and amounts, to recognise the same fees paid twice. */
  itemsKey: string;
}

export interface OurReceipt {
  id: string;
  paymentId: string;
  series: string | null;
  number: number | null;
  amount: number;
  phi: number;
  lePhi: number;
  status: 'issued' | 'cancelled';
  issuedAt: Date;
}

/** What QUERY said about one of our paid references the settlement listing lacked. */
export type Queried = QueryOutcome | 'not_found' | 'error';

export interface MatchInput {
  /** The Vietnam day's bounds: paid_at / issued_at in [from, to). */
  from: Date;
  to: Date;
  /** Every payment the day touches (paid that day, listed by the platform, receipted that day) and the other paid payments of their dossiers. */
  payments: OurPayment[];
  /** Receipts of those payments and receipts issued that day. */
  receipts: OurReceipt[];
  /** The platform's settlement listing of the day; null when it could not be read. */
  lines: SettlementLine[] | null;
  queried: Map<string, Queried>;
}

export interface FoundMismatch {
  kind: PaymentMismatchKind;
  subject: string;
  paymentId: string | null;
  receiptId: string | null;
  reference: string | null;
  dossierCode: string | null;
  agencyId: string | null;
  ours: Facts | null;
  theirs: Facts | null;
  detail: string;
}

const money = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đồng`;
const settled = (p: OurPayment) => p.status === 'paid' || p.status === 'refunded';
const STATUS_TEXT: Record<PaymentStatus, string> = {
  initiated: 'mới khởi tạo',
  pending: 'đang chờ kết quả',
  paid: 'đã thanh toán',
  failed: 'thất bại',
  abandoned: 'bỏ ngang',
  refunded: 'đã hoàn trả',
};
const LINE_STATE_TEXT: Record<SettlementLine['state'], string> = {
  success: 'thành công',
  failed: 'thất bại',
  refunded: 'đã hoàn tiền',
};

function paymentFacts(p: OurPayment): Facts {
  return {
    reference: p.reference,
    dossierCode: p.dossierCode,
    method: p.method,
    amount: p.amount,
    status: p.status,
    paidAt: p.paidAt?.toISOString() ?? null,
  };
}
function lineFacts(l: SettlementLine): Facts {
  return {
    reference: l.reference,
    transactionId: l.transactionId,
    amount: l.amount,
    currency: l.currency,
    state: l.state,
    paidAt: l.paidAt.toISOString(),
  };
}
function receiptFacts(r: OurReceipt): Facts {
  return {
    series: r.series,
    number: r.number,
    amount: r.amount,
    phi: r.phi,
    lePhi: r.lePhi,
    status: r.status,
    issuedAt: r.issuedAt.toISOString(),
  };
}
const receiptName = (r: OurReceipt) =>
  r.series !== null && r.number !== null ? `biên lai ${r.series} số ${r.number}` : 'biên lai';

/**
 * The three-way comparison of one day (issue 17 item 6; GOV.UK Pay's scheduled reconciliation,
 * anchors.md): our payments against the platform's settlement listing (and QUERY for what the
 * listing lacks), and against the receipts we issued. Every difference is one finding about one
 * subject, so that running the day again finds the same subjects.
 */
export function findMismatches(input: MatchInput): FoundMismatch[] {
  const inDay = (d: Date | null) => d !== null && d >= input.from && d < input.to;
  const byId = new Map(input.payments.map((p) => [p.id, p]));
  const byRef = new Map(input.payments.map((p) => [p.reference, p]));
  const found: FoundMismatch[] = [];
  const about = (p: OurPayment) => ({
    paymentId: p.id,
    receiptId: null,
    reference: p.reference,
    dossierCode: p.dossierCode,
    agencyId: p.agencyId,
  });
  const paidToday = input.payments.filter((p) => settled(p) && inDay(p.paidAt));

  // Platform side: every line of the listing, then our online payments the listing lacks.
  const listed = new Set<string>();
  for (const line of input.lines ?? []) {
    listed.add(line.reference);
    const p = byRef.get(line.reference);
    if (line.state === 'failed') {
      if (p && settled(p)) {
        found.push({
          kind: 'missing_there',
          subject: p.reference,
          ...about(p),
          ours: paymentFacts(p),
          theirs: lineFacts(line),
          detail: `Hệ thống một cửa ghi khoản ${p.reference} (hồ sơ ${p.dossierCode}) ${STATUS_TEXT[p.status]}, nền tảng thanh toán ghi giao dịch thất bại.`,
        });
      }
      continue;
    }
    if (!p || !settled(p)) {
      found.push({
        kind: 'missing_here',
        subject: line.reference,
        paymentId: p?.id ?? null,
        receiptId: null,
        reference: line.reference,
        dossierCode: p?.dossierCode ?? null,
        agencyId: p?.agencyId ?? null,
        ours: p ? paymentFacts(p) : null,
        theirs: lineFacts(line),
        detail: p
          ? `Nền tảng thanh toán ghi giao dịch ${line.reference} ${LINE_STATE_TEXT[line.state]} (${money(line.amount)}), hệ thống một cửa vẫn ghi ${STATUS_TEXT[p.status]}.`
          : `Nền tảng thanh toán có giao dịch ${line.reference} (${money(line.amount)}, mã giao dịch ${line.transactionId}) mà hệ thống một cửa không có khoản thanh toán nào mang mã tham chiếu này.`,
      });
      continue;
    }
    if (line.amount !== p.amount) {
      found.push({
        kind: 'amount_differs',
        subject: `platform:${p.reference}`,
        ...about(p),
        ours: paymentFacts(p),
        theirs: lineFacts(line),
        detail: `Khoản ${p.reference} (hồ sơ ${p.dossierCode}): hệ thống một cửa ghi ${money(p.amount)}, nền tảng thanh toán ghi ${money(line.amount)}.`,
      });
    }
    if (line.state === 'refunded' && p.status !== 'refunded') {
      found.push({
        kind: 'refund_differs',
        subject: p.reference,
        ...about(p),
        ours: paymentFacts(p),
        theirs: lineFacts(line),
        detail: `Nền tảng thanh toán đã hoàn tiền giao dịch ${p.reference}, hệ thống một cửa chưa ghi nhận hoàn trả đủ khoản này.`,
      });
    }
  }
  if (input.lines !== null) {
    for (const p of paidToday) {
      if (p.method !== 'online' || listed.has(p.reference)) continue;
      const q = input.queried.get(p.reference);
      if (q === undefined || q === 'error') continue; // not known either way: looked at again next run
      if (q !== 'not_found' && q.state === 'success') {
        if (q.amount !== undefined && q.amount !== p.amount) {
          found.push({
            kind: 'amount_differs',
            subject: `platform:${p.reference}`,
            ...about(p),
            ours: paymentFacts(p),
            theirs: { reference: p.reference, amount: q.amount, state: q.state },
            detail: `Khoản ${p.reference} (hồ sơ ${p.dossierCode}): hệ thống một cửa ghi ${money(p.amount)}, nền tảng thanh toán (tra cứu QUERY) ghi ${money(q.amount)}.`,
          });
        }
        continue;
      }
      const there =
        q === 'not_found'
          ? 'không có giao dịch này'
          : q.state === 'pending'
            ? 'giao dịch chưa có kết quả'
            : 'giao dịch thất bại';
      found.push({
        kind: 'missing_there',
        subject: p.reference,
        ...about(p),
        ours: paymentFacts(p),
        theirs:
          q === 'not_found'
            ? null
            : { reference: p.reference, amount: q.amount ?? null, state: q.state },
        detail: `Hệ thống một cửa ghi khoản ${p.reference} (hồ sơ ${p.dossierCode}) đã thanh toán ${money(p.amount)}; nền tảng thanh toán: ${there}.`,
      });
    }
  }

  // Receipt side.
  const receiptsOf = new Map<string, OurReceipt[]>();
  for (const r of input.receipts) {
    if (r.status !== 'issued') continue;
    const list = receiptsOf.get(r.paymentId) ?? [];
    list.push(r);
    receiptsOf.set(r.paymentId, list);
  }
  for (const p of paidToday) {
    if ((receiptsOf.get(p.id) ?? []).length > 0) continue;
    found.push({
      kind: 'paid_no_receipt',
      subject: p.reference,
      ...about(p),
      ours: paymentFacts(p),
      theirs: null,
      detail: `Khoản ${p.reference} (hồ sơ ${p.dossierCode}, ${money(p.amount)}) đã thanh toán nhưng chưa có biên lai còn hiệu lực.`,
    });
  }
  const checked = new Set<string>();
  const receiptsToCheck = input.receipts.filter(
    (r) =>
      r.status === 'issued' && (inDay(r.issuedAt) || paidToday.some((p) => p.id === r.paymentId)),
  );
  for (const r of receiptsToCheck) {
    if (checked.has(r.id)) continue;
    checked.add(r.id);
    const p = byId.get(r.paymentId);
    const base = {
      subject: `receipt:${r.id}`,
      paymentId: p?.id ?? null,
      receiptId: r.id,
      reference: p?.reference ?? null,
      dossierCode: p?.dossierCode ?? null,
      agencyId: p?.agencyId ?? null,
      ours: p ? paymentFacts(p) : null,
      theirs: receiptFacts(r),
    };
    // A second receipt in force for one payment stands for no payment of its own.
    const first = (receiptsOf.get(r.paymentId) ?? [])
      .slice()
      .sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || a.id.localeCompare(b.id))[0];
    if (!p || !settled(p) || first?.id !== r.id) {
      found.push({
        kind: 'receipt_no_payment',
        ...base,
        detail: !p
          ? `${receiptName(r)} (${money(r.amount)}) không gắn với khoản thanh toán nào.`
          : !settled(p)
            ? `${receiptName(r)} (${money(r.amount)}) đã phát hành cho khoản ${p.reference} (hồ sơ ${p.dossierCode}) đang ở trạng thái ${STATUS_TEXT[p.status]}.`
            : `${receiptName(r)} là biên lai thứ hai còn hiệu lực của khoản ${p.reference} (hồ sơ ${p.dossierCode}).`,
      });
      continue;
    }
    if (r.amount !== p.amount || r.phi + r.lePhi !== r.amount) {
      found.push({
        kind: 'amount_differs',
        ...base,
        detail:
          r.amount !== p.amount
            ? `${receiptName(r)} ghi ${money(r.amount)}, khoản ${p.reference} (hồ sơ ${p.dossierCode}) là ${money(p.amount)}.`
            : `${receiptName(r)}: phí ${money(r.phi)} và lệ phí ${money(r.lePhi)} không cộng thành ${money(r.amount)}.`,
      });
    }
  }

  // The same fees paid twice: marked by the payments service, or recognised here by an earlier
  // paid payment of the same dossier with the same items.
  for (const p of paidToday) {
    if (p.status !== 'paid') continue;
    const earlier = input.payments.find(
      (o) =>
        o.id !== p.id &&
        o.dossierId === p.dossierId &&
        settled(o) &&
        o.itemsKey === p.itemsKey &&
        o.paidAt !== null &&
        p.paidAt !== null &&
        (o.paidAt < p.paidAt || (o.paidAt.getTime() === p.paidAt.getTime() && o.id < p.id)),
    );
    const first = p.duplicateOf ? (byId.get(p.duplicateOf) ?? earlier) : earlier;
    if (!p.duplicateOf && !earlier) continue;
    found.push({
      kind: 'paid_twice',
      subject: p.reference,
      ...about(p),
      ours: paymentFacts(p),
      theirs: first ? paymentFacts(first) : null,
      detail: `Hồ sơ ${p.dossierCode} đã được thanh toán hai lần: khoản ${p.reference} (${money(p.amount)})${
        first ? ` trùng với khoản ${first.reference}` : ''
      }; cần hoàn trả khoản thừa.`,
    });
  }
  // A transaction paid and refunded the same day is listed twice: one finding per subject.
  const once = new Map<string, FoundMismatch>();
  for (const f of found)
    if (!once.has(`${f.kind} ${f.subject}`)) once.set(`${f.kind} ${f.subject}`, f);
  return [...once.values()];
}

/** What identifies a finding's facts: a resolved mismatch is not opened again while they hold. */
function fingerprintOf(f: FoundMismatch): string {
  return createHash('sha256')
    .update(JSON.stringify([f.kind, f.subject, f.ours?.amount, f.theirs?.amount, f.theirs?.state]))
    .digest('hex')
    .slice(0, 32);
}

// ---- the service -------------------------------------------------------------------------------

export interface PaymentReconciliationDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** The payment platform's settlement listing and QUERY (integrations/payment-platform). */
  platform: Pick<PaymentPlatformClient, 'settlement' | 'query'>;
  /** An agency's name, for the settlement report. */
  agencyName: SettlementDeps['agencyName'];
  /** A dossier by code for the refund rule (dossiers.snapshotByCode). */
  dossierByCode: RefundsDeps['dossierByCode'];
}

const SYSTEM_RESOLVER = 'hệ thống (đối soát lại)';

function toPaymentRow(row: typeof payPayment.$inferSelect): OurPayment {
  return {
    id: row.id,
    reference: row.reference,
    dossierId: row.dossierId,
    dossierCode: row.dossierCode,
    agencyId: row.agencyId,
    method: row.method,
    amount: row.amount,
    status: row.status,
    paidAt: row.paidAt,
    duplicateOf: row.duplicateOf,
    itemsKey: row.items
      .map((i) => `${i.code}:${i.amount}`)
      .sort()
      .join('|'),
  };
}

function toMismatchView(m: typeof payMismatch.$inferSelect): PaymentMismatch {
  return {
    id: m.id,
    date: m.day,
    kind: m.kind,
    label: PAYMENT_MISMATCH_LABELS[m.kind],
    reference: m.reference,
    dossierCode: m.dossierCode,
    receiptId: m.receiptId,
    ours: m.ours ?? null,
    theirs: m.theirs ?? null,
    detail: m.detail,
    status: m.status,
    foundAt: m.foundAt.toISOString(),
    lastSeenAt: m.lastSeenAt.toISOString(),
    resolvedAt: m.resolvedAt?.toISOString() ?? null,
    resolvedBy: m.resolvedBy,
    resolution: m.resolution,
  };
}

const noneFound = (): Found =>
  Object.fromEntries(PAYMENT_MISMATCH_KINDS.map((k) => [k, 0])) as Found;

/**
 * The daily three-way payment reconciliation (issue 17 item 6) and its mismatch queue. Running a
 * day again is safe: an open mismatch found again is the same row (last seen updated), one the
 * officer resolved is not reopened while its facts stay the same, and an open one of that day
 * that is no longer found is closed by the system with that reason.
 */
export function createPaymentReconciliation(deps: PaymentReconciliationDeps) {
  const { db } = deps;

  async function load(day: string) {
    const { from, to } = dayBounds(day);
    let lines: SettlementLine[] | null = null;
    let platformError: string | null = null;
    try {
      lines = await deps.platform.settlement(day);
    } catch (error) {
      platformError = `Không đọc được bảng đối soát của nền tảng thanh toán: ${
        error instanceof Error ? error.message : String(error)
      }`;
      deps.log.warn({ err: error, day }, 'payment reconciliation: settlement listing unreadable');
    }
    const refs = [...new Set((lines ?? []).map((l) => l.reference))];
    const dayReceipts = await db
      .select()
      .from(payReceipt)
      .where(and(gte(payReceipt.issuedAt, from), lt(payReceipt.issuedAt, to)));
    const touched = await db
      .select()
      .from(payPayment)
      .where(
        or(
          and(gte(payPayment.paidAt, from), lt(payPayment.paidAt, to)),
          refs.length > 0 ? inArray(payPayment.reference, refs) : sql`false`,
          dayReceipts.length > 0
            ? inArray(payPayment.id, [...new Set(dayReceipts.map((r) => r.paymentId))])
            : sql`false`,
        ),
      );
    const dossierIds = [...new Set(touched.map((p) => p.dossierId))];
    const siblings =
      dossierIds.length > 0
        ? await db
            .select()
            .from(payPayment)
            .where(
              and(
                inArray(payPayment.dossierId, dossierIds),
                inArray(payPayment.status, ['paid', 'refunded']),
              ),
            )
        : [];
    const payments = new Map(
      [...touched, ...siblings].map((row) => [row.id, toPaymentRow(row)] as const),
    );
    const paymentIds = [...payments.keys()];
    const receipts = new Map(
      [
        ...dayReceipts,
        ...(paymentIds.length > 0
          ? await db.select().from(payReceipt).where(inArray(payReceipt.paymentId, paymentIds))
          : []),
      ].map((r) => [r.id, r] as const),
    );
    // What the listing lacks of our paid online payments of the day: asked one by one (QUERY).
    const queried = new Map<string, Queried>();
    if (lines) {
      const listed = new Set(refs);
      for (const p of payments.values()) {
        const paidToday = p.paidAt !== null && p.paidAt >= from && p.paidAt < to;
        if (!paidToday || p.method !== 'online' || listed.has(p.reference)) continue;
        if (p.status !== 'paid' && p.status !== 'refunded') continue;
        try {
          queried.set(p.reference, await deps.platform.query(p.reference));
        } catch (error) {
          const missing = error instanceof IntegrationError && error.kind === 'not_found';
          queried.set(p.reference, missing ? 'not_found' : 'error');
          if (!missing) {
            deps.log.warn({ err: error, reference: p.reference }, 'payment reconciliation: QUERY');
          }
        }
      }
    }
    const unanswered = [...queried.values()].filter((q) => q === 'error').length;
    if (unanswered > 0 && !platformError) {
      platformError = `Nền tảng thanh toán không trả lời tra cứu (QUERY) ${unanswered} giao dịch; các giao dịch này sẽ được đối soát lại ở lần sau.`;
    }
    const refundCount = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(payRefund)
      .where(
        or(
          and(gte(payRefund.requestedAt, from), lt(payRefund.requestedAt, to)),
          and(gte(payRefund.doneAt, from), lt(payRefund.doneAt, to)),
        ),
      );
    const input: MatchInput = {
      from,
      to,
      payments: [...payments.values()],
      receipts: [...receipts.values()].map((r) => ({
        id: r.id,
        paymentId: r.paymentId,
        series: r.series,
        number: r.number,
        amount: r.amount,
        phi: r.phi,
        lePhi: r.lePhi,
        status: r.status,
        issuedAt: r.issuedAt,
      })),
      lines,
      queried,
    };
    const counts: Counts = {
      payments: input.payments.filter((p) => p.paidAt !== null && p.paidAt >= from && p.paidAt < to)
        .length,
      platformLines: lines?.length ?? 0,
      queried: queried.size,
      receipts: dayReceipts.length,
      refunds: refundCount[0]?.n ?? 0,
    };
    return { input, counts, platformError };
  }

  async function run(day: string, trigger: 'nightly' | 'manual'): Promise<PaymentReconciliation> {
    const today = vietnamToday(deps.clock.now());
    if (day > today) {
      throw new AppError('VALIDATION_FAILED', 'Không đối soát được ngày trong tương lai.', {
        issues: [{ path: 'date', message: 'Ngày đối soát không được sau hôm nay' }],
      });
    }
    const startedAt = deps.clock.now();
    const { input, counts, platformError } = await load(day);
    const findings = findMismatches(input);
    // A finding that needs the platform's answer is not closed when the platform did not give it.
    const unchecked = (m: { kind: PaymentMismatchKind; subject: string }) =>
      PLATFORM_KINDS.has(m.kind) &&
      !m.subject.startsWith('receipt:') &&
      (input.lines === null || input.queried.get(m.subject.replace(/^platform:/, '')) === 'error');
    const found = noneFound();
    for (const f of findings) found[f.kind] += 1;

    const id = await db.transaction(async (tx) => {
      // One writer per day: two runs of the same day at once would both insert the same findings.
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtext('pay_reconciliation'), hashtext(${day}))`,
      );
      const now = deps.clock.now();
      const [saved] = await tx
        .insert(payReconciliation)
        .values({ day, trigger, startedAt, counts, found, platformError })
        .returning({ id: payReconciliation.id });
      const runId = saved!.id;
      const seen = new Set<string>();
      for (const f of findings) {
        const fingerprint = fingerprintOf(f);
        seen.add(`${f.kind}\u0000${f.subject}`);
        const facts = {
          ours: f.ours,
          theirs: f.theirs,
          detail: f.detail,
          fingerprint,
          lastSeenAt: now,
          lastReconciliationId: runId,
        };
        const [open] = await tx
          .update(payMismatch)
          .set(facts)
          .where(
            and(
              eq(payMismatch.kind, f.kind),
              eq(payMismatch.subject, f.subject),
              eq(payMismatch.status, 'open'),
            ),
          )
          .returning({ id: payMismatch.id });
        if (open) continue;
        const [handled] = await tx
          .select({ id: payMismatch.id })
          .from(payMismatch)
          .where(
            and(
              eq(payMismatch.kind, f.kind),
              eq(payMismatch.subject, f.subject),
              eq(payMismatch.fingerprint, fingerprint),
              eq(payMismatch.status, 'resolved'),
            ),
          )
          .limit(1);
        if (handled) continue;
        await tx.insert(payMismatch).values({
          day,
          kind: f.kind,
          subject: f.subject,
          paymentId: f.paymentId,
          receiptId: f.receiptId,
          reference: f.reference,
          dossierCode: f.dossierCode,
          agencyId: f.agencyId,
          firstReconciliationId: runId,
          foundAt: now,
          ...facts,
        });
      }
      // What this day's earlier runs found and this one no longer does has been put right.
      // Platform-side findings stay open when the platform could not be read this time.
      const stale = (
        await tx
          .select({ id: payMismatch.id, kind: payMismatch.kind, subject: payMismatch.subject })
          .from(payMismatch)
          .where(and(eq(payMismatch.day, day), eq(payMismatch.status, 'open')))
      ).filter((m) => !seen.has(`${m.kind}\u0000${m.subject}`) && !unchecked(m));
      if (stale.length > 0) {
        await tx
          .update(payMismatch)
          .set({
            status: 'resolved',
            resolvedAt: now,
            resolvedBy: SYSTEM_RESOLVER,
            resolution: `Đối soát lại ngày ${day} không còn thấy sai lệch này.`,
          })
          .where(
            inArray(
              payMismatch.id,
              stale.map((m) => m.id),
            ),
          );
      }
      await tx
        .update(payReconciliation)
        .set({ finishedAt: deps.clock.now(), closed: stale.length })
        .where(eq(payReconciliation.id, runId));
      return runId;
    });
    deps.log.info(
      { reconciliation: id, day, counts, found, platformError },
      'payment reconciliation done',
    );
    return get(id);
  }

  function summary(row: typeof payReconciliation.$inferSelect) {
    return {
      id: row.id,
      date: row.day,
      trigger: row.trigger,
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
      counts: row.counts,
      platformError: row.platformError,
      found: { ...noneFound(), ...row.found },
      closed: row.closed,
    };
  }

  async function get(id: string): Promise<PaymentReconciliation> {
    const [row] = await db.select().from(payReconciliation).where(eq(payReconciliation.id, id));
    if (!row) throw notFound('Không tìm thấy lần đối soát này.');
    const mismatches = await db
      .select()
      .from(payMismatch)
      .where(eq(payMismatch.lastReconciliationId, id))
      .orderBy(asc(payMismatch.kind), asc(payMismatch.subject));
    return { ...summary(row), mismatches: mismatches.map(toMismatchView) };
  }

  async function list() {
    const rows = await db
      .select()
      .from(payReconciliation)
      .orderBy(desc(payReconciliation.startedAt))
      .limit(30);
    return rows.map(summary);
  }

  async function mismatches(query: PaymentMismatchQuery): Promise<PaymentMismatch[]> {
    const where = [
      query.status ? eq(payMismatch.status, query.status) : undefined,
      query.kind ? eq(payMismatch.kind, query.kind) : undefined,
      query.date ? eq(payMismatch.day, query.date) : undefined,
    ].filter((c) => c !== undefined);
    const rows = await db
      .select()
      .from(payMismatch)
      .where(where.length > 0 ? and(...where) : undefined)
      .orderBy(desc(payMismatch.day), asc(payMismatch.kind), asc(payMismatch.subject))
      .limit(1000);
    return rows.map(toMismatchView);
  }

  /** An officer closes a mismatch, saying why; a resolved one stays as it was resolved. */
  async function resolve(id: string, reason: string, by: string): Promise<PaymentMismatch> {
    const [row] = await db
      .update(payMismatch)
      .set({ status: 'resolved', resolvedAt: deps.clock.now(), resolvedBy: by, resolution: reason })
      .where(and(eq(payMismatch.id, id), eq(payMismatch.status, 'open')))
      .returning();
    if (row) return toMismatchView(row);
    const [existing] = await db.select().from(payMismatch).where(eq(payMismatch.id, id));
    if (!existing) throw notFound('Không tìm thấy sai lệch này.');
    throw new AppError(
      'CONFLICT',
      `Sai lệch này đã được xử lý lúc ${existing.resolvedAt?.toISOString()} bởi ${existing.resolvedBy}: ${existing.resolution}`,
    );
  }

  /** The nightly run: yesterday, Vietnam date. */
  async function nightly(): Promise<PaymentReconciliation> {
    return run(vietnamToday(new Date(deps.clock.now().getTime() - 86_400_000)), 'nightly');
  }

  const jobs: JobDefinitions = {
    tasks: {
      [RECONCILE_TASK]: async () => {
        await nightly();
      },
    },
    // 18:30 UTC = 01:30 in Vietnam: after the day's payments and the platform's listing closed.
    crontab: [`30 18 * * * ${RECONCILE_TASK} ?max=3`],
  };

  /** Whether a reconciliation found this reference paid twice and nobody closed it yet. */
  async function paidTwice(reference: string): Promise<boolean> {
    const [open] = await db
      .select({ id: payMismatch.id })
      .from(payMismatch)
      .where(
        and(
          eq(payMismatch.kind, 'paid_twice'),
          eq(payMismatch.subject, reference),
          eq(payMismatch.status, 'open'),
        ),
      )
      .limit(1);
    return open !== undefined;
  }

  return {
    run,
    get,
    list,
    mismatches,
    resolve,
    nightly,
    jobs,
    settlement: createSettlement({ db, agencyName: deps.agencyName }),
    refunds: createRefunds({
      db,
      clock: deps.clock,
      dossierByCode: deps.dossierByCode,
      paidTwice,
    }),
  };
}

/** The kinds that need the platform's side: kept open while it cannot be read. */
const PLATFORM_KINDS: ReadonlySet<PaymentMismatchKind> = new Set([
  'missing_here',
  'missing_there',
  'refund_differs',
  'amount_differs',
]);

export type PaymentReconciliationService = ReturnType<typeof createPaymentReconciliation>;
