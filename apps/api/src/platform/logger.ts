import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'motcua' },
    timestamp: pino.stdTimeFunctions.isoTime,
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
