import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { createLogger } from '../logger.js';
import { handleExistingServer } from './embedded.js';

const log = createLogger('silent');

test('no lock file: nothing to do', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'motcua-pg-'));
  assert.equal(await handleExistingServer(dir, log), 'none');
  await rm(dir, { recursive: true });
});

test('a lock file naming a dead process is removed as stale', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'motcua-pg-'));
  const child = spawn('true');
  await new Promise((resolve) => child.once('exit', resolve));
  await writeFile(path.join(dir, 'postmaster.pid'), `${child.pid}\n${dir}\n`);
  assert.equal(await handleExistingServer(dir, log), 'stale-lock');
  assert.equal(existsSync(path.join(dir, 'postmaster.pid')), false);
  await rm(dir, { recursive: true });
});

test('a lock file naming a live process that is not PostgreSQL is stale too', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'motcua-pg-'));
  const sleeper = spawn('sleep', ['30']);
  try {
    await writeFile(path.join(dir, 'postmaster.pid'), `${sleeper.pid}\n${dir}\n`);
    assert.equal(await handleExistingServer(dir, log), 'stale-lock');
  } finally {
    sleeper.kill();
    await rm(dir, { recursive: true });
  }
});
