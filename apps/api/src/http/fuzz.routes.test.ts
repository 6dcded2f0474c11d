// Every route in the OpenAPI document, called with hostile text in each path parameter, query
// parameter and string of a plausible body, as an anonymous caller, a citizen and an officer:
// nothing may answer 5xx, and every 4xx must carry a message (issue 13, items 2 and "done when").
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ErrorBody } from '@motcua/contracts';
import type { InjectOptions } from 'fastify';
import { startSimulators, type RunningSimulators } from '../integrations/simulators.js';
import { officerInjector } from '../platform/testing/sign-in.js';
import { browser, signInThroughSso } from '../platform/testing/sso-browser.js';
import { createTestApp, type TestApp } from '../platform/testing/test-app.js';

let sims: RunningSimulators;
let t: TestApp;
let base: string;
let citizen: { cookie: string; csrf: string };
const { officer } = officerInjector(() => t.app.server);

before(async () => {
  sims = await startSimulators({ basePort: 0 });
  t = await createTestApp({
    VNEID_ISSUER_URL: sims.urls['vneid-sso'],
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  await t.app.server.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.server.address() as AddressInfo).port}`;
  const go = browser();
  const signedIn = await signInThroughSso(base, go, { pick: 'citizen:0' });
  const session = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('motcua_session='));
  assert.ok(session, 'the citizen has a session cookie');
  const me = (await (await go(`${base}/api/auth/me`)).json()) as { csrfToken?: string };
  citizen = { cookie: session, csrf: me.csrfToken ?? '' };
});
after(async () => {
  await t?.close();
  await sims?.close();
});

const MEGABYTE = 'ạ'.repeat(1_000_000);
/** What an attacker sends; the seed of the sampling below is printed with the counts. */
const HOSTILE = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  MEGABYTE,
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '\u202egpj.exe',
  '=HYPERLINK("http://evil.example")',
  '-1',
  '1e309',
  '',
];

describe('the regressions named in issue 13, item 2', () => {
  test('NUL bytes and lone surrogates are Vietnamese 400s, not 500s', async () => {
    const s = await officer('tb.tiepnhan');
    const asOfficer = (o: InjectOptions) =>
      t.app.server.inject({
        ...o,
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          'idempotency-key': `fuzz-${Math.random()}`,
          ...(o.headers ?? {}),
        },
      });
    const intake = (patch: Record<string, unknown>) =>
      asOfficer({
        method: 'POST',
        url: '/api/officer/dossiers',
        payload: {
          procedureCode: '1.004837',
          channel: 'postal',
          postalRef: 'EA1',
          receivingAgencyId: '00000000-0000-4000-8000-000000000000',
          applicant: { name: 'A' },
          formData: {},
          ...patch,
        },
      });
    const cases: Array<[string, Promise<{ statusCode: number; body: string }>]> = [
      ['procedures q', t.app.server.inject({ url: '/api/procedures?q=%00' })],
      ['procedures field', t.app.server.inject({ url: '/api/procedures?field=%00' })],
      ['procedures level', t.app.server.inject({ url: '/api/procedures?level=%00' })],
      ['agencies q', t.app.server.inject({ url: '/api/agencies?q=%00' })],
      [
        'agency electronic id',
        t.app.server.inject({ url: '/api/agencies/by-electronic-id/a%00b' }),
      ],
      ['officer queue q', asOfficer({ url: '/api/officer/dossiers?q=%00' })],
      [
        'catalogue review name',
        t.app.server.inject({
          method: 'POST',
          url: '/api/admin/catalog/reviews',
          headers: { 'x-admin-token': 'motcua-admin-demo' },
          payload: { name: 'a\u0000b' },
        }),
      ],
      ['intake applicant.name', intake({ applicant: { name: 'A\u0000' } })],
      ['intake applicant.address', intake({ applicant: { name: 'A', address: '\u0000' } })],
      ['intake postalRef', intake({ postalRef: 'E\u0000' })],
      ['intake formData key', intake({ formData: { 'k\u0000': 'v' } })],
      ['intake formData value', intake({ formData: { k: 'v\u0000' } })],
      ['intake formData surrogate', intake({ formData: { s: '\ud800' } })],
      [
        'refuse reason',
        asOfficer({
          method: 'POST',
          url: '/api/dossiers/000.01.145.H75-261103-0001/actions',
          payload: { kind: 'refuse', reason: 'x\u0000' },
        }),
      ],
      [
        'upload component',
        asOfficer({
          method: 'POST',
          url: '/api/dossiers/000.01.145.H75-261102-0002/files?component=a%00b&name=a.pdf',
          headers: { 'content-type': 'application/pdf' },
          payload: Buffer.from('%PDF-1.4\n%%EOF\n'),
        }),
      ],
    ];
    for (const [name, pending] of cases) {
      const res = await pending;
      assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
      assert.match(ErrorBody.parse(JSON.parse(res.body)).error.message, /ký tự không hợp lệ/, name);
    }
  });
});

// ---- the OpenAPI-driven fuzz -----------------------------------------------------------------

type Schema = Record<string, unknown> & {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  additionalProperties?: boolean | Schema;
  format?: string;
  minimum?: number;
  default?: unknown;
};
interface Operation {
  method: string;
  path: string;
  parameters: Array<{ name: string; in: string; schema?: Schema }>;
  body?: Schema;
}

/** A small deterministic PRNG (mulberry32), so a failing run can be repeated with its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Plausible values for a path parameter, so a request gets past "not found" into the handler. */
const PARAM_SAMPLES: Record<string, string> = {
  code: '000.01.145.H75-261102-0002',
  procedureCode: '1.004837',
  kind: 'receipt',
  id: '00000000-0000-4000-8000-000000000000',
  year: '2026',
  date: '2026-12-24',
  electronicId: '000.00.15.H75',
};

function sample(schema: Schema | undefined, doc: Record<string, unknown>, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1)!;
    const components = (doc.components as { schemas?: Record<string, Schema> } | undefined)
      ?.schemas;
    return sample(components?.[name], doc, depth + 1);
  }
  if (schema.default !== undefined) return schema.default;
  if (schema.enum) return schema.enum[0];
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (variant) return sample(variant, doc, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(schema.properties ?? {})) {
        out[key] = sample(inner, doc, depth + 1);
      }
      if (schema.additionalProperties && Object.keys(out).length === 0) out.ghiChu = 'x';
      return out;
    }
    case 'array':
      return [sample(schema.items, doc, depth + 1)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'date') return '2026-11-23';
      if (schema.format === 'date-time') return '2026-11-23T02:00:00.000Z';
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      if (schema.format === 'email') return 'a@example.vn';
      return 'abc12345';
    default:
      return null;
  }
}

/** Paths to every string leaf and every object (where a hostile key can be added). */
function leaves(value: unknown, at: string[] = []): Array<{ path: string[]; object: boolean }> {
  if (typeof value === 'string') return [{ path: at, object: false }];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, String(i)]));
  if (value && typeof value === 'object') {
    return [
      { path: at, object: true },
      ...Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k])),
    ];
  }
  return [];
}

function mutate(value: unknown, path: string[], hostile: string, asKey: boolean): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  if (path.length === 0) return asKey ? { ...copy, [hostile]: 'x' } : hostile;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (asKey) (node[last] as Record<string, unknown>)[hostile] = 'x';
  else node[last] = hostile;
  return copy;
}

function operations(doc: Record<string, unknown>): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, op] of Object.entries(ops)) {
      const content = (op.requestBody as { content?: Record<string, { schema?: Schema }> })
        ?.content;
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: (op.parameters as Operation['parameters'] | undefined) ?? [],
        body: content?.['application/json']?.schema,
      });
    }
  }
  return out;
}

/** Percent-encoding as a hostile client may send it: a lone surrogate as its raw (CESU) bytes. */
function encode(value: string): string {
  return value
    .split(/([\ud800-\udfff])/)
    .map((part) =>
      /^[\ud800-\udfff]$/.test(part)
        ? Buffer.from([
            0xed,
            0xa0 + ((part.charCodeAt(0) >> 6) & 0x1f),
            0x80 + (part.charCodeAt(0) & 0x3f),
          ])
            .toString('hex')
            .replace(/../g, '%$&')
            .toUpperCase()
        : encodeURIComponent(part),
    )
    .join('');
}

function requestsFor(op: Operation, doc: Record<string, unknown>, random: () => number) {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const fill = (overrides: Record<string, string>) =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encode(overrides[name] ?? PARAM_SAMPLES[name] ?? 'abc12345'),
    );
  const baseQuery = Object.fromEntries(
    queryParams
      .filter((p) => p.schema && (p.schema.enum || p.schema.default !== undefined))
      .map((p) => [p.name, String(sample(p.schema, doc))]),
  );
  const body = op.body ? sample(op.body, doc) : undefined;
  const pick = () => HOSTILE[Math.floor(random() * HOSTILE.length)]!;
  const list: InjectOptions[] = [];
  const push = (path: string, query: Record<string, string>, payload?: unknown) =>
    list.push({
      method: op.method as InjectOptions['method'],
      url: `${path}?${Object.entries(query)
        .map(([k, v]) => `${encode(k)}=${encode(v)}`)
        .join('&')}`,
      ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
    });
  push(fill({}), baseQuery, body);
  for (const p of pathParams) {
    for (let i = 0; i < 3; i++) push(fill({ [p.name]: pick() }), baseQuery, body);
  }
  for (const p of queryParams) {
    for (let i = 0; i < 3; i++) push(fill({}), { ...baseQuery, [p.name]: pick() }, body);
  }
  if (body !== undefined) {
    for (const leaf of leaves(body)) {
      for (let i = 0; i < 2; i++)
        push(fill({}), baseQuery, mutate(body, leaf.path, pick(), leaf.object));
    }
    push(fill({}), baseQuery, '{"unterminated": ');
    push(fill({}), baseQuery, [1, 2, 3]);
  }
  return list;
}

describe('fuzzing every route of the OpenAPI document', () => {
  for (const who of ['anonymous', 'citizen', 'officer'] as const) {
    test(`as ${who}: no answer is a 5xx, every 4xx says why`, async () => {
      const doc = (await t.app.server.inject('/api/openapi.json')).json() as Record<
        string,
        unknown
      >;
      const seed = Number(process.env.FUZZ_SEED ?? 20261207);
      const random = prng(seed + who.length);
      const headers: Record<string, string> = {};
      if (who === 'citizen')
        Object.assign(headers, { cookie: citizen.cookie, 'x-csrf-token': citizen.csrf });
      if (who === 'officer') {
        const s = await officer('tb.tiepnhan');
        Object.assign(headers, { cookie: s.cookie, 'x-csrf-token': s.csrf });
      }
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      let sent = 0;
      for (const op of operations(doc)) {
        // Signing out would end the session the rest of the run needs.
        if (who !== 'anonymous' && op.path === '/api/auth/logout') continue;
        for (const request of requestsFor(op, doc, random)) {
          sent++;
          const res = await t.app.server.inject({
            ...request,
            headers: { ...headers, 'idempotency-key': `fuzz-${who}-${sent}` },
          });
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const label = `${op.method} ${res.statusCode} ${request.url}`;
          if (res.statusCode >= 500) failures.push(`${label}: ${res.body.slice(0, 200)}`);
          else if (res.statusCode >= 400 && /json/.test(String(res.headers['content-type']))) {
            const parsed = ErrorBody.safeParse(res.json());
            if (!parsed.success || !parsed.data.error.message)
              failures.push(`${label}: no message`);
          }
        }
      }
      console.log(
        `fuzz ${who}: seed ${seed}, ${sent} requests over ${operations(doc).length} operations; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      assert.ok(sent > 500, `only ${sent} requests`);
      assert.deepEqual(failures, []);
    });
  }
});
