// The national record's fee rows → a proposed schedule, or the reason there is none.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChannelTerms, ProcedureContent } from '@motcua/contracts';
import { feesFromRecord } from './catalogue-fees.js';

const FEE_LAW = {
  number: '85/2019/TT-BTC',
  title: 'Thông tư Hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của HĐND tỉnh',
};

function record(
  channels: ChannelTerms[],
  legalBasis = [FEE_LAW],
  name = 'Thủ tục đăng ký thử',
): ProcedureContent {
  return {
    code: '1.000001',
    name,
    decisionNo: '1/QĐ-BTP',
    levels: [],
    procedureType: '',
    fields: [],
    targetGroups: '',
    implementingAgencies: [],
    competentAgency: '',
    coordinatingAgency: '',
    receivingAddress: '',
    steps: [],
    channels,
    components: [],
    conditions: '',
    results: [],
    legalBasis,
    isPublic: true,
    sourceUrl: '',
  };
}
const row = (amountVnd: number | null, description = '') => ({
  timeValue: null,
  timeUnit: null,
  fees: [{ code: '', amountVnd, description }],
  raw: `${amountVnd ?? '?'} VNĐ${description}`,
});

test('one figure on every channel: one fixed lệ phí for all channels, the fee law as basis', () => {
  const got = feesFromRecord(
    record([
      { channel: 'direct', terms: [row(8000)] },
      { channel: 'online', terms: [row(8000)] },
    ]),
  );
  assert.ok(got.usable);
  assert.deepEqual(got.items, [
    {
      kind: 'le-phi',
      code: 'LEPHI-1',
      name: 'Lệ phí đăng ký thử',
      rule: { type: 'fixed', amount: 8000 },
      channels: null,
      basis: '85/2019/TT-BTC',
    },
  ]);
  assert.equal(got.legalBasis[0]?.number, '85/2019/TT-BTC');
});

test('different figures per channel (1.001612): an item per figure, naming its channels', () => {
  const got = feesFromRecord(
    record([
      { channel: 'direct', terms: [row(50_000)] },
      { channel: 'online', terms: [row(150_000)] },
      { channel: 'postal', terms: [row(150_000)] },
    ]),
  );
  assert.ok(got.usable);
  assert.deepEqual(
    got.items.map((i) => [i.channels, i.rule]),
    [
      [['direct'], { type: 'fixed', amount: 50_000 }],
      [['online', 'postal'], { type: 'fixed', amount: 150_000 }],
    ],
  );
});

test('"Miễn phí" everywhere: usable, nothing due', () => {
  const got = feesFromRecord(record([{ channel: 'online', terms: [row(0, 'Miễn phí')] }]));
  assert.deepEqual(got.usable && got.items, []);
});

test('units: "(/trang)" per page, "(/bản)" per copy, "(/hồ sơ (TT …)" fixed', () => {
  const rules = ['(/trang)Tại UBND', '(/bản)', '(/hồ sơ (Thông tư số 61/2023/TT-BTC)'].map((d) => {
    const got = feesFromRecord(record([{ channel: 'direct', terms: [row(2000, d)] }]));
    assert.ok(got.usable, d);
    return got.items[0]!.rule.type;
  });
  assert.deepEqual(rules, ['per_page', 'per_copy', 'fixed']);
});

test('a phí law and no lệ phí words: kind phí', () => {
  const got = feesFromRecord(
    record(
      [{ channel: 'direct', terms: [row(10_000, '(/trường hợp)')] }],
      [{ number: '226/2016/TT-BTC', title: 'Thông tư quy định mức thu phí chứng thực' }],
    ),
  );
  assert.ok(got.usable);
  assert.equal(got.items[0]!.kind, 'phi');
  assert.equal(got.items[0]!.name, 'Phí đăng ký thử');
});

test('unusable: no fee rows, a row without a figure, two figures on one channel, an unknown unit', () => {
  const reasons = [
    record([{ channel: 'direct', terms: [{ ...row(0), fees: [] }] }]),
    record([{ channel: 'direct', terms: [row(null, 'Theo quy định')] }]),
    record([{ channel: 'direct', terms: [row(400_000), row(9_000_000)] }]),
    record([{ channel: 'direct', terms: [row(5000, '(/m2)')] }]),
  ].map((r) => {
    const got = feesFromRecord(r);
    assert.equal(got.usable, false);
    return got.usable ? '' : got.reason;
  });
  assert.deepEqual(reasons, [
    'Nguồn không có thông tin phí, lệ phí',
    'Có phí, lệ phí nhưng không rõ số tiền',
    'Nhiều mức thu cho một cách nộp (theo trường hợp): cần nhập biểu phí',
    'Mức thu tính theo “m2”: cần nhập cách tính',
  ]);
});

test('no fee law among the legal texts: the record’s own decision is the basis', () => {
  const got = feesFromRecord(
    record(
      [{ channel: 'direct', terms: [row(1000)] }],
      [{ number: '60/2014/QH13', title: 'Luật Hộ tịch' }],
    ),
  );
  assert.ok(got.usable);
  assert.deepEqual(got.legalBasis, [
    { number: '1/QĐ-BTP', name: 'Quyết định công bố thủ tục hành chính' },
  ]);
});
