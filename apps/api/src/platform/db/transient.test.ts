// Which database failures pass by themselves (the sync drain retries them, the API answers 503).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTransientDatabaseError } from './database.js';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

test('connection loss, shutdown, overload, deadlock and serialization failures pass', () => {
  for (const code of ['08006', '08001', '57P01', '57P03', '53300', '40P01', '40001']) {
    assert.equal(isTransientDatabaseError(pgError(code)), true, code);
  }
  assert.equal(isTransientDatabaseError(pgError('ECONNREFUSED')), true);
  assert.equal(isTransientDatabaseError(new Error('Connection terminated unexpectedly')), true);
  // Wrapped, as the query builder wraps the driver's error.
  assert.equal(
    isTransientDatabaseError(new Error('Failed query', { cause: pgError('40P01') })),
    true,
  );
});

test('what the request itself got wrong does not', () => {
  for (const code of ['23505', '22P02', '23503', '42P01', '22001']) {
    assert.equal(isTransientDatabaseError(pgError(code)), false, code);
  }
  assert.equal(isTransientDatabaseError(new Error('nothing to do with the database')), false);
  assert.equal(isTransientDatabaseError(undefined), false);
});
