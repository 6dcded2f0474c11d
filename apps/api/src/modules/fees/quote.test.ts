// quote(): a table of hand-written cases, each worked out on paper from the rule it states.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FeeItem, type FeeExemption, type OnlineReduction } from '@motcua/contracts';
import { AppError } from '../../platform/errors.js';
import { describeRule, quoteItems, type QuoteFacts } from './quote.js';

const item = (raw: unknown) => FeeItem.parse(raw);

/** TT 226/2016/TT-BTC Art. 4: 2.000 đ/trang, from the 3rd page 1.000 đ/trang, ≤ 200.000 đ/bản. */
const certifiedCopy = item({
  kind: 'phi',
  code: 'CT',
  name: 'Phí chứng thực bản sao',
  rule: {
    type: 'per_page',
    tiers: [
      { fromPage: 1, amount: 2000 },
      { fromPage: 3, amount: 1000 },
    ],
    maxPerCopy: 200_000,
  },
});
/** 20.000 đ covers the first 5 pages, then 1.500 đ each (a made-up "pages included" rule). */
const withIncluded = item({
  kind: 'phi',
  code: 'TL',
  name: 'Phí sao lục',
  rule: {
    type: 'per_page',
    base: 20_000,
    pagesIncluded: 5,
    tiers: [{ fromPage: 6, amount: 1500 }],
    perCopy: false,
  },
});
const registration = item({
  kind: 'le-phi',
  code: 'LP',
  name: 'Lệ phí đăng ký',
  rule: { type: 'fixed', amount: 150_000 },
});
const counterOnly = item({
  kind: 'le-phi',
  code: 'LP-TT',
  name: 'Lệ phí tại quầy',
  rule: { type: 'fixed', amount: 50_000 },
  channels: ['direct'],
});
const extract = item({
  kind: 'phi',
  code: 'BS',
  name: 'Phí bản sao trích lục',
  rule: { type: 'per_copy', amount: 8000, max: 40_000 },
});
const byCase = item({
  kind: 'le-phi',
  code: 'NCN',
  name: 'Lệ phí nuôi con nuôi',
  rule: {
    type: 'by_case',
    cases: [
      { label: 'Trong nước', amount: 400_000 },
      { label: 'Có yếu tố nước ngoài', amount: 9_000_000 },
    ],
    defaultCase: 'Trong nước',
  },
});
const poor: FeeExemption = {
  category: 'Hộ nghèo',
  percent: 100,
  itemCodes: null,
  basis: 'NQ HĐND',
};
const child: FeeExemption = {
  category: 'Trẻ em dưới 6 tuổi',
  percent: 50,
  itemCodes: ['LP'],
  basis: '',
};
const online: OnlineReduction = { percent: 50, itemCodes: null, basis: 'NQ 01/2026/NQ-HĐND' };

type Case = [
  name: string,
  schedule: { items: FeeItem[]; exemptions?: FeeExemption[]; onlineReduction?: OnlineReduction },
  facts: QuoteFacts,
  expected: Record<string, number>,
];

const cases: Case[] = [
  ['fixed, one dossier', { items: [registration] }, { channel: 'direct' }, { LP: 150_000 }],
  ['1 page, 1 copy', { items: [certifiedCopy] }, { channel: 'direct', pages: 1 }, { CT: 2000 }],
  [
    '2 pages: both at 2.000',
    { items: [certifiedCopy] },
    { channel: 'direct', pages: 2 },
    { CT: 4000 },
  ],
  // 2×2.000 + 1×1.000
  ['3 pages', { items: [certifiedCopy] }, { channel: 'direct', pages: 3 }, { CT: 5000 }],
  // 4.000 + 8×1.000
  ['10 pages', { items: [certifiedCopy] }, { channel: 'direct', pages: 10 }, { CT: 12_000 }],
  // 10 pages × 3 copies
  [
    '10 pages, 3 copies',
    { items: [certifiedCopy] },
    { channel: 'direct', pages: 10, copies: 3 },
    { CT: 36_000 },
  ],
  // 4.000 + 196×1.000 = 200.000: exactly the cap
  [
    '198 pages: at the cap',
    { items: [certifiedCopy] },
    { channel: 'direct', pages: 198 },
    { CT: 200_000 },
  ],
  // 4.000 + 498×1.000 = 502.000 → 200.000 per copy, × 2 copies
  [
    '500 pages, 2 copies: capped per copy',
    { items: [certifiedCopy] },
    { channel: 'direct', pages: 500, copies: 2 },
    { CT: 400_000 },
  ],
  ['pages default to 1', { items: [certifiedCopy] }, { channel: 'direct' }, { CT: 2000 }],
  ['5 pages included', { items: [withIncluded] }, { channel: 'direct', pages: 5 }, { TL: 20_000 }],
  // 20.000 + 3×1.500, not multiplied by copies (perCopy false)
  [
    '8 pages past the included, 2 copies',
    { items: [withIncluded] },
    { channel: 'direct', pages: 8, copies: 2 },
    { TL: 24_500 },
  ],
  ['per copy × 3', { items: [extract] }, { channel: 'online', copies: 3 }, { BS: 24_000 }],
  [
    'per copy × 7, capped at 40.000',
    { items: [extract] },
    { channel: 'online', copies: 7 },
    { BS: 40_000 },
  ],
  ['by case: default', { items: [byCase] }, { channel: 'direct' }, { NCN: 400_000 }],
  [
    'by case: named (case-insensitive)',
    { items: [byCase] },
    { channel: 'direct', caseLabel: 'có yếu tố nước ngoài' },
    { NCN: 9_000_000 },
  ],
  [
    'item of another channel left out',
    { items: [registration, counterOnly] },
    { channel: 'online' },
    { LP: 150_000 },
  ],
  [
    'item of this channel kept',
    { items: [registration, counterOnly] },
    { channel: 'direct' },
    { LP: 150_000, 'LP-TT': 50_000 },
  ],
  [
    'hộ nghèo: exempt from all',
    { items: [registration, extract], exemptions: [poor, child] },
    { channel: 'direct', copies: 2, category: 'hộ nghèo' },
    { LP: 0, BS: 0 },
  ],
  [
    'child: 50% off LP only',
    { items: [registration, extract], exemptions: [poor, child] },
    { channel: 'direct', copies: 2, category: 'Trẻ em dưới 6 tuổi' },
    { LP: 75_000, BS: 16_000 },
  ],
  [
    'unknown category: nothing off',
    { items: [registration], exemptions: [poor] },
    { channel: 'direct', category: 'Sinh viên' },
    { LP: 150_000 },
  ],
  [
    'online: 50% off',
    { items: [registration], onlineReduction: online },
    { channel: 'online' },
    { LP: 75_000 },
  ],
  [
    'online reduction not at the counter',
    { items: [registration], onlineReduction: online },
    { channel: 'direct' },
    { LP: 150_000 },
  ],
  // 150.000 × 50% × 50% = 37.500
  [
    'child and online multiply',
    { items: [registration], exemptions: [child], onlineReduction: online },
    { channel: 'online', category: 'Trẻ em dưới 6 tuổi' },
    { LP: 37_500 },
  ],
  // 5.000 × 50% = 2.500; 2.500 × 50% = 1.250
  [
    '3 pages online, 50% then 50%',
    {
      items: [certifiedCopy],
      exemptions: [{ ...child, itemCodes: null }],
      onlineReduction: online,
    },
    { channel: 'online', pages: 3, category: 'Trẻ em dưới 6 tuổi' },
    { CT: 1250 },
  ],
  // 8.000 × 3 = 24.000 × (1 − 33%) = 16.080
  [
    'odd percent stays whole đồng',
    { items: [extract], onlineReduction: { ...online, percent: 33 } },
    { channel: 'online', copies: 3 },
    { BS: 16_080 },
  ],
  // 8.000 × 12.5% off = 7.000
  [
    'fractional percent',
    { items: [extract], onlineReduction: { ...online, percent: 12.5 } },
    { channel: 'online' },
    { BS: 7000 },
  ],
  // 10.001 × 50% = 5.000,5 → 5.000 (never a fraction of a đồng charged)
  [
    'rounds down, never up',
    {
      items: [item({ ...registration, rule: { type: 'fixed', amount: 10_001 } })],
      onlineReduction: { ...online, percent: 50 },
    },
    { channel: 'online' },
    { LP: 5000 },
  ],
  ['no items: nothing due', { items: [] }, { channel: 'online' }, {}],
];

for (const [name, schedule, facts, expected] of cases) {
  test(`quote: ${name}`, () => {
    const got = quoteItems(
      {
        items: schedule.items,
        exemptions: schedule.exemptions ?? [],
        onlineReduction: schedule.onlineReduction ?? null,
      },
      facts,
    );
    assert.deepEqual(Object.fromEntries(got.map((i) => [i.code, i.amount])), expected);
  });
}

test('quote: the basis names the exemption and the online reduction applied', () => {
  const [line] = quoteItems(
    { items: [registration], exemptions: [child], onlineReduction: online },
    { channel: 'online', category: 'Trẻ em dưới 6 tuổi' },
  );
  assert.match(line!.basis, /Giảm 50% cho Trẻ em dưới 6 tuổi/);
  assert.match(line!.basis, /Giảm 50% khi nộp trực tuyến \(NQ 01\/2026\/NQ-HĐND\)/);
  const [free] = quoteItems(
    { items: [registration], exemptions: [poor], onlineReduction: null },
    { channel: 'direct', category: 'Hộ nghèo' },
  );
  assert.match(free!.basis, /^Miễn cho Hộ nghèo \(NQ HĐND\)$/);
});

test('quote: a case the schedule does not know, or none without a default, is a Vietnamese 400', () => {
  const noDefault = item({ ...byCase, rule: { ...byCase.rule, defaultCase: null } });
  const schedule = { items: [noDefault], exemptions: [], onlineReduction: null };
  assert.throws(
    () => quoteItems(schedule, { channel: 'direct' }),
    (e: unknown) =>
      e instanceof AppError &&
      e.code === 'VALIDATION_FAILED' &&
      /Cần chọn trường hợp/.test(e.message),
  );
  assert.throws(
    () => quoteItems(schedule, { channel: 'direct', caseLabel: 'Khác' }),
    (e: unknown) => e instanceof AppError && /Không có trường hợp "Khác"/.test(e.message),
  );
});

test('quote: copies and pages must be whole numbers from 1', () => {
  const schedule = { items: [certifiedCopy], exemptions: [], onlineReduction: null };
  for (const facts of [{ pages: 0 }, { pages: 2.5 }, { copies: -1 }, { copies: 1e9 }]) {
    assert.throws(
      () => quoteItems(schedule, { channel: 'direct', ...facts }),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED',
      JSON.stringify(facts),
    );
  }
});

test('describeRule reads as the legal text does', () => {
  assert.equal(
    describeRule(certifiedCopy.rule),
    '2.000 đ/trang; từ trang thứ 3: 1.000 đ/trang; tối đa 200.000 đ/bản',
  );
  assert.equal(describeRule(extract.rule), '8.000 đ/bản, tối đa 40.000 đ');
  assert.equal(describeRule(registration.rule), '150.000 đ/hồ sơ');
  assert.equal(
    describeRule(withIncluded.rule),
    '20.000 đ cho 5 trang đầu; từ trang thứ 6: 1.500 đ/trang',
  );
  assert.equal(
    describeRule(byCase.rule),
    'Trong nước: 400.000 đ; Có yếu tố nước ngoài: 9.000.000 đ',
  );
});
