// Limits on what a ZIP container (XLSX, DOCX) may expand to, checked before a parser such as
// exceljs inflates it whole into memory: a 300 KB workbook holding a 300 MiB cell took the server
// from ~270 MB to ~920 MB for 7 s (issue 13). Framework-free and about any ZIP-based format
// (XLSX imports today; any DOCX/XLSX a module parses must pass it first).
import JSZip from 'jszip';
import { AppError } from '../errors.js';

export interface ZipLimits {
  /** Sum of every entry's inflated size. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Inflated over compressed size beyond which an entry is a bomb, not a document. */
  maxRatio: number;
  /** Small entries (XML boilerplate) compress far better than content; the ratio applies above this. */
  ratioFromBytes: number;
}

const MiB = 1024 * 1024;

/** Far above any officer list or form an agency sends, far below what hurts the server. */
export const ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 20 * MiB,
  maxEntries: 1000,
  maxRatio: 100,
  ratioFromBytes: 1 * MiB,
};

/**
 * JSZip keeps the central directory's sizes on a private field (its index.d.ts documents the
 * shape, commented out); read defensively: without them only the early refusal is lost, the
 * measured sizes below still hold.
 */
function headerSizesOf(entry: JSZip.JSZipObject): { compressed: number; inflated: number } | null {
  const data = (
    entry as unknown as { _data?: { compressedSize?: unknown; uncompressedSize?: unknown } }
  )._data;
  const compressed = data?.compressedSize;
  const inflated = data?.uncompressedSize;
  return typeof compressed === 'number' && typeof inflated === 'number'
    ? { compressed, inflated }
    : null;
}

/**
 * Refuses (413, Vietnamese) a ZIP whose entries are too many, expand beyond `maxTotalBytes` in
 * all, or expand absurdly; `label` names it in messages ("tệp Excel (.xlsx)"). Reads it with
 * JSZip, the reader exceljs itself uses, so the entries checked are the ones the parser will
 * inflate. The headers' sizes refuse an honest bomb at once; each entry is then inflated as a
 * stream and counted, since headers are written by whoever sends the file.
 */
export async function assertZipWithinLimits(
  body: Buffer,
  label: string,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<void> {
  const Label = label.charAt(0).toUpperCase() + label.slice(1);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(body);
  } catch {
    throw new AppError('VALIDATION_FAILED', `Không đọc được ${label}. Vui lòng kiểm tra lại tệp.`);
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > limits.maxEntries)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `${Label} có ${entries.length} thành phần, vượt quá mức cho phép (${limits.maxEntries}).`,
    );
  const tooLarge = () =>
    new AppError(
      'PAYLOAD_TOO_LARGE',
      `${Label} khi giải nén vượt quá ${Math.round(limits.maxTotalBytes / MiB)} MB. Vui lòng chia nhỏ tệp.`,
    );
  const absurd = () =>
    new AppError(
      'PAYLOAD_TOO_LARGE',
      `${Label} chứa thành phần có tỷ lệ nén bất thường (có thể là tệp độc hại); hệ thống không xử lý.`,
    );
  const isAbsurd = (inflated: number, compressed: number) =>
    inflated > limits.ratioFromBytes && inflated > compressed * limits.maxRatio;

  // What the headers claim refuses an honest bomb at once, before inflating anything...
  const claimed = entries.map(headerSizesOf);
  if (claimed.reduce((sum, size) => sum + (size?.inflated ?? 0), 0) > limits.maxTotalBytes)
    throw tooLarge();
  if (claimed.some((size) => size && isAbsurd(size.inflated, size.compressed))) throw absurd();

  // ...and measuring catches headers that lie: inflation stops at the first byte over a limit.
  let total = 0;
  for (const [index, entry] of entries.entries()) {
    const compressed = claimed[index]?.compressed ?? null;
    let inflated = 0;
    await eachChunk(entry, (length) => {
      inflated += length;
      total += length;
      if (total > limits.maxTotalBytes) throw tooLarge();
      if (compressed !== null && isAbsurd(inflated, compressed)) throw absurd();
    }).catch((error: unknown) => {
      if (error instanceof AppError) throw error;
      // Inflating failed, or JSZip found the inflated size differs from the header's.
      throw new AppError('VALIDATION_FAILED', `${Label} bị hỏng. Vui lòng kiểm tra lại tệp.`);
    });
  }
}

/**
 * Inflates one entry chunk by chunk without keeping the chunks; `onChunk` throwing stops the
 * inflation there (JSZip's stream pauses its inflater when nobody reads) and rejects.
 */
function eachChunk(entry: JSZip.JSZipObject, onChunk: (length: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      try {
        onChunk(chunk.length);
      } catch (error) {
        stream.pause();
        stream.removeAllListeners('data');
        reject(error);
      }
    });
    stream.on('error', reject);
    stream.on('end', () => resolve());
  });
}
