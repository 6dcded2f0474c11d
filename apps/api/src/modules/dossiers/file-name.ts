/**
 * Uploaded file names are shown to officers and citizens and sent back in download headers, so
 * they are normalised once, when the file arrives (issue 13 item 7: a name kept U+202E, which
 * shows "‮gpj.exe" as "exe.jpg", and markup).
 */

/** The longest name kept, in characters, extension included. */
export const MAX_FILE_NAME = 150;
/** What a name becomes when nothing of it survives. */
export const DEFAULT_FILE_NAME = 'tep-dinh-kem';

// Format characters (\p{Cf}) hold every bidirectional control (U+200E/F, U+202A–U+202E,
// U+2066–U+2069, U+061C) and the zero-width ones: none belongs in a name and each can make it
// read as something else. Control characters (\p{Cc}) break headers and logs.
const INVISIBLE = /[\p{Cf}\p{Cc}]/gu;
// Unsafe in a quoted Content-Disposition filename, in HTML, or in a name saved on Windows.
const UNSAFE = /[<>:"/\\|?*]/g;
const EXTENSION = /^(.*)\.([\p{L}\p{N}]{1,10})$/u;
const EDGES = /^[\s.]+|[\s.]+$/gu;

const cut = (text: string, length: number) => [...text].slice(0, length).join('');

/**
 * The name as it is stored and shown: NFC, its last path segment only, invisible and unsafe
 * characters removed, whitespace collapsed, no leading or trailing dots, at most
 * MAX_FILE_NAME characters with the extension kept. "Giấy chứng sinh.pdf" stays as it is.
 */
export function displayFileName(raw: string): string {
  const segment = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const clean = segment
    .replace(/\s/gu, ' ')
    .replace(INVISIBLE, '')
    .replace(UNSAFE, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  const [, stem = clean, extension] = EXTENSION.exec(clean) ?? [];
  const suffix = extension ? `.${extension}` : '';
  const base = cut(stem.replace(EDGES, ''), MAX_FILE_NAME - [...suffix].length).replace(EDGES, '');
  return `${base || DEFAULT_FILE_NAME}${suffix}`;
}

/** RFC 8187 value-chars: encodeURIComponent leaves ' ( ) * as they are; they must be escaped. */
const rfc8187 = (text: string) =>
  encodeURIComponent(text).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * A download's Content-Disposition: always `attachment` (a stored file never renders in our
 * origin), an ASCII `filename` for old clients (Vietnamese without its marks: "Giay chung
 * sinh.pdf") and the exact name in `filename*` (RFC 6266).
 */
export function contentDisposition(name: string): string {
  const shown = displayFileName(name);
  const ascii = shown
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/[%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc8187(shown)}`;
}
