import type { ErrorBody, ErrorCode } from '@motcua/contracts';
import type { FastifyError, FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { isTransientDatabaseError } from '../platform/db/database.js';
import { AppError, defaultMessageOf, statusOf } from '../platform/errors.js';

/** Fastify's own 4xx errors, by code, with the message a citizen should read. */
const frameworkErrors: Record<string, { code: ErrorCode; message?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'VALIDATION_FAILED',
    message: 'Độ dài dữ liệu gửi lên không khớp.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'VALIDATION_FAILED',
    message: 'Nội dung yêu cầu đang trống.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'VALIDATION_FAILED',
    message: 'Nội dung gửi lên không phải JSON hợp lệ.',
  },
  FST_ERR_VALIDATION: { code: 'VALIDATION_FAILED' },
};

function body(
  code: ErrorCode,
  message: string,
  requestId: string,
  issues?: ErrorBody['error']['issues'],
): ErrorBody {
  return { error: { code, message, ...(issues ? { issues } : {}) }, requestId };
}

/**
 * What a person reads about invalid input: the field's own message, never a path (issue 15,
 * item 3). With one problem it is that problem's message; with several, how many — the form
 * shows each beside its field, linked from the summary by `issues[].path`.
 */
export function validationMessage(issues: readonly { message: string }[]): string {
  if (issues.length === 1 && issues[0]) return issues[0].message;
  return `Có ${issues.length} thông tin chưa hợp lệ.`;
}

/** The SQLSTATE of a database error anywhere in an error's cause chain (Drizzle wraps pg's). */
function sqlStateOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in e) return code;
    e = e.cause;
  }
  return undefined;
}

/**
 * Input the database refused as data, not a fault of ours: class 22 (data exception: text it
 * cannot store, a number or date out of range, a value too long) and 54000 (a value too large
 * for its index). The input guard stops the known cases first; this keeps an unforeseen one a
 * 400 instead of a 500.
 */
function databaseInputMessage(sqlState: string | undefined): string | undefined {
  if (!sqlState) return undefined;
  if (sqlState === '54000') return 'Dữ liệu gửi lên quá dài.';
  if (sqlState.startsWith('22')) {
    return 'Dữ liệu gửi lên có giá trị không hợp lệ hoặc vượt quá giới hạn cho phép.';
  }
  return undefined;
}

/** One mapping from errors to HTTP; 5xx bodies never reveal internals. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'application error');
      return reply
        .status(error.status)
        .send(body(error.code, error.message, request.id, error.issues));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // Paths are dotted and relative to the request part ("contact.phone", "code"): the web
      // links them to fields; they never reach the message.
      const issues = error.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? 'Giá trị không hợp lệ',
      }));
      return reply
        .status(400)
        .send(body('VALIDATION_FAILED', validationMessage(issues), request.id, issues));
    }
    if (isResponseSerializationError(error)) {
      request.log.error(
        { err: error, issues: error.cause?.issues },
        'response does not match its schema',
      );
      return reply.status(500).send(body('INTERNAL', defaultMessageOf('INTERNAL'), request.id));
    }
    const known = error.code ? frameworkErrors[error.code] : undefined;
    if (known) {
      return reply
        .status(statusOf(known.code))
        .send(body(known.code, known.message ?? defaultMessageOf(known.code), request.id));
    }
    if (error.statusCode === 429) {
      return reply
        .status(429)
        .send(body('RATE_LIMITED', defaultMessageOf('RATE_LIMITED'), request.id));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Any other client error from a plugin: answer 400 in Vietnamese, keep the detail in the log.
      request.log.info({ err: error }, 'client error');
      return reply
        .status(error.statusCode)
        .send(body('VALIDATION_FAILED', defaultMessageOf('VALIDATION_FAILED'), request.id));
    }
    const sqlState = sqlStateOf(error);
    const refused = databaseInputMessage(sqlState);
    if (refused) {
      request.log.warn({ err: error, sqlState }, 'input refused by the database');
      return reply.status(400).send(body('VALIDATION_FAILED', refused, request.id));
    }
    if (isTransientDatabaseError(error)) {
      // The database was restarting, out of connections, or chose this request as a deadlock's
      // victim: nothing was committed, and the same request (with its Idempotency-Key) may be
      // sent again. A 503 says so; a 500 would say the request itself is at fault.
      request.log.warn({ err: error, sqlState }, 'database briefly unavailable');
      return reply
        .status(503)
        .header('retry-after', '1')
        .send(body('SERVICE_UNAVAILABLE', defaultMessageOf('SERVICE_UNAVAILABLE'), request.id));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL', defaultMessageOf('INTERNAL'), request.id));
  });
}

export function apiNotFound(requestId: string): ErrorBody {
  return body('ROUTE_NOT_FOUND', defaultMessageOf('ROUTE_NOT_FOUND'), requestId);
}

export function frameworkErrorBody(requestId: string): ErrorBody {
  return body('VALIDATION_FAILED', 'Địa chỉ yêu cầu không hợp lệ hoặc quá dài.', requestId);
}
