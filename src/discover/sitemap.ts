/**
 * Post-like URLs of the blog's sitemaps: the third source of the post list. Sitemaps come from
 * robots.txt `Sitemap:` lines, else the usual paths; sitemap indexes are followed, bounded.
 *
 * A sitemap lists every page of a site, so its URLs are filtered: in scope, not the home or an index
 * page, not a listing (tag, category, archive, author, pagination, search, feed) or site page (about,
 * contact...) by the rules of link-filters.ts. When posts found by the index walk are given, a URL must
 * also have the path shape of one of them (`/2015/07/26/slug/` -> year/month/day/slug), which keeps out
 * the static pages that no rule names.
 */
import { FetchError, type Fetcher } from '../fetch/fetcher.js';
import type { Overrides, PostLink } from '../types.js';
import { absoluteUrl, inScope, normalizeUrl } from '../url/url.js';
import { excludeMatcher, postScopeOf, rejectLink, linkTarget } from './link-filters.js';
import { Parser } from 'htmlparser2';
import { decodeHTMLStrict } from 'entities';
import { responseText } from './xml.js';

export interface SitemapOptions {
  overrides?: Overrides;
  /** Posts must be under this URL's directory. Default: the start URL's (the origin for a listing page, or when known posts lie outside it). */
  scope?: string;
  /** Sitemap documents read at most (indexes included). */
  maxSitemaps?: number;
  onWarning?: (message: string) => void;
}

const DEFAULT_SITEMAPS = ['sitemap.xml', 'sitemap_index.xml', 'sitemap-index.xml', 'wp-sitemap.xml', 'sitemap.txt'];

/** Child sitemaps of an index that hold listings or static pages, not posts (Yoast, WordPress core, Rank Math). */
const NON_POST_SITEMAP = /(?:^|[-_/])(?:page|pages|category|categories|tag|tags|post_tag|author|authors|users|taxonomies|taxonomy|archive|archives|attachment|media|image|video|news-sitemap-index|product|products)(?:[-_.]|sitemap|\d|$)/i;

export interface ParsedSitemap {
  urls: { loc: string; lastmod?: string }[];
  /** Child sitemaps when the document is a sitemap index. */
  sitemaps: string[];
}

/** A sitemap (urlset), a sitemap index, or a plain-text list of URLs. */
export function parseSitemap(body: string, sitemapUrl: string): ParsedSitemap | undefined {
  const doc = /^\s*(?:\uFEFF)?\s*</.test(body) ? readSitemapXml(body) : undefined;
  if (!doc) {
    const lines = body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (lines.length && lines.every((l) => /^https?:\/\/\S+$/i.test(l))) return { urls: lines.map((loc) => ({ loc })), sitemaps: [] };
    return undefined;
  }
  if (doc.root !== 'urlset' && doc.root !== 'sitemapindex') return undefined;
  const locs = doc.entries.flatMap((e) => {
    const loc = absoluteUrl(e.loc, sitemapUrl);
    return loc ? [{ loc, lastmod: e.lastmod }] : [];
  });
  return doc.root === 'urlset' ? { urls: locs, sitemaps: [] } : { urls: [], sitemaps: locs.map((s) => s.loc) };
}

/** What a sitemap entry (`<url>` or `<sitemap>`) says: its own `<loc>` and `<lastmod>`, trimmed, entities decoded. */
interface SitemapXmlEntry {
  loc?: string;
  lastmod?: string;
}

/**
 * The root element's name and its entries, read with htmlparser2's tokenizer (XML mode) rather than
 * built into a tree as feeds are (xml.ts, fast-xml-parser): a sitemap lists every page of a site, and
 * parseSitemap on the 1,000-URL sitemap of the rerun bench took 79-125 ms of CPU with the tree, cold,
 * and 28-55 ms through the tokenizer (6 runs each). Names lose their namespace prefix (`<sm:url>`); only an
 * entry's own `<loc>` and `<lastmod>` count, not those of its children (`<image:image><image:loc>`);
 * entities are decoded as HTML's (a superset of XML's; only with their semicolon, so that a stray `&` of
 * a query string stays), CDATA is taken as it is.
 */
function readSitemapXml(body: string): { root?: string; entries: SitemapXmlEntry[] } {
  const entries: SitemapXmlEntry[] = [];
  const open: string[] = [];
  let root: string | undefined;
  let entry: SitemapXmlEntry | undefined;
  let field: 'loc' | 'lastmod' | undefined;
  let value = '';
  let cdata = false;
  const parser = new Parser(
    {
      onopentagname(name) {
        const local = name.slice(name.indexOf(':') + 1);
        if (open.length === 0) root ??= local;
        else if (open.length === 1 && local === (root === 'urlset' ? 'url' : 'sitemap')) entry = {};
        else if (open.length === 2 && entry && (local === 'loc' || local === 'lastmod') && !(local in entry)) {
          field = local;
          value = '';
        }
        open.push(local);
      },
      ontext(text) {
        if (field && open.length === 3) value += cdata ? text : decodeHTMLStrict(text);
      },
      oncdatastart() {
        cdata = true;
      },
      oncdataend() {
        cdata = false;
      },
      onclosetag() {
        open.pop();
        if (open.length === 2 && field && entry) {
          entry[field] = value.trim() || undefined;
          field = undefined;
        } else if (open.length === 1 && entry) {
          entries.push(entry);
          entry = undefined;
        }
      },
    },
    { xmlMode: true, decodeEntities: false },
  );
  parser.end(body);
  return { root, entries };
}

/**
 * The path shape of a URL: each segment classed as year, month/day, number or word, plus its ending.
 * A trailing slash is no part of it: servers redirect `/posts/x` to `/posts/x/`, and an index may link
 * one form while the feed and sitemap list the other.
 */
export function pathShape(url: string): string {
  const path = new URL(url).pathname;
  const segments = path.split('/').filter(Boolean);
  const classes = segments.map((s, i) => {
    // A file's ending starts with a letter: `go-1.21` and `release-v2.0` are slugs with a version in them.
    const ext = i === segments.length - 1 ? (/\.[a-z][a-z0-9]*$/i.exec(s)?.[0] ?? '') : '';
    const stem = ext ? s.slice(0, -ext.length) : s;
    const kind = /^(19|20)\d{2}$/.test(stem) ? 'Y' : /^\d{1,2}$/.test(stem) ? 'M' : /^\d+$/.test(stem) ? 'N' : 'S';
    return kind + ext.toLowerCase();
  });
  return `/${classes.join('/')}`;
}

/** The URL with its section's prefix taken off its path (`/en/posts/x/` in section `/en/` -> `/posts/x/`). */
export function withoutSection(url: string, section: string): string {
  const u = new URL(url);
  return u.pathname.startsWith(section) ? new URL(`/${u.pathname.slice(section.length)}`, u).href : url;
}

/** Fixed words of known post paths kept in the shape (`/posts/S/`, `/blog/Y/M/S`): first segments only. */
export function shapeKey(url: string): string {
  const first = new URL(url).pathname.split('/').filter(Boolean)[0] ?? '';
  const shape = pathShape(url);
  return shape.startsWith('/S') && !/^\d/.test(first) && shape.split('/').length > 3 ? `${first}:${shape}` : shape;
}

/** One URL of the blog's sitemaps, with its `<lastmod>` (when the page last changed, not its publication date). */
export interface SitemapEntry {
  url: string;
  lastmod?: string;
  /**
   * The directory of the sitemap that listed it, when that is below the origin's root and holds the URL
   * (`/en/` for `/en/posts/x/` in `/en/sitemap.xml`): a multilingual site's language section, whose
   * posts are shaped like the main language's below that prefix.
   */
  section?: string;
}

/**
 * Every URL the blog's sitemaps list (robots.txt `Sitemap:` lines, else /sitemap.xml and the other usual
 * paths; indexes followed, bounded; child sitemaps of listings and pages left out), on the blog's origin,
 * each once, in sitemap order. Missing or broken sitemaps give an empty list; this never throws for them.
 */
export async function readSitemap(startUrl: string, fetcher: Fetcher, options: Pick<SitemapOptions, 'maxSitemaps' | 'onWarning'> = {}): Promise<SitemapEntry[]> {
  const maxSitemaps = options.maxSitemaps ?? 50;
  const queue = await robotsSitemaps(startUrl, fetcher);
  const fromRobots = queue.length > 0;
  if (!fromRobots) queue.push(...defaultSitemaps(startUrl));
  const origin = new URL('/', startUrl).href;
  const visited = new Set<string>();
  const out = new Map<string, SitemapEntry>();
  let read = 0;
  while (queue.length && read < maxSitemaps) {
    const url = queue.shift()!;
    if (visited.has(url)) continue;
    visited.add(url);
    read++;
    let parsed: ParsedSitemap | undefined;
    let finalUrl = url;
    try {
      const res = await fetcher.fetch(url, { kind: 'data' });
      finalUrl = res.finalUrl;
      parsed = res.status < 400 ? parseSitemap(responseText(res), res.finalUrl) : undefined;
    } catch (err) {
      if (fromRobots) options.onWarning?.(`sitemap ${url}: ${err instanceof FetchError ? err.reason : String(err)}`);
      continue;
    }
    if (!parsed) continue;
    queue.push(...parsed.sitemaps.filter((s) => !NON_POST_SITEMAP.test(new URL(s).pathname.split('/').pop() ?? '')));
    const dir = new URL('./', finalUrl).pathname;
    for (const { loc, lastmod } of parsed.urls) {
      const link = linkTarget(loc);
      const key = normalizeUrl(link);
      if (out.has(key) || !inScope(link, origin)) continue;
      const section = dir !== '/' && new URL(link).pathname.startsWith(dir) ? dir : undefined;
      out.set(key, { url: link, ...(lastmod ? { lastmod } : {}), ...(section ? { section } : {}) });
    }
    // The usual paths are alternatives: the first that is a sitemap is the site's sitemap.
    if (!fromRobots) queue.splice(0, queue.length, ...queue.filter((q) => !defaultSitemaps(startUrl).includes(q)));
  }
  return [...out.values()];
}

/**
 * The post-like URLs among a sitemap's, filtered as explained above: in scope, not the home or an index
 * page, not a listing or site page, and (when posts found by the index walk are given) shaped like one
 * of them. `<lastmod>` is not a post date: the links carry none.
 */
export function sitemapPostLinks(entries: SitemapEntry[], startUrl: string, knownPosts: (string | PostLink)[] = [], options: Pick<SitemapOptions, 'overrides' | 'scope'> = {}): PostLink[] {
  // A rerun guided by the sitemap asks with the URLs it added, usually none, and every archived post
  // as known: their scope and shapes (two URL parses each) are worked out only when there is a URL to try.
  if (!entries.length) return [];
  const known = knownPosts.map((p) => (typeof p === 'string' ? p : p.url));
  // Posts found by the walk outside the start directory (a blog at /blog/ with posts at /2015/...) widen it.
  const startScope = postScopeOf(startUrl);
  const scope = options.scope ?? (known.some((k) => !inScope(k, startScope)) ? new URL('/', startUrl).href : startScope);
  const exclude = excludeMatcher(options.overrides?.exclude);
  const shapes = new Set(known.map(shapeKey));
  const linkScope = { scope, pageUrl: startUrl };
  // A language section's URL (`/en/posts/x/1/` from `/en/sitemap.xml`) is also compared without its prefix:
  // a Hugo site whose other languages are linked from no page (no switcher, no hreflang) lists them only there.
  const out: PostLink[] = [];
  for (const { url, section } of entries) {
    if (!inScope(url, scope) || exclude(url) || rejectLink(url, linkScope)) continue;
    if (!shapes.size || shapes.has(shapeKey(url))) out.push({ url });
    else if (section && shapes.has(shapeKey(withoutSection(url, section)))) out.push({ url, section });
  }
  return out;
}

/** Post-like URLs listed by the blog's sitemaps: readSitemap, then sitemapPostLinks. */
export async function discoverSitemapLinks(
  startUrl: string,
  fetcher: Fetcher,
  knownPosts: (string | PostLink)[] = [],
  options: SitemapOptions = {},
): Promise<PostLink[]> {
  return sitemapPostLinks(await readSitemap(startUrl, fetcher, options), startUrl, knownPosts, options);
}

async function robotsSitemaps(startUrl: string, fetcher: Fetcher): Promise<string[]> {
  const robotsUrl = new URL('/robots.txt', startUrl).href;
  try {
    const res = await fetcher.fetch(robotsUrl, { kind: 'data' });
    if (res.status >= 400) return [];
    const found = responseText(res)
      .split(/\r?\n/)
      .map((line) => /^\s*sitemap\s*:\s*(\S+)/i.exec(line)?.[1])
      .map((href) => absoluteUrl(href, robotsUrl))
      .filter((u): u is string => u !== undefined && new URL(u).origin === new URL(startUrl).origin);
    return [...new Set(found)];
  } catch {
    return [];
  }
}

function defaultSitemaps(startUrl: string): string[] {
  const dir = new URL('./', startUrl).href;
  const root = new URL('/', startUrl).href;
  const bases = dir === root ? [root] : [dir, root];
  return bases.flatMap((base) => DEFAULT_SITEMAPS.map((p) => new URL(p, base).href));
}
