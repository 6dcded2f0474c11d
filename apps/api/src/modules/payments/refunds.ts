import { and, desc, eq, sql } from 'drizzle-orm';
import { bigint, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { RefundRequest, RefundView } from '@motcua/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { DossiersService } from '../dossiers/index.js';
import { payPayment, type PaymentItem } from './payments.schema.js';

/**
 * A refund (hoàn trả) of a payment, in whole VND split into phí and lệ phí (issue 17 item 7):
 * requested by an officer with the rule that allows it, then marked done when the money went back.
 * Never deleted (migration 0020). Refunds paid out that cover the payment make it 'refunded'.
 */
export const payRefund = pgTable('pay_refund', {
  id: uuid().primaryKey().defaultRandom(),
  paymentId: uuid()
    .notNull()
    .references((): AnyPgColumn => payPayment.id),
  reference: text().notNull(),
  dossierId: uuid().notNull(),
  dossierCode: text().notNull(),
  agencyId: uuid(),
  amount: bigint({ mode: 'number' }).notNull(),
  phi: bigint({ mode: 'number' }).notNull(),
  lePhi: bigint({ mode: 'number' }).notNull(),
  reason: text().notNull(),
  rule: text().notNull(),
  status: text().$type<'requested' | 'done'>().notNull().default('requested'),
  requestedAt: timestamp({ withTimezone: true }).notNull(),
  requestedBy: text().notNull(),
  doneAt: timestamp({ withTimezone: true }),
  doneBy: text(),
  note: text(),
  idempotencyKey: text(),
});

type RefundRow = typeof payRefund.$inferSelect;
/** Which dossiers the caller may see, as the dossiers module judges it (readableBy). */
export type CanRead = Parameters<DossiersService['snapshotByCode']>[1];

/** The dossier as the refund rule needs it: its national status and the statuses it went through. */
export interface RefundDossier {
  id: string;
  code: string;
  statusCode: number;
  steps: Array<{ statusCode: number }>;
}

/**
 * When fees are refunded. [U] assumption: no legal text read states it (domain.md has none); the
 * brief (issue 17 item 7) says "fees are refunded when the dossier is refused before processing".
 * Read as: refused at receipt (3, Phiếu từ chối: processing never began) always; withdrawn (7) or
 * stopped (8) only if the dossier never reached processing (status 4 Đang xử lý). A payment the
 * same dossier had already paid (paid twice) is money not owed and is refunded whatever the status.
 */
export const REFUND_RULES: Record<number, { beforeProcessingOnly: boolean; text: string }> = {
  3: {
    beforeProcessingOnly: false,
    text: 'Hồ sơ không được tiếp nhận (từ chối trước khi giải quyết) [U: giả định, chưa có văn bản]',
  },
  7: {
    beforeProcessingOnly: true,
    text: 'Công dân rút hồ sơ trước khi hồ sơ được xử lý [U: giả định, chưa có văn bản]',
  },
  8: {
    beforeProcessingOnly: true,
    text: 'Dừng xử lý hồ sơ trước khi hồ sơ được xử lý [U: giả định, chưa có văn bản]',
  },
};
const PROCESSING = 4;
const PAID_TWICE_RULE = 'Khoản nộp thừa: hồ sơ đã được thanh toán hai lần [U: giả định]';

/** Who asks: a label for the record, and what they may do (the routes decide from the session). */
export interface RefundActor {
  label: string;
  /** The dossier is one this caller may see (404 otherwise, as everywhere). */
  canRead: CanRead;
  /** The caller may approve on this dossier (its leaders in scope, province admins). */
  canApprove: CanRead;
  /** The key a retried request is recognised by, scoped to the caller. */
  scope: string;
}

export interface RefundsDeps {
  db: Db;
  clock: Clock;
  /** The dossier by code, if `canRead` lets the caller see it (dossiers.snapshotByCode). */
  dossierByCode: (code: string, canRead: CanRead) => Promise<RefundDossier>;
  /** An open paid_twice finding of the reconciliation about this reference. */
  paidTwice: (reference: string) => Promise<boolean>;
}

const money = (n: number) => `${new Intl.NumberFormat('vi-VN').format(n)} đồng`;

function sums(items: PaymentItem[]) {
  const phi = items.filter((i) => i.kind === 'phi').reduce((s, i) => s + i.amount, 0);
  const lePhi = items.filter((i) => i.kind === 'le-phi').reduce((s, i) => s + i.amount, 0);
  return { phi, lePhi };
}

/**
 * How much of a refund is phí and how much lệ phí: in proportion to what is still refundable of
 * each, so that the settlement takes each back from the right account line.
 */
export function splitRefund(
  amount: number,
  remaining: { phi: number; lePhi: number },
): { phi: number; lePhi: number } {
  const total = remaining.phi + remaining.lePhi;
  if (total <= 0) return { phi: 0, lePhi: amount };
  let phi = Math.min(remaining.phi, Math.round((amount * remaining.phi) / total));
  let lePhi = amount - phi;
  if (lePhi > remaining.lePhi) {
    lePhi = remaining.lePhi;
    phi = amount - lePhi;
  }
  return { phi, lePhi };
}

export function createRefunds(deps: RefundsDeps) {
  const { db } = deps;

  function view(row: RefundRow, paymentStatus: string): RefundView {
    return {
      id: row.id,
      reference: row.reference,
      dossierCode: row.dossierCode,
      amount: row.amount,
      phi: row.phi,
      lePhi: row.lePhi,
      reason: row.reason,
      rule: row.rule,
      status: row.status,
      requestedAt: row.requestedAt.toISOString(),
      requestedBy: row.requestedBy,
      doneAt: row.doneAt?.toISOString() ?? null,
      doneBy: row.doneBy,
      note: row.note,
      paymentStatus,
    };
  }

  async function ruleFor(
    dossier: RefundDossier,
    payment: typeof payPayment.$inferSelect,
  ): Promise<string> {
    if (payment.duplicateOf !== null || (await deps.paidTwice(payment.reference))) {
      return PAID_TWICE_RULE;
    }
    const rule = REFUND_RULES[dossier.statusCode];
    const processed = dossier.steps.some((s) => s.statusCode === PROCESSING);
    if (!rule || (rule.beforeProcessingOnly && processed)) {
      throw new AppError(
        'CONFLICT',
        rule
          ? `Hồ sơ ${dossier.code} đã được xử lý nên không hoàn trả phí, lệ phí (chỉ hoàn khi hồ sơ bị từ chối, dừng hoặc rút trước khi xử lý).`
          : `Hồ sơ ${dossier.code} không thuộc trường hợp được hoàn trả phí, lệ phí: chỉ hoàn khi hồ sơ bị từ chối tiếp nhận, dừng xử lý hoặc công dân rút hồ sơ trước khi xử lý.`,
      );
    }
    return rule.text;
  }

  /** The dossier, if the caller may see it (404) and approve on it (403). */
  async function dossierFor(code: string, who: RefundActor): Promise<RefundDossier> {
    let approves = false;
    const dossier = await deps.dossierByCode(code, (row) => {
      const visible = who.canRead(row);
      approves = visible && who.canApprove(row);
      return visible;
    });
    if (!approves) {
      throw new AppError(
        'FORBIDDEN',
        'Chỉ lãnh đạo có quyền phê duyệt hồ sơ này hoặc quản trị tỉnh được hoàn trả phí, lệ phí.',
      );
    }
    return dossier;
  }

  /** POST /api/dossiers/{code}/refunds: records a refund as requested (not yet paid out). */
  async function request(
    code: string,
    input: RefundRequest,
    who: RefundActor,
    idempotencyKey: string,
  ): Promise<{ refund: RefundView; replayed: boolean }> {
    const key = `refund:${who.scope}:${idempotencyKey}`;
    const [earlier] = await db.select().from(payRefund).where(eq(payRefund.idempotencyKey, key));
    if (earlier) return { refund: await viewOf(earlier), replayed: true };

    const dossier = await dossierFor(code, who);
    return db.transaction(async (tx) => {
      // One refund at a time per payment: the amount left is read under the row's lock.
      const [payment] = await tx
        .select()
        .from(payPayment)
        .where(eq(payPayment.reference, input.reference))
        .for('update');
      if (!payment || payment.dossierId !== dossier.id) {
        throw notFound(`Hồ sơ ${dossier.code} không có khoản thanh toán mã ${input.reference}.`);
      }
      if (payment.status !== 'paid') {
        throw new AppError(
          'CONFLICT',
          payment.status === 'refunded'
            ? `Khoản ${payment.reference} đã được hoàn trả toàn bộ.`
            : `Khoản ${payment.reference} chưa được thanh toán nên không có gì để hoàn trả.`,
        );
      }
      const rule = await ruleFor(dossier, payment);
      const before = await tx
        .select({
          amount: sql<number>`coalesce(sum(${payRefund.amount}), 0)::bigint`,
          phi: sql<number>`coalesce(sum(${payRefund.phi}), 0)::bigint`,
          lePhi: sql<number>`coalesce(sum(${payRefund.lePhi}), 0)::bigint`,
        })
        .from(payRefund)
        .where(eq(payRefund.paymentId, payment.id));
      const refunded = {
        amount: Number(before[0]?.amount ?? 0),
        phi: Number(before[0]?.phi ?? 0),
        lePhi: Number(before[0]?.lePhi ?? 0),
      };
      const left = payment.amount - refunded.amount;
      if (input.amount > left) {
        throw new AppError(
          'CONFLICT',
          `Số tiền hoàn ${money(input.amount)} vượt quá số còn có thể hoàn của khoản ${payment.reference} (${money(left)}).`,
        );
      }
      const paid = sums(payment.items);
      const split = splitRefund(input.amount, {
        phi: Math.max(0, paid.phi - refunded.phi),
        lePhi: Math.max(0, paid.lePhi - refunded.lePhi),
      });
      const [row] = await tx
        .insert(payRefund)
        .values({
          paymentId: payment.id,
          reference: payment.reference,
          dossierId: payment.dossierId,
          dossierCode: payment.dossierCode,
          agencyId: payment.agencyId,
          amount: input.amount,
          ...split,
          reason: input.reason,
          rule,
          requestedAt: deps.clock.now(),
          requestedBy: who.label,
          idempotencyKey: key,
        })
        .returning();
      return { refund: view(row!, payment.status), replayed: false };
    });
  }

  async function viewOf(row: RefundRow): Promise<RefundView> {
    const [payment] = await db
      .select({ status: payPayment.status })
      .from(payPayment)
      .where(eq(payPayment.id, row.paymentId));
    return view(row, payment?.status ?? 'paid');
  }

  /**
   * The money went back (cash at the counter or a transfer): the refund is done; once the refunds
   * paid out cover the payment, its status becomes 'refunded'.
   */
  async function complete(
    code: string,
    id: string,
    note: string | undefined,
    who: RefundActor,
  ): Promise<RefundView> {
    const dossier = await dossierFor(code, who);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(payRefund)
        .where(and(eq(payRefund.id, id), eq(payRefund.dossierId, dossier.id)))
        .for('update');
      if (!row) throw notFound(`Hồ sơ ${dossier.code} không có yêu cầu hoàn trả này.`);
      const [payment] = await tx
        .select()
        .from(payPayment)
        .where(eq(payPayment.id, row.paymentId))
        .for('update');
      if (row.status === 'done') return view(row, payment?.status ?? 'paid');
      const now = deps.clock.now();
      const [done] = await tx
        .update(payRefund)
        .set({ status: 'done', doneAt: now, doneBy: who.label, note: note ?? null })
        .where(eq(payRefund.id, id))
        .returning();
      const [paidOut] = await tx
        .select({ amount: sql<number>`coalesce(sum(${payRefund.amount}), 0)::bigint` })
        .from(payRefund)
        .where(and(eq(payRefund.paymentId, row.paymentId), eq(payRefund.status, 'done')));
      let status = payment?.status ?? 'paid';
      if (payment && Number(paidOut?.amount ?? 0) >= payment.amount && status === 'paid') {
        await tx
          .update(payPayment)
          .set({ status: 'refunded', updatedAt: now })
          .where(eq(payPayment.id, payment.id));
        status = 'refunded';
      }
      return view(done!, status);
    });
  }

  async function ofDossier(code: string, canRead: CanRead) {
    const dossier = await deps.dossierByCode(code, canRead);
    const rows = await db
      .select({ refund: payRefund, status: payPayment.status })
      .from(payRefund)
      .innerJoin(payPayment, eq(payPayment.id, payRefund.paymentId))
      .where(eq(payRefund.dossierId, dossier.id))
      .orderBy(desc(payRefund.requestedAt));
    return rows.map((r) => view(r.refund, r.status));
  }

  async function list(query: { status?: 'requested' | 'done' | undefined }) {
    const rows = await db
      .select({ refund: payRefund, status: payPayment.status })
      .from(payRefund)
      .innerJoin(payPayment, eq(payPayment.id, payRefund.paymentId))
      .where(query.status ? eq(payRefund.status, query.status) : undefined)
      .orderBy(desc(payRefund.requestedAt))
      .limit(1000);
    return rows.map((r) => view(r.refund, r.status));
  }

  return { request, complete, ofDossier, list };
}

export type RefundsService = ReturnType<typeof createRefunds>;
