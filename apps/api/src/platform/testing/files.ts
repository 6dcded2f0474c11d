import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Small real files for upload tests: each one is what its name says, byte for byte. */
export function samplePdf(text = 'Giấy khai sinh'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'utf8',
  );
}

/** A 1×1 PNG. */
export function samplePng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
}

/** Bytes of no accepted type (a text file dressed as anything). */
export function sampleText(): Buffer {
  return Buffer.from('Đây không phải là tệp PDF, chỉ là văn bản thường.\n', 'utf8');
}

const pdftotextPath = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));
/** A reason to skip PDF text checks, or false when pdftotext (poppler-utils) is installed. */
export const noPdftotext = pdftotextPath
  ? false
  : 'pdftotext not found (apt-get install poppler-utils; .ci/run installs it)';

/** A PDF's text as pdftotext reads it, whitespace collapsed (lines wrap where the layout says). */
export function pdfText(pdf: Buffer): string {
  const text = execFileSync(pdftotextPath ?? 'pdftotext', ['-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    encoding: 'utf8',
  });
  return text.replace(/\s+/g, ' ').trim();
}
