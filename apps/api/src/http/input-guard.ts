import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.js';

/**
 * Text PostgreSQL cannot store: NUL is refused by `text` and `jsonb` alike, and a UTF-16 half
 * without its partner becomes a `\ud800` escape that `jsonb` rejects. Such input reached the
 * database and answered 500 (issue 13, item 2); it is refused here, before any route sees it.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string (value or key) in a parsed request part that PostgreSQL cannot store. */
export function findUnstorableText(value: unknown): boolean {
  // Iterative walk: a deeply nested body must not exhaust the stack.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (UNSTORABLE.test(next)) return true;
    } else if (Array.isArray(next)) {
      pending.push(...next);
    } else if (next !== null && typeof next === 'object' && !Buffer.isBuffer(next)) {
      for (const [key, inner] of Object.entries(next)) {
        if (UNSTORABLE.test(key)) return true;
        pending.push(inner);
      }
    }
  }
  return false;
}

/** One input-sanitising layer for every route: query, path and parsed body. */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of ['params', 'query', 'body'] as const) {
      if (findUnstorableText(request[part])) {
        throw new AppError(
          'VALIDATION_FAILED',
          'Thông tin gửi lên chứa ký tự không hợp lệ (ký tự NUL hoặc ký tự Unicode không hoàn chỉnh). Vui lòng nhập lại.',
        );
      }
    }
  });
}
