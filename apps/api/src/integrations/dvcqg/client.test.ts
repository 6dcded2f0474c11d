import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { FaultSettingInput } from '../common/simulator/fault-switch.js';
import { IntegrationError, type IntegrationErrorKind } from '../integration-error.js';
import { createDvcqgClient, isAlreadyExists, type DvcqgClientOptions } from './client.js';
import {
  DvcqgErrorCode as Code,
  formatNationalDate,
  type DossierRecordInput,
  type ProgressRecordInput,
} from './contract.js';
import {
  createDvcqgSimulator,
  type Delivery,
  type DvcqgSimulatorOptions,
  type StoredDossier,
} from './simulator/server.js';

// Two codes of the bundled catalogue (data/procedures), which the simulator accepts by default.
const TTHC = '1.000005';
const OTHER_TTHC = '1.000014';

let simulator: FastifyInstance;
let baseUrl: string;
let counter = 0;

async function start(options: DvcqgSimulatorOptions = {}) {
  const app = createDvcqgSimulator(options);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

const clientFor = (overrides: Partial<DvcqgClientOptions> = {}) =>
  createDvcqgClient({
    baseUrl,
    username: 'motcua',
    password: 'dvcqg-sim',
    agencyCode: '000.00.01.H22',
    timeoutMs: 2_000,
    ...overrides,
  });

const at = (iso: string) => formatNationalDate(new Date(iso));

function newCode() {
  counter += 1;
  return `000.00.01.H22-261207-${String(counter).padStart(4, '0')}`;
}

function dossier(code: string, status: number, extra: Partial<DossierRecordInput> = {}) {
  return {
    MaHoSo: code,
    MaTTHC: TTHC,
    TenTTHC: 'Thủ tục thử',
    ChuHoSo: 'Nguyễn Văn An',
    TrangThaiHoSo: String(status),
    NgayTiepNhan: at('2026-12-07T02:00:00Z'),
    ...extra,
  } satisfies DossierRecordInput;
}

function step(code: string, status: number, minute: number): ProgressRecordInput {
  return {
    MaHoSo: code,
    TrangThai: String(status),
    ThoiDiemXuLy: at(`2026-12-07T03:${String(minute).padStart(2, '0')}:00Z`),
    NguoiXuLy: 'Trần Thị Bình',
    NoiDungXuLy: `Bước ${minute}`,
  };
}

function without<T extends object>(record: T, field: keyof T): T {
  const copy = { ...record };
  delete copy[field];
  return copy;
}

async function setFault(setting: FaultSettingInput, url = baseUrl) {
  const response = await fetch(`${url}/__sim/fault`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(setting),
  });
  assert.equal(response.status, 200);
}

async function stored(code: string, url = baseUrl) {
  const response = await fetch(`${url}/__sim/dossiers/${encodeURIComponent(code)}`);
  assert.equal(response.status, 200, `the simulator should hold ${code}`);
  return (await response.json()) as StoredDossier;
}

async function rejectsWith(
  promise: Promise<unknown>,
  kind: IntegrationErrorKind,
  check?: (error: IntegrationError) => void,
) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof IntegrationError, `expected IntegrationError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    check?.(error);
    return true;
  });
}

before(async () => {
  ({ app: simulator, url: baseUrl } = await start());
});
after(() => simulator.close());
afterEach(() => setFault({ mode: 'none' }));

describe('DVCQG sync client against the simulator', () => {
  test('create → progress → update → lookup', async () => {
    const client = clientFor();
    const code = newCode();
    assert.deepEqual(await client.createDossiers([dossier(code, 2)]), { calls: 1, sent: 1 });
    const steps = [step(code, 2, 0), step(code, 4, 5), step(code, 9, 30)];
    await client.updateProgress(steps);
    await client.updateDossiers([
      dossier(code, 9, { NgayKetThucXuLy: at('2026-12-07T03:30:00Z') }),
    ]);

    const shown = await client.lookupDossier(code);
    assert.equal(shown.TrangThaiHoSo, 9);
    assert.equal(shown.MaTTHC, TTHC);
    assert.equal(shown.NgayKetThucXuLy, '20261207103000', 'dates in Asia/Ho_Chi_Minh');
    assert.deepEqual(
      shown.QuaTrinhXuLy.map((s) => s.TrangThai),
      [2, 4, 9],
    );

    const held = await stored(code);
    assert.equal(held.status, 9);
    assert.deepEqual(
      held.deliveries.map((d) => [d.service, d.isUpdating ?? null, d.outcome, d.madonvi]),
      [
        ['DongBoHoSoMC', false, 'applied', '000.00.01.H22'],
        ['CapNhatTienDoHoSoMC', null, 'applied', '000.00.01.H22'],
        ['DongBoHoSoMC', true, 'applied', '000.00.01.H22'],
      ],
    );
    assert.ok(held.deliveries.every((d) => !Number.isNaN(Date.parse(d.receivedAt))));
  });

  test('batches dossiers and sends progress in chunks of 10, in order', async () => {
    const client = clientFor({ syncBatchSize: 2 });
    const codes = [newCode(), newCode(), newCode()];
    assert.deepEqual(await client.createDossiers(codes.map((c) => dossier(c, 2))), {
      calls: 2,
      sent: 3,
    });
    const [code = ''] = codes;
    const statuses = [2, 4, 5, 4, 6, 4, 5, 4, 6, 4, 5, 4, 6, 4, 5, 4, 6, 4, 5, 4, 6, 4, 9];
    const outcome = await client.updateProgress(statuses.map((s, i) => step(code, s, i)));
    assert.deepEqual(outcome, { calls: 3, sent: 23 });
    const held = await stored(code);
    assert.deepEqual(
      held.progress.map((s) => Number(s.TrangThai)),
      statuses,
    );
    assert.deepEqual(
      held.deliveries.filter((d) => d.service === 'CapNhatTienDoHoSoMC').map((d) => d.data.length),
      [10, 10, 3],
    );
  });

  test('lists the dossiers filed in a period, page by page (LayDanhSachHoSoDongBo, assumed)', async () => {
    const { app, url } = await start();
    try {
      let listCalls = 0;
      const counting: typeof fetch = (input, init) => {
        if (String(init?.body ?? '').includes('LayDanhSachHoSoDongBo')) listCalls += 1;
        return fetch(input, init);
      };
      const client = clientFor({ baseUrl: url, listPageSize: 2, fetch: counting });
      const inside = [newCode(), newCode(), newCode()];
      await client.createDossiers([
        ...inside.map((code) => dossier(code, 2, { NgayNopHoSo: at('2026-12-07T01:00:00Z') })),
        dossier(newCode(), 2, { NgayNopHoSo: at('2026-12-08T01:00:00Z') }),
      ]);
      const listed = await client.listDossiers({
        from: new Date('2026-12-06T17:00:00Z'),
        to: new Date('2026-12-07T16:59:59Z'),
      });
      assert.deepEqual(listed.map((r) => r.MaHoSo).sort(), inside.sort());
      // Three dossiers at two a page: two calls of the listing service.
      assert.equal(listCalls, 2);
      // A portal that names the service differently answers "not supported": the name is an option.
      await assert.rejects(
        clientFor({ baseUrl: url, listService: 'DanhSachKhac' }).listDossiers({
          from: new Date('2026-12-06T17:00:00Z'),
          to: new Date('2026-12-07T16:59:59Z'),
        }),
        (e: unknown) => e instanceof IntegrationError,
      );
    } finally {
      await app.close();
    }
  });

  describe('rejects what a strict portal would', () => {
    test('more than 10 progress records in one call', async () => {
      const client = clientFor({ progressChunkSize: 11 });
      const code = newCode();
      await client.createDossiers([dossier(code, 2)]);
      const steps = Array.from({ length: 11 }, (_, i) => step(code, 4, i));
      await rejectsWith(client.updateProgress(steps), 'rejected', (e) => {
        assert.equal(e.remoteCode, Code.INVALID_REQUEST);
        assert.match(e.message, /tối đa 10/);
      });
    });

    test('an unknown TTHC code', async () => {
      await rejectsWith(
        clientFor().createDossiers([dossier(newCode(), 2, { MaTTHC: '9.999999' })]),
        'rejected',
        (e) => {
          assert.equal(e.remoteCode, Code.UNKNOWN_PROCEDURE);
          assert.match(e.message, /9\.999999/);
          assert.equal(e.system as string, 'dvcqg');
        },
      );
    });

    test('a bad status transition, in the record and in the history', async () => {
      const client = clientFor();
      const code = newCode();
      await client.createDossiers([dossier(code, 10)]);
      await rejectsWith(client.updateDossiers([dossier(code, 4)]), 'rejected', (e) => {
        assert.equal(e.remoteCode, Code.BAD_TRANSITION);
        assert.match(e.message, /từ 10 sang 4/);
      });
      await client.updateProgress([step(code, 2, 0), step(code, 10, 1)]);
      await rejectsWith(client.updateProgress([step(code, 4, 2)]), 'rejected', (e) =>
        assert.equal(e.remoteCode, Code.BAD_TRANSITION),
      );
      assert.equal((await client.lookupDossier(code)).TrangThaiHoSo, 10, 'nothing applied');
    });

    test('progress or an update for a dossier it does not know', async () => {
      const client = clientFor();
      const code = newCode();
      await rejectsWith(client.updateProgress([step(code, 2, 0)]), 'not_found', (e) =>
        assert.match(e.message, /chưa được đồng bộ/),
      );
      await rejectsWith(client.updateDossiers([dossier(code, 2)]), 'not_found');
      await rejectsWith(client.lookupDossier(code), 'not_found');
    });

    test('a missing mandatory field, naming it, and the whole batch is refused', async () => {
      const client = clientFor();
      const good = newCode();
      const withoutOwner = without(dossier(newCode(), 2), 'ChuHoSo');
      await rejectsWith(
        client.createDossiers([dossier(good, 2), withoutOwner]),
        'rejected',
        (e) => {
          assert.equal(e.remoteCode, Code.INVALID_REQUEST);
          assert.match(e.message, /thiếu trường bắt buộc ChuHoSo/);
        },
      );
      await rejectsWith(client.lookupDossier(good), 'not_found');
      const withoutCode = without(dossier(newCode(), 2), 'MaTTHC');
      await rejectsWith(clientFor().createDossiers([withoutCode]), 'rejected', (e) =>
        assert.match(e.message, /MaTTHC/),
      );
      await rejectsWith(
        client.createDossiers([dossier(newCode(), 2, { NgayTiepNhan: '2026-12-07' })]),
        'rejected',
        (e) => assert.match(e.message, /NgayTiepNhan/),
      );
    });

    test('no receipt date is demanded of a dossier that may not have been received', async () => {
      const client = clientFor();
      // Waiting for a fee asked at filing, or withdrawn before receipt: accepted without one.
      for (const status of [1, 6, 7]) {
        const code = newCode();
        await client.createDossiers([without(dossier(code, status), 'NgayTiepNhan')]);
        assert.equal(Number((await client.lookupDossier(code)).TrangThaiHoSo), status);
      }
      // Being processed: it was received, so the date is required.
      await rejectsWith(
        client.createDossiers([without(dossier(newCode(), 4), 'NgayTiepNhan')]),
        'rejected',
        (e) => assert.match(e.message, /thiếu trường bắt buộc NgayTiepNhan/),
      );
    });

    test('a create for a code that exists ("đã tồn tại"); upsert then updates', async () => {
      const client = clientFor();
      const code = newCode();
      await client.createDossiers([dossier(code, 2)]);
      await assert.rejects(client.createDossiers([dossier(code, 4)]), (error: unknown) => {
        assert.ok(isAlreadyExists(error));
        assert.match((error as Error).message, /đã tồn tại/);
        return true;
      });
      const fresh = newCode();
      await client.upsertDossiers([dossier(code, 4), dossier(fresh, 2)]);
      assert.equal((await client.lookupDossier(code)).TrangThaiHoSo, 4);
      assert.equal((await client.lookupDossier(fresh)).TrangThaiHoSo, 2);
    });

    test('wrong credentials', async () => {
      await rejectsWith(clientFor({ password: 'sai' }).lookupDossier('x'), 'rejected', (e) =>
        assert.equal(e.remoteCode, Code.BAD_CREDENTIALS),
      );
    });
  });

  describe('faults', () => {
    test('down → unavailable', async () => {
      await setFault({ mode: 'down' });
      await rejectsWith(clientFor().createDossiers([dossier(newCode(), 2)]), 'unavailable');
    });

    test('nobody listening → unavailable', async () => {
      const { app, url } = await start({ procedureCodes: [TTHC] });
      await app.close();
      await rejectsWith(clientFor({ baseUrl: url }).lookupDossier('x'), 'unavailable');
    });

    test('slow → timeout', async () => {
      await setFault({ mode: 'slow', delayMs: 500 });
      await rejectsWith(clientFor({ timeoutMs: 100 }).lookupDossier('x'), 'timeout');
    });

    test('5xx → unavailable', async () => {
      await setFault({ mode: 'error5xx' });
      await rejectsWith(clientFor().lookupDossier('x'), 'unavailable', (e) =>
        assert.equal(e.status, 503),
      );
    });

    test('malformed reply → bad_response', async () => {
      await setFault({ mode: 'malformed' });
      await rejectsWith(clientFor().createDossiers([dossier(newCode(), 2)]), 'bad_response');
    });

    test('"đã tồn tại" for a create that went through; upsert recovers', async () => {
      const client = clientFor();
      await client.lookupDossier('x').catch(() => undefined);
      const code = newCode();
      await setFault({ mode: 'already-exists' });
      await assert.rejects(client.createDossiers([dossier(code, 2)]), isAlreadyExists);
      assert.equal((await stored(code)).status, 2, 'applied although refused');
      const other = newCode();
      await client.upsertDossiers([dossier(other, 2)]);
      await setFault({ mode: 'none' });
      const held = await stored(other);
      assert.deepEqual(
        held.deliveries.map((d) => [d.isUpdating, d.outcome]),
        [
          [false, 'applied'],
          [true, 'applied'],
        ],
      );
    });

    test('duplicate delivery shows in the stored history', async () => {
      const client = clientFor();
      const code = newCode();
      await client.createDossiers([dossier(code, 2)]);
      await setFault({ mode: 'duplicate' });
      await client.updateProgress([step(code, 2, 0), step(code, 4, 1)]);
      await client.createDossiers([dossier(newCode(), 2)]);
      await setFault({ mode: 'none' });
      const held = await stored(code);
      assert.deepEqual(
        held.progress.map((s) => Number(s.TrangThai)),
        [2, 4, 2, 4],
      );
      const [first, again] = held.deliveries.filter((d) => d.service === 'CapNhatTienDoHoSoMC');
      assert.equal(again?.replayOf, first?.seq);
      const all = (await (await fetch(`${baseUrl}/__sim/deliveries`)).json()) as {
        deliveries: Delivery[];
      };
      const replayedCreate = all.deliveries.at(-1);
      assert.equal(replayedCreate?.outcome, 'rejected');
      assert.match(replayedCreate?.message ?? '', /đã tồn tại/);
    });

    test('reordering: acknowledged deliveries applied out of order', async () => {
      const client = clientFor({ progressChunkSize: 1 });
      const code = newCode();
      await client.createDossiers([dossier(code, 2)]);
      await setFault({ mode: 'reorder' });
      await client.updateProgress([step(code, 2, 0), step(code, 4, 1), step(code, 9, 2)]);
      // The third is held until something else arrives; a later delivery releases it.
      await setFault({ mode: 'none' });
      await client.updateProgress([step(code, 10, 3)]);
      const held = await stored(code);
      assert.deepEqual(
        held.progress.map((s) => Number(s.TrangThai)),
        [4, 2, 10],
        'swapped in pairs',
      );
      // 9 was acknowledged, then came after 10 and no longer fitted: refused after the fact.
      const late = held.deliveries.find((d) => d.data[0]?.TrangThai === '9');
      assert.equal(late?.outcome, 'rejected');
      assert.equal(late?.error_code, Code.BAD_TRANSITION);
      assert.ok(late?.receivedAt && late.appliedAt === undefined);
    });
  });

  describe('sessions', () => {
    test('an expired session is renewed once, transparently', async () => {
      const { app, url } = await start({ procedureCodes: [TTHC, OTHER_TTHC], sessionTtlMs: 50 });
      let logins = 0;
      const counting: typeof fetch = (input, init) => {
        if (String(input).endsWith('/auth')) logins += 1;
        return fetch(input, init);
      };
      try {
        const client = clientFor({ baseUrl: url, fetch: counting });
        const code = newCode();
        await client.createDossiers([dossier(code, 2, { MaTTHC: OTHER_TTHC })]);
        await sleep(80);
        await client.updateDossiers([dossier(code, 4, { MaTTHC: OTHER_TTHC })]);
        assert.equal(logins, 2);
        await fetch(`${url}/__sim/sessions`, { method: 'DELETE' });
        assert.equal((await client.lookupDossier(code)).TrangThaiHoSo, 4);
        assert.equal(logins, 3);
      } finally {
        await app.close();
      }
    });

    test('sessionMaxAgeMs logs in again before the portal refuses', async () => {
      let logins = 0;
      const counting: typeof fetch = (input, init) => {
        if (String(input).endsWith('/auth')) logins += 1;
        return fetch(input, init);
      };
      const client = clientFor({ fetch: counting, sessionMaxAgeMs: 30 });
      await rejectsWith(client.lookupDossier('x'), 'not_found');
      await rejectsWith(client.lookupDossier('x'), 'not_found');
      assert.equal(logins, 1);
      await sleep(50);
      await rejectsWith(client.lookupDossier('x'), 'not_found');
      assert.equal(logins, 2);
    });

    test('concurrent first calls share one login', async () => {
      let logins = 0;
      const counting: typeof fetch = (input, init) => {
        if (String(input).endsWith('/auth')) logins += 1;
        return fetch(input, init);
      };
      const client = clientFor({ fetch: counting });
      await Promise.allSettled([client.lookupDossier('a'), client.lookupDossier('b')]);
      assert.equal(logins, 1);
    });
  });
});

describe('the coordination system is the same server with another name', () => {
  test('dieu-phoi keeps its own store and credentials', async () => {
    const { app, url } = await start({ target: 'dieu-phoi' });
    try {
      const health = (await (await fetch(`${url}/__sim/health`)).json()) as { target: string };
      assert.equal(health.target, 'dieu-phoi');
      const client = createDvcqgClient({
        target: 'dieu-phoi',
        baseUrl: url,
        username: 'motcua',
        password: 'dieu-phoi-sim',
      });
      const code = newCode();
      await client.createDossiers([dossier(code, 2)]);
      assert.equal((await client.lookupDossier(code)).TrangThaiHoSo, 2);
      await rejectsWith(clientFor().lookupDossier(code), 'not_found');
      await rejectsWith(client.lookupDossier('x'), 'not_found', (e) => {
        assert.equal(e.system as string, 'dieu-phoi');
        assert.match(e.message, /Hệ thống điều phối/);
      });
    } finally {
      await app.close();
    }
  });
});
