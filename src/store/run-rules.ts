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

/** A post a killed run already archived: the run that resumes it does not fetch it again. */
export function alreadyResumed(entry: ManifestEntry | undefined, journaled: ReadonlySet<string>, key: string): boolean {
  return journaled.has(key) && entry?.status === 'archived';
}

/** The validators of a conditional request: only an archived post's (a failed one is fetched whole). */
export function validatorsFor(entry: ManifestEntry | undefined): Validators {
  return entry?.status === 'archived' ? { etag: entry.etag, lastModified: entry.lastModified } : {};
}

/**
 * Whether a fetched page is the one archived: a 304, or (servers that ignore conditional requests)
 * the same bytes as last time, by their sha256. Extracting them again is most of what a nightly run
 * would cost.
 */
export function unchangedPage(entry: ManifestEntry | undefined, page: { notModified?: boolean }, source: string | undefined): boolean {
  return page.notModified === true || (entry?.status === 'archived' && source !== undefined && entry.source === source);
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
 * Posts in flight at once: the fetcher holds requests to `--concurrency`, and the posts in flight may be
 * more, so that a post being converted or written holds no request slot and the parsing threads always
 * have the next page ready (two jobs per worker).
 */
export function postsInFlight(concurrency: number, processorCapacity: number): number {
  return concurrency + 2 * processorCapacity;
}

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
