import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AgencyListResponse, ErrorBody } from '@motcua/contracts';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';
import { DEPARTMENTS } from './index.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

async function list(query = ''): Promise<AgencyListResponse> {
  const res = await t.app.server.inject(`/api/agencies${query}`);
  assert.equal(res.statusCode, 200);
  return AgencyListResponse.parse(res.json());
}

test('seeds the People’s Committee, its office, the service centre with branches, 12 departments and police', async () => {
  const all = await list();
  const kinds = (kind: string) => all.items.filter((a) => a.kind === kind);
  assert.equal(kinds('people_committee').length, 1);
  assert.equal(kinds('committee_office').length, 1);
  assert.equal(kinds('service_centre').length, 1);
  assert.ok(kinds('service_centre_branch').length >= 1);
  assert.equal(kinds('police').length, 1);
  assert.deepEqual(
    kinds('department')
      .map((d) => d.shortName)
      .sort(),
    [...DEPARTMENTS].sort(),
  );
  assert.equal(kinds('people_committee')[0]!.name, 'Ủy ban nhân dân Thành phố Đồng Nai');
});

test('every one of the 95 communes/wards has a People’s Committee and a one-stop centre', async () => {
  const units = (await t.app.server.inject('/api/admin-units?province=75')).json().items as {
    code: string;
  }[];
  const committees = (await list('?kind=commune_committee')).items;
  const centres = (await list('?kind=commune_service_centre')).items;
  assert.equal(committees.length, 95);
  assert.equal(centres.length, 95);
  for (const unit of units) {
    const committee = committees.find((c) => c.adminUnitCode === unit.code);
    assert.ok(committee, `committee for ${unit.code}`);
    assert.ok(centres.some((c) => c.adminUnitCode === unit.code && c.parentId === committee.id));
  }
});

test('electronic IDs are unique and shaped like QĐ 20/2020 codes', async () => {
  const all = await list();
  assert.equal(new Set(all.items.map((a) => a.electronicId)).size, all.items.length);
  assert.ok(all.items.every((a) => /^\d{3}\.\d{2}\.\d{2,3}\.H\d{2}$/.test(a.electronicId)));
  const res = await t.app.server.inject('/api/agencies/by-electronic-id/000.00.00.H75');
  assert.equal(res.json().kind, 'people_committee');
});

test('search ignores diacritics; unknown electronic ID is a Vietnamese 404', async () => {
  const found = await list('?q=so%20tu%20phap');
  assert.deepEqual(
    found.items.map((a) => a.shortName),
    ['Sở Tư pháp'],
  );
  const res = await t.app.server.inject('/api/agencies/by-electronic-id/999.99.99.H99');
  assert.equal(res.statusCode, 404);
  assert.match(ErrorBody.parse(res.json()).error.message, /Không tìm thấy cơ quan/);
});

test('re-seeding adds nothing and keeps administrators’ edits', async () => {
  await t.db.database.pool.query(
    "UPDATE org_agency SET name = 'Sở Tư pháp (đã sửa)' WHERE short_name = 'Sở Tư pháp'",
  );
  const result = await t.app.modules.organisation.seedAgencies();
  assert.equal(result.inserted, 0);
  const found = await list('?q=tu%20phap');
  assert.equal(found.items[0]?.name, 'Sở Tư pháp (đã sửa)');
});
