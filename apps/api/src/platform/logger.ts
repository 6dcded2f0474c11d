import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Fields of a database error that may quote what a caller sent (an applicant's data). */
const DATA_FIELDS = new Set(['params', 'parameters', 'detail', 'where', 'internalQuery', 'query']);

/**
 * Errors as logged: the stack and the codes, never the values. Drizzle puts every SQL parameter
 * in its message ("Failed query: … params: …") and PostgreSQL quotes the offending value in its
 * message and `detail`; both carried applicants' names and ID numbers into the log (issue 13).
 */
export function safeError(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const raw = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (DATA_FIELDS.has(key) || key === 'cause') continue;
    out[key] = value;
  }
  out.message = redactMessage(error.message);
  if (typeof out.stack === 'string') {
    out.stack = out.stack.replace(error.message, String(out.message));
  }
  if (error.cause !== undefined) out.cause = safeError(error.cause, depth + 1);
  return out;
}

function redactMessage(message: string): string {
  // Drizzle's own message: the statement (with placeholders) is useful, its values are not.
  if (message.startsWith('Failed query:'))
    return message.replace(/\nparams: [\s\S]*$/, '\nparams: [ẩn]');
  return message
    .replace(/"[^"\n]*"/g, '"[ẩn]"')
    .replace(/\((?:[^()\n]|\([^()\n]*\))*\)=\((?:[^()\n]|\([^()\n]*\))*\)/g, '(…)=([ẩn])');
}

/** Query parameters that carry personal data: the lookup's second factor (last 4 digits). */
const SECRET_QUERY = /([?&](?:verify)=)[^&#]*/gi;

/**
 * Requests as logged: what Fastify logs by default (no headers, so no token or cookie), with the
 * values of personal query parameters hidden.
 */
export function safeRequest(req: {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  return {
    method: req.method,
    url: req.url?.replace(SECRET_QUERY, '$1[ẩn]'),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'motcua' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: safeError, error: safeError, req: safeRequest },
    // Personal data must not reach logs: tokens, cookies and ID numbers are redacted.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.soDinhDanh'],
      censor: '[ẩn]',
    },
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
