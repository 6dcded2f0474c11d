// Server-side PDF rendering with pdfmake, shared by report exports and the legal forms.
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

// pdfmake ships Roboto (Regular, Medium as bold, Italic, MediumItalic), which covers every
// precomposed Vietnamese letter (U+1EA0–U+1EF9, ơ, ư, đ …); the export tests check it.
const require = createRequire(import.meta.url);
const robotoFiles = (require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> })
  .Roboto;
export const PDF_FONT = 'Roboto';
const fontPaths = new Set(Object.values(robotoFiles));

let ready = false;
function prepare(): void {
  if (ready) return;
  pdfmake.addFonts({
    [PDF_FONT]: {
      normal: robotoFiles['normal'] ?? '',
      bold: robotoFiles['bold'] ?? '',
      italics: robotoFiles['italics'] ?? '',
      bolditalics: robotoFiles['bolditalics'] ?? '',
    },
  });
  // Our documents reference no remote resource (QR codes are drawn by pdfmake itself): read the
  // fonts, nothing else.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((path) => fontPaths.has(path));
  ready = true;
}

export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  prepare();
  return pdfmake.createPdf(definition).getBuffer();
}
