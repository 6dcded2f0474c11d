#!/usr/bin/env node
// `npm run build:api`: the API, worker and command-line tools as plain JavaScript in
// apps/api/dist, so production runs `node` on compiled code (tsx is for development). Our own
// code and the shared contracts are bundled; every npm dependency stays an import from
// node_modules, as installed by `npm ci`.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const api = path.join(root, 'apps/api');
const manifest = (file) => JSON.parse(readFileSync(file, 'utf8'));
const dependencies = new Set([
  ...Object.keys(manifest(path.join(api, 'package.json')).dependencies ?? {}),
  ...Object.keys(manifest(path.join(root, 'packages/contracts/package.json')).dependencies ?? {}),
]);
dependencies.delete('@motcua/contracts');

const outdir = path.join(api, 'dist');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: {
    main: 'src/main.ts',
    worker: 'src/worker.ts',
    'cli/start': 'src/cli/start.ts',
    'cli/migrate': 'src/cli/migrate.ts',
    'cli/catalog-import': 'src/cli/catalog-import.ts',
    'cli/dossiers-verify': 'src/cli/dossiers-verify.ts',
    'sim-host': 'src/integrations/sim-host.ts',
  },
  absWorkingDir: api,
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // A dependency and its subpaths (pdfmake/fonts/…, drizzle-orm/pg-core) stay external.
  external: [...dependencies].flatMap((name) => [name, `${name}/*`]),
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.log(
  `apps/api/dist: ${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB`,
);
