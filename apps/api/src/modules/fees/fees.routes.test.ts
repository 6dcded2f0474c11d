// The fees contract route, the admin routes and quote() on the seeded template (curated files
// from data/fees, the rest proposed from the national records). Test clock: 2026-11-23 09:00 ICT.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FeeReview, FeeSchedule, NewFeeSchedule, ProcedureFees } from '@motcua/contracts';
import { createTestApp, type TestApp } from '../../platform/testing/test-app.js';

const ADMIN = { 'x-admin-token': 'test-admin-token-fees' };
const CENTRE = '000.01.145.H75'; // Trung tâm PVHCC Phường Trấn Biên
const OTHER_CENTRE = '000.01.147.H75'; // … Phường Long Khánh

let t: TestApp;
let keySeq = 0;
before(async () => {
  t = await createTestApp({ ADMIN_TOKEN: ADMIN['x-admin-token'] });
});
after(async () => {
  await t.close();
});

const fees = async (path: string) => {
  const res = await t.app.server.inject(path);
  return {
    status: res.statusCode,
    body: res.json() as ProcedureFees & { error?: { message: string } },
  };
};
const post = (body: unknown, key = `fees-test-${++keySeq}`) =>
  t.app.server.inject({
    method: 'POST',
    url: '/api/admin/fee-schedules',
    headers: { ...ADMIN, 'idempotency-key': key },
    payload: body as object,
  });
const schedule = (over: Partial<NewFeeSchedule> = {}): NewFeeSchedule => ({
  procedureCode: '2.000884',
  items: [
    {
      kind: 'phi',
      code: 'PHI-CTCK',
      name: 'Phí chứng thực chữ ký',
      rule: { type: 'per_copy', amount: 12_000 },
    },
  ],
  legalBasis: [{ number: '01/2026/TT-BTC', name: 'Thông tư thử' }],
  effectiveFrom: '2026-12-01',
  ...over,
});
const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.db.database.pool.query(sql, params)).rows[0].n);

test('contract: 1.001612 has the curated lệ phí, by channel, in force since 2025-07-01', async () => {
  const online = await fees('/api/procedures/1.001612/fees');
  assert.equal(online.status, 200);
  assert.equal(online.body.usable, true);
  assert.equal(online.body.effectiveFrom, '2025-07-01');
  assert.deepEqual(
    online.body.items.map((i) => [i.kind, i.amount]),
    [['le-phi', 150_000]],
  );
  assert.equal(online.body.total, 150_000);
  assert.match(online.body.items[0]!.basis, /85\/2019\/TT-BTC/);
  const counter = await fees('/api/procedures/1.001612/fees?channel=direct');
  assert.equal(counter.body.total, 50_000);
  assert.equal(counter.body.items[0]!.name, 'Lệ phí đăng ký hộ kinh doanh');
});

test('contract: chứng thực bản sao is a phí per page, shown for one page with its rule in words', async () => {
  const { status, body } = await fees('/api/procedures/2.000815/fees?channel=direct');
  assert.equal(status, 200);
  assert.deepEqual(
    body.items.map((i) => [i.kind, i.amount, i.rule]),
    [['phi', 2000, '2.000 đ/trang; từ trang thứ 3: 1.000 đ/trang; tối đa 200.000 đ/bản']],
  );
});

test('contract: an unknown procedure is a Vietnamese 404, a malformed code a Vietnamese 400', async () => {
  const unknown = await fees('/api/procedures/9.999999/fees');
  assert.equal(unknown.status, 404);
  assert.match(unknown.body.error!.message, /Không tìm thấy thủ tục có mã 9\.999999/);
  const bad = await fees('/api/procedures/abc/fees');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error!.message, /Mã thủ tục không hợp lệ/);
  const badDate = await fees('/api/procedures/1.001612/fees?date=2026-02-30');
  assert.equal(badDate.status, 400);
  assert.match(badDate.body.error!.message, /Ngày không tồn tại/);
  const agency = await fees('/api/procedures/1.001612/fees?agency=000.99.99.H75');
  assert.equal(agency.status, 404);
  assert.match(
    agency.body.error!.message,
    /Không tìm thấy cơ quan có mã định danh 000\.99\.99\.H75/,
  );
});

test('contract: a procedure whose record gives no usable fee is 200 with usable false and nothing due', async () => {
  const review = (
    await t.app.server.inject({
      url: '/api/admin/fee-schedules/review?pageSize=1',
      headers: ADMIN,
    })
  ).json() as FeeReview;
  const code = review.items[0]!.procedureCode;
  const { status, body } = await fees(`/api/procedures/${code}/fees`);
  assert.equal(status, 200);
  assert.deepEqual(
    { usable: body.usable, items: body.items, total: body.total, from: body.effectiveFrom },
    { usable: false, items: [], total: 0, from: null },
  );
});

test('agency override: the centre’s own schedule wins there, other agencies keep the default', async () => {
  const created = await post(
    schedule({
      procedureCode: '1.001612',
      agency: CENTRE,
      items: [
        {
          kind: 'le-phi',
          code: 'LP-DKHKD',
          name: 'Lệ phí đăng ký hộ kinh doanh',
          rule: { type: 'fixed', amount: 100_000 },
        },
      ],
      // No version of the centre's own is in force: it may start today.
      effectiveFrom: '2026-11-23',
      beneficiary: {
        accountNo: '1234567890',
        bankCode: '970415',
        accountName: 'UBND PHUONG TRAN BIEN',
      },
      receiptSeries: 'TB-26E',
    }),
  );
  assert.equal(created.statusCode, 201, created.body);
  const view = created.json() as FeeSchedule;
  assert.equal(view.agency, CENTRE);
  assert.equal(view.version, 1);

  const there = await fees(`/api/procedures/1.001612/fees?agency=${CENTRE}`);
  assert.equal(there.body.total, 100_000);
  assert.equal(there.body.agency, CENTRE);
  const elsewhere = await fees(`/api/procedures/1.001612/fees?agency=${OTHER_CENTRE}`);
  assert.equal(elsewhere.body.total, 150_000);
  assert.equal(elsewhere.body.agency, null);

  // quote() (payments) by the agency's row id: its own schedule, account and receipt series.
  const quote = await t.app.modules.fees.quote({
    procedureCode: '1.001612',
    agencyId: view.agencyId!,
    channel: 'online',
    at: new Date('2026-11-23T03:00:00Z'),
  });
  assert.equal(quote?.total, 100_000);
  assert.equal(quote?.receiptSeries, 'TB-26E');
  assert.equal(quote?.beneficiary?.accountNo, '1234567890');
  // Filed before the centre's schedule existed: the province default of that day.
  const earlier = await t.app.modules.fees.quote({
    procedureCode: '1.001612',
    agencyId: view.agencyId!,
    channel: 'online',
    at: new Date('2026-11-20T03:00:00Z'),
  });
  assert.equal(earlier?.total, 150_000);
  assert.equal(earlier?.receiptSeries, 'HKD-25E');
});

test('effective dates: a schedule in force is never changed; a new version takes effect on its day (ICT)', async () => {
  const today = await post(schedule({ effectiveFrom: '2026-11-23' }));
  assert.equal(today.statusCode, 400);
  assert.match(
    today.json().error.message,
    /Biểu phí đang có hiệu lực không được sửa; phiên bản mới phải có hiệu lực từ ngày 2026-11-24/,
  );
  const past = await post(schedule({ effectiveFrom: '2026-01-01' }));
  assert.equal(past.statusCode, 400);

  const next = await post(schedule());
  assert.equal(next.statusCode, 201, next.body);
  assert.equal((next.json() as FeeSchedule).version, 2); // 1 = data/fees/2.000884.json

  assert.equal((await fees('/api/procedures/2.000884/fees')).body.total, 10_000);
  const later = await fees('/api/procedures/2.000884/fees?date=2026-12-01');
  assert.equal(later.body.total, 12_000);
  assert.equal(later.body.effectiveFrom, '2026-12-01');

  // A dossier filed at 23:59 on 30/11 in Vietnam (16:59 UTC) pays the old figure; at 00:00 the new.
  const at = (iso: string) =>
    t.app.modules.fees.quote({
      procedureCode: '2.000884',
      channel: 'direct',
      at: new Date(iso),
      copies: 2,
    });
  assert.equal((await at('2026-11-30T16:59:59Z'))?.total, 20_000);
  assert.equal((await at('2026-11-30T17:00:00Z'))?.total, 24_000);
  // Before any version (curated from 2025-07-01): nothing to charge, not a guess.
  assert.equal(await at('2025-06-30T10:00:00Z'), null);

  const list = (
    await t.app.server.inject({
      url: '/api/admin/fee-schedules?procedureCode=2.000884',
      headers: ADMIN,
    })
  ).json() as { items: FeeSchedule[] };
  assert.deepEqual(
    list.items.map((s) => [s.version, s.source, s.effectiveFrom]),
    [
      [2, 'admin', '2026-12-01'],
      [1, 'curated', '2025-07-01'],
    ],
  );
  assert.match(list.items[0]!.createdBy!, /x-admin-token/);
});

test('a stored version cannot be updated or deleted, even by the database owner', async () => {
  await assert.rejects(
    t.db.database.pool.query(
      `UPDATE fee_schedule SET items = '[]' WHERE procedure_code = '1.001612'`,
    ),
    /chỉ được ghi thêm/,
  );
  await assert.rejects(
    t.db.database.pool.query(`DELETE FROM fee_schedule WHERE procedure_code = '1.001612'`),
    /chỉ được ghi thêm|permission denied/,
  );
});

test('a retried save with the same Idempotency-Key makes one version', async () => {
  const body = schedule({
    procedureCode: '2.000635',
    effectiveFrom: '2027-01-01',
    items: [
      {
        kind: 'phi',
        code: 'PHI-BSTL',
        name: 'Phí cấp bản sao trích lục',
        rule: { type: 'per_copy', amount: 9000 },
      },
    ],
  });
  const first = await post(body, 'retry-key-2.000635');
  const second = await post(body, 'retry-key-2.000635');
  assert.equal(first.statusCode, 201);
  assert.equal(second.statusCode, 200);
  assert.equal(second.json().id, first.json().id);
  assert.equal(
    await count(`SELECT count(*) AS n FROM fee_schedule WHERE procedure_code = '2.000635'`),
    2,
  );
});

test('bad input: a Vietnamese 400 naming each problem, nothing stored', async () => {
  const before = await count('SELECT count(*) AS n FROM fee_schedule');
  const cases: [unknown, RegExp][] = [
    [
      schedule({
        items: [{ kind: 'phi', code: 'A', name: 'Phí', rule: { type: 'fixed', amount: -5 } }],
      }),
      /Mức thu không được âm/,
    ],
    [
      schedule({
        items: [{ kind: 'phi', code: 'A', name: 'Phí', rule: { type: 'fixed', amount: 1.5 } }],
      }),
      /số nguyên/,
    ],
    [
      schedule({
        items: [
          { kind: 'phi', code: 'A', name: 'Phí', rule: { type: 'fixed', amount: 1 } },
          { kind: 'phi', code: 'A', name: 'Phí 2', rule: { type: 'fixed', amount: 2 } },
        ],
      }),
      /Mã khoản thu A bị trùng/,
    ],
    [schedule({ legalBasis: [] }), /Cần ghi căn cứ pháp lý/],
    [
      schedule({
        items: [
          {
            kind: 'phi',
            code: 'A',
            name: 'Phí',
            rule: {
              type: 'per_page',
              pagesIncluded: 2,
              base: 5000,
              tiers: [{ fromPage: 2, amount: 1000 }],
            },
          },
        ],
      }),
      /Mức thu theo trang đầu tiên phải bắt đầu từ trang 3/,
    ],
    [
      schedule({ exemptions: [{ category: 'Hộ nghèo', percent: 100, itemCodes: ['X'] }] }),
      /Không có khoản thu mã X/,
    ],
    [schedule({ exemptions: [{ category: 'Hộ nghèo', percent: 150 }] }), /tối đa 100%/],
    [
      schedule({
        items: [{ kind: 'thue', code: 'A', name: 'Thuế', rule: { type: 'fixed', amount: 1 } }],
      } as never),
      /phí \(phi\) hoặc lệ phí/,
    ],
    [
      schedule({ effectiveFrom: '2026-12-10', effectiveTo: '2026-12-01' }),
      /Ngày hết hiệu lực phải sau ngày có hiệu lực/,
    ],
    [
      schedule({ beneficiary: { accountNo: '12', bankCode: 'X', accountName: 'A' } }),
      /Số tài khoản chỉ gồm/,
    ],
    [schedule({ procedureCode: '9.999999' }), /Không tìm thấy thủ tục có mã 9\.999999/],
  ];
  for (const [body, message] of cases) {
    const res = await post(body);
    assert.ok([400, 404].includes(res.statusCode), `${res.statusCode} ${res.body}`);
    assert.match(res.json().error.message + JSON.stringify(res.json().error.issues ?? []), message);
  }
  const noKey = await t.app.server.inject({
    method: 'POST',
    url: '/api/admin/fee-schedules',
    headers: ADMIN,
    payload: schedule(),
  });
  assert.equal(noKey.statusCode, 400);
  assert.match(noKey.json().error.message, /Idempotency-Key/);
  assert.equal(await count('SELECT count(*) AS n FROM fee_schedule'), before);
});

test('quote(): copies, pages and categories as the curated schedules say', async () => {
  const q = (input: object) =>
    t.app.modules.fees.quote({
      channel: 'direct',
      at: new Date('2026-11-23T03:00:00Z'),
      ...input,
    } as never);
  // 3 pages × 2 copies: (2×2.000 + 1.000) × 2
  assert.equal((await q({ procedureCode: '2.000815', pages: 3, copies: 2 }))?.total, 10_000);
  const poor = await q({ procedureCode: '2.002516', category: 'Người thuộc hộ nghèo' });
  assert.equal(poor?.total, 0);
  assert.match(poor!.items[0]!.basis, /Miễn cho Người thuộc hộ nghèo/);
  assert.equal((await q({ procedureCode: '2.002516' }))?.total, 8000);
  assert.equal((await q({ procedureCode: '2.002516' }))?.treasury?.accountNo, '7111');
});

test('import at start is idempotent; the review lists what has no usable fee data, with counts and pages', async () => {
  const schedules = await count('SELECT count(*) AS n FROM fee_schedule');
  const imports = await count('SELECT count(*) AS n FROM fee_catalogue_import');
  assert.ok(imports > 2000, `${imports} procedures read`);
  assert.deepEqual(await t.app.modules.fees.prepare(), {
    curated: 0,
    read: 0,
    usable: 0,
    created: 0,
  });
  assert.equal(await count('SELECT count(*) AS n FROM fee_schedule'), schedules);

  // Forget what was read: every record is read again, and still no schedule is made twice.
  await t.db.database.pool.query('DELETE FROM fee_catalogue_import');
  const started = Date.now();
  const again = await t.app.modules.fees.prepare();
  console.log(`# re-read ${again.read} records in ${Date.now() - started} ms`);
  assert.equal(again.read, imports);
  assert.equal(again.created, 0);
  assert.equal(await count('SELECT count(*) AS n FROM fee_schedule'), schedules);
  assert.equal(await count('SELECT count(*) AS n FROM fee_catalogue_import'), imports);

  const review = async (q: string) =>
    (
      await t.app.server.inject({ url: `/api/admin/fee-schedules/review${q}`, headers: ADMIN })
    ).json() as FeeReview;
  const first = await review('?pageSize=3');
  assert.equal(first.counts.procedures, imports);
  assert.ok(first.counts.missing > 0 && first.counts.missing < imports);
  assert.equal(first.total, first.counts.missing);
  assert.ok(first.counts.curated >= 5, `${first.counts.curated} curated`);
  assert.equal(first.counts.withSchedule + first.counts.missing, first.counts.procedures);
  assert.equal(first.items.length, 3);
  assert.ok(first.items.every((i) => i.reason !== '' && i.name !== ''));
  const second = await review('?pageSize=3&page=2');
  assert.notDeepEqual(
    second.items.map((i) => i.procedureCode),
    first.items.map((i) => i.procedureCode),
  );

  // Entering a schedule takes a procedure off the list (none in force: it may start today).
  const code = first.items[0]!.procedureCode;
  const res = await post(schedule({ procedureCode: code, effectiveFrom: '2026-11-23', items: [] }));
  assert.equal(res.statusCode, 201, res.body);
  const after = await review('?pageSize=3');
  assert.equal(after.counts.missing, first.counts.missing - 1);
  assert.ok(!after.items.some((i) => i.procedureCode === code));
  const bad = await t.app.server.inject({
    url: '/api/admin/fee-schedules/review?page=0',
    headers: ADMIN,
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().error.message, /Số trang phải là số nguyên dương/);
});
