import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { codeDay, formatDossierCode, parseDossierCode } from './dossier-code.js';

test('the day is the receipt day in Vietnam, not in UTC', () => {
  assert.equal(codeDay(new Date('2026-12-07T18:30:00Z')), '261208');
  assert.equal(codeDay(new Date('2026-12-07T16:59:59Z')), '261207');
});

test('at least four digits, more when needed', () => {
  assert.equal(formatDossierCode('000.01.111.H75', '261208', 7), '000.01.111.H75-261208-0007');
  assert.equal(formatDossierCode('000.00.15.H75', '261208', 12345), '000.00.15.H75-261208-12345');
  assert.throws(() => formatDossierCode('000.00.15.H75', '261208', 0));
});

test('parse is the inverse of format, and tolerates case and spaces', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000_000 }), (seq) => {
      const code = formatDossierCode('000.00.15.H75', '261208', seq);
      assert.deepEqual(parseDossierCode(` ${code.toLowerCase()} `), {
        electronicId: '000.00.15.H75',
        day: '261208',
        sequence: seq,
      });
    }),
  );
  assert.equal(parseDossierCode('khai sinh'), undefined);
  assert.equal(parseDossierCode('000.00.15.H75-2612-0001'), undefined);
});
