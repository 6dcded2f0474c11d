import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeVietnameseName } from './names.js';

test('moves the tone mark of open oa/oe/uy syllables to the first vowel', () => {
  assert.equal(normalizeVietnameseName('Phường Yên Hoà'), 'Phường Yên Hòa');
  assert.equal(normalizeVietnameseName('Xã Đàm Thuỷ'), 'Xã Đàm Thủy');
  assert.equal(normalizeVietnameseName('Xã Hoà Lạc'), 'Xã Hòa Lạc');
  assert.equal(normalizeVietnameseName('Xã Khoẻ'), 'Xã Khỏe');
});

test('leaves closed syllables and already-normalised names alone', () => {
  assert.equal(normalizeVietnameseName('Phường Hoàng Mai'), 'Phường Hoàng Mai');
  assert.equal(normalizeVietnameseName('Xã Thuận Hòa'), 'Xã Thuận Hòa');
  assert.equal(normalizeVietnameseName('Xã Quỳnh Lưu'), 'Xã Quỳnh Lưu');
  assert.equal(normalizeVietnameseName('Phường Quý Lộc'), 'Phường Quý Lộc');
});

test('folds decomposed input (NFD) and extra spaces', () => {
  assert.equal(normalizeVietnameseName('  Phường   Bửu Long '.normalize('NFD')), 'Phường Bửu Long');
});
