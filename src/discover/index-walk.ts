/**
 * Walks the paginated index from the start URL, page by page, yielding the posts each page adds.
 * Every way out of an endless chain (loops, calendar traps, `?page=999999`, ever-new URLs) ends at one
 * of: a page already visited, a page adding no new post, no next page in scope, or `maxPages`.
 */
import { createHash } from 'node:crypto';
import { withPage } from '../html/parse.js';
import type { Fetcher, FetchResult } from '../fetch/fetcher.js';
import { FetchError, RobotsDisallowed } from '../fetch/fetcher.js';
import type { Overrides, PostLink } from '../types.js';
import { lastPageIn, nextPagesIn } from './pagination.js';
import { archiveLinksIn } from './archive-links.js';
import { dateArchiveLinksIn } from './date-archives.js';
import { findPostLinks, postLinksIn } from './post-links.js';
import { inScope, normalizeUrl } from '../url/url.js';
import { postScopeOf } from './link-filters.js';
import { indexRootOf, numberedPageUrl, pageNumberOf } from './page-urls.js';

export type WalkEnd = 'no-next-page' | 'no-new-posts' | 'max-pages' | 'since' | 'error';

export interface IndexPage {
  /** The page's URL (after redirects). */
  url: string;
  /** Posts first seen on this page (a post listed again on a later page is not repeated). */
  links: PostLink[];
  /** Why the page could not be read; `links` is empty then. */
  error?: string;
  /** The page the walk goes to next. */
  next?: string;
  /** Set on the last page: why the walk stopped there. */
  end?: WalkEnd;
}

export interface WalkOptions {
  /** Stop after this many index pages (pages that failed count too). */
  maxPages: number;
  overrides?: Overrides;
  /** ISO date: stop after a page on which every post is dated before it (indexes run newest first). */
  since?: string;
  /** The start page when the caller fetched it already. */
  firstPage?: FetchResult;
  /**
   * Next pages must lie on the start URL's origin under its directory; so must posts, except that a
   * start page that is a listing (`/archives/`, `/tags/x/`) or lists most of its posts outside its own
   * path widens the post scope to the whole origin. Default: the start URL after redirects, pagination part dropped.
   */
  scope?: string;
  /** Passed to the fetcher: a browser expands "Load more" buttons before the snapshot. */
  expand?: boolean;
  /**
   * What earlier walks read from index pages, by a key that covers the page's bytes: an unchanged
   * page is not parsed again (on a nightly run of a big blog, parsing the index is most of the work).
   */
  cache?: IndexPageCache;
  /** Reads a page (default: `readIndexPage` on this thread); the archiver hands it to its worker threads. */
  read?: IndexReader;
}

/** What `readIndexPage` takes: the page, the overrides, the post scope, and whether it is the start page. */
export interface IndexReadRequest {
  html: string;
  url: string;
  overrides?: Overrides;
  scope: string;
  first: boolean;
}

export type IndexReading = Omit<ReadIndexPage, 'postScope'>;
export type IndexReader = (request: IndexReadRequest) => IndexReading | Promise<IndexReading>;

/** What one index page says: where the walk goes next and which posts it lists. */
export interface ReadIndexPage {
  nextPages: string[];
  found: PostLink[];
  postScope: string;
  /**
   * Pages walked one after another once the pagination ends: calendar archives (by month or year) of a
   * start page with no pagination, or the page a paginated start page names as its archive.
   */
  calendarPages?: string[];
  /** The next pages are the full list of posts a start page without pagination links to ("All posts"). */
  toListing?: boolean;
  /** The highest-numbered page the pagination links to in the next page's URL shape ("… 100"). */
  lastPage?: string;
}

export interface IndexPageCache {
  get(key: string): ReadIndexPage | undefined;
  set(key: string, page: ReadIndexPage): void;
}

/**
 * Yields one IndexPage per index page read. The start page must be readable: its failure is thrown (a
 * FetchError naming the URL). Later pages that fail are yielded with `error` set, and the walk goes on
 * with the previous page's next-best candidate when there is one, else ends there.
 */
export async function* walkIndex(startUrl: string, fetcher: Fetcher, options: WalkOptions): AsyncGenerator<IndexPage> {
  let pageScope = options.scope ?? indexRootOf(startUrl);
  let postScope = options.scope ?? postScopeOf(startUrl);
  const visited = new Set<string>();
  const seenPosts = new Set<string>();
  let queue: string[] = [startUrl];
  let count = 0;
  /** The pages a start page without pagination links to as its full post list. */
  let listing: Set<string> | undefined;
  // Calendar pages of a start page with no pagination: each is walked (with its own pagination) in turn.
  const calendar: string[] = [];
  /** The pages taken from `calendar`: one that does not exist (a broken "Archive" link) or robots.txt refuses only adds no posts. */
  const fromCalendar = new Set<string>();
  const nextCalendarPage = (): string | undefined => {
    while (calendar.length) {
      const next = calendar.shift()!;
      if (!visited.has(normalizeUrl(next))) {
        fromCalendar.add(normalizeUrl(next));
        return next;
      }
    }
    return undefined;
  };

  /**
   * Pages of a numbered pagination requested before the walk gets to them, by URL. The walk reads its
   * pages one after another, a round trip each, and across a network the posts outran it: request slots
   * sat idle waiting for the next page's list. Only pages the pagination shows to exist are fetched ahead,
   * a few at a time, and none when the walk may end early (`since`) or renders its pages.
   */
  const ahead = new Map<string, Promise<FetchResult>>();
  const fetchPage = (url: string): Promise<FetchResult> => {
    const key = normalizeUrl(url);
    const early = ahead.get(key);
    ahead.delete(key);
    return early ?? fetcher.fetch(url, { kind: 'page', expand: options.expand });
  };
  const fetchAhead = (next: string, last: string, pagesLeft: number) => {
    const from = pageNumberOf(next)?.number;
    const to = pageNumberOf(last)?.number;
    if (options.since || options.expand || from === undefined || to === undefined) return;
    for (let n = from + 1; n <= Math.min(to, from + PAGES_AHEAD, from + pagesLeft - 1); n++) {
      const url = numberedPageUrl(next, last, n);
      if (!url || visited.has(normalizeUrl(url)) || ahead.has(normalizeUrl(url))) continue;
      const early = fetcher.fetch(url, { kind: 'page' });
      // Its failure is the walk's when it gets to the page, as if fetched then.
      early.catch(() => undefined);
      ahead.set(normalizeUrl(url), early);
    }
  };

  while (queue.length) {
    const url = queue.shift()!;
    if (visited.has(normalizeUrl(url))) continue;
    visited.add(normalizeUrl(url));
    count++;
    const first = count === 1;

    let res: FetchResult;
    try {
      res = first && options.firstPage ? options.firstPage : await fetchPage(url);
      if (res.status >= 400) throw new FetchError(url, `HTTP ${res.status}`, res.status);
      if (res.text === undefined) throw new FetchError(url, `not an HTML page (${res.contentType || 'no content type'})`);
      if (first && !options.scope) {
        // Where the start URL redirects (http -> https, /blog -> /blog/) is where the blog is; a start
        // in the middle of the pagination (/blog/page/3/) still walks the pages under /blog/.
        pageScope = indexRootOf(res.finalUrl);
        postScope = postScopeOf(res.finalUrl);
      }
      if (!inScope(res.finalUrl, pageScope)) throw new FetchError(url, `redirected out of the blog to ${res.finalUrl}`);
    } catch (err) {
      if (first) throw err;
      // A calendar or "Archive" page is walked for posts the pagination may leave out: one that does not
      // exist, or that robots.txt keeps crawlers off (themes' default robots.txt often lists /archives/),
      // adds no posts rather than failing the run.
      const gone = fromCalendar.has(normalizeUrl(url)) && (err instanceof RobotsDisallowed || (err instanceof FetchError && (err.status === 404 || err.status === 410)));
      if (gone) {
        const next = count < options.maxPages ? nextCalendarPage() : undefined;
        if (!next) return;
        queue = [next];
        continue;
      }
      if (!queue.length) {
        const next = nextCalendarPage();
        if (next) queue = [next];
      }
      const more = queue.length > 0 && count < options.maxPages;
      yield { url, links: [], error: reasonOf(err), ...(more ? { next: queue[0] } : { end: 'error' as const }) };
      if (!more) return;
      continue;
    }
    visited.add(normalizeUrl(res.finalUrl));
    let nextPages: string[];
    let found: PostLink[];
    let calendarPages: string[] | undefined;
    let toListing: boolean | undefined;
    let lastPage: string | undefined;
    const key = options.cache && cacheKey(res.finalUrl, res.text, postScope, first, options);
    const cached = key ? options.cache!.get(key) : undefined;
    try {
      if (cached) {
        ({ nextPages, found, postScope, calendarPages, toListing, lastPage } = cached);
      } else {
        const read = options.read ?? readIndexPage;
        ({ nextPages, found, calendarPages, toListing, lastPage } = await read({ html: res.text, url: res.finalUrl, overrides: options.overrides, scope: postScope, first }));
        const origin = new URL(res.finalUrl).origin + '/';
        if (first && !options.scope && postScope !== origin) {
          // Most of the listing outside the start directory (a WordPress blog page at /blog/ listing posts
          // at /2015/07/slug/): the posts live on the whole origin.
          const wide = findPostLinks(res.text, res.finalUrl, options.overrides, { scope: origin });
          if (found.length === 0 ? wide.length > 0 : wide.length > 2 * found.length) {
            postScope = origin;
            found = wide;
          }
        }
        if (key) options.cache!.set(key, { nextPages, found, postScope, ...(calendarPages?.length ? { calendarPages } : {}), ...(toListing ? { toListing } : {}), ...(lastPage ? { lastPage } : {}) });
      }
    } catch (err) {
      // Only a bad --next/--post-link selector or a pathological page gets here.
      if (first) throw new Error(`${res.finalUrl}: cannot read the index: ${reasonOf(err)}`);
      yield { url: res.finalUrl, links: [], error: `cannot read the index: ${reasonOf(err)}`, end: 'error' };
      return;
    }
    calendar.push(...(calendarPages ?? []).filter((next) => inScope(next, pageScope)));
    const links = found.filter((link) => !seenPosts.has(normalizeUrl(link.url)));
    for (const link of links) seenPosts.add(normalizeUrl(link.url));

    const page: IndexPage = { url: res.finalUrl, links };
    if (first && toListing) listing = new Set(nextPages.map(normalizeUrl));
    // The full list a home page links to ("All posts") begins with the posts the home page showed: its
    // own next page is where the posts the home page did not show are.
    const listingStart = listing?.has(normalizeUrl(url)) === true;
    if (!first && links.length === 0 && !listingStart) {
      // A calendar month whose posts the home page showed already adds nothing: go on to the next month.
      const next = count < options.maxPages ? nextCalendarPage() : undefined;
      if (!next) {
        yield { ...page, end: 'no-new-posts' };
        return;
      }
      queue = [next];
      yield { ...page, next };
      continue;
    }
    if (options.since && allOlderThan(found, options.since)) {
      yield { ...page, end: 'since' };
      return;
    }
    queue = nextPages.filter((next) => inScope(next, pageScope) && !visited.has(normalizeUrl(next)));
    if (count >= options.maxPages) {
      // Only a walk with pages left was stopped by the limit.
      const left = queue.length > 0 || calendar.some((next) => !visited.has(normalizeUrl(next)));
      yield { ...page, end: left ? 'max-pages' : 'no-next-page' };
      return;
    }
    if (!queue.length) {
      const next = nextCalendarPage();
      if (next) queue = [next];
    }
    if (!queue.length) {
      yield { ...page, end: 'no-next-page' };
      return;
    }
    if (lastPage && queue[0] === nextPages[0]) fetchAhead(queue[0]!, lastPage, options.maxPages - count);
    yield { ...page, next: queue[0] };
  }
}

/** Index pages requested ahead of the walk: enough to keep a walk a round trip per page ahead of the posts. */
const PAGES_AHEAD = 2;

/** Everything the reading of a page depends on, so a cached reading is only reused when it would come out the same. */
function cacheKey(url: string, html: string, postScope: string, first: boolean, options: WalkOptions): string {
  return createHash('sha256')
    .update(JSON.stringify([url, postScope, first, options.scope ?? null, options.overrides ?? null]))
    .update(html)
    .digest('hex');
}

/**
 * One parse serves both questions; the next pages are read before post detection strips the chrome. A
 * start page without pagination that links to an archive ("View all posts") goes on to the archive: a
 * home page showing the latest few posts is not the whole blog; so does one that links only to calendar
 * archives (by month or year), all of which are walked. A --next override says where pages go.
 */
export function readIndexPage({ html, url, overrides, scope, first }: IndexReadRequest): IndexReading {
  return withPage(html, ($) => {
    let nextPages = nextPagesIn($, url, overrides);
    let calendarPages: string[] = [];
    let toListing = false;
    if (first && !nextPages.length && !overrides?.next) {
      nextPages = archiveLinksIn($, url);
      toListing = nextPages.length > 0;
      if (!toListing) calendarPages = dateArchiveLinksIn($, url);
    } else if (first && !overrides?.next) {
      // Paginated home pages can leave posts out (Jekyll themes' `hidden: true`, pinned or excluded
      // categories) that the page named "Archive" still lists: it is walked after the pagination, and
      // costs one page when it lists nothing new.
      calendarPages = archiveLinksIn($, url, { named: true }).slice(0, 1);
    }
    const lastPage = !toListing && nextPages[0] ? lastPageIn($, url, nextPages[0]) : undefined;
    return { nextPages, found: postLinksIn($, url, overrides, { scope }), calendarPages, ...(toListing ? { toListing } : {}), ...(lastPage ? { lastPage } : {}) };
  });
}

/** True when the page lists posts and every one of them carries a date before `since`. */
function allOlderThan(links: PostLink[], since: string): boolean {
  const limit = Date.parse(since);
  if (Number.isNaN(limit) || !links.length) return false;
  return links.every((link) => link.date !== undefined && Date.parse(link.date) < limit);
}

function reasonOf(err: unknown): string {
  if (err instanceof FetchError) return err.reason;
  return err instanceof Error ? err.message : String(err);
}
