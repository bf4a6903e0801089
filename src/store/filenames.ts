/**
 * File names for posts and assets: readable (non-Latin scripts kept as they are, NFC), and safe on
 * every common file system whatever a hostile URL or title contains.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** Longest file name we produce, in UTF-8 bytes; file systems allow 255, we leave room for suffixes. */
export const MAX_NAME_BYTES = 200;

/** A path that would land outside the archive folder. Thrown, never silently rewritten. */
export class PathEscapeError extends Error {
  constructor(readonly root: string, readonly target: string) {
    super(`refusing to write outside the archive ${root}: ${target}`);
    this.name = 'PathEscapeError';
  }
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
/**
 * Characters that are invalid or special in file names on Windows, macOS or Linux, whitespace runs,
 * and invisible format characters (bidi overrides can disguise a name); ZWNJ/ZWJ stay, Persian and
 * Indic words need them.
 */
const UNSAFE_CHARS =
  /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\s\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]+/gu;
/** Path segments that name a listing, not a post. */
const NOT_A_SLUG = /^(index|default)\.(html?|php|aspx?)$/i;
const PAGE_EXTENSION = /\.(html?|php|aspx?|jsp|shtml|cgi|md|markdown)$/i;

export function shortHash(text: string | Buffer, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Mixed valid and broken escapes: decode what decodes, keep the rest verbatim.
    return segment.replace(/(%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Truncates to at most `maxBytes` of UTF-8 without splitting a character (grapheme cluster). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const size = Buffer.byteLength(segment);
    if (bytes + size > maxBytes) break;
    out += segment;
    bytes += size;
  }
  return out;
}

/**
 * Makes one file-name stem safe: no separators, control characters, `..`, leading dots (hidden
 * files), trailing dots/spaces, Windows device names, and at most `maxBytes` (a hash of the full
 * text keeps truncated names distinct). Returns '' when nothing usable is left.
 */
export function safeStem(raw: string, maxBytes = MAX_NAME_BYTES): string {
  let stem = raw
    .normalize('NFC')
    .replace(UNSAFE_CHARS, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.\s]+|[-.\s]+$/g, '');
  if (!stem) return '';
  // Windows reserves device names whatever follows the first dot (`con.txt.md` too).
  if (WINDOWS_RESERVED.test(stem.split('.')[0]!)) stem = stem.replace(/^[^.]*/, (device) => `${device}_`);
  if (Buffer.byteLength(stem) > maxBytes) {
    const hash = shortHash(stem);
    stem = `${truncateUtf8(stem, maxBytes - hash.length - 1).replace(/[-.\s]+$/, '')}-${hash}`;
  }
  return stem;
}

/**
 * The slug of a post from its URL: the last meaningful path segment, percent-decoded, page extension
 * dropped (`/2015/07/26/hello-world/` -> `hello-world`, `/posts/123.html` -> `123`); a query-only
 * permalink gives `p-123` for `/?p=123`. Falls back to the title, then to `post`.
 */
export function postSlug(url: string, title?: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const candidates: string[] = [];
  if (parsed) {
    const segments = parsed.pathname.split('/').filter((s) => s && !NOT_A_SLUG.test(s));
    const last = segments.at(-1);
    if (parsed.search.length > 1) {
      const query = [...parsed.searchParams].map(([k, v]) => (v ? `${k}-${v}` : k)).join('-');
      // `/?p=123` has no path of its own; `/post.php?id=7` needs its query to be told apart.
      candidates.push(last ? `${safeDecode(last).replace(PAGE_EXTENSION, '')}-${query}` : query);
    }
    if (last) candidates.push(safeDecode(last).replace(PAGE_EXTENSION, ''));
  }
  if (title) candidates.push(title);
  for (const candidate of candidates) {
    const stem = safeStem(candidate);
    if (stem) return stem;
  }
  return 'post';
}

/** Resolves `rel` under `root` and throws unless the result is strictly inside `root`. */
export function resolveInside(root: string, rel: string): string {
  const base = resolve(root);
  if (isAbsolute(rel) || rel.includes('\0')) throw new PathEscapeError(base, rel);
  const target = resolve(base, rel);
  const back = relative(base, target);
  if (!back || back.startsWith('..') || isAbsolute(back) || !target.startsWith(base + sep)) {
    throw new PathEscapeError(base, rel);
  }
  return target;
}

/** Key under which two names clash on case-insensitive, normalising file systems (macOS, Windows). */
export function clashKey(file: string): string {
  return file.normalize('NFC').toLowerCase();
}
