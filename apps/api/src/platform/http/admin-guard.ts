import { timingSafeEqual } from 'node:crypto';
import type { onRequestHookHandler } from 'fastify';
import { AppError } from '../errors.js';

export const ADMIN_TOKEN_HEADER = 'x-admin-token';

/**
 * Stand-in for scoped permissions until the identity module lands (issue 5): administration
 * writes need the configured token. Compared in constant time so it cannot be guessed by timing.
 */
export function requireAdminToken(expected: string): onRequestHookHandler {
  const want = Buffer.from(expected);
  return async (request) => {
    const given = request.headers[ADMIN_TOKEN_HEADER];
    if (typeof given !== 'string' || given === '') {
      throw new AppError('UNAUTHENTICATED', 'Thao tác quản trị cần mã quản trị (x-admin-token).');
    }
    const got = Buffer.from(given);
    if (got.length !== want.length || !timingSafeEqual(got, want)) {
      throw new AppError('FORBIDDEN', 'Mã quản trị không đúng.');
    }
  };
}
