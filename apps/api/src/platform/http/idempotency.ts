import { z } from 'zod';

/**
 * The header every write carries: a retried submission, a double click or a resent request acts
 * once (the key is stored with what it did, and the retry gets the same answer).
 */
export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ message: 'Thiếu tiêu đề Idempotency-Key (khóa chống gửi trùng)' })
    .trim()
    .min(8, { message: 'Idempotency-Key phải có ít nhất 8 ký tự' })
    .max(100, { message: 'Idempotency-Key tối đa 100 ký tự' }),
});
