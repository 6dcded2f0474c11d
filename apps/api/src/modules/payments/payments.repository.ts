import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbExecutor } from '../../platform/db/database.js';
import {
  payEvent,
  payPayment,
  payReceipt,
  payReceiptCounter,
  type PaymentEventKind,
} from './payments.schema.js';

export type PaymentRow = typeof payPayment.$inferSelect;
export type NewPayment = typeof payPayment.$inferInsert;
export type ReceiptRow = typeof payReceipt.$inferSelect;

export async function paymentByReference(
  db: DbExecutor,
  reference: string,
): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payPayment).where(eq(payPayment.reference, reference));
  return row;
}

export async function paymentByKey(db: DbExecutor, key: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payPayment).where(eq(payPayment.idempotencyKey, key));
  return row;
}

export async function paymentsOfDossier(db: DbExecutor, dossierId: string): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payPayment)
    .where(eq(payPayment.dossierId, dossierId))
    .orderBy(asc(payPayment.createdAt), asc(payPayment.reference));
}

/**
 * Locks every payment of a dossier, in one order (so two callbacks of one dossier queue up
 * instead of deadlocking), and returns them: whether another payment already credited the
 * dossier is then a settled question for this transaction.
 */
export async function lockDossierPayments(tx: DbExecutor, dossierId: string) {
  return tx
    .select()
    .from(payPayment)
    .where(eq(payPayment.dossierId, dossierId))
    .orderBy(asc(payPayment.id))
    .for('update');
}

export async function insertPayment(tx: DbExecutor, row: NewPayment): Promise<PaymentRow> {
  const [inserted] = await tx.insert(payPayment).values(row).returning();
  return inserted!;
}

export async function updatePayment(
  tx: DbExecutor,
  id: string,
  set: Partial<NewPayment>,
): Promise<PaymentRow> {
  const [row] = await tx.update(payPayment).set(set).where(eq(payPayment.id, id)).returning();
  return row!;
}

export async function logEvent(
  db: DbExecutor,
  event: {
    paymentId: string | null;
    reference: string | null;
    kind: PaymentEventKind;
    body: unknown;
    outcome: string;
    at: Date;
  },
): Promise<void> {
  await db.insert(payEvent).values({ ...event, body: event.body ?? null });
}

/** Online payments nobody told us the end of: QUERY them (domain.md §4.6, Thanh Hóa's job). */
export async function openOnlinePayments(
  db: DbExecutor,
  window: { createdBefore: Date; createdAfter: Date; queriedBefore: Date; limit: number },
): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payPayment)
    .where(
      and(
        eq(payPayment.method, 'online'),
        inArray(payPayment.status, ['initiated', 'pending']),
        lt(payPayment.createdAt, window.createdBefore),
        gt(payPayment.createdAt, window.createdAfter),
        or(isNull(payPayment.lastQueryAt), lt(payPayment.lastQueryAt, window.queriedBefore)),
      ),
    )
    .orderBy(asc(payPayment.createdAt))
    .limit(window.limit);
}

// ---- receipts --------------------------------------------------------------------------------

export async function receiptsOf(db: DbExecutor, paymentIds: string[]): Promise<ReceiptRow[]> {
  if (paymentIds.length === 0) return [];
  return db
    .select()
    .from(payReceipt)
    .where(inArray(payReceipt.paymentId, paymentIds))
    .orderBy(desc(payReceipt.issuedAt));
}

/** The receipt in force for a payment: the last one issued and not cancelled. */
export async function currentReceipt(
  db: DbExecutor,
  paymentId: string,
): Promise<ReceiptRow | undefined> {
  const [row] = await db
    .select()
    .from(payReceipt)
    .where(and(eq(payReceipt.paymentId, paymentId), eq(payReceipt.status, 'issued')))
    .orderBy(desc(payReceipt.issuedAt))
    .limit(1);
  return row;
}

export async function receiptById(
  db: DbExecutor,
  id: string,
  lock = false,
): Promise<ReceiptRow | undefined> {
  const query = db.select().from(payReceipt).where(eq(payReceipt.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function hasPlatformReceipt(db: DbExecutor, paymentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: payReceipt.id })
    .from(payReceipt)
    .where(and(eq(payReceipt.paymentId, paymentId), eq(payReceipt.kind, 'platform')))
    .limit(1);
  return row !== undefined;
}

/**
 * The next number of a series, taken in the caller's transaction: a rollback gives it back, so
 * the series has no gaps (a receipt book is numbered without holes), and concurrent issuers wait
 * on the counter row instead of taking one number twice.
 */
export async function nextReceiptNumber(tx: DbExecutor, series: string): Promise<number> {
  const [row] = await tx
    .insert(payReceiptCounter)
    .values({ series, lastValue: 1 })
    .onConflictDoUpdate({
      target: payReceiptCounter.series,
      set: { lastValue: sql`${payReceiptCounter.lastValue} + 1` },
    })
    .returning({ value: payReceiptCounter.lastValue });
  return row!.value;
}

export async function insertReceipt(
  tx: DbExecutor,
  row: typeof payReceipt.$inferInsert,
): Promise<ReceiptRow> {
  const [inserted] = await tx.insert(payReceipt).values(row).returning();
  return inserted!;
}

export async function updateReceipt(
  tx: DbExecutor,
  id: string,
  set: Partial<typeof payReceipt.$inferInsert>,
): Promise<void> {
  await tx.update(payReceipt).set(set).where(eq(payReceipt.id, id));
}

export async function paymentById(db: DbExecutor, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payPayment).where(eq(payPayment.id, id));
  return row;
}

/** Another payment of the dossier that has credited it (null when none). */
export function creditedOther(rows: PaymentRow[], self: string | null): PaymentRow | undefined {
  return rows.find((r) => r.creditedAt !== null && r.id !== self && r.status === 'paid');
}
