import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ErrorBody } from '@motcua/contracts';
import { createTestApp, type TestApp } from '../platform/testing/test-app.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

// Values that break naive handlers: wrong types, injection, huge, non-UTF-8-ish, arrays.
const nasty = [
  '',
  'abc',
  '-1',
  '1e999',
  "' OR 1=1 --",
  '%00',
  'x'.repeat(5000),
  '🙂',
  '[]',
  '{}',
  'NaN',
];

test('every documented route answers bad input with a Vietnamese 4xx, never a 5xx', async () => {
  const doc = (await t.app.server.inject('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
  };
  let probes = 0;
  for (const [pattern, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      for (const value of nasty) {
        const pathValue = encodeURIComponent(value || 'x');
        const url = pattern.replace(/\{\w+\}/g, pathValue);
        const query = new URLSearchParams();
        for (const name of [...queryNames, 'unknown']) query.append(name, value);
        query.append(queryNames[0] ?? 'dup', value);
        const res = await t.app.server.inject({
          method: method.toUpperCase() as 'GET',
          url: `${url}?${query.toString()}`,
          ...(method === 'post'
            ? { payload: { junk: value }, headers: { 'content-type': 'application/json' } }
            : {}),
        });
        probes += 1;
        assert.ok(
          res.statusCode < 500,
          `${method.toUpperCase()} ${url.slice(0, 80)} → ${res.statusCode}: ${res.body.slice(0, 200)}`,
        );
        if (res.statusCode >= 400) {
          const parsed = ErrorBody.safeParse(res.json());
          assert.ok(
            parsed.success,
            `${method.toUpperCase()} ${url.slice(0, 80)} → ${res.statusCode}: ${res.body.slice(0, 200)}`,
          );
          const body = parsed.data;
          assert.match(
            body.error.message,
            /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i,
            'message is Vietnamese',
          );
        }
      }
    }
  }
  assert.ok(probes > 50, `${probes} probes`);
});

test('a validation error speaks to a person: no field paths in the message, dotted paths in the issues', async () => {
  const res = await t.app.server.inject('/api/dossiers/lookup?code=khong-phai-ma');
  assert.equal(res.statusCode, 400);
  const { error } = ErrorBody.parse(res.json());
  assert.doesNotMatch(error.message, /tham số|nội dung|query|code\b|:/i, error.message);
  assert.equal(error.issues?.[0]?.path, 'code');
  // One problem: the message is that problem's own, not a second copy around it.
  assert.equal(error.message, error.issues?.[0]?.message);
});
