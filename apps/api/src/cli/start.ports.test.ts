// Issue 15 item 8: a second copy of `npm start` meets ports in use. It must stop before starting
// anything, with one Vietnamese/English line per port naming the variable to change, exit code 1.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../config.js';
import { canListen } from '../platform/process.js';

const held: net.Server[] = [];
let scratch: string;

/** Takes a port as another program would; ephemeral, so parallel runs never collide. */
async function holdPort(port = 0): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, resolve);
  });
  held.push(server);
  return (server.address() as net.AddressInfo).port;
}

/** Two free consecutive-by-step ports are not guaranteed; find a base whose +0…+4 are free. */
async function freeBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all([0, 1, 2, 3, 4].map((o) => canListen('127.0.0.1', base + o)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free port range found');
}

function runStart(env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>(
    (resolve) => {
      const began = Date.now();
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(repoRoot, 'apps/api/src/cli/start.ts')],
        {
          cwd: repoRoot,
          // Nothing may start: an unreachable database, a scratch data directory and no web
          // build would all fail loudly (and slowly) if the check let the start go on.
          env: {
            ...process.env,
            NODE_ENV: 'development',
            DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/unreachable',
            LOG_LEVEL: 'warn',
            WORKER_MODE: 'off',
            SERVE_WEB: 'false',
            EMBEDDED_PG_DIR: path.join(scratch, 'pg'),
            STORAGE_DIR: path.join(scratch, 'files'),
            ...env,
          },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // A start that got past the check would run on; stop it so the test fails, not hangs.
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, ms: Date.now() - began });
      });
    },
  );
}

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'motcua-start-'));
});
after(async () => {
  await Promise.all(held.map((s) => new Promise((resolve) => s.close(resolve))));
  await rm(scratch, { recursive: true, force: true });
});

test('a simulator port in use: one line naming SIM_BASE_PORT and a free base, exit code 1', async () => {
  const base = await freeBase();
  const taken = await holdPort(base + 2);
  const pgPort = await freeBase();
  const apiPort = await freeBase();
  const result = await runStart({
    PORT: String(apiPort),
    SIM_BASE_PORT: String(base),
    EMBEDDED_PG_PORT: String(pgPort),
  });
  assert.equal(result.code, 1, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, no stack:\n${result.stderr}`);
  const match =
    /^Cổng (\d+) \(SIM_BASE_PORT \+ 2\) đang được dùng bởi chương trình khác; đặt SIM_BASE_PORT=(\d+) rồi chạy lại\. \/ Port \1 \(SIM_BASE_PORT \+ 2\) is in use; set SIM_BASE_PORT=\2 and run again\.$/.exec(
      lines[0] ?? '',
    );
  assert.ok(match, lines[0]);
  assert.equal(Number(match[1]), taken);
  const suggested = Number(match[2]);
  assert.equal(suggested, base + 100, 'the next hundred, free');
  for (const offset of [0, 1, 2, 3]) {
    assert.ok(await canListen('127.0.0.1', suggested + offset), `suggested ${suggested + offset}`);
  }
  assert.equal(result.stdout, '', 'nothing started, nothing announced');
  assert.ok(await canListen('127.0.0.1', base), 'the free simulator ports were not taken');
  assert.ok(await canListen('127.0.0.1', apiPort), 'the API did not start');
});

test('the web/API port and the embedded database port in use: both named, nothing started', async () => {
  const apiPort = await holdPort();
  const pgPort = await holdPort();
  const result = await runStart({
    PORT: String(apiPort),
    SIM_BASE_PORT: String(await freeBase()),
    EMBEDDED_PG_PORT: String(pgPort),
    DATABASE_URL: '',
  });
  assert.equal(result.code, 1, result.stderr);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 2, result.stderr);
  assert.match(
    lines[0] ?? '',
    new RegExp(
      `^Cổng ${apiPort} \\(PORT\\) đang được dùng bởi chương trình khác; đặt PORT=\\d+ rồi chạy lại\\. / Port ${apiPort} \\(PORT\\) is in use; set PORT=\\d+ and run again\\.$`,
    ),
  );
  assert.match(
    lines[1] ?? '',
    new RegExp(
      `^Cổng ${pgPort} \\(EMBEDDED_PG_PORT\\) .*đặt EMBEDDED_PG_PORT=\\d+ rồi chạy lại\\. / Port ${pgPort} \\(EMBEDDED_PG_PORT\\) is in use; set EMBEDDED_PG_PORT=\\d+ and run again\\.$`,
    ),
  );
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack');
  assert.ok(result.ms < 45_000, `answered in ${result.ms} ms`);
});
