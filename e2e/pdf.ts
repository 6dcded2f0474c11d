import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Poppler's pdftotext, when installed (apt-get install poppler-utils); text checks need it. */
export const pdftotext = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) =>
  existsSync(p),
);

/** A PDF's text through pdftotext, whitespace collapsed. */
export async function pdfText(pdf: Buffer, name: string): Promise<string> {
  if (!pdftotext) throw new Error('pdftotext not installed (apt-get install poppler-utils)');
  const dir = await mkdtemp(path.join(tmpdir(), 'motcua-e2e-'));
  const file = path.join(dir, `${name}.pdf`);
  await writeFile(file, pdf);
  return execFileSync(pdftotext, ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
}
