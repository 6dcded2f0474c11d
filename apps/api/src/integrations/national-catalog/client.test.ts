import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { IntegrationError, type IntegrationErrorKind } from '../integration-error.js';
import type { FaultSettingInput } from '../common/simulator/fault-switch.js';
import { createNationalCatalogClient, type NationalCatalogClientOptions } from './client.js';
import { formatNationalDate, parseNationalDate } from './contract.js';
import { createNationalCatalogSimulator } from './simulator/server.js';

let simulator: FastifyInstance;
let baseUrl: string;

const clientFor = (overrides: Partial<NationalCatalogClientOptions> = {}) =>
  createNationalCatalogClient({
    baseUrl,
    username: 'motcua',
    password: 'motcua-sim',
    timeoutMs: 2_000,
    ...overrides,
  });

async function setFault(setting: FaultSettingInput): Promise<Response> {
  return fetch(`${baseUrl}/__sim/fault`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(setting),
  });
}

async function rejectsWith(promise: Promise<unknown>, kind: IntegrationErrorKind) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof IntegrationError, `expected IntegrationError, got ${String(error)}`);
    assert.equal(error.system, 'national-catalog');
    assert.equal(error.kind, kind, error.message);
    return true;
  });
}

before(async () => {
  simulator = createNationalCatalogSimulator();
  await simulator.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(simulator.server.address() as AddressInfo).port}`;
});

after(() => simulator.close());

afterEach(async () => {
  const reset = await setFault({ mode: 'none' });
  assert.equal(reset.status, 200);
});

describe('national catalogue client against the simulator', () => {
  test('health reports the vendored records', async () => {
    const health = (await (await fetch(`${baseUrl}/__sim/health`)).json()) as unknown;
    assert.deepEqual(health, { status: 'ok', records: 2303 });
  });

  test('lists procedures page by page with a stable total', async () => {
    const client = clientFor();
    const first = await client.listProcedures({ page: 1, pageSize: 50 });
    const second = await client.listProcedures({ page: 2, pageSize: 50 });
    assert.equal(first.total, 2303);
    assert.equal(second.total, 2303);
    assert.equal(first.items.length, 50);
    assert.equal(second.items.length, 50);
    const firstCodes = new Set(first.items.map((i) => i.MATTHC));
    assert.equal(firstCodes.size, 50);
    assert.ok(
      second.items.every((i) => !firstCodes.has(i.MATTHC)),
      'pages must not overlap',
    );

    const lastPage = Math.ceil(2303 / 500);
    const last = await client.listProcedures({ page: lastPage, pageSize: 500 });
    assert.equal(last.items.length, 2303 - (lastPage - 1) * 500);
    const beyond = await client.listProcedures({ page: lastPage + 1, pageSize: 500 });
    assert.deepEqual(beyond.items, []);
    assert.equal(beyond.total, 2303);
  });

  test('since returns only procedures updated from that instant', async () => {
    const client = clientFor();
    const since = parseNationalDate('20260601000000');
    assert.ok(since);
    const recent = await client.listProcedures({ since, page: 1, pageSize: 500 });
    assert.ok(recent.total > 0 && recent.total < 2303, `unexpected total ${recent.total}`);
    assert.ok(recent.items.every((i) => i.NGAYCAPNHAT >= '20260601000000'));

    const later = await client.listProcedures({
      since: parseNationalDate('20260701000000'),
      page: 1,
      pageSize: 500,
    });
    assert.ok(later.total < recent.total, 'a later cut-off must return fewer records');

    const none = await client.listProcedures({
      since: new Date('2027-01-01'),
      page: 1,
      pageSize: 10,
    });
    assert.equal(none.total, 0);

    // Repeatable: the same query gives the same answer.
    const again = await client.listProcedures({ since, page: 1, pageSize: 500 });
    assert.deepEqual(again, recent);
  });

  test('gets the birth registration procedure with channels and raw text kept', async () => {
    const record = await clientFor().getProcedure('1.001193');
    assert.equal(record.MATTHC, '1.001193');
    assert.match(record.TENTTHC, /đăng ký khai sinh/i);
    assert.deepEqual(
      record.LINHVUCTHUCHIEN.map((l) => l.TENLINHVUC),
      ['Hộ tịch'],
    );
    assert.deepEqual(
      record.CACHTHUCTHUCHIEN.map((c) => c.KENH),
      [1, 2, 3],
    );
    for (const channel of record.CACHTHUCTHUCHIEN) {
      const [time] = channel.THOIGIAN;
      assert.ok(time);
      assert.equal(time.MOTA, '1Miễn phí', 'the raw row text is kept in MOTA');
      assert.equal(time.PHILEPHI[0]?.SOTIEN, 0);
    }
    assert.deepEqual(record.KETQUATHUCHIEN, [
      { MAKETQUA: 'KQ.G15.000031', TENKETQUA: 'Giấy khai sinh' },
    ]);
    assert.ok(record.CANCUPHAPLY.some((c) => c.SOVANBAN === '123/2015/NĐ-CP'));
    const papers = record.THANHPHANHOSO.flatMap((t) => t.GIAYTO);
    assert.ok(papers.some((p) => p.TENGIAYTO.includes('Tờ khai đăng ký khai sinh')));
    assert.ok(record.TRINHTUTHUCHIEN[0] && record.TRINHTUTHUCHIEN[0].TRINHTU.length > 5);
    assert.ok(parseNationalDate(record.NGAYCAPNHAT));
  });

  test('an unknown code is not_found', async () => {
    await rejectsWith(clientFor().getProcedure('9.999999'), 'not_found');
  });

  test('wrong credentials are rejected', async () => {
    await rejectsWith(
      clientFor({ password: 'sai-mat-khau' }).listProcedures({ page: 1, pageSize: 1 }),
      'rejected',
    );
  });

  test('logs in lazily once and again after the session is revoked', async () => {
    const calls: string[] = [];
    const client = clientFor({
      fetch: (input, init) => {
        calls.push(new URL(String(input)).pathname);
        return fetch(input, init);
      },
    });
    assert.deepEqual(calls, [], 'no request before the first call');
    await Promise.all([client.getProcedure('1.001193'), client.getProcedure('1.000894')]);
    assert.equal(calls.filter((c) => c === '/auth').length, 1, 'concurrent calls share one login');

    const revoked = await fetch(`${baseUrl}/__sim/sessions`, { method: 'DELETE' });
    assert.equal(revoked.status, 200);
    const record = await client.getProcedure('1.000656');
    assert.match(record.TENTTHC, /khai tử/i);
    assert.deepEqual(calls.slice(-3), ['/share', '/auth', '/share']);
  });

  test('slow: a small delay still succeeds', async () => {
    assert.equal((await setFault({ mode: 'slow', delayMs: 150 })).status, 200);
    const started = performance.now();
    const page = await clientFor().listProcedures({ page: 1, pageSize: 5 });
    assert.equal(page.items.length, 5);
    assert.ok(performance.now() - started >= 140, 'the answer should have been delayed');
  });

  test('error5xx: the service is unavailable', async () => {
    await setFault({ mode: 'error5xx' });
    await assert.rejects(clientFor().getProcedure('1.001193'), (error: unknown) => {
      assert.ok(error instanceof IntegrationError);
      assert.equal(error.kind, 'unavailable');
      assert.equal(error.status, 503);
      assert.equal(error.transient, true);
      return true;
    });
  });

  test('timeout: the client gives up after its timeout', async () => {
    await setFault({ mode: 'timeout' });
    const started = performance.now();
    await rejectsWith(clientFor({ timeoutMs: 300 }).getProcedure('1.001193'), 'timeout');
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 280 && elapsed < 2_000, `gave up after ${Math.round(elapsed)} ms`);
  });

  test('duplicate: records come twice and the client passes them on', async () => {
    await setFault({ mode: 'duplicate' });
    const client = clientFor();
    const page = await client.listProcedures({ page: 1, pageSize: 20 });
    const unique = new Set(page.items.map((i) => i.MATTHC));
    assert.equal(unique.size, 20);
    assert.ok(page.items.length > 20, 'duplicates are visible to the importer');
    assert.equal(page.total, 2303);

    const record = await client.getProcedure('1.001193');
    assert.equal(record.MATTHC, '1.001193');

    const auth = (await (
      await fetch(`${baseUrl}/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'motcua', password: 'motcua-sim' }),
      })
    ).json()) as { session: string };
    const raw = (await (
      await fetch(`${baseUrl}/share`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          session: auth.session,
          madonvi: 'test',
          service: 'LayThuTuc',
          maTTHC: '1.001193',
        }),
      })
    ).json()) as { result: unknown[] };
    assert.equal(raw.result.length, 2);
  });

  test('fault switch over HTTP: read back, probability, invalid input', async () => {
    assert.equal((await setFault({ mode: 'error5xx', probability: 0 })).status, 200);
    const current = (await (await fetch(`${baseUrl}/__sim/fault`)).json()) as unknown;
    assert.deepEqual(current, { mode: 'error5xx', delayMs: 2000, probability: 0 });
    // Probability 0: the fault is armed but hits no request.
    const page = await clientFor().listProcedures({ page: 1, pageSize: 1 });
    assert.equal(page.items.length, 1);

    assert.equal((await setFault({ mode: 'explode' as 'none' })).status, 400);
    assert.equal((await setFault({ mode: 'slow', probability: 2 })).status, 400);
    const unchanged = (await (await fetch(`${baseUrl}/__sim/fault`)).json()) as { mode: string };
    assert.equal(unchanged.mode, 'error5xx');
  });

  test('malformed requests get HTTP 400 with a Vietnamese message', async () => {
    const post = (body: string) =>
      fetch(`${baseUrl}/share`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const unknownService = await post(
      JSON.stringify({ session: 'x', madonvi: 'x', service: 'XoaHet' }),
    );
    assert.equal(unknownService.status, 400);
    const unknownBody = (await unknownService.json()) as { error_code: number; message: string };
    assert.notEqual(unknownBody.error_code, 0);
    assert.match(unknownBody.message, /Dịch vụ không được hỗ trợ/);

    const tooBig = await post(
      JSON.stringify({ session: 'x', madonvi: 'x', service: 'LayDanhSachTTHC', soBanGhi: 501 }),
    );
    assert.equal(tooBig.status, 400);
    assert.match(((await tooBig.json()) as { message: string }).message, /soBanGhi/);

    const notJson = await post('{không phải json');
    assert.equal(notJson.status, 400);
    assert.match(((await notJson.json()) as { message: string }).message, /không hợp lệ/);
  });

  test('an unreachable service is unavailable', async () => {
    const closed = createNationalCatalogSimulator();
    await closed.listen({ host: '127.0.0.1', port: 0 });
    const port = (closed.server.address() as AddressInfo).port;
    await closed.close();
    await rejectsWith(
      clientFor({ baseUrl: `http://127.0.0.1:${port}` }).getProcedure('1.001193'),
      'unavailable',
    );
  });

  test('dates are yyyyMMddHHmmss in Vietnam time', () => {
    assert.equal(formatNationalDate(new Date('2026-07-31T17:30:05Z')), '20260801003005');
    assert.equal(parseNationalDate('20260801003005')?.toISOString(), '2026-07-31T17:30:05.000Z');
    assert.equal(parseNationalDate('20260231000000'), undefined);
    assert.equal(parseNationalDate('2026-02-01'), undefined);
  });
});
