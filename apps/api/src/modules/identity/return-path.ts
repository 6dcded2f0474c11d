// Where a browser may be sent back after signing in. An open redirect here would let a phishing
// link pass through the real sign-in and land on a look-alike site, so the value is read the way
// browsers read a Location header (the WHATWG URL parser) and kept only when it stays on this site.

const BASE = 'http://base.invalid';

/**
 * Browsers drop tabs and newlines inside URLs and trim controls and spaces around them, so
 * `/\t/evil.example` navigates to `//evil.example`, another site; they also read `\` as `/`.
 * Rather than imitate those repairs, any such character refuses the value (and a newline would
 * otherwise make the Location header itself invalid).
 */
const UNSAFE_CHARACTER = /[\p{Cc}\p{White_Space}\\]/u;

/**
 * The same-origin path (pathname, query, fragment) that `value` leads to, re-serialised by the
 * URL parser, or `fallback` when it leads anywhere else or cannot be read.
 */
export function sameOriginPath(value: string | null | undefined, fallback = '/'): string {
  if (!value || value.length > 2000 || UNSAFE_CHARACTER.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can leave an empty first segment (`/.//evil.example` parses to the path
  // `//evil.example`), which a browser would then read as another host.
  return path.startsWith('//') ? fallback : path;
}
