import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from '../../../config.js';
import { z } from 'zod';
import type { ProcedureRecord, ProcedureSummary } from '../contract.js';
import { ScrapedProcedure, toNationalRecord } from '../scraped-format.js';

/** `<repo>/data/procedures`, whatever the working directory. */
export const defaultProceduresDir = path.join(repoRoot, 'data/procedures');

export interface Catalog {
  /** Sorted by NGAYCAPNHAT then MATTHC, the order in which LayDanhSachTTHC pages through. */
  readonly summaries: readonly ProcedureSummary[];
  get(code: string): ProcedureRecord | undefined;
  readonly size: number;
}

// Parsing ~18 MB of JSON takes a noticeable moment; every simulator instance in a process (tests
// start several) shares one load per directory.
const cache = new Map<string, Promise<Catalog>>();

export function loadCatalog(dir: string = defaultProceduresDir): Promise<Catalog> {
  const key = path.resolve(dir);
  let loading = cache.get(key);
  if (!loading) {
    loading = readCatalog(key);
    cache.set(key, loading);
    // A failed load (missing dir) should be retried by the next caller, not remembered.
    loading.catch(() => cache.delete(key));
  }
  return loading;
}

async function readCatalog(dir: string): Promise<Catalog> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new Error(`No procedure files (*.json) in ${dir}`);
  const byCode = new Map<string, ProcedureRecord>();
  for (const file of files) {
    const raw: unknown = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    const parsed = z.array(ScrapedProcedure).safeParse(raw);
    if (!parsed.success) {
      throw new Error(
        `${file} is not a list of scraped procedures: ${z.prettifyError(parsed.error)}`,
      );
    }
    for (const scraped of parsed.data) {
      // Codes are unique in the vendored data; if a later file repeats one, the first wins.
      if (!byCode.has(scraped.ma_thu_tuc)) {
        byCode.set(scraped.ma_thu_tuc, toNationalRecord(scraped));
      }
    }
  }
  const summaries = [...byCode.values()]
    .map(({ MATTHC, TENTTHC, NGAYCAPNHAT }) => ({ MATTHC, TENTTHC, NGAYCAPNHAT }))
    .sort((a, b) => compare(a.NGAYCAPNHAT, b.NGAYCAPNHAT) || compare(a.MATTHC, b.MATTHC));
  return { summaries, get: (code) => byCode.get(code), size: byCode.size };
}

// Plain code-unit order: both keys are fixed-width ASCII, and locale rules must not change paging.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
