import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amountInWords } from './amount-in-words.js';

// Written by hand from the rules of Vietnamese accounting usage, not produced by the code.
const CASES: Array<[number, string]> = [
  [0, 'Không đồng'],
  [5, 'Năm đồng'],
  [10, 'Mười đồng'],
  [11, 'Mười một đồng'],
  [14, 'Mười bốn đồng'],
  [15, 'Mười lăm đồng'],
  [21, 'Hai mươi mốt đồng'],
  [24, 'Hai mươi tư đồng'],
  [25, 'Hai mươi lăm đồng'],
  [30, 'Ba mươi đồng'],
  [105, 'Một trăm linh năm đồng'],
  [110, 'Một trăm mười đồng'],
  [115, 'Một trăm mười lăm đồng'],
  [1_000, 'Một nghìn đồng'],
  [1_005, 'Một nghìn không trăm linh năm đồng'],
  [1_050, 'Một nghìn không trăm năm mươi đồng'],
  [10_500, 'Mười nghìn năm trăm đồng'],
  [15_000, 'Mười lăm nghìn đồng'],
  [21_000, 'Hai mươi mốt nghìn đồng'],
  [50_000, 'Năm mươi nghìn đồng'],
  [105_000, 'Một trăm linh năm nghìn đồng'],
  [2_000_000, 'Hai triệu đồng'],
  [2_005_000, 'Hai triệu không trăm linh năm nghìn đồng'],
  [125_000_000, 'Một trăm hai mươi lăm triệu đồng'],
  [1_000_000_000, 'Một tỷ đồng'],
  [1_000_000_005, 'Một tỷ không trăm linh năm đồng'],
  [3_021_451_000, 'Ba tỷ không trăm hai mươi mốt triệu bốn trăm năm mươi mốt nghìn đồng'],
];

for (const [amount, words] of CASES) {
  test(`${amount.toLocaleString('vi-VN')} đ → ${words}`, () => {
    assert.equal(amountInWords(amount), words);
  });
}

test('negative, fractional and unsafe amounts are refused (money is whole VND)', () => {
  assert.throws(() => amountInWords(-1), RangeError);
  assert.throws(() => amountInWords(10.5), RangeError);
  assert.throws(() => amountInWords(Number.MAX_SAFE_INTEGER + 2), RangeError);
});
