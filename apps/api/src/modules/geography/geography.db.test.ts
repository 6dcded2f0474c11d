import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AdminUnitListResponse, ErrorBody, SuccessorResponse } from '@motcua/contracts';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

const get = async (url: string) => t.app.server.inject(url);

describe('administrative units', () => {
  test('Đồng Nai (75) has 95 communes/wards now: 62 xã and 33 phường', async () => {
    const res = await get('/api/admin-units?province=75');
    assert.equal(res.statusCode, 200);
    const body = AdminUnitListResponse.parse(res.json());
    assert.equal(body.total, 95);
    assert.equal(body.items.length, 95);
    assert.equal(body.province.fullName, 'Thành phố Đồng Nai');
    assert.equal(body.items.filter((u) => u.type === 'commune').length, 62);
    assert.equal(body.items.filter((u) => u.type === 'ward').length, 33);
    assert.ok(
      body.items.every((u) => /^\d{5}$/.test(u.code) && u.fullName.startsWith(u.typeLabel)),
    );
  });

  test('the 01/07/2025 snapshot keeps Tỉnh Đồng Nai with 72 xã and 23 phường', async () => {
    const body = AdminUnitListResponse.parse(
      (await get('/api/admin-units?province=75&snapshot=2025-07-01')).json(),
    );
    assert.equal(body.province.fullName, 'Tỉnh Đồng Nai');
    assert.equal(body.items.filter((u) => u.type === 'commune').length, 72);
    assert.equal(body.items.filter((u) => u.type === 'ward').length, 23);
  });

  test('34 provinces now, 63 before 2025', async () => {
    assert.equal((await get('/api/admin-units/provinces')).json().items.length, 34);
    assert.equal(
      (await get('/api/admin-units/provinces?snapshot=pre-2025')).json().items.length,
      63,
    );
  });

  test('search ignores diacritics and case', async () => {
    const body = AdminUnitListResponse.parse(
      (await get('/api/admin-units?province=75&q=tran%20bien')).json(),
    );
    assert.deepEqual(
      body.items.map((u) => u.fullName),
      ['Phường Trấn Biên'],
    );
    const dong = AdminUnitListResponse.parse(
      (await get('/api/admin-units?province=75&q=DONG%20XOAI')).json(),
    );
    assert.ok(dong.items.some((u) => u.fullName === 'Phường Đồng Xoài'));
  });

  test('an unknown province is a Vietnamese 404', async () => {
    const res = await get('/api/admin-units?province=99');
    assert.equal(res.statusCode, 404);
    assert.match(
      ErrorBody.parse(res.json()).error.message,
      /Không tìm thấy tỉnh\/thành phố có mã 99/,
    );
  });

  test('a malformed province code is a 400 naming the parameter', async () => {
    const res = await get('/api/admin-units?province=7');
    assert.equal(res.statusCode, 400);
    const body = ErrorBody.parse(res.json());
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.ok(body.error.issues?.some((i) => i.path.includes('province')));
  });
});

describe('history of the reorganisation', () => {
  test('old Phường Bửu Long (Biên Hòa) is now Phường Trấn Biên', async () => {
    const res = await get(
      `/api/admin-units/successors?q=${encodeURIComponent('Phường Bửu Long')}&province=75`,
    );
    const body = SuccessorResponse.parse(res.json());
    assert.equal(body.total, 1);
    const match = body.matches[0]!;
    assert.equal(match.old.code, '26011');
    assert.equal(match.old.districtName, 'Thành phố Biên Hòa');
    assert.equal(match.old.provinceName, 'Tỉnh Đồng Nai');
    assert.deepEqual(
      match.successors.map((s) => [s.code, s.fullName, s.coverage]),
      [['26041', 'Phường Trấn Biên', 'full']],
    );
  });

  test('lookup by old code works without diacritics in the query too', async () => {
    const byCode = SuccessorResponse.parse(
      (await get('/api/admin-units/successors?code=26011')).json(),
    );
    assert.equal(byCode.matches[0]?.successors[0]?.fullName, 'Phường Trấn Biên');
    const plain = SuccessorResponse.parse(
      (await get('/api/admin-units/successors?q=buu%20long&province=75')).json(),
    );
    assert.equal(plain.matches[0]?.old.code, '26011');
  });

  test('an old commune split between new units returns each successor as partial', async () => {
    const rows = await t.db.database.pool.query<{ from_code: string }>(`
      SELECT s.from_code FROM geo_succession s
      JOIN geo_unit u ON u.snapshot = 'pre-2025' AND u.level = 'commune' AND u.code = s.from_code
      WHERE s.from_snapshot = 'pre-2025' AND u.province_code = '75'
      GROUP BY s.from_code HAVING count(*) > 1 ORDER BY s.from_code LIMIT 1`);
    const code = rows.rows[0]?.from_code;
    assert.ok(code, 'the data has a split commune in Đồng Nai');
    const body = SuccessorResponse.parse(
      (await get(`/api/admin-units/successors?code=${code}`)).json(),
    );
    const successors = body.matches.find((m) => m.old.snapshot === 'pre-2025')!.successors;
    assert.ok(successors.length > 1);
    assert.ok(successors.some((s) => s.coverage === 'partial'));
  });

  test('a 2025 commune renamed since (xã → phường in Đồng Nai) resolves to its current name', async () => {
    const rows = await t.db.database.pool.query<{ full_name: string; now: string }>(`
      SELECT o.full_name, n.full_name AS now FROM geo_unit o
      JOIN geo_unit n ON n.snapshot = 'current' AND n.level = 'commune' AND n.code = o.code
      WHERE o.snapshot = '2025-07-01' AND o.level = 'commune' AND o.province_code = '75' AND o.type <> n.type LIMIT 1`);
    const renamed = rows.rows[0];
    assert.ok(renamed, 'some Đồng Nai xã became phường in 2026');
    const body = SuccessorResponse.parse(
      (
        await get(
          `/api/admin-units/successors?q=${encodeURIComponent(renamed.full_name)}&province=75`,
        )
      ).json(),
    );
    const match = body.matches.find((m) => m.old.snapshot === '2025-07-01');
    assert.equal(match?.successors[0]?.fullName, renamed.now);
  });

  test('neither code nor name is a 400', async () => {
    const res = await get('/api/admin-units/successors');
    assert.equal(res.statusCode, 400);
    assert.match(ErrorBody.parse(res.json()).error.message, /mã đơn vị|tên đơn vị/);
  });
});

describe('reference data', () => {
  test('reloading unchanged files does nothing', async () => {
    const result = await t.app.modules.geography.loadReferenceData();
    assert.equal(result.loaded, false);
    assert.equal(result.counts.currentCommunes, 3321);
  });
});
