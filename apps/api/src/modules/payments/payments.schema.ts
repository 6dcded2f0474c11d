import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** One fee item as quoted by the schedule in force when the dossier was filed (fees module). */
export interface PaymentItem {
  code: string;
  kind: 'phi' | 'le-phi';
  name: string;
  amount: number;
  basis: string;
}

export interface BeneficiaryAccount {
  accountNo: string;
  bankCode: string;
  accountName: string;
}

/** Tài khoản thu NSNN at the State Treasury (Kho bạc), printed on the receipt (issue 17 item 5). */
export interface TreasuryAccount {
  accountNo: string;
  name: string;
}

export interface PaymentPayer {
  name: string;
  idNumber: string | null;
  address?: string | null;
}

/** Who started the payment: the applicant online, an officer at the counter, or the system. */
export interface PaymentActor {
  kind: 'applicant' | 'officer' | 'system';
  id: string;
  role?: string;
  unitId?: string;
}

export type PaymentMethod = 'online' | 'cash' | 'card' | 'qr';
export type PaymentStatus = 'initiated' | 'pending' | 'paid' | 'failed' | 'abandoned' | 'refunded';

/**
 * One payment of a dossier's fees (issue 17): online through the national payment platform
 * (domain.md §4.6: `reference` is its MaThamChieu) or at the counter. The status changes only on a
 * verified CONFIRM or a QUERY answer (never on the browser's return), or by an officer at the
 * counter. `duplicateOf` marks a second successful payment of a dossier already credited by
 * another one (a citizen who paid twice): it is paid, not credited, and waits for a refund
 * (reconciliation kind `paid_twice`).
 */
export const payPayment = pgTable(
  'pay_payment',
  {
    id: uuid().primaryKey().defaultRandom(),
    reference: text().notNull(),
    dossierId: uuid().notNull(),
    dossierCode: text().notNull(),
    agencyId: uuid(),
    method: text().$type<PaymentMethod>().notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    currency: text().notNull().default('VND'),
    items: jsonb().$type<PaymentItem[]>().notNull(),
    scheduleId: text(),
    beneficiary: jsonb().$type<BeneficiaryAccount | null>(),
    treasury: jsonb().$type<TreasuryAccount | null>(),
    receiptSeries: text(),
    payer: jsonb().$type<PaymentPayer>().notNull(),
    status: text().$type<PaymentStatus>().notNull(),
    payUrl: text(),
    platformTransactionId: text(),
    bankCode: text(),
    paidAt: timestamp({ withTimezone: true }),
    /** When the dossier was credited (dossiers.recordPayment); null for a duplicate payment. */
    creditedAt: timestamp({ withTimezone: true }),
    duplicateOf: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: jsonb().$type<PaymentActor>().notNull(),
    idempotencyKey: text(),
    lastQueryAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('pay_payment_reference_unique').on(t.reference),
    uniqueIndex('pay_payment_idempotency_unique').on(t.idempotencyKey),
    index('pay_payment_dossier_idx').on(t.dossierId, t.createdAt),
    index('pay_payment_open_idx').on(t.status, t.createdAt),
    index('pay_payment_paid_idx').on(t.paidAt),
  ],
);

export type PaymentEventKind =
  'init' | 'confirm' | 'query' | 'return' | 'forged' | 'mismatch' | 'duplicate';

/**
 * The callback and security log of payments (append-only, migration 0019 like 0011): every
 * CONFIRM received (verified or not), QUERY answer and browser return, with what we did about it.
 */
export const payEvent = pgTable(
  'pay_event',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    paymentId: uuid(),
    reference: text(),
    kind: text().$type<PaymentEventKind>().notNull(),
    body: jsonb(),
    outcome: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('pay_event_payment_idx').on(t.paymentId, t.at),
    index('pay_event_kind_idx').on(t.kind, t.at),
  ],
);

/**
 * A receipt (biên lai): the platform's e-receipt fetched through GET_BILL (`kind` 'platform', no
 * series of ours) or ours for a counter payment, numbered per series without gaps
 * (`pay_receipt_counter`). Cancelled with a reason and replaced, never deleted.
 */
export const payReceipt = pgTable(
  'pay_receipt',
  {
    id: uuid().primaryKey().defaultRandom(),
    paymentId: uuid().notNull(),
    series: text(),
    number: integer(),
    kind: text().$type<'platform' | 'ours'>().notNull(),
    phi: bigint({ mode: 'number' }).notNull(),
    lePhi: bigint({ mode: 'number' }).notNull(),
    amount: bigint({ mode: 'number' }).notNull(),
    treasury: jsonb().$type<TreasuryAccount | null>(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    issuedBy: jsonb().$type<PaymentActor>(),
    status: text().$type<'issued' | 'cancelled'>().notNull().default('issued'),
    cancelReason: text(),
    cancelledAt: timestamp({ withTimezone: true }),
    replacedBy: uuid(),
    storageKey: text(),
    /** The platform's UrlBienLai (GET_BILL). */
    sourceUrl: text(),
  },
  (t) => [
    uniqueIndex('pay_receipt_number_unique').on(t.series, t.number),
    index('pay_receipt_payment_idx').on(t.paymentId),
    index('pay_receipt_issued_idx').on(t.issuedAt),
  ],
);

/** The last number issued in each receipt series, taken inside the issuing transaction. */
export const payReceiptCounter = pgTable('pay_receipt_counter', {
  series: text().primaryKey(),
  lastValue: integer().notNull(),
});
