/** URL helpers shared by every stage: absolute resolution and the normal form used to deduplicate posts. */

export function absoluteUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  if (!trimmed || /^(javascript|mailto|tel|data):/i.test(trimmed)) return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return undefined;
  }
}

/**
 * Normal forms already worked out. Every stage asks for the key of the same few thousand URLs again
 * and again (each index link, each post at fetch, store and report), and each URL setter re-parses the
 * whole URL. Emptied when full, so a crawl of any size holds at most this many.
 */
const normalized = new Map<string, string>();
const NORMALIZED_MAX = 20000;

/**
 * The key two links to the same post share: no fragment, no default index file, no trailing
 * slash, lower-case host, tracking parameters dropped, percent-encoding made canonical.
 */
export function normalizeUrl(url: string): string {
  let key = normalized.get(url);
  if (key === undefined) {
    key = normalForm(url);
    if (normalized.size >= NORMALIZED_MAX) normalized.clear();
    normalized.set(url, key);
  }
  return key;
}

function normalForm(url: string): string {
  const u = new URL(url);
  u.hash = '';
  u.hostname = u.hostname.toLowerCase();
  for (const key of [...u.searchParams.keys()]) {
    if (/^(utm_|fbclid$|gclid$|ref$|replytocom$)/i.test(key)) u.searchParams.delete(key);
  }
  u.search = u.searchParams.size ? `?${u.searchParams.toString()}` : '';
  let path = u.pathname.replace(/\/index\.(html?|php)$/i, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  u.pathname = path;
  return u.href;
}

export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** True when `url` lies on the start URL's origin and under its directory path. */
export function inScope(url: string, start: string): boolean {
  if (!sameOrigin(url, start)) return false;
  const startPath = new URL(start).pathname;
  const dir = startPath.endsWith('/') ? startPath : startPath.replace(/[^/]*$/, '');
  return new URL(url).pathname.startsWith(dir);
}
