#!/usr/bin/env node
// `npm test`: prepares a PostgreSQL test server and template database, runs every suite
// (unit, database, route, simulator and browser tests) with node:test, and ends with one
// plain line "N passed, N failed". Extra arguments filter test files by substring.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const filters = process.argv.slice(2);
const resultsDir = path.join(root, '.test-results');
mkdirSync(resultsDir, { recursive: true });
// One file per run: two runs at once (a developer and a helper) must not read each other's counts.
const countsFile = path.join(resultsDir, `counts-${process.pid}.json`);

function findTests(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .filter((f) => /\.test\.ts$/.test(f) && !f.includes('node_modules'))
    .map((f) => path.join(dir, f));
}

const files = [
  ...findTests(path.join(root, 'packages/contracts/src')),
  ...findTests(path.join(root, 'apps/api/src')),
  ...findTests(path.join(root, 'e2e')),
]
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();

// Browser tests need a web build no older than its sources (the same check as `npm start`).
if (files.some((f) => f.includes(`${path.sep}e2e${path.sep}`))) {
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-web-build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(
  process.env.DATABASE_URL
    ? 'Test database server: DATABASE_URL'
    : 'Test database server: embedded PostgreSQL (.data/pg-test)',
);
const dbServer = spawn(
  process.execPath,
  ['--import', 'tsx', 'apps/api/src/platform/testing/test-database-server.ts'],
  {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const ready = await new Promise((resolve, reject) => {
  const lines = readline.createInterface({ input: dbServer.stdout });
  lines.once('line', (line) => resolve(JSON.parse(line)));
  dbServer.once('exit', (code) =>
    reject(new Error(`test database server exited with code ${code}`)),
  );
}).catch((error) => {
  console.error(error.message);
  console.log('0 passed, 1 failed');
  process.exit(1);
});

const args = [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  `--test-reporter=${path.join(root, 'scripts/count-reporter.mjs')}`,
  `--test-reporter-destination=${countsFile}`,
  ...files,
];
const run = spawnSync(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    MOTCUA_TEST_SERVER_URL: ready.serverUrl,
    MOTCUA_TEST_TEMPLATE: ready.template,
  },
});
dbServer.stdin.end();
await new Promise((resolve) => {
  const timer = setTimeout(() => {
    dbServer.kill('SIGTERM');
    resolve();
  }, 10_000);
  dbServer.once('exit', () => {
    clearTimeout(timer);
    resolve();
  });
});

let counts = { passed: 0, failed: 1, skipped: 0, failures: ['test runner produced no counts'] };
try {
  counts = JSON.parse(readFileSync(countsFile, 'utf8'));
  rmSync(countsFile, { force: true });
} catch {
  /* keep the failing default */
}
if (run.status !== 0 && counts.failed === 0) {
  counts.failed = 1;
  counts.failures.push(`node --test exited with status ${run.status}`);
}
if (counts.failures.length > 0)
  console.log(`\nFailures:\n${counts.failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(
  `\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`,
);
process.exit(counts.failed > 0 ? 1 : 0);
