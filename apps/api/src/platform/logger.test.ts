import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { pino } from 'pino';
import { loggerOptions } from './logger.js';

/** A logger writing to a string, with the production options. */
function capture() {
  let out = '';
  const sink = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  });
  return { log: pino(loggerOptions('info'), sink), text: () => out };
}

// Issue 13, item 2: a failed insert logged the applicant's name and ID number with the SQL.
test('a failed query is logged with its statement and codes, never its values', () => {
  const pgError = Object.assign(
    new Error('duplicate key value violates unique constraint "dos_x"'),
    {
      severity: 'ERROR',
      code: '23505',
      detail: 'Key (id_number)=(075190001234) already exists.',
      constraint: 'dos_x',
    },
  );
  const error = new DrizzleQueryError(
    'insert into "dos_dossier" ("applicant") values ($1)',
    [{ name: 'Lê Thị Thu Hà', idNumber: '075190001234' }],
    pgError,
  );
  const { log, text } = capture();
  log.error({ err: error }, 'unhandled error');
  const line = text();
  assert.match(line, /insert into/);
  assert.match(line, /23505/);
  assert.doesNotMatch(line, /075190001234|Lê Thị Thu Hà/);
});

test('a database message quoting the value sent keeps its shape, not the value', () => {
  const pgError = Object.assign(new Error('invalid input syntax for type uuid: "075190001234"'), {
    severity: 'ERROR',
    code: '22P02',
  });
  const { log, text } = capture();
  log.warn({ err: pgError }, 'input refused');
  assert.match(text(), /invalid input syntax for type uuid/);
  assert.doesNotMatch(text(), /075190001234/);
});

test('the lookup’s second factor never reaches the request log', () => {
  const { log, text } = capture();
  log.info(
    {
      req: {
        method: 'GET',
        url: '/api/dossiers/lookup?code=000.01.145.H75-261102-0001&verify=1001',
        headers: {},
      },
    },
    'incoming request',
  );
  assert.match(text(), /code=000\.01\.145\.H75-261102-0001/);
  assert.doesNotMatch(text(), /1001/);
});
