import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  ScrapedProcedure,
  toNationalRecord,
  type NationalCatalogClient,
} from '../../../integrations/national-catalog/index.js';
import type { IncomingRecord } from './import-procedures.js';

/** The JSON files of a path: the file itself, or every *.json in the directory, sorted. */
export async function listJsonFiles(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [target];
  return (await readdir(target))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(target, f));
}

/**
 * Records of the scraped export (data/procedures/*.json), one at a time. A file that is not JSON,
 * or an element that is not a procedure, becomes a rejected record with its place, never an abort.
 */
export async function* readScrapedFiles(files: string[]): AsyncGenerator<IncomingRecord> {
  for (const file of files) {
    const name = path.basename(file);
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      yield { where: name, error: `không đọc được tệp JSON: ${(error as Error).message}` };
      continue;
    }
    if (!Array.isArray(data)) {
      yield { where: name, error: 'tệp phải chứa một danh sách thủ tục (JSON array)' };
      continue;
    }
    for (const [index, element] of data.entries()) {
      const code = (element as { ma_thu_tuc?: unknown } | null)?.ma_thu_tuc;
      const where = `${name}#${index}${typeof code === 'string' ? ` (${code})` : ''}`;
      const parsed = ScrapedProcedure.safeParse(element);
      if (!parsed.success) {
        const first = parsed.error.issues[0];
        yield {
          where,
          error: `${first?.path.join('.') ?? ''}: ${first?.message ?? 'sai cấu trúc'}`,
        };
        continue;
      }
      yield { where, record: toNationalRecord(parsed.data) };
    }
  }
}

/**
 * Records changed at the national TTHC database since `since`, page by page (LayDanhSachTTHC),
 * each fetched in full (LayThuTuc). Reports each record's NGAYCAPNHAT and whether it arrived, so
 * the caller never moves its watermark past a record that failed.
 */
export async function* readNationalCatalog(
  client: NationalCatalogClient,
  since: Date | null,
  onRecord: (updatedAt: string, ok: boolean) => void,
): AsyncGenerator<IncomingRecord> {
  const seen = new Set<string>();
  const pageSize = 200;
  for (let page = 1; ; page += 1) {
    const result = await client.listProcedures({ since: since ?? undefined, page, pageSize });
    for (const summary of result.items) {
      // Their pages may repeat a code (fault "duplicate"): fetch it once.
      if (seen.has(summary.MATTHC)) continue;
      seen.add(summary.MATTHC);
      try {
        const record = await client.getProcedure(summary.MATTHC);
        onRecord(summary.NGAYCAPNHAT, true);
        yield { where: summary.MATTHC, record };
      } catch (error) {
        onRecord(summary.NGAYCAPNHAT, false);
        yield { where: summary.MATTHC, error: (error as Error).message };
      }
    }
    if (result.items.length === 0 || page * pageSize >= result.total) break;
  }
}
