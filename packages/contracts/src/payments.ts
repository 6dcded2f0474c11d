import { z } from 'zod';
import { ErrorBody } from './errors.js';

/** Payments of a dossier's fees (issue 17): online through the national payment platform or at the counter. */
export const PaymentMethod = z.enum(['online', 'cash', 'card', 'qr']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const PaymentStatus = z.enum([
  'initiated',
  'pending',
  'paid',
  'failed',
  'abandoned',
  'refunded',
]);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** One item of the fee quote: phí (fee) or lệ phí (charge), whole VND. */
export const PaymentItem = z.object({
  code: z.string(),
  kind: z.enum(['phi', 'le-phi']),
  name: z.string(),
  amount: z.number().int(),
  basis: z.string(),
});
export type PaymentItem = z.infer<typeof PaymentItem>;

/** MaThamChieu: "dvc" + the dossier code without non-word characters + yyyyMMddHHmmss (domain.md §4.6). */
export const PaymentReference = z
  .string({ message: 'Cần mã tham chiếu thanh toán' })
  .trim()
  .regex(/^[A-Za-z0-9_]{6,80}$/, { message: 'Mã tham chiếu thanh toán không hợp lệ' });
export const PaymentReferenceParams = z.object({ reference: PaymentReference });

export const ReceiptSummary = z.object({
  id: z.uuid(),
  series: z.string().nullable(),
  number: z.number().int().nullable(),
  url: z.string(),
  status: z.enum(['issued', 'cancelled']),
});
export type ReceiptSummary = z.infer<typeof ReceiptSummary>;

/** One payment as the applicant and officers see it. */
export const PaymentView = z.object({
  reference: z.string(),
  dossierCode: z.string(),
  status: PaymentStatus,
  method: PaymentMethod,
  amount: z.number().int(),
  items: z.array(PaymentItem),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  payUrl: z.string().nullable(),
  receipt: ReceiptSummary.nullable(),
  /** Paid after another payment had already settled the dossier: waits for a refund. */
  paidTwice: z.boolean(),
});
export type PaymentView = z.infer<typeof PaymentView>;

/** GET /api/dossiers/{code}/payments: what is due now (null when nothing is) and every payment. */
export const DossierPayments = z.object({
  due: z.object({ amount: z.number().int(), items: z.array(PaymentItem) }).nullable(),
  onlineEnabled: z.boolean(),
  items: z.array(PaymentView),
});
export type DossierPayments = z.infer<typeof DossierPayments>;

/** POST /api/dossiers/{code}/payments → where to send the citizen (the bank page). */
export const StartPaymentResult = z.object({
  reference: z.string(),
  payUrl: z.string(),
  status: PaymentStatus,
});
export type StartPaymentResult = z.infer<typeof StartPaymentResult>;

/** POST /api/dossiers/{code}/payments/counter (officers). The amount must equal what is due. */
export const CounterPaymentRequest = z.object({
  method: z.enum(['cash', 'card', 'qr'], {
    message: 'Hình thức nộp là tiền mặt (cash), thẻ (card) hoặc chuyển khoản QR (qr)',
  }),
  amount: z
    .number({ message: 'Số tiền phải là số' })
    .int({ message: 'Số tiền là số nguyên (đồng)' })
    .positive({ message: 'Số tiền phải lớn hơn 0' })
    .max(100_000_000_000, { message: 'Số tiền quá lớn' }),
});
export type CounterPaymentRequest = z.infer<typeof CounterPaymentRequest>;

/** GET /api/payments/{reference} (a contract of issue 17: keep it stable). */
export const PaymentDetail = z.object({
  reference: z.string(),
  status: PaymentStatus,
  amount: z.number().int(),
  paidAt: z.string().nullable(),
  receipt: z
    .object({
      series: z.string().nullable(),
      number: z.number().int().nullable(),
      url: z.string(),
    })
    .nullable(),
  dossierCode: z.string(),
  method: PaymentMethod,
  items: z.array(PaymentItem),
});
export type PaymentDetail = z.infer<typeof PaymentDetail>;

/** POST /api/receipts/{id}/cancel and /reissue. */
export const ReceiptReasonRequest = z.object({
  reason: z
    .string({ message: 'Cần nêu lý do' })
    .trim()
    .min(5, { message: 'Lý do cần ít nhất 5 ký tự' })
    .max(500, { message: 'Lý do tối đa 500 ký tự' }),
});
export type ReceiptReasonRequest = z.infer<typeof ReceiptReasonRequest>;
export const ReceiptIdParams = z.object({ id: z.uuid({ message: 'Mã biên lai không hợp lệ' }) });

export const ReceiptView = z.object({
  id: z.uuid(),
  reference: z.string(),
  kind: z.enum(['platform', 'ours']),
  series: z.string().nullable(),
  number: z.number().int().nullable(),
  phi: z.number().int(),
  lePhi: z.number().int(),
  amount: z.number().int(),
  issuedAt: z.string(),
  status: z.enum(['issued', 'cancelled']),
  cancelReason: z.string().nullable(),
  replacedBy: z.uuid().nullable(),
  url: z.string(),
});
export type ReceiptView = z.infer<typeof ReceiptView>;

/** The platform's envelope for our answer to its CONFIRM (domain.md §4.6): "0" accepted. */
export const PlatformAck = z.object({ error_code: z.string(), message: z.string() });
export type PlatformAck = z.infer<typeof PlatformAck>;

/**
 * A refused CONFIRM: the platform's envelope (`error_code` not "0") and, for our own tools and
 * logs, the usual error body beside it.
 */
export const PlatformRefusal = PlatformAck.extend({
  error: ErrorBody.shape.error,
  requestId: z.string(),
});
export type PlatformRefusal = z.infer<typeof PlatformRefusal>;
