import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isRequiredItem, ProcedureChecklist, ProcedureDetail } from '@motcua/contracts';
import { sql } from 'drizzle-orm';
import { officerInjector } from '../../platform/testing/sign-in.js';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

let t: TestApp;
const ADMIN = { 'x-admin-token': 'test-admin-token-123' };
const { as } = officerInjector(() => t.app.server);

before(async () => {
  t = await createTestApp({ ADMIN_TOKEN: ADMIN['x-admin-token'] });
});
after(async () => {
  await t.close();
});

const detail = async (code: string) => {
  const res = await t.app.server.inject(`/api/procedures/${code}`);
  assert.equal(res.statusCode, 200, res.body);
  return ProcedureDetail.parse(res.json());
};

describe('the checklist a procedure serves', () => {
  test('khai sinh: the curated list of data/catalog/checklists, the record notes apart', async () => {
    const { checklist, local } = await detail('1.001193');
    assert.equal(checklist.source, 'province');
    assert.deepEqual(checklist.items, local.checklist);
    assert.deepEqual(
      checklist.items.filter(isRequiredItem).map((i) => i.name),
      ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'],
    );
    assert.equal(
      checklist.items.find((i) => i.name === 'Văn bản ủy quyền')?.condition,
      'Trường hợp ủy quyền cho người khác đi đăng ký khai sinh',
    );
    // Instructions to the officer are served apart, never as a slot.
    assert.ok(checklist.officerNotes.some((n) => n.startsWith('Người tiếp nhận có trách nhiệm')));
    assert.ok(!checklist.items.some((i) => /người tiếp nhận|lưu ý/iu.test(i.name)));
  });

  test('every curated procedure (data/catalog/checklists) serves its own list', async () => {
    for (const code of [
      '1.001193',
      '1.000656',
      '1.000894',
      '1.004873',
      '1.001612',
      '2.000815',
      '1.004837',
    ]) {
      const { checklist } = await detail(code);
      assert.equal(checklist.source, 'province', code);
      assert.ok(checklist.items.some(isRequiredItem), code);
    }
  });

  test('a procedure without a list of the province gets the proposal from its record', async () => {
    // 1.004884 Đăng ký lại khai sinh: not curated.
    const { checklist, local } = await detail('1.004884');
    assert.deepEqual(local.checklist, []);
    assert.equal(checklist.source, 'catalogue');
    assert.ok(
      checklist.items.length > 0 && checklist.items.length < 10,
      `${checklist.items.length}`,
    );
    assert.ok(checklist.officerNotes.length > 0);
  });

  test('the proposal for review: officers only, even where the province has its list', async () => {
    const url = '/api/admin/procedures/1.001193/checklist-proposal';
    assert.equal((await t.app.server.inject(url)).statusCode, 401);
    const res = await as('tb.tiepnhan', { url });
    assert.equal(res.statusCode, 200, res.body);
    const proposal = ProcedureChecklist.parse(res.json());
    assert.equal(proposal.source, 'catalogue');
    assert.deepEqual(
      proposal.items.filter(isRequiredItem).map((i) => i.name),
      ['Tờ khai đăng ký khai sinh theo mẫu', 'Giấy chứng sinh'],
    );
    assert.equal(
      (await as('tb.tiepnhan', { url: url.replace('1.001193', '9.999999') })).statusCode,
      404,
    );
  });
});

describe('the province edits its checklist', () => {
  test('an item saved the old way (no condition, formats, note) takes the defaults', async () => {
    const before = await detail('1.000894');
    const res = await t.app.server.inject({
      method: 'PUT',
      url: '/api/admin/procedures/1.000894/local-config',
      headers: ADMIN,
      payload: {
        ...before.local,
        checklist: [{ name: 'Tờ khai đăng ký kết hôn', required: true, originals: 1, copies: 0 }],
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(ProcedureDetail.parse(res.json()).checklist.items, [
      {
        name: 'Tờ khai đăng ký kết hôn',
        required: true,
        condition: null,
        originals: 1,
        copies: 0,
        formats: ['pdf', 'jpg', 'png'],
        note: null,
      },
    ]);
    // A row stored before these fields existed is read the same way.
    await t.db.database.db.execute(sql`
      UPDATE cat_local_config
         SET checklist = '[{"name":"Giấy chứng sinh","required":true,"originals":1,"copies":0}]'
       WHERE procedure_code = '1.001193'`);
    const old = await t.app.modules.catalog.getProcedureUncached('1.001193');
    assert.deepEqual(old.checklist.items[0]?.formats, ['pdf', 'jpg', 'png']);
    assert.equal(old.checklist.items[0]?.condition, null);
  });

  test('a bad item is a 400 naming the field in Vietnamese', async () => {
    const before = await detail('1.000894');
    const res = await t.app.server.inject({
      method: 'PUT',
      url: '/api/admin/procedures/1.000894/local-config',
      headers: ADMIN,
      payload: {
        ...before.local,
        checklist: [{ ...before.checklist.items[0], formats: [], originals: -1 }],
      },
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Cần ít nhất một định dạng tệp|Số bản chính không được âm/);
  });

  test('seeding again at start keeps what the province configured', async () => {
    const before = await detail('1.000656');
    const own = [{ ...before.checklist.items[0]!, name: 'Tờ khai theo mẫu của tỉnh' }];
    const saved = await t.app.server.inject({
      method: 'PUT',
      url: '/api/admin/procedures/1.000656/local-config',
      headers: ADMIN,
      payload: { ...before.local, checklist: own, eform: { type: 'object', properties: {} } },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    await t.app.modules.catalog.prepare();
    const after = await detail('1.000656');
    assert.deepEqual(after.local.checklist, own);
    assert.deepEqual(after.local.eform?.['properties'], {});
  });
});
