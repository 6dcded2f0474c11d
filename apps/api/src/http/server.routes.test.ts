import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { ErrorBody, HealthResponse } from '@motcua/contracts';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { systemClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { createTestApp, type TestApp } from '../platform/testing/test-app.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

describe('health', () => {
  test('reports database and job queue up', async () => {
    const res = await t.app.server.inject('/api/health');
    assert.equal(res.statusCode, 200);
    const body = HealthResponse.parse(res.json());
    assert.equal(body.status, 'ok');
    assert.equal(body.database.status, 'up');
    assert.equal(body.jobs.status, 'up');
    assert.equal(body.province.code, '75');
    assert.equal(body.province.name, 'Thành phố Đồng Nai');
    assert.equal(
      body.uploads.maxBytes,
      10 * 1024 * 1024,
      'the upload limit the web checks against',
    );
  });

  test('answers 503 when the database is unreachable', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', SERVE_WEB: 'false' });
    const app = await createApp({
      config,
      // Nothing listens on port 1: every connection is refused.
      databaseUrl: 'postgres://nobody@127.0.0.1:1/none',
      clock: systemClock,
      log: createLogger('silent'),
    });
    try {
      const res = await app.server.inject('/api/health');
      assert.equal(res.statusCode, 503);
      const body = HealthResponse.parse(res.json());
      assert.equal(body.status, 'degraded');
      assert.equal(body.database.status, 'down');
      assert.equal(body.jobs.status, 'down');
    } finally {
      await app.close();
    }
  });
});

describe('OpenAPI', () => {
  test('is valid OpenAPI 3 and lists every API route', async () => {
    const res = await t.app.server.inject('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.match(doc.openapi, /^3\./);
    await SwaggerParser.validate(structuredClone(doc));
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const routes = t.app.server
      .printRoutes({ commonPrefix: false, method: undefined })
      .split('\n')
      .filter(Boolean);
    assert.ok(routes.length > 0);
    for (const route of [
      'GET /api/health',
      'GET /api/admin-units',
      'GET /api/admin-units/successors',
      'GET /api/agencies',
    ]) {
      assert.ok(documented.has(route), `${route} is documented`);
    }
    assert.ok(documented.size >= 8, `documented ${documented.size} operations`);
  });

  test('serves Swagger UI', async () => {
    const res = await t.app.server.inject('/api/docs/');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /text\/html/);
  });
});

describe('HTTP shell', () => {
  test('unknown API route is a Vietnamese 404 with a request id', async () => {
    const res = await t.app.server.inject({
      url: '/api/khong-co',
      headers: { 'x-request-id': 'abc-123' },
    });
    assert.equal(res.statusCode, 404);
    const body = ErrorBody.parse(res.json());
    assert.equal(body.error.code, 'ROUTE_NOT_FOUND');
    assert.equal(body.requestId, 'abc-123');
    assert.equal(res.headers['x-request-id'], 'abc-123');
    assert.match(body.error.message, /Không tìm thấy/);
  });

  test('a hostile request id is replaced, not echoed', async () => {
    const res = await t.app.server.inject({
      url: '/api/health',
      headers: { 'x-request-id': '<script>x</script>' },
    });
    assert.notEqual(res.headers['x-request-id'], '<script>x</script>');
    assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  test('sets security headers', async () => {
    const res = await t.app.server.inject('/api/health');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.ok(res.headers['strict-transport-security']);
  });

  test('CORS: other origins are not allowed by default', async () => {
    const res = await t.app.server.inject({
      url: '/api/health',
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(res.headers['access-control-allow-origin'], undefined);
  });

  test('exposes Prometheus metrics', async () => {
    await t.app.server.inject('/api/admin-units?province=75');
    const res = await t.app.server.inject('/metrics');
    assert.equal(res.statusCode, 200);
    assert.match(
      res.body,
      /motcua_http_request_duration_seconds_count\{method="GET",route="\/api\/admin-units",status="200"\}/,
    );
    assert.match(res.body, /motcua_process_cpu_user_seconds_total/);
  });

  test('metrics: a token when one is set; in production without one, only from the machine itself', async () => {
    const token = 'metrics-secret-0123456789';
    const withToken = await createTestApp({ METRICS_TOKEN: token }, { database: t.db });
    try {
      assert.equal((await withToken.app.server.inject('/metrics')).statusCode, 401);
      const wrong = await withToken.app.server.inject({
        url: '/metrics',
        headers: { authorization: 'Bearer metrics-secret-0123456780' },
      });
      assert.equal(wrong.statusCode, 401);
      const right = await withToken.app.server.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(right.statusCode, 200);
    } finally {
      await withToken.close();
    }
    const production = await createTestApp(
      { NODE_ENV: 'production', ADMIN_TOKEN: 'a-production-secret', DEMO_ACCOUNTS: 'false' },
      { database: t.db },
    );
    try {
      const remote = await production.app.server.inject({
        url: '/metrics',
        remoteAddress: '203.0.113.9',
      });
      assert.equal(remote.statusCode, 403);
      assert.match(ErrorBody.parse(remote.json()).error.message, /Số liệu giám sát/);
      const local = await production.app.server.inject({
        url: '/metrics',
        remoteAddress: '127.0.0.1',
      });
      assert.equal(local.statusCode, 200);
    } finally {
      await production.close();
    }
  });

  test('X-Forwarded-For: only the configured proxy hop is believed', async () => {
    const behindProxy = await createTestApp({ TRUST_PROXY: 'true' }, { database: t.db });
    try {
      // The client wrote "6.6.6.6" itself; our proxy appended the address it saw.
      const login = await behindProxy.app.server.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' },
        payload: { username: 'khong.ton.tai.xff', password: 'sai-mat-khau-1' },
      });
      assert.equal(login.statusCode, 401);
      const { rows } = await t.db.database.pool.query(
        `SELECT ip FROM idn_security_event WHERE username = 'khong.ton.tai.xff'`,
      );
      assert.deepEqual(
        rows.map((r) => r.ip),
        ['198.51.100.7'],
      );
    } finally {
      await behindProxy.close();
    }
  });

  test('a body over the limit is 413 in Vietnamese', async () => {
    const res = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin-units/reference-checks',
      headers: { 'content-type': 'application/json', 'x-admin-token': 'motcua-admin-demo' },
      payload: JSON.stringify({ x: 'a'.repeat(2 * 1024 * 1024) }),
    });
    assert.equal(res.statusCode, 413);
    const body = ErrorBody.parse(res.json());
    assert.equal(body.error.code, 'PAYLOAD_TOO_LARGE');
    assert.match(body.error.message, /vượt quá dung lượng/);
  });

  test('malformed JSON is 400 in Vietnamese', async () => {
    const res = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin-units/reference-checks',
      headers: { 'content-type': 'application/json', 'x-admin-token': 'motcua-admin-demo' },
      payload: '{"x":',
    });
    assert.equal(res.statusCode, 400);
    assert.match(ErrorBody.parse(res.json()).error.message, /JSON/);
  });

  test('an unsupported content type is 415', async () => {
    const res = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin-units/reference-checks',
      headers: { 'content-type': 'application/x-unknown', 'x-admin-token': 'motcua-admin-demo' },
      payload: 'abc',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(ErrorBody.parse(res.json()).error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('rate limiting', () => {
  test('answers 429 in Vietnamese past the limit', async () => {
    // A web build of two files, served as `npm start` serves the real one.
    const web = await mkdtemp(path.join(tmpdir(), 'motcua-web-'));
    await mkdir(path.join(web, 'assets'));
    await writeFile(path.join(web, 'index.html'), '<!doctype html><title>motcua</title>');
    await writeFile(path.join(web, 'assets/app.js'), 'export {};');
    const limited = await createTestApp({
      RATE_LIMIT_PER_MINUTE: '3',
      SERVE_WEB: 'true',
      WEB_DIST_DIR: web,
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        codes.push((await limited.app.server.inject('/api/admin-units/provinces')).statusCode);
      }
      assert.deepEqual(codes.slice(0, 3), [200, 200, 200]);
      const res = await limited.app.server.inject('/api/admin-units/provinces');
      assert.equal(res.statusCode, 429);
      const body = ErrorBody.parse(res.json());
      assert.equal(body.error.code, 'RATE_LIMITED');
      assert.match(body.error.message, /quá nhiều yêu cầu/);
      // Health checks from load balancers are never limited, nor the web app's files (a page
      // loads dozens; an office behind one address must not lose its scripts).
      assert.equal((await limited.app.server.inject('/api/health')).statusCode, 200);
      for (let i = 0; i < 5; i += 1) {
        assert.equal((await limited.app.server.inject('/assets/app.js')).statusCode, 200);
      }
    } finally {
      await limited.close();
      await rm(web, { recursive: true, force: true });
    }
  });
});
