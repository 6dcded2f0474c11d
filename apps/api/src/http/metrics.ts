import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../platform/errors.js';

export interface MetricsAccess {
  /** Bearer token a scraper must send; when unset, `open` decides. */
  token: string | undefined;
  /** Without a token: anyone (development) or only the machine itself (production). */
  open: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Metrics name every route and its traffic and error rates: useful to an attacker probing the
 * system, so in production they are for the operator's scraper only (issue 13, item 7). The
 * socket's address, not X-Forwarded-For: a request relayed by the proxy is never "local".
 */
function checkAccess(request: FastifyRequest, access: MetricsAccess): void {
  if (access.token) {
    const given = Buffer.from(request.headers.authorization ?? '');
    const want = Buffer.from(`Bearer ${access.token}`);
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      throw new AppError('UNAUTHENTICATED', 'Cần mã truy cập số liệu giám sát (METRICS_TOKEN).');
    }
    return;
  }
  if (!access.open && !LOOPBACK.has(request.socket.remoteAddress ?? '')) {
    throw new AppError(
      'FORBIDDEN',
      'Số liệu giám sát chỉ đọc được từ máy chủ hoặc với mã truy cập.',
    );
  }
}

/** Prometheus metrics at /metrics: process defaults plus request duration by route. */
export function registerMetrics(app: FastifyInstance, access: MetricsAccess): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'motcua_' });
  const duration = new Histogram({
    name: 'motcua_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    checkAccess(request, access);
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return registry;
}
