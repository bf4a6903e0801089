/**
 * One post, from its URL to its file: fetch (conditionally) -> unchanged? -> extract and convert (on a
 * worker) -> a post at all? -> metadata the feed completes -> images -> write. The decisions are the
 * store's run rules (store/run-rules.ts) and the discovery's judgement of pages (discover/post-judge.ts).
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { Fetcher, FetchResult } from '../fetch/fetcher.js';
import { FetchError } from '../fetch/fetcher.js';
import { needsRendering } from '../fetch/render-detect.js';
import { isPost, type KnownPages } from '../discover/post-judge.js';
import { withFeedTerms } from '../extract/taxonomy.js';
import { preciseDate } from '../text/dates.js';
import { normalizeUrl } from '../url/url.js';
import type { ArchiveStore } from '../store/archive-store.js';
import { ArchiveWriteError } from '../store/atomic-write.js';
import { alreadyResumed, unchangedPage, validatorsFor, validatorsToKeep } from '../store/run-rules.js';
import type { PostLink, SiteFacts } from '../types.js';
import type { ImageCache } from './image-cache.js';
import { collectImageUrls, rewriteImageUrls } from './images.js';
import type { ArchiveSettings } from './options.js';
import type { PostProcessor } from './worker-pool.js';
import type { ProcessedPost } from './process-post.js';
import { reasonOf, RunStopped } from './errors.js';

export interface PostStepContext {
  settings: ArchiveSettings;
  store: ArchiveStore;
  /** Fetches post pages (HTTP, or the browser for a JavaScript-rendered blog). */
  pages: Fetcher;
  /**
   * Holds the post pages being fetched at once (run-rules.ts `postsInFlight`); unset: no limit but the
   * fetcher's. Rejects with RunStopped, without fetching, once the run is stopping.
   */
  pageSlots?: (url: string, fetch: () => Promise<FetchResult>) => Promise<FetchResult>;
  /**
   * `--render auto` with a browser: each post is rendered only when its own static HTML lacks the
   * content (a blog whose index is built by scripts may serve its posts whole).
   */
  renderPerPage: boolean;
  processor: PostProcessor;
  images: ImageCache;
  /** What the start page says of the whole blog. */
  site: SiteFacts;
  /** Posts a killed run archived (normalised URLs): the run that resumes it does not fetch them again. */
  resumed: ReadonlySet<string>;
  /** The feed's entries by normalised URL: read on the first call (a run led by the sitemap may need none). */
  feed: () => Promise<ReadonlyMap<string, PostLink>>;
  /** What the run knows, to judge pages only the feed or sitemap list. */
  known: KnownPages;
  /** A post fetched and read before its step (the render probe): taken by its step, once. */
  probe?: ProbedPost;
  /** What posts are made with in this run (`extractionRules`), recorded with each. */
  rules: string;
  /** Pages whose article is only links to the blog's pages are listings, not posts (not when the user named one post). */
  listings: boolean;
}

export interface ProbedPost {
  url: string;
  page: FetchResult;
  processed: ProcessedPost;
}

export type PostOutcome =
  | { status: 'new' | 'changed' | 'unchanged'; file: string }
  | { status: 'failed'; reason: string }
  | { status: 'not a post' }
  /** The page is only links to other pages of the blog (a section's list of cards): its posts are to be walked. */
  | { status: 'listing'; page: FetchResult };

/**
 * Archives the post at `link`. `judge`: it is archived only if it reads as a post (a page the feed or
 * sitemap lists may be "About"); a page whose article is only links to the blog's pages is a listing
 * (handed back to be walked) unless the feed lists it; a page with no title and no body is not a post. A page that cannot be fetched or read is a failed
 * post, recorded for the next run; an archive that cannot be written throws (ArchiveWriteError): the run cannot go on.
 */
export async function archivePost(link: PostLink, judge: boolean, ctx: PostStepContext): Promise<PostOutcome> {
  const { store, settings } = ctx;
  const entry = store.entry(link.url);
  if (alreadyResumed(entry, ctx.resumed, normalizeUrl(link.url), ctx.rules)) return { status: 'unchanged', file: entry?.file ?? '' };
  const validators = validatorsFor(entry, ctx.rules);
  const probe = ctx.probe?.url === link.url ? ctx.probe : undefined;
  if (probe) ctx.probe = undefined;
  try {
    const read = (page: FetchResult) => ctx.processor.process(page.text ?? '', page.finalUrl, { overrides: settings.overrides, site: ctx.site });
    // The static document read to decide, and what it read as: used as is when it is not rendered.
    let unrendered: { page: FetchResult; processed: ProcessedPost } | undefined;
    const renderIf = async (page: FetchResult): Promise<boolean> => {
      const processed = await read(page);
      unrendered = { page, processed };
      return needsRendering(page.text ?? '', { contentTextLength: processed.markdown.trim().length }).render;
    };
    const fetchPage = () => ctx.pages.fetch(link.url, { kind: 'page', ...validators, ...(ctx.renderPerPage ? { renderIf } : {}) });
    const res = probe?.page ?? (await (ctx.pageSlots ? ctx.pageSlots(link.url, fetchPage) : fetchPage()));
    const source = res.notModified ? undefined : createHash('sha256').update(res.body).digest('hex');
    if (unchangedPage(entry, res, source, ctx.rules)) {
      await store.markNotModified(link.url, res.notModified ? validators : { etag: res.headers['etag'], lastModified: res.headers['last-modified'] });
      return { status: 'unchanged', file: entry?.file ?? '' };
    }
    const processed = probe?.processed ?? (unrendered?.page === res ? unrendered.processed : await read(res));
    // A page listed like a post whose article is only its cards: unless the feed names it a post. One
    // whose article is the first of its cards is a listing even so: a feed that lists it lists sections.
    const listing = ctx.listings && entry?.status !== 'archived' && (processed.listEntry || (processed.linkList && !(await ctx.feed()).has(normalizeUrl(link.url))));
    if (listing) {
      store.release(link.url);
      return { status: 'listing', page: res };
    }
    // Neither a title nor a word of body (an engine's page for an empty source file): nothing to archive.
    if (!processed.meta.title && !link.title && !processed.markdown.trim() && entry?.status !== 'archived') {
      store.release(link.url);
      return { status: 'not a post' };
    }
    if (judge && entry?.status !== 'archived' && !isPost({ dated: processed.dated, canonical: processed.meta.canonical }, link, res, ctx.known)) {
      store.release(link.url);
      return { status: 'not a post' };
    }
    const inFeed = (await ctx.feed()).get(normalizeUrl(link.url));
    const terms = link.terms ?? inFeed?.terms ?? entry?.terms;
    const date = preciseDate(processed.meta.date, inFeed?.date ?? link.date);
    const meta = { ...withFeedTerms(processed.meta, terms), title: processed.meta.title || link.title || '', ...(date ? { date } : {}) };
    const file = store.postPath(link.url, meta);
    let markdown = processed.markdown;
    const assets: Record<string, string> = {};
    let imageMissing = false;
    if (settings.images) {
      const local = new Map<string, string>();
      const sources = collectImageUrls(markdown);
      const saved = await Promise.all(sources.map((src) => ctx.images.get(src, entry?.assets)));
      sources.forEach((src, i) => {
        const path = saved[i];
        if (path === undefined) {
          imageMissing = true;
          return;
        }
        // Inline images need no URL map: the next run decodes them again, with no request.
        if (!src.startsWith('data:')) assets[src] = path;
        local.set(src, posix.relative(posix.dirname(file), path));
      });
      markdown = rewriteImageUrls(markdown, local);
    }
    const result = await store.writePost({
      url: link.url,
      meta,
      markdown,
      ...validatorsToKeep(imageMissing, { etag: res.headers['etag'], lastModified: res.headers['last-modified'], source }),
      rules: ctx.rules,
      assets,
      terms,
      html: settings.keepHtml ? Buffer.from(res.text ?? '', 'utf8') : undefined,
    });
    return { status: result.status, file: result.file };
  } catch (err) {
    if (err instanceof ArchiveWriteError || err instanceof RunStopped) throw err;
    const reason = err instanceof FetchError ? err.reason : reasonOf(err);
    await store.markFailed(link.url, reason);
    return { status: 'failed', reason };
  }
}
