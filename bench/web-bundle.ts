// The web bundle a first visit downloads, read from the built manifest (apps/web/dist/.vite/
// manifest.json, `build.manifest` in apps/web/vite.config.ts). Citizens open the portal on phones
// over mobile data: the public entry must stay light while officer and admin pages load on demand.
//
// `npx tsx bench/web-bundle.ts [distDir]` prints the numbers; `npm run bench` reports them too.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface WebBundleReport {
  /** JS of the entry chunk and every chunk it imports statically: what `/` downloads. */
  entryJsGzipBytes: number;
  /** Their stylesheets. */
  entryCssGzipBytes: number;
  /** Every JS chunk of the app, loaded on demand or not. */
  totalJsGzipBytes: number;
  /** entry / total (JS): the smaller, the more of the app a public visit does not pay for. */
  entryRatio: number;
  entryChunks: string[];
  chunkCount: number;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_WEB_DIST = path.join(repoRoot, 'apps/web/dist');

/** Null when the web is not built with a manifest (run `npm run build:web`). */
export function measureWebBundle(distDir = DEFAULT_WEB_DIST): WebBundleReport | null {
  const manifestPath = path.join(distDir, '.vite/manifest.json');
  if (!existsSync(manifestPath)) return null;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const gzipped = new Map<string, number>();
  const gzipOf = (file: string) => {
    let size = gzipped.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length;
      gzipped.set(file, size);
    }
    return size;
  };

  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (!entryKey) throw new Error(`${manifestPath}: no entry chunk`);
  const staticKeys = new Set<string>();
  const visit = (key: string) => {
    if (staticKeys.has(key)) return;
    staticKeys.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit(entryKey);

  const entryJs = new Set([...staticKeys].map((key) => manifest[key]!.file));
  const entryCss = new Set([...staticKeys].flatMap((key) => manifest[key]!.css ?? []));
  const allJs = new Set(
    Object.values(manifest)
      .map((chunk) => chunk.file)
      .filter((file) => file.endsWith('.js')),
  );
  const sum = (files: Iterable<string>) => [...files].reduce((total, f) => total + gzipOf(f), 0);
  const entryJsGzipBytes = sum(entryJs);
  const totalJsGzipBytes = sum(allJs);
  return {
    entryJsGzipBytes,
    entryCssGzipBytes: sum(entryCss),
    totalJsGzipBytes,
    entryRatio: totalJsGzipBytes === 0 ? 0 : entryJsGzipBytes / totalJsGzipBytes,
    entryChunks: [...entryJs],
    chunkCount: allJs.size,
  };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** One line for the report: "public entry 180.2 KB gzip of 520.4 KB (35 %) …". */
export function describeWebBundle(report: WebBundleReport): string {
  return `public entry (\`/\`) ${kb(report.entryJsGzipBytes)} KB gzip JS (+ ${kb(report.entryCssGzipBytes)} KB CSS) of ${kb(report.totalJsGzipBytes)} KB for the whole app (${Math.round(report.entryRatio * 100)} %), ${report.entryChunks.length} of ${report.chunkCount} chunks`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const report = measureWebBundle(process.argv[2] ?? DEFAULT_WEB_DIST);
  if (!report) {
    console.error('web bundle: no dist/.vite/manifest.json; run `npm run build:web` first');
    process.exit(1);
  }
  console.log(`web bundle: ${describeWebBundle(report)}`);
}
