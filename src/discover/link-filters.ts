/**
 * Which URLs can be posts: the blog's own pages that are not listings (tags, categories, archives,
 * authors, pagination, search, feeds) or site pages (about, contact), plus the user's --exclude patterns.
 */
import { inScope, normalizeUrl } from '../url/url.js';
import { indexRootOf, pageNumberOf } from './page-urls.js';
import { CALENDAR_PREFIX, FILE_EXTENSION, LISTING_QUERY, LISTING_SEGMENTS, SITE_PAGES } from './vocabulary.js';

/** One reason a URL is not a post, as a named test on its parsed form. */
interface NonPostRule {
  name: string;
  test(url: URL, segments: string[]): boolean;
}

const YEAR = /^(19|20)\d{2}$/;
/** What may follow `/archives/` on a listing: a year, month and day, a page number. */
const ARCHIVE_REST = /^(?:(?:19|20)\d{2}(?:\/\d{1,2}(?:\/\d{1,2})?)?)?(?:\/?page\/\d+)?(?:\/?index\.html?)?$/i;
const MONTH_OR_DAY = /^\d{1,2}$/;
/** A language folder of a multilingual blog: `en`, `fr`, `zh-cn`, `pt_BR`. */
const LANGUAGE_SEGMENT = /^[a-z]{2}(?:[-_][a-z]{2,4})?$/i;

/**
 * Whether segment `i` is the slug of a dated permalink (`/2020/12/01/archive/`, `/2019/03/tags/`): the
 * last segment, right after a year and month (and day). A post may be named like a listing; only
 * feeds hang off a date that way (WordPress's `/2020/12/feed/`), so feed words stay listings.
 */
function datedSlug(segs: string[], i: number): boolean {
  if (i !== segs.length - 1 || /^(feeds?|rss|atom|comments)$/i.test(segs[i]!)) return false;
  const date = segs.slice(0, i);
  const y = date.findIndex((s) => YEAR.test(s));
  return y >= 0 && date.length - y >= 2 && date.length - y <= 3 && date.slice(y + 1).every((s) => MONTH_OR_DAY.test(s));
}

const NON_POST_RULES: NonPostRule[] = [
  { name: 'file', test: (u) => FILE_EXTENSION.test(u.pathname) },
  { name: 'listing segment', test: (_u, segs) => segs.some((s, i) => LISTING_SEGMENTS.has(s.toLowerCase()) && !datedSlug(segs, i)) },
  // Site pages sit near the top (`/about/`, `/blog/links/`); `/2015/07/26/links/` is a post of links.
  // A language folder does not make a page deeper (`/blog/en/about/`, `/astro-nano-me/fr/work`).
  {
    name: 'site page',
    test: (_u, segs) => {
      const own = segs.filter((s, i) => i === segs.length - 1 || !LANGUAGE_SEGMENT.test(s));
      return own.length > 0 && own.length <= 2 && !segs.some((s) => YEAR.test(s)) && SITE_PAGES.has(own[own.length - 1]!.toLowerCase().replace(/\.html?$/, ''));
    },
  },
  {
    // `/archives/`, `/archive/2015/07/` are listings; `/archives/123/` (Typecho, WordPress) is a post.
    name: 'archive listing',
    test: (_u, segs) => {
      const i = segs.findIndex((s) => /^archives?$/i.test(s));
      return i >= 0 && !datedSlug(segs, i) && ARCHIVE_REST.test(segs.slice(i + 1).join('/'));
    },
  },
  {
    // A path made of a year, maybe a month and a day, after calendar prefixes only, is a date archive.
    name: 'date archive',
    test: (_u, segs) => {
      const i = segs.findIndex((s) => YEAR.test(s));
      return (
        i >= 0 &&
        segs.slice(0, i).every((s) => CALENDAR_PREFIX.test(s)) &&
        segs.length - i <= 3 &&
        segs.slice(i + 1).every((s) => MONTH_OR_DAY.test(s) || /^index\.html?$/i.test(s))
      );
    },
  },
  // `/N/` is left out: a short number can be a post id as well as a page.
  { name: 'pagination', test: (u) => (pageNumberOf(u.href)?.shape.name ?? '/N/') !== '/N/' },
  { name: 'listing query', test: (u) => [...u.searchParams.keys()].some((k) => LISTING_QUERY.test(k)) },
  { name: 'blogger page', test: (u) => /^\/p\/[^/]+\.html$/i.test(u.pathname) },
];

/** The name of the first rule saying `url` is a listing or site page, not a post; undefined if none does. */
export function nonPostReason(url: string): string | undefined {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter(Boolean).map((s) => safeDecode(s));
  return NON_POST_RULES.find((rule) => rule.test(u, segments))?.name;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Compiles --exclude patterns. A pattern written `/.../flags` is a regular expression searched in the full
 * URL. Otherwise it is a glob: `*` matches any run of characters (slashes included), `?` one character;
 * a glob with a wildcard must match the whole URL or its path (plus query), one without is a substring test
 * on the URL. Examples: `/drafts/`, `*\/tag/*`, `*.pdf`, `/\/20(0|1)\d\//`.
 */
export function excludeMatcher(patterns: string[] | undefined): (url: string) => boolean {
  const tests = (patterns ?? []).filter((p) => p.trim()).map(compilePattern);
  if (!tests.length) return () => false;
  return (url) => {
    let path = url;
    try {
      const u = new URL(url);
      path = u.pathname + u.search;
    } catch {
      // not a URL: test the text as given
    }
    return tests.some((t) => t(url, path));
  };
}

const REGEX_PATTERN = /^\/(.+)\/([a-z]*)$/;

/** Why an --exclude pattern written as `/regex/flags` does not compile; undefined for a usable pattern. */
export function excludePatternError(pattern: string): string | undefined {
  const regex = REGEX_PATTERN.exec(pattern.trim());
  if (!regex) return undefined;
  try {
    new RegExp(regex[1]!, regex[2]);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

function compilePattern(pattern: string): (url: string, path: string) => boolean {
  const regex = REGEX_PATTERN.exec(pattern.trim());
  if (regex) {
    try {
      const re = new RegExp(regex[1]!, regex[2]);
      return (url) => re.test(url);
    } catch {
      // the CLI refuses such patterns; one saved by an older version is taken literally below
    }
  }
  const glob = pattern.trim();
  if (!/[*?]/.test(glob)) return (url) => url.includes(glob);
  const re = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return (url, path) => re.test(url) || re.test(path);
}

export interface LinkScope {
  /** Links must be on this URL's origin and under its directory. */
  scope: string;
  /** The page the link was found on; links to it (or to the index root) are not posts. */
  pageUrl: string;
  exclude?: (url: string) => boolean;
}

const INDEX_KEYS = new WeakMap<LinkScope, Set<string>>();

/** The page itself, its index root and the scope root: asked once per link, computed once per page. */
function indexKeys(ctx: LinkScope): Set<string> {
  let keys = INDEX_KEYS.get(ctx);
  if (!keys) {
    keys = new Set([ctx.pageUrl, indexRootOf(ctx.pageUrl), ctx.scope].map(normalizeUrl));
    INDEX_KEYS.set(ctx, keys);
  }
  return keys;
}

/** Why a link is not taken as a post candidate, or undefined when it may be a post. */
export function rejectLink(url: string, ctx: LinkScope): string | undefined {
  if (!inScope(url, ctx.scope)) return 'out of scope';
  if (indexKeys(ctx).has(normalizeUrl(url))) return 'index page';
  if (new URL(url).pathname === '/' && !new URL(url).search) return 'home page';
  const reason = nonPostReason(url);
  if (reason) return reason;
  if (ctx.exclude?.(url)) return 'excluded';
  return undefined;
}

/** The URL without its fragment: `/post/#more` is the post itself. */
/**
 * The page a link leads to, as it is fetched: no fragment (Hexo's "Read More" goes to `/post/#more`),
 * and repeated slashes in the path merged (a Jekyll `url` ending in "/" gives `//post/` in every feed
 * link; servers answer both with the same page).
 */
export function linkTarget(url: string): string {
  const u = new URL(url);
  u.hash = '';
  if (u.pathname.includes('//')) u.pathname = u.pathname.replace(/\/{2,}/g, '/');
  return u.href;
}

/**
 * The scope posts are looked for in, given the start URL: its own directory, unless the start page is
 * itself a listing (`/archives/`, `/tags/x/`, `/categories/x/`), whose posts live elsewhere on the origin.
 */
export function postScopeOf(startUrl: string): string {
  const root = indexRootOf(startUrl);
  const u = new URL(root);
  if (u.pathname !== '/' && nonPostReason(root)) return `${u.origin}/`;
  return root;
}
