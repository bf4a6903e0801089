/**
 * What a run writes, as decisions on the archive's own records: which posts a run fetches again,
 * which validators it sends and keeps, when it may skip a page, when it marks posts missing. Pure:
 * pipeline/post-step.ts and pipeline/archive.ts act on them, test/unit/store-run-rules.test.ts checks them.
 */
import type { ManifestEntry } from './manifest.js';

export interface Validators {
  etag?: string;
  lastModified?: string;
}

/**
 * An archived post made with the run's `rules` (pipeline/options.ts `extractionRules`: blogvault's version
 * and the extraction options): only such a post may stand when its page did not change. Made with other
 * ones, it is fetched whole and processed again.
 */
export function madeWith(entry: ManifestEntry | undefined, rules: string): entry is ManifestEntry {
  return entry?.status === 'archived' && entry.rules === rules;
}

/** A post a killed run already archived: the run that resumes it does not fetch it again. */
export function alreadyResumed(entry: ManifestEntry | undefined, journaled: ReadonlySet<string>, key: string, rules: string): boolean {
  return journaled.has(key) && madeWith(entry, rules);
}

/** The validators of a conditional request: only an archived post's made with the run's rules (a failed one is fetched whole). */
export function validatorsFor(entry: ManifestEntry | undefined, rules: string): Validators {
  return madeWith(entry, rules) ? { etag: entry.etag, lastModified: entry.lastModified } : {};
}

/**
 * Whether a fetched page is the one archived: a 304, or (servers that ignore conditional requests)
 * the same bytes as last time, by their sha256. Extracting them again is most of what a nightly run
 * would cost.
 */
export function unchangedPage(entry: ManifestEntry | undefined, page: { notModified?: boolean }, source: string | undefined, rules: string): boolean {
  return page.notModified === true || (madeWith(entry, rules) && source !== undefined && entry.source === source);
}

/**
 * The validators and page hash kept with a written post. Without them the next run fetches and
 * processes the post again: so where an image could not be archived, it is retried; with them the post
 * would answer 304 (or the same bytes) and keep its remote image link forever.
 */
export function validatorsToKeep(imageMissing: boolean, page: Validators & { source?: string }): Validators & { source?: string } {
  return imageMissing ? {} : { etag: page.etag, lastModified: page.lastModified, source: page.source };
}

/**
 * Posts in flight at once, and post pages being fetched at once. The fetcher holds requests to
 * `--concurrency`; the posts in flight are more, so that a post being converted, waiting for its images
 * or written holds no request slot, and pages fetched while the parsing threads are busy wait for them
 * instead of leaving the next requests unsent. Post pages fetched (or queued in the fetcher) at once are
 * held to a few over `--concurrency`: a slot that frees always has the next post queued, and an index
 * page or an image waits behind a few of them at most, not behind every post in flight.
 * `scheduled` bounds the posts an index walk may have found and not yet seen archived: past it the walk
 * waits. The walk of a 10,000-post blog ran far ahead of the posts, and each post waiting in the queue
 * held its link, closure and promises on the main thread: about 4 MB more at the peak than a
 * 1,000-post blog. A hundred queued posts are seconds of work at any concurrency, while the walk finds
 * some ten posts per round trip.
 */
export function postsInFlight(concurrency: number, processorCapacity: number): { posts: number; pages: number; scheduled: number } {
  const posts = POSTS_PER_SLOT * concurrency + 2 * processorCapacity;
  return { posts, pages: concurrency + PAGES_AHEAD, scheduled: posts + POSTS_QUEUED };
}

const POSTS_PER_SLOT = 4;
const PAGES_AHEAD = 2;
const POSTS_QUEUED = 100;

/**
 * A post only the feed or sitemap lists is worth fetching unless `--since` cut the walk on purpose and
 * it is older, or it is archived already: then the walk did not miss it.
 */
export function worthFetching(link: { date?: string }, since: string | undefined, entry: ManifestEntry | undefined): boolean {
  if (since === undefined) return true;
  const cut = Date.parse(since);
  return !(link.date && Date.parse(link.date) < cut) && entry?.status !== 'archived';
}

/**
 * Whether the posts the blog no longer lists may be marked missing: only after a walk that saw the
 * whole index (not cut by `--since`, `--max-pages` or an unreadable page) and was not interrupted.
 */
export function mayMarkMissing(walkComplete: boolean, interrupted: boolean): boolean {
  return walkComplete && !interrupted;
}

/** Archived posts a sitemap-guided run fetches without being told to, to catch a sitemap whose dates lie. */
export const SAMPLE_SIZE = 4;
/** Of the sample, the most recently published posts: the ones most often corrected after publication. */
const NEWEST_SAMPLED = 2;

export interface SitemapPlanInput {
  /** The archive's posts: normalised URL and publication date of each archived one. */
  archived: readonly { url: string; date?: string }[];
  /** The sitemap now: normalised URL -> `<lastmod>` ('' when it gives none). */
  sitemap: ReadonlyMap<string, string>;
  /** The `<lastmod>` each archived post had when last checked. */
  lastmod: Readonly<Record<string, string>>;
  /** Sitemap URLs known not to be posts, with their `<lastmod>` then. */
  notPosts: Readonly<Record<string, string>>;
  /** Runs that checked samples before this one. */
  samplesChecked: number;
}

export interface SitemapPlan {
  /** Archived posts the sitemap says changed: fetched (conditionally). */
  changed: string[];
  /** URLs the sitemap lists that are neither archived nor known non-posts (or whose page changed): judged and fetched. */
  added: string[];
  /** Archived posts the sitemap says did not change, fetched anyway to check that it tells the truth. */
  sample: string[];
  /** Archived posts neither fetched nor sampled: taken as unchanged. */
  unchanged: string[];
}

const dayOf = (date: string): string | undefined => {
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
};

/**
 * What a run guided by the blog's sitemap fetches, or why every post must be checked instead. The
 * sitemap must list every archived post with a `<lastmod>` recorded before, and its dates must be
 * modification dates. Jekyll's and Hugo's sitemaps give a post's publication date unless its front matter
 * sets another, so an edit does not move it: when most posts' `<lastmod>` falls on the day they were
 * published, the dates are taken for publication dates (a blog whose posts were mostly never edited loses
 * nothing: it is checked as before, with conditional requests). The sample is the newest posts plus a window
 * that moves along the others in URL order from run to run, so every post is checked in turn.
 */
export function planFromSitemap(input: SitemapPlanInput): SitemapPlan | { fullCheck: string } {
  const { archived, sitemap, lastmod } = input;
  if (!archived.length) return { fullCheck: 'nothing archived yet' };
  for (const { url } of archived) {
    if (!sitemap.get(url)) return { fullCheck: `the sitemap gives no date for ${url}` };
    if (lastmod[url] === undefined) return { fullCheck: `no sitemap date recorded for ${url} by an earlier run` };
  }
  const modified = archived.filter(({ url, date }) => date !== undefined && dayOf(date) !== undefined && dayOf(sitemap.get(url)!) !== dayOf(date));
  if (modified.length * 2 <= archived.length) return { fullCheck: 'the sitemap\'s dates are the posts\' publication dates, which an edit does not move' };
  const archivedSet = new Set(archived.map((a) => a.url));
  const changed = archived.filter(({ url }) => sitemap.get(url) !== lastmod[url]).map((a) => a.url);
  const added = [...sitemap.keys()].filter((url) => !archivedSet.has(url) && input.notPosts[url] !== sitemap.get(url));
  const steady = archived.filter(({ url }) => sitemap.get(url) === lastmod[url]);
  const newest = [...steady]
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || (a.url < b.url ? -1 : 1))
    .slice(0, NEWEST_SAMPLED)
    .map((a) => a.url);
  const rest = steady.map((a) => a.url).filter((url) => !newest.includes(url)).sort();
  const start = rest.length ? (input.samplesChecked * (SAMPLE_SIZE - NEWEST_SAMPLED)) % rest.length : 0;
  const window = Array.from({ length: Math.min(SAMPLE_SIZE - NEWEST_SAMPLED, rest.length) }, (_, i) => rest[(start + i) % rest.length]!);
  const sample = [...newest, ...window];
  const sampled = new Set(sample);
  return { changed, added, sample, unchanged: steady.map((a) => a.url).filter((url) => !sampled.has(url)) };
}
