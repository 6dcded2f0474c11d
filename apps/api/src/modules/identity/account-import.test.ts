import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../platform/errors.js';
import { parseCsv } from './account-import.js';

test('CSV: quoted fields with commas, doubled quotes and line breaks; CRLF; semicolons', () => {
  assert.deepEqual(parseCsv('a,b\r\n"Lê, Thị ""Nhập""","dòng 1\ndòng 2"\r\n'), [
    ['a', 'b'],
    ['Lê, Thị "Nhập"', 'dòng 1\ndòng 2'],
  ]);
  assert.deepEqual(parseCsv('username;role\ntt.a;receiving_officer'), [
    ['username', 'role'],
    ['tt.a', 'receiving_officer'],
  ]);
  // Rows shorter than the header are the caller's to judge, not a parse error.
  assert.deepEqual(parseCsv('a,b,c\nx'), [['a', 'b', 'c'], ['x']]);
});

test('CSV: an unterminated quote is a Vietnamese 400', () => {
  assert.throws(
    () => parseCsv('a,b\n"không đóng,x\n'),
    (error: unknown) =>
      error instanceof AppError &&
      error.status === 400 &&
      /Tệp CSV không hợp lệ/.test(error.message),
  );
});
