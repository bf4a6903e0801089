import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import pLimit from 'p-limit';
import type { Fetcher, FetchResult } from '../fetch/fetcher.js';
import { FetchError } from '../fetch/fetcher.js';
import type { HostRateLimiter } from '../fetch/rate-limit.js';
import { fetchLayerFor } from './http.js';
import { needsRendering } from '../fetch/render-detect.js';
import { notAnImage } from '../fetch/image-check.js';
import { findPostLinks } from '../discover/post-links.js';
import { archiveLinksIn } from '../discover/archive-links.js';
import { withPage } from '../html/parse.js';
import { walkIndex } from '../discover/index-walk.js';
import { discoverFeedLinks } from '../discover/feeds.js';
import { discoverSitemapLinks, pathShape } from '../discover/sitemap.js';
import { nonPostReason } from '../discover/link-filters.js';
import { normalizeUrl } from '../url/url.js';
import { crossCheck } from '../discover/cross-check.js';
import { ArchiveStore } from '../store/archive-store.js';
import { readSiteFacts } from '../discover/site-facts.js';
import { withFeedTerms } from '../extract/taxonomy.js';
import { preciseDate } from '../text/dates.js';
import type { ProcessedPost } from './process-post.js';
import { ArchiveWriteError } from '../store/atomic-write.js';
import type { PostLink } from '../types.js';
import { collectImageUrls, decodeDataImage, rewriteImageUrls } from './images.js';
import { createPostProcessor, type PostProcessor } from './worker-pool.js';
import { PersistentIndexCache } from './index-cache.js';
import type { ArchiveSettings } from './options.js';
import type { Reporter } from './reporter.js';
import { emptySummary, type RunSummary } from './summary.js';
import { InputError, reasonOf } from './errors.js';
import { VERSION } from '../version.js';

export interface RunOptions {
  settings: ArchiveSettings;
  out: string;
  /** Stop walking the index once its posts are older than this ISO date. */
  since?: string;
  reporter: Reporter;
  /** Aborted on SIGINT: no new post is started, the ones in flight finish. */
  signal?: AbortSignal;
  /** Parsing threads shared by the runs of one process (`backup`); left open. Otherwise the run starts its own. */
  processor?: PostProcessor;
  /** Per-host request spacing shared with other runs (`worker`: through Redis) in place of the run's own. */
  rateLimiter?: HostRateLimiter;
}

export function validateStartUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`${raw}: not a valid URL (expected something like https://blog.example.com/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`${raw}: only http and https URLs can be archived`);
  return url.href;
}

export async function runArchive(options: RunOptions): Promise<RunSummary> {
  const { settings, out, reporter, signal } = options;
  const startUrl = validateStartUrl(settings.startUrl);
  const started = Date.now();
  const summary = emptySummary(startUrl, out);
  const store = await ArchiveStore.open(out, { history: settings.history, keepHtml: settings.keepHtml });
  // Opened under the archive's lock: it closes the WARC file a killed run left open.
  const warc = settings.warc ? await openWarc(store.outDir, settings, startUrl).catch(async (err: unknown) => {
    await store.close();
    throw err;
  }) : undefined;
  const http = fetchLayerFor(settings, (message) => reporter.debug(message), { onExchange: warc && ((e) => warc.record(e)), rateLimiter: options.rateLimiter });
  let browser: Fetcher | undefined;
  const processor = options.processor ?? createPostProcessor();
  try {
    const previous = await ArchiveStore.loadSettings<ArchiveSettings>(out);
    let first = await fetchIndex(http, startUrl);
    let pages: Fetcher = http;
    const staticLinks = findPostLinks(first.text ?? '', first.finalUrl, settings.overrides);
    const verdict = settings.render === 'always' ? { render: true, reason: '--render always' } : settings.render === 'auto' ? await renderVerdict(first, staticLinks, http, processor, settings, previous?.detectedRenderer) : { render: false };
    const site = readSiteFacts(first.text ?? '');
    await store.saveSettings({ ...settings, startUrl, detectedRenderer: verdict.render ? 'browser' : 'http', site });
    if (verdict.render) {
      reporter.notice(`Rendering with Chromium (${verdict.reason ?? 'JavaScript-rendered blog'})`);
      // Loaded only when needed: Playwright costs most of a second to import, static blogs never pay it.
      const { createBrowserFetcher } = await import('../fetch/browser-fetcher.js');
      browser = await createBrowserFetcher({
        layer: http,
        concurrency: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        expandMaxRounds: settings.maxPages,
        onEvent: (e) => reporter.debug(`browser: ${JSON.stringify(e)}`),
      });
      pages = browser;
      summary.renderer = 'browser';
      first = await fetchIndex(browser, startUrl, true);
    }

    // The feed is read while the index is walked: it names the terms of each post it lists (themes that
    // show one tag), which extraction needs, and the posts the walk may miss.
    const feed = settings.discover === 'sitemap' ? Promise.resolve([]) : feedLinks(startUrl, first, http, settings, reporter);
    const fromFeed = feed.then((links) => new Map(links.map((l) => [normalizeUrl(l.url), l] as const)));

    // Posts a killed run already archived are not fetched again when the next run resumes it.
    const resumed = new Set(store.recovery.interrupted ? store.recovery.journaled.map(normalizeUrl) : []);
    // The fetcher holds requests to --concurrency; the posts in flight may be more, so that a post being
    // converted or written does not hold a request slot and the workers always have the next page ready.
    const limit = pLimit(settings.concurrency + 2 * processor.capacity);
    const seen = new Set<string>();
    const indexPages = new Set<string>([normalizeUrl(startUrl)]);
    /** Path shapes of the posts the index walk found: a page only the feed dates must have one of them. */
    const shapes = new Set<string>();
    const discovered: PostLink[] = [];
    const listed = new Set<string>();
    const tasks: Promise<void>[] = [];
    const images = new ImageCache(http, store, reporter, summary);
    /** `judge`: the page is archived only if it reads as a post (a page the feed or sitemap lists may be "About"). */
    const schedule = (link: PostLink, judge = false) => {
      const key = normalizeUrl(link.url);
      listed.add(link.url);
      if (seen.has(key)) return;
      seen.add(key);
      discovered.push(link);
      if (!judge) shapes.add(pathShape(link.url));
      // Names are handed out in discovery order: were they taken when fetches finish, two posts sharing a
      // slug would swap files between runs depending on which server answer came first.
      store.postPath(link.url, { title: link.title ?? '' });
      summary.postsFound++;
      tasks.push(limit(() => (signal?.aborted || writeFailure ? undefined : archivePost(link, judge))));
    };

    /** The first write the archive refused (disk full...): no post is started after it, and the run ends with it. */
    let writeFailure: ArchiveWriteError | undefined;
    const archivePost = async (link: PostLink, judge: boolean): Promise<void> => {
      try {
        await fetchAndStore(link, judge);
      } catch (err) {
        if (!(err instanceof ArchiveWriteError)) throw err;
        writeFailure ??= err;
      }
    };

    const fetchAndStore = async (link: PostLink, judge: boolean): Promise<void> => {
      const entry = store.entry(link.url);
      if (resumed.has(normalizeUrl(link.url)) && entry?.status === 'archived') {
        summary.unchanged.push(link.url);
        report('unchanged', link.url, entry.file ?? '');
        return;
      }
      const validators = entry?.status === 'archived' ? { etag: entry.etag, lastModified: entry.lastModified } : {};
      try {
        const res = await pages.fetch(link.url, { kind: 'page', ...validators });
        // Many servers ignore conditional requests: the same bytes as last time mean the same post, and
        // extracting them again is most of what a nightly run would cost.
        const source = res.notModified ? undefined : createHash('sha256').update(res.body).digest('hex');
        if (res.notModified || (entry?.status === 'archived' && entry.source === source)) {
          await store.markNotModified(link.url, res.notModified ? validators : { etag: res.headers['etag'], lastModified: res.headers['last-modified'] });
          summary.unchanged.push(link.url);
          report('unchanged', link.url, entry?.file ?? '');
          return;
        }
        const processed = await processor.process(res.text ?? '', res.finalUrl, { overrides: settings.overrides, site });
        if (judge && entry?.status !== 'archived' && !isPost(processed, link, res, { posts: seen, indexPages, shapes })) {
          store.release(link.url);
          listed.delete(link.url);
          summary.postsFound--;
          summary.notPosts.push(link.url);
          reporter.debug(`not a post (no publication date, or a list of posts): ${link.url}`);
          return;
        }
        const inFeed = (await fromFeed).get(normalizeUrl(link.url));
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
          const saved = await Promise.all(sources.map((src) => images.get(src, entry?.assets)));
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
          // Without validators the next run fetches and processes the post again, so a missing image is
          // retried; with them the post would answer 304 (or the same bytes) and keep its remote link forever.
          ...(imageMissing ? {} : { etag: res.headers['etag'], lastModified: res.headers['last-modified'], source }),
          assets,
          terms,
          html: settings.keepHtml ? Buffer.from(res.text ?? '', 'utf8') : undefined,
        });
        summary[result.status].push(link.url);
        report(result.status, link.url, result.file);
      } catch (err) {
        if (err instanceof ArchiveWriteError) throw err;
        const reason = err instanceof FetchError ? err.reason : reasonOf(err);
        await store.markFailed(link.url, reason);
        summary.failed.push({ url: link.url, reason });
        report('failed', link.url, reason);
      }
    };
    let done = 0;
    const report = (outcome: 'new' | 'changed' | 'unchanged' | 'failed', url: string, detail: string) =>
      reporter.post(outcome, url, detail, ++done, summary.postsFound);

    const indexCache = await PersistentIndexCache.load(out);
    let walkComplete = !options.since;
    if (settings.discover === 'index' || settings.discover === 'all') {
      const walk = { maxPages: settings.maxPages, overrides: settings.overrides, since: options.since, firstPage: first, expand: browser !== undefined, cache: indexCache, read: processor.readIndex };
      for await (const page of walkIndex(startUrl, pages, walk)) {
        if (signal?.aborted) break;
        summary.indexPages++;
        indexPages.add(normalizeUrl(page.url));
        if (page.error) {
          walkComplete = false;
          summary.indexFailed.push({ url: page.url, reason: page.error });
          reporter.notice(`index page ${page.url} could not be read: ${page.error}`);
        }
        for (const link of page.links) schedule(link);
      }
      if (summary.indexPages >= settings.maxPages) walkComplete = false;
    }

    if (!signal?.aborted) {
      const fromFeed = await feed;
      const fromSitemap = settings.discover === 'feed' ? [] : await sitemapLinks(startUrl, http, discovered, settings, reporter);
      const extra = crossCheck(discovered, [...fromFeed, ...fromSitemap]);
      // --since stops the walk on purpose: the older posts, and those already archived, are not missing from the index.
      const cut = options.since ? Date.parse(options.since) : undefined;
      const unexpected = (l: PostLink) => cut === undefined || (!(l.date && Date.parse(l.date) < cut) && store.entry(l.url)?.status !== 'archived');
      if (settings.discover === 'index' && summary.indexFailed.length === 0) {
        summary.notInIndex = extra.filter(unexpected).map((l) => l.url);
      } else {
        // When part of the index could not be read, the feed and sitemap stand in for it. What only a
        // sitemap lists must read as a post; a feed lists posts.
        const judged = settings.discover !== 'feed';
        const fromIndexWalk = settings.discover === 'index' || settings.discover === 'all';
        for (const link of extra.filter(unexpected)) schedule(link, judged);
        if (fromIndexWalk) summary.notInIndex = extra.filter(unexpected).map((l) => l.url);
      }
    }
    await Promise.all(tasks);
    if (writeFailure) throw writeFailure;
    summary.notInIndex = summary.notInIndex.filter((url) => !summary.notPosts.includes(url));
    await indexCache.save();
    reporter.stop();
    summary.interrupted = signal?.aborted === true;
    if (walkComplete && !summary.interrupted) summary.vanished = await store.markListed([...listed]);
    if (warc) summary.warc = await warc.close();
    summary.elapsedMs = Date.now() - started;
    await store.recordRun(summary);
    return summary;
  } finally {
    reporter.stop();
    await browser?.close();
    if (!options.processor) await processor.close();
    await http.close();
    await warc?.close();
    await store.close();
  }
}

/** Loaded only with --warc: warcio and its hashing code would add to every other run's start. */
async function openWarc(archive: string, settings: ArchiveSettings, startUrl: string) {
  const { WarcWriter } = await import('../warc/writer.js');
  return WarcWriter.open(archive, {
    maxFileBytes: settings.warc!.maxFileBytes,
    info: {
      software: `blogvault/${VERSION}`,
      format: 'WARC File Format 1.1',
      conformsTo: 'https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/',
      description: `blogvault archive of ${startUrl}`,
      robots: settings.ignoreRobots ? 'ignore' : 'obey',
    },
  });
}

/**
 * `--render auto`: the browser is needed when the index has no usable content, or when its first post
 * does not (an index rendered on the server whose posts are built by JavaScript).
 */
async function renderVerdict(
  first: FetchResult,
  links: PostLink[],
  http: Fetcher,
  processor: PostProcessor,
  settings: ArchiveSettings,
  previous: ArchiveSettings['detectedRenderer'],
): Promise<{ render: boolean; reason?: string }> {
  const index = needsRendering(first.text ?? '', { postLinks: links.length });
  // A home page that lists no post but links to the list ("Blog", "Archives") is walked statically, as
  // the index walk would: only a list that is empty without JavaScript too needs the browser.
  if (links.length === 0 && !APP_SHELL.test(index.reason ?? '') && (await listsPostsStatically(first, http, settings))) return { render: false };
  if (index.render || links.length === 0) return index;
  // A later run keeps the earlier choice: probing again would cost every nightly run a full download.
  if (previous) return { render: previous === 'browser', reason: 'as detected by the previous run' };
  try {
    const post = await http.fetch(links[0].url, { kind: 'page' });
    const processed = await processor.process(post.text ?? '', post.finalUrl, { overrides: settings.overrides, site: readSiteFacts(first.text ?? '') });
    const verdict = needsRendering(post.text ?? '', { contentTextLength: processed.markdown.trim().length });
    return verdict.render ? { render: true, reason: `first post ${links[0].url}: ${verdict.reason ?? 'no content'}` } : verdict;
  } catch {
    // The post's own run reports its failure; the probe only decides how pages are fetched.
    return { render: false };
  }
}

/** Reasons of render-detect.ts that mean the page itself is an empty shell, not just a page without posts. */
const APP_SHELL = /app root|javascript/i;

/** Whether the first page's link to the full post list ("Blog", "Archives") leads to a page that lists posts without JavaScript. */
async function listsPostsStatically(first: FetchResult, http: Fetcher, settings: ArchiveSettings): Promise<boolean> {
  const [listing] = withPage(first.text ?? '', ($) => archiveLinksIn($, first.finalUrl));
  if (!listing) return false;
  try {
    const res = await http.fetch(listing, { kind: 'page' });
    return findPostLinks(res.text ?? '', res.finalUrl, settings.overrides, { scope: new URL('/', res.finalUrl).href }).length > 0;
  } catch {
    return false;
  }
}

async function fetchIndex(fetcher: Fetcher, url: string, expand = false): Promise<FetchResult> {
  try {
    const res = await fetcher.fetch(url, { kind: 'page', expand });
    if (!res.text) throw new FetchError(url, 'empty response');
    return res;
  } catch (err) {
    const reason = err instanceof FetchError ? err.reason : reasonOf(err);
    throw new InputError(`cannot read the blog index ${url}: ${reason}`);
  }
}

/** The feed's posts; absent or broken feeds are normal, so failures here are only logged. */
async function feedLinks(startUrl: string, first: FetchResult, http: Fetcher, settings: ArchiveSettings, reporter: Reporter): Promise<PostLink[]> {
  try {
    return await discoverFeedLinks(startUrl, first.text ?? '', http, { overrides: settings.overrides, onWarning: (message: string) => reporter.debug(message) });
  } catch (err) {
    reporter.debug(`feed discovery: ${reasonOf(err)}`);
    return [];
  }
}

/** The sitemap's post-like pages (shaped like the posts the walk found); failures are only logged. */
async function sitemapLinks(startUrl: string, http: Fetcher, known: PostLink[], settings: ArchiveSettings, reporter: Reporter): Promise<PostLink[]> {
  try {
    return await discoverSitemapLinks(startUrl, http, known, { overrides: settings.overrides, onWarning: (message: string) => reporter.debug(message) });
  } catch (err) {
    reporter.debug(`sitemap discovery: ${reasonOf(err)}`);
    return [];
  }
}

/** Links to this many known posts make a page a list of posts (an archive, a tag page), not a post. */
const LISTING_LINKS = 5;

interface KnownPages {
  /** Posts found so far, by normalised URL. */
  posts: ReadonlySet<string>;
  indexPages: ReadonlySet<string>;
  /** Path shapes of the posts the index walk found (sitemap.ts `pathShape`). */
  shapes: ReadonlySet<string>;
}

/**
 * Whether a page that only the feed or sitemap named is a post: its URL is shaped like the posts the
 * walk found (`/posts/x/`, not `/about/`: Hugo's feed lists and dates every page), it is not a site
 * page by name, it gives its publication date (on the page, or in the feed's entry), it is not a copy
 * of a page already found (its canonical URL), and it is not a list of posts.
 */
function isPost(processed: ProcessedPost, link: PostLink, page: FetchResult, known: KnownPages): boolean {
  const { posts, indexPages } = known;
  if ((known.shapes.size && !known.shapes.has(pathShape(link.url))) || nonPostReason(link.url)) return false;
  if (!processed.dated && !link.date) return false;
  const self = normalizeUrl(link.url);
  for (const url of [page.finalUrl, processed.meta.canonical]) {
    const key = url && normalizeUrl(url);
    if (key && key !== self && (posts.has(key) || indexPages.has(key))) return false;
  }
  const listed = findPostLinks(page.text ?? '', page.finalUrl).filter((l) => posts.has(normalizeUrl(l.url)));
  return listed.length < LISTING_LINKS;
}

/** Downloads each image once per run, reuses copies archived by earlier runs. */
class ImageCache {
  private readonly pending = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly http: Fetcher,
    private readonly store: ArchiveStore,
    private readonly reporter: Reporter,
    private readonly summary: RunSummary,
  ) {}

  get(src: string, previous?: Record<string, string>): Promise<string | undefined> {
    let p = this.pending.get(src);
    if (!p) {
      p = this.download(src, previous?.[src]);
      this.pending.set(src, p);
    }
    return p;
  }

  private async download(src: string, previous: string | undefined): Promise<string | undefined> {
    if (previous && (await this.store.hasAsset(previous))) return previous;
    const inline = decodeDataImage(src);
    if (inline) {
      const refusal = await notAnImage(inline.bytes, inline.contentType);
      if (refusal) {
        this.summary.imagesFailed++;
        this.reporter.debug(`inline image: ${refusal}`);
        return undefined;
      }
      this.summary.images++;
      return this.store.saveAsset(inline.bytes, 'data:', inline.contentType);
    }
    try {
      const res = await this.http.fetch(src, { kind: 'asset' });
      const path = await this.store.saveAsset(res.body, src, res.contentType);
      this.summary.images++;
      return path;
    } catch (err) {
      if (err instanceof ArchiveWriteError) throw err;
      this.summary.imagesFailed++;
      this.reporter.debug(`image ${src}: ${reasonOf(err)}`);
      return undefined;
    }
  }
}
