/** URL helpers shared by every stage: absolute resolution and the normal form used to deduplicate posts. */

/**
 * What each URL question below has already answered. Every stage asks about the same few thousand URLs
 * again and again (each index link, each post at fetch, store and report), and every answer takes a full
 * URL parse, several for a normal form. A table is emptied when full, so a crawl of any size holds at
 * most this many answers per question. The questions about one post come close together, so a small
 * table answers them as well: at 20,000 the tables of both threads grew with the blog up to 10,000
 * posts, and the 10,000-post bench peaked 11 MB higher, at the same speed.
 */
const REMEMBERED_MAX = 2000;

function remembered<V>(table: Map<string, V>, key: string, answer: (key: string) => V): V {
  let value = table.get(key);
  if (value === undefined && !table.has(key)) {
    value = answer(key);
    if (table.size >= REMEMBERED_MAX) table.clear();
    table.set(key, value);
  }
  return value as V;
}

const resolved = new Map<string, string | undefined>();

export function absoluteUrl(href: string | undefined, base: string): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  if (!trimmed || /^(javascript|mailto|tel|data):/i.test(trimmed)) return undefined;
  // A URL never holds a raw NUL, so the pair cannot be confused with another.
  return remembered(resolved, `${base}\0${trimmed}`, () => {
    try {
      return new URL(trimmed, base).href;
    } catch {
      return undefined;
    }
  });
}

const normalized = new Map<string, string>();

/**
 * The key two links to the same post share: no fragment, no default index file, no trailing or
 * repeated slash, lower-case host, tracking parameters dropped, percent-encoding made canonical.
 */
export function normalizeUrl(url: string): string {
  return remembered(normalized, url, normalForm);
}

function normalForm(url: string): string {
  const u = new URL(url);
  u.hash = '';
  u.hostname = u.hostname.toLowerCase();
  for (const key of [...u.searchParams.keys()]) {
    if (/^(utm_|fbclid$|gclid$|ref$|replytocom$)/i.test(key)) u.searchParams.delete(key);
  }
  u.search = u.searchParams.size ? `?${u.searchParams.toString()}` : '';
  let path = u.pathname.replace(/\/{2,}/g, '/').replace(/\/index\.(html?|php)$/i, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  u.pathname = path;
  return u.href;
}

const located = new Map<string, { origin: string; pathname: string } | undefined>();

/** Origin and path of `url`, undefined when it does not parse. */
function locationOf(url: string): { origin: string; pathname: string } | undefined {
  return remembered(located, url, () => {
    try {
      const { origin, pathname } = new URL(url);
      return { origin, pathname };
    } catch {
      return undefined;
    }
  });
}

export function sameOrigin(a: string, b: string): boolean {
  const x = locationOf(a);
  const y = locationOf(b);
  return x !== undefined && y !== undefined && x.origin === y.origin;
}

/** True when `url` lies on the start URL's origin and under its directory path. */
export function inScope(url: string, start: string): boolean {
  const at = locationOf(url);
  const from = locationOf(start);
  if (!at || !from || at.origin !== from.origin) return false;
  const dir = from.pathname.endsWith('/') ? from.pathname : from.pathname.replace(/[^/]*$/, '');
  return at.pathname.startsWith(dir);
}
