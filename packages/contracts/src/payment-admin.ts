import { z } from 'zod';
import { IsoDate } from './calendar.js';

// ---- payments administration (issue 17 items 6–7): reconciliation, settlement, refunds -------

/**
 * What a three-way payment reconciliation (đối soát) can find between our payments, the payment
 * platform's transactions and the receipts we issued (issue 17 item 6, spec "Admin (RECON)").
 * `refund_differs`: the platform shows a transaction refunded that we have not refunded in full.
 */
export const PaymentMismatchKind = z.enum([
  'paid_no_receipt',
  'receipt_no_payment',
  'amount_differs',
  'paid_twice',
  'missing_here',
  'missing_there',
  'refund_differs',
]);
export type PaymentMismatchKind = z.infer<typeof PaymentMismatchKind>;
export const PAYMENT_MISMATCH_KINDS = PaymentMismatchKind.options;

/** Vietnamese names of the kinds, for the mismatch queue and the exports. */
export const PAYMENT_MISMATCH_LABELS: Record<PaymentMismatchKind, string> = {
  paid_no_receipt: 'Đã thanh toán nhưng chưa có biên lai',
  receipt_no_payment: 'Có biên lai nhưng không có khoản thanh toán',
  amount_differs: 'Số tiền không khớp',
  paid_twice: 'Thanh toán hai lần',
  missing_here: 'Nền tảng thanh toán có, hệ thống một cửa không ghi nhận',
  missing_there: 'Hệ thống một cửa ghi đã thanh toán, nền tảng thanh toán không có',
  refund_differs: 'Nền tảng đã hoàn tiền, hệ thống một cửa chưa hoàn đủ',
};

/** POST /api/admin/payments/reconciliations: reconcile one Vietnam day. */
export const PaymentReconcileRequest = z.object({ date: IsoDate });
export type PaymentReconcileRequest = z.infer<typeof PaymentReconcileRequest>;

const Facts = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const PaymentMismatch = z.object({
  id: z.uuid(),
  /** The Vietnam day whose reconciliation found it. */
  date: z.string(),
  kind: PaymentMismatchKind,
  label: z.string(),
  reference: z.string().nullable(),
  dossierCode: z.string().nullable(),
  receiptId: z.string().nullable(),
  /** What our records say and what the other side says (platform line or receipt). */
  ours: Facts.nullable(),
  theirs: Facts.nullable(),
  detail: z.string(),
  status: z.enum(['open', 'resolved']),
  foundAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type PaymentMismatch = z.infer<typeof PaymentMismatch>;

export const PaymentReconciliation = z.object({
  id: z.uuid(),
  date: z.string(),
  trigger: z.enum(['nightly', 'manual']),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** What was compared: our payments of the day, the platform's lines, our receipts, refunds. */
  counts: z.object({
    payments: z.number().int(),
    platformLines: z.number().int(),
    queried: z.number().int(),
    receipts: z.number().int(),
    refunds: z.number().int(),
  }),
  /** Why the platform could not be read (then only the receipt side was compared). */
  platformError: z.string().nullable(),
  /** Mismatches found by this run, per kind (open ones found again included). */
  found: z.record(PaymentMismatchKind, z.number().int()),
  /** Open mismatches of this day that this run found no more and closed. */
  closed: z.number().int(),
  mismatches: z.array(PaymentMismatch),
});
export type PaymentReconciliation = z.infer<typeof PaymentReconciliation>;

export const PaymentReconciliationList = z.object({
  items: z.array(PaymentReconciliation.omit({ mismatches: true })),
});

export const PaymentMismatchQuery = z.object({
  status: z
    .enum(['open', 'resolved'], { message: 'Trạng thái sai lệch là open hoặc resolved' })
    .optional(),
  kind: z
    .enum(PAYMENT_MISMATCH_KINDS, {
      message: `Loại sai lệch là một trong: ${PAYMENT_MISMATCH_KINDS.join(', ')}`,
    })
    .optional(),
  date: IsoDate.optional(),
});
export type PaymentMismatchQuery = z.infer<typeof PaymentMismatchQuery>;
export const PaymentMismatchList = z.object({ items: z.array(PaymentMismatch) });

/** POST /api/admin/payments/mismatches/{id}/resolve: an officer closes it, saying why. */
export const ResolveMismatchRequest = z.object({
  reason: z
    .string({ message: 'Cần nêu lý do xử lý sai lệch' })
    .trim()
    .min(5, { message: 'Lý do xử lý phải có ít nhất 5 ký tự' })
    .max(1000, { message: 'Lý do xử lý tối đa 1000 ký tự' }),
});

// ---- settlement (quyết toán) -----------------------------------------------------------------

/** Longest settlement period: a year, as the budget year. */
export const MAX_SETTLEMENT_DAYS = 366;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

export const SettlementQuery = z
  .object({
    from: IsoDate,
    to: IsoDate,
    agencyId: z.uuid({ message: 'Mã đơn vị không hợp lệ' }).optional(),
    format: z
      .enum(['json', 'xlsx', 'pdf'], { message: 'Định dạng là json, xlsx hoặc pdf' })
      .default('json'),
  })
  .refine((q) => q.from <= q.to, {
    message: 'Ngày bắt đầu phải trước hoặc trùng ngày kết thúc',
    path: ['to'],
  })
  .refine((q) => dayNumber(q.to) - dayNumber(q.from) < MAX_SETTLEMENT_DAYS, {
    message: `Mỗi báo cáo quyết toán tối đa ${MAX_SETTLEMENT_DAYS} ngày`,
    path: ['to'],
  });
export type SettlementQuery = z.infer<typeof SettlementQuery>;

const Money = z.number().int();

export const SettlementRow = z.object({
  agencyId: z.string().nullable(),
  agencyName: z.string(),
  /** The beneficiary account (tài khoản thụ hưởng) the money went to; null for cash. */
  account: z.string().nullable(),
  /** Tài khoản thu NSNN at the State Treasury. */
  treasury: z.string().nullable(),
  payments: z.number().int(),
  collected: z.object({ phi: Money, lePhi: Money, total: Money }),
  refunded: z.object({ phi: Money, lePhi: Money, total: Money }),
  /** Refunds requested, not yet paid out. */
  refundsPending: Money,
  /** Phí the agency keeps by the schedule's retained share (0 when the data gives none). */
  retainedPhi: Money,
  toRemit: z.object({ phi: Money, lePhi: Money, total: Money }),
});
export type SettlementRow = z.infer<typeof SettlementRow>;

export const Settlement = z.object({
  from: z.string(),
  to: z.string(),
  agencyId: z.string().nullable(),
  rows: z.array(SettlementRow),
  totals: SettlementRow.omit({ agencyId: true, agencyName: true, account: true, treasury: true }),
  /** The rules applied, in Vietnamese (lệ phí remitted in full; phí's retained share). */
  notes: z.array(z.string()),
});
export type Settlement = z.infer<typeof Settlement>;

// ---- refunds (hoàn trả) ------------------------------------------------------------------------

export const RefundRequest = z.object({
  reference: z
    .string({ message: 'Cần mã tham chiếu của khoản thanh toán (reference)' })
    .trim()
    .min(1, { message: 'Cần mã tham chiếu của khoản thanh toán (reference)' })
    .max(100, { message: 'Mã tham chiếu tối đa 100 ký tự' }),
  amount: z
    .number({ message: 'Số tiền hoàn phải là số (đồng)' })
    .int({ message: 'Số tiền hoàn phải là số nguyên (đồng)' })
    .positive({ message: 'Số tiền hoàn phải lớn hơn 0' })
    .max(1_000_000_000_000, { message: 'Số tiền hoàn quá lớn' }),
  reason: z
    .string({ message: 'Cần nêu lý do hoàn trả' })
    .trim()
    .min(5, { message: 'Lý do hoàn trả phải có ít nhất 5 ký tự' })
    .max(1000, { message: 'Lý do hoàn trả tối đa 1000 ký tự' }),
});
export type RefundRequest = z.infer<typeof RefundRequest>;

export const CompleteRefundRequest = z
  .object({
    note: z.string().trim().max(1000, { message: 'Ghi chú tối đa 1000 ký tự' }).optional(),
  })
  .default({});

export const RefundView = z.object({
  id: z.uuid(),
  reference: z.string(),
  dossierCode: z.string(),
  amount: Money,
  phi: Money,
  lePhi: Money,
  reason: z.string(),
  /** The rule that allowed it, in Vietnamese, with its source. */
  rule: z.string(),
  status: z.enum(['requested', 'done']),
  requestedAt: z.string(),
  requestedBy: z.string(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  note: z.string().nullable(),
  /** The payment's status after this refund ('refunded' once refunds paid out cover it). */
  paymentStatus: z.string(),
});
export type RefundView = z.infer<typeof RefundView>;
export const RefundList = z.object({ items: z.array(RefundView) });

export const RefundListQuery = z.object({
  status: z
    .enum(['requested', 'done'], { message: 'Trạng thái hoàn trả là requested hoặc done' })
    .optional(),
});
