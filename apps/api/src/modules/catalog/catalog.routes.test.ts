import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ErrorBody,
  ProcedureDetail,
  ProcedureSearchResponse,
  ProcedureVersionList,
  VersionDiffResponse,
} from '@motcua/contracts';
import { repoRoot } from '../../config.js';
import { startSimulators, type RunningSimulators } from '../../integrations/simulators.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

let t: TestApp;
let sims: RunningSimulators;
const ADMIN = { 'x-admin-token': 'test-admin-token-123' };

before(async () => {
  sims = await startSimulators({ basePort: 0 });
  t = await createTestApp({
    ADMIN_TOKEN: ADMIN['x-admin-token'],
    NATIONAL_CATALOG_URL: sims.urls['national-catalog'],
  });
});
after(async () => {
  await t.close();
  await sims.close();
});

const search = async (q: string) => {
  const res = await t.app.server.inject({ url: '/api/procedures', query: { q } });
  assert.equal(res.statusCode, 200, res.body);
  return ProcedureSearchResponse.parse(res.json());
};

describe('public search', () => {
  for (const q of ['dang ky khai sinh', 'khai sinh', 'Đăng ký khai sinh', 'ĐĂNG KÝ KHAI SINH']) {
    test(`"${q}" finds 1.001193 Đăng ký khai sinh first`, async () => {
      const body = await search(q);
      assert.equal(body.items[0]?.code, '1.001193', JSON.stringify(body.items.slice(0, 3)));
      assert.ok(body.total >= 10, 'the other birth-registration procedures follow');
    });
  }

  test('typos are tolerated: "dang ki khai sinh" still finds it near the top', async () => {
    const body = await search('dang ki khai sinh');
    assert.ok(
      body.items.slice(0, 5).some((i) => i.code === '1.001193'),
      JSON.stringify(body.items.slice(0, 5).map((i) => i.name)),
    );
  });

  test('a code finds its procedure first', async () => {
    assert.equal((await search('1.001612')).items[0]?.code, '1.001612');
  });

  test('filters by level and pages through the whole catalogue', async () => {
    const res = await t.app.server.inject({
      url: '/api/procedures',
      query: { level: 'Cấp xã', page: '2', pageSize: '50' },
    });
    const body = ProcedureSearchResponse.parse(res.json());
    assert.equal(body.page, 2);
    assert.equal(body.items.length, 50);
    assert.ok(body.items.every((i) => i.levels.includes('Cấp xã')));
    const all = ProcedureSearchResponse.parse(
      (await t.app.server.inject({ url: '/api/procedures', query: { pageSize: '1' } })).json(),
    );
    assert.ok(all.total >= 2300, `whole catalogue is published: ${all.total}`);
  });

  test('bad paging gets a 400 in Vietnamese', async () => {
    const res = await t.app.server.inject({ url: '/api/procedures', query: { page: '0' } });
    assert.equal(res.statusCode, 400);
    assert.match(ErrorBody.parse(res.json()).error.message, /Số trang/);
  });
});

describe('procedure page', () => {
  test('1.001193 carries channels, components, results, legal basis and where to file', async () => {
    const res = await t.app.server.inject('/api/procedures/1.001193');
    assert.equal(res.statusCode, 200);
    const body = ProcedureDetail.parse(res.json());
    assert.equal(body.content.name, 'Thủ tục đăng ký khai sinh');
    assert.deepEqual(body.content.channels.map((c) => c.channel).sort(), [
      'direct',
      'online',
      'postal',
    ]);
    assert.ok(body.content.components.flatMap((c) => c.items).length >= 3);
    assert.equal(body.content.results[0]?.code, 'KQ.G15.000031');
    assert.ok(body.content.legalBasis.some((d) => d.number === '123/2015/NĐ-CP'));
    assert.equal(body.version.number, 1);
    assert.deepEqual(body.filing, { where: 'province', url: null });
  });

  test('an unknown code is a 404 and a malformed one a 400, both in Vietnamese', async () => {
    const missing = await t.app.server.inject('/api/procedures/9.999999');
    assert.equal(missing.statusCode, 404);
    assert.match(ErrorBody.parse(missing.json()).error.message, /Không tìm thấy thủ tục/);
    const bad = await t.app.server.inject('/api/procedures/khai-sinh');
    assert.equal(bad.statusCode, 400);
    assert.match(ErrorBody.parse(bad.json()).error.message, /Mã thủ tục không hợp lệ/);
  });
});

describe('local configuration', () => {
  const config = {
    runOn: 'ministry',
    cutoverDate: '2026-07-01',
    ministrySystemUrl: 'https://dichvucong.moj.gov.vn',
    handlingAgencyId: null,
    localFeeDecision: null,
    boundaryFree: true,
    onlineLevel: 'full',
    eform: { type: 'object', properties: { hoTen: { type: 'string', title: 'Họ và tên' } } },
    checklist: [{ name: 'Giấy chứng sinh', required: true, originals: 1, copies: 0 }],
  };

  test('needs the admin token', async () => {
    const url = '/api/admin/procedures/1.000894/local-config';
    const none = await t.app.server.inject({ method: 'PUT', url, payload: config });
    assert.equal(none.statusCode, 401);
    const wrong = await t.app.server.inject({
      method: 'PUT',
      url,
      payload: config,
      headers: { 'x-admin-token': 'wrong-token-of-some-length' },
    });
    assert.equal(wrong.statusCode, 403);
  });

  test('after the cutover, citizens are sent to the ministry system', async () => {
    const res = await t.app.server.inject({
      method: 'PUT',
      url: '/api/admin/procedures/1.000894/local-config',
      payload: config,
      headers: ADMIN,
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = ProcedureDetail.parse(res.json());
    assert.deepEqual(body.filing, { where: 'ministry', url: 'https://dichvucong.moj.gov.vn' });
    assert.equal(body.local.boundaryFree, true);
    const filtered = ProcedureSearchResponse.parse(
      (await t.app.server.inject({ url: '/api/procedures', query: { runOn: 'ministry' } })).json(),
    );
    assert.deepEqual(
      filtered.items.map((i) => i.code),
      ['1.000894'],
    );
  });

  test('a ministry procedure without a link for citizens is refused', async () => {
    const res = await t.app.server.inject({
      method: 'PUT',
      url: '/api/admin/procedures/1.000656/local-config',
      payload: { ...config, ministrySystemUrl: null },
      headers: ADMIN,
    });
    assert.equal(res.statusCode, 400);
    assert.match(ErrorBody.parse(res.json()).error.message, /hệ thống của bộ/);
  });
});

describe('imports and versions', () => {
  test('re-importing the bundled catalogue changes nothing', async () => {
    const summary = await t.app.modules.catalog.importFiles(path.join(repoRoot, 'data/procedures'));
    assert.equal(summary.read, 2303);
    assert.equal(summary.unchanged, 2303);
    assert.equal(summary.created + summary.updated, 0);
    assert.deepEqual(summary.rejected, []);
  });

  test('a changed record makes a new version with a diff; a malformed one is reported, not fatal', async () => {
    const all = JSON.parse(
      await readFile(path.join(repoRoot, 'data/procedures/bo-tu-phap.json'), 'utf8'),
    ) as Array<Record<string, string>>;
    const birth = all.find((r) => r.ma_thu_tuc === '1.001193');
    assert.ok(birth);
    const dir = await mkdtemp(path.join(tmpdir(), 'motcua-catalog-'));
    const file = path.join(dir, 'changed.json');
    await writeFile(
      file,
      JSON.stringify([
        { ...birth, so_quyet_dinh: '999/QĐ-BTP' },
        { ma_thu_tuc: 'not-a-code', ten_thu_tuc: 'Hỏng' },
        { ...birth, ma_thu_tuc: '1.999999', ten_thu_tuc: 'Thủ tục thử nghiệm mới' },
      ]),
    );
    const summary = await t.app.modules.catalog.importFiles(file);
    assert.equal(summary.read, 3);
    assert.equal(summary.updated, 1);
    assert.equal(summary.created, 1);
    assert.equal(summary.rejected.length, 1);
    assert.match(summary.rejected[0]?.where ?? '', /changed\.json#1/);

    const versions = ProcedureVersionList.parse(
      (await t.app.server.inject('/api/procedures/1.001193/versions')).json(),
    );
    assert.deepEqual(
      versions.items.map((v) => [v.number, v.decisionNo]),
      [
        [1, '163/QĐ-BTP'],
        [2, '999/QĐ-BTP'],
      ],
    );
    const diff = VersionDiffResponse.parse(
      (await t.app.server.inject('/api/procedures/1.001193/diff?from=1&to=2')).json(),
    );
    assert.deepEqual(diff.changes, [
      { path: 'decisionNo', before: '163/QĐ-BTP', after: '999/QĐ-BTP' },
    ]);
    const missing = await t.app.server.inject('/api/procedures/1.001193/diff?from=1&to=7');
    assert.equal(missing.statusCode, 404);
  });

  test('an administrator\'s correction is a new "edit" version; an unchanged one is a 409', async () => {
    const current = ProcedureDetail.parse(
      (await t.app.server.inject('/api/procedures/1.000656')).json(),
    );
    const corrected = {
      ...current.content,
      channels: current.content.channels.map((c) => ({
        ...c,
        terms: c.terms.map((term) => ({ ...term, timeValue: 3, timeUnit: 'working_days' })),
      })),
    };
    const put = (content: unknown) =>
      t.app.server.inject({
        method: 'PUT',
        url: '/api/admin/procedures/1.000656/content',
        headers: ADMIN,
        payload: { content, effectiveDate: '2026-12-01' },
      });
    const res = await put(corrected);
    assert.equal(res.statusCode, 200, res.body);
    const body = ProcedureDetail.parse(res.json());
    assert.equal(body.version.number, current.version.number + 1);
    assert.equal(body.version.effectiveDate, '2026-12-01');
    assert.deepEqual(body.parseIssues, []);
    const versions = ProcedureVersionList.parse(
      (await t.app.server.inject('/api/procedures/1.000656/versions')).json(),
    );
    assert.equal(versions.items.at(-1)?.source, 'edit');
    assert.equal((await put(corrected)).statusCode, 409);
    const mismatch = await put({ ...corrected, code: '1.001193' });
    assert.equal(mismatch.statusCode, 400);
  });

  test('the national service sync is incremental: a second run reads nothing new', async () => {
    const res = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin/catalog/sync',
      headers: ADMIN,
    });
    assert.equal(res.statusCode, 200, res.body);
    const first = res.json() as { read: number; created: number; rejected: unknown[] };
    assert.equal(first.read, 2303);
    assert.deepEqual(first.rejected, []);
    const again = await t.app.server.inject({
      method: 'POST',
      url: '/api/admin/catalog/sync',
      headers: ADMIN,
    });
    const second = again.json() as { read: number };
    assert.ok(second.read < 5, `only records at the watermark are read again: ${second.read}`);
  });

  test('a national outage is a 503 with a Vietnamese message', async () => {
    await fetch(`${sims.urls['national-catalog']}/__sim/fault`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'error5xx' }),
    });
    try {
      const res = await t.app.server.inject({
        method: 'POST',
        url: '/api/admin/catalog/sync',
        headers: ADMIN,
      });
      assert.equal(res.statusCode, 503);
      assert.match(ErrorBody.parse(res.json()).error.message, /CSDL quốc gia về TTHC/);
    } finally {
      await fetch(`${sims.urls['national-catalog']}/__sim/fault`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'none' }),
      });
    }
  });
});
