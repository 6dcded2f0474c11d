import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { HealthResponse } from '@motcua/contracts';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { defaultMessageOf } from '../platform/errors.js';
import { withErrors } from '../platform/http/responses.js';
import { loggerOptions } from '../platform/logger.js';
import { apiNotFound, frameworkErrorBody, registerErrorHandling } from './error-handler.js';
import { registerInputGuard } from './input-guard.js';
import { registerMetrics } from './metrics.js';

// Validation messages in Vietnamese wherever a schema gives none of its own.
z.config(z.locales.vi());

export interface ServerOptions {
  config: Config;
  version: string;
  routes: FastifyPluginAsyncZod[];
  health: () => Promise<HealthResponse>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    bodyLimit: config.http.bodyLimit,
    // Only the configured hops: a client's own X-Forwarded-For entries are never believed.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    // genReqId reads x-request-id itself, so that unsafe values are never trusted.
    requestIdHeader: false,
    // Accept a caller's request id only if it is harmless to log and echo.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    // Errors raised before routing (bad URL, over-long parameter) get our body too.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      void (reply as FastifyReply).status(status).send(frameworkErrorBody(request.id));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  registerInputGuard(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine and Swagger UI set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cors, {
    // Same-origin by default; other origins only when listed in CORS_ORIGINS.
    origin: config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false,
    credentials: true,
  });
  // Session cookies of the identity module (httpOnly, SameSite=Lax; CSRF token for writes).
  await app.register(cookie);
  await app.register(rateLimit, {
    max: config.http.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Only the API is limited. The web app's files are static and cacheable, and a page loads
    // dozens of them: counted, a ward office behind one NAT address (or a browser test) ran out
    // of its minute and got a page without its scripts. Health checks are never limited.
    allowList: (request) => request.url === '/api/health' || !request.url.startsWith('/api/'),
    errorResponseBuilder: (request) => ({
      statusCode: 429,
      error: { code: 'RATE_LIMITED', message: defaultMessageOf('RATE_LIMITED') },
      requestId: request.id,
    }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'motcua API',
        description:
          'API của hệ thống giải quyết thủ tục hành chính một cửa motcua. Lỗi trả về dạng { error: { code, message, issues? }, requestId } với thông điệp tiếng Việt.',
        version: options.version,
      },
      servers: [{ url: config.publicUrl }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerMetrics(app, config.metrics);

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['Hệ thống'],
        summary: 'Tình trạng hệ thống: cơ sở dữ liệu và hàng đợi công việc',
        response: withErrors({ 200: HealthResponse, 503: HealthResponse }, []),
      },
    },
    async (_request, reply) => {
      const health = await options.health();
      return reply.code(health.database.status === 'up' ? 200 : 503).send(health);
    },
  );

  for (const routes of options.routes) await app.register(routes);

  const webIndex = path.join(config.web.distDir, 'index.html');
  const serveWeb = config.web.serve && existsSync(webIndex);
  if (serveWeb) {
    await app.register(fastifyStatic, { root: config.web.distDir, wildcard: false, index: false });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    if (
      serveWeb &&
      request.method === 'GET' &&
      !pathname.startsWith('/api/') &&
      pathname !== '/metrics'
    ) {
      // Client-side routes: every page is the single-page app.
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.status(404).send(apiNotFound(request.id));
  });

  return app;
}
