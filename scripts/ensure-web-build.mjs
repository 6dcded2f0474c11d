#!/usr/bin/env node
// Builds the web app only when its build is missing or older than its sources, so that
// `npm start` stays fast on the second run and is never stale.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'apps/web/dist/index.html');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true })) {
    const file = path.join(dir, entry);
    if (!file.includes('node_modules')) latest = Math.max(latest, statSync(file).mtimeMs);
  }
  return latest;
}

const sources = [path.join(root, 'apps/web'), path.join(root, 'packages/contracts/src')].filter(
  existsSync,
);
const sourceTime = Math.max(
  ...sources.map((dir) =>
    newest(dir === path.join(root, 'apps/web') ? path.join(dir, 'src') : dir),
  ),
  ...['index.html', 'vite.config.ts', 'package.json']
    .map((f) => path.join(root, 'apps/web', f))
    .filter(existsSync)
    .map((f) => statSync(f).mtimeMs),
);
if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) process.exit(0);
console.log('Đang dựng giao diện web / building the web app…');
const result = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
