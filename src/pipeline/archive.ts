import { resolve } from 'node:path';
import pLimit from 'p-limit';
import { FetchError, type Fetcher, type FetchResult } from '../fetch/fetcher.js';
import type { HostRateLimiter } from '../fetch/rate-limit.js';
import { fetchLayerFor } from './http.js';
import { walkIndex } from '../discover/index-walk.js';
import { pathShape } from '../discover/sitemap.js';
import { declaredFeeds } from '../discover/feeds.js';
import { normalizeUrl } from '../url/url.js';
import { crossCheck } from '../discover/cross-check.js';
import { ArchiveStore } from '../store/archive-store.js';
import { mayMarkMissing, planFromSitemap, postsInFlight, worthFetching } from '../store/run-rules.js';
import { ArchiveWriteError } from '../store/atomic-write.js';
import type { PostLink } from '../types.js';
import { createPostProcessor, type PostProcessor } from './worker-pool.js';
import { PersistentIndexCache } from './index-cache.js';
import { extractionRules, rulesChange, type ArchiveSettings } from './options.js';
import type { Reporter } from './reporter.js';
import { emptySummary, type RunSummary } from './summary.js';
import { ImageCache } from './image-cache.js';
import { archivePost, type PostOutcome, type PostStepContext } from './post-step.js';
import { feedLinks, fetchIndex, readSitemapEntries, readStartPageKept, renderStart, renderVerdict, validateStartUrl, type RenderedStart, type RenderVerdict } from './run-start.js';
import { loadUpdateState, saveUpdateState } from './update-state.js';
import { sitemapPostLinks } from '../discover/sitemap.js';
import { VERSION } from '../version.js';
import { reasonOf, RunStopped } from './errors.js';

export interface RunOptions {
  settings: ArchiveSettings;
  out: string;
  /** Stop walking the index once its posts are older than this ISO date. */
  since?: string;
  /** Check every post, whatever the sitemap's dates say (a rerun otherwise fetches only what they say changed). */
  verify?: boolean;
  reporter: Reporter;
  /** Aborted on SIGINT: no new post is started, the ones in flight finish. */
  signal?: AbortSignal;
  /** Parsing threads shared by the runs of one process (`backup`); left open. Otherwise the run starts its own. */
  processor?: PostProcessor;
  /** Per-host request spacing shared with other runs (`worker`: through Redis) in place of the run's own. */
  rateLimiter?: HostRateLimiter;
  /** Handed how to count the posts in flight, for the caller's deadline on a stopping run. */
  watch?: (inFlight: () => number) => void;
}

export { validateStartUrl } from './run-start.js';

/**
 * One archive run, coordinated: the start (first page, browser or not, feed), the index walk scheduling
 * each post's step (post-step.ts) as it finds them, the feed's and sitemap's posts the walk missed, and
 * the end (posts no longer listed, the run's record). Every file it writes goes through the store.
 */
export async function runArchive(options: RunOptions): Promise<RunSummary> {
  const { settings, out, reporter, signal } = options;
  const startUrl = validateStartUrl(settings.startUrl);
  const started = Date.now();
  // The folder as a path that says where it is, whatever directory the command ran in.
  const summary = emptySummary(startUrl, resolve(out));
  const store = await ArchiveStore.open(out, { history: settings.history, keepHtml: settings.keepHtml });
  // Opened under the archive's lock: it closes the WARC file a killed run left open.
  const warc = settings.warc ? await openWarc(store.outDir, settings, startUrl).catch(async (err: unknown) => {
    await store.close();
    throw err;
  }) : undefined;
  const retried = new Set<string>();
  const noteRetry = (url: string, reason: string) => {
    retried.add(url);
    // The URL is in the summary's failures when it matters; reasons are counted by kind.
    const kind = reason.replace(url, '').replace(/^:\s*/, '').replace(/after \d+ ms/, 'timeout').trim() || 'failed';
    summary.retries[kind] = (summary.retries[kind] ?? 0) + 1;
    summary.retriedRequests = retried.size;
  };
  const http = fetchLayerFor(settings, (message) => reporter.debug(message), {
    onExchange: (e) => {
      summary.requests++;
      warc?.record(e);
    },
    rateLimiter: options.rateLimiter,
    onEvent: (e) => {
      if (e.type === 'retry') noteRetry(e.url, e.reason);
    },
  });
  let browser: Fetcher | undefined;
  const processor = options.processor ?? createPostProcessor();
  try {
    reporter.indexPage?.(0, 0);
    const previous = await ArchiveStore.loadSettings<ArchiveSettings>(out);
    // A first run reads every page it fetches: the threads start while the first requests are on the way.
    if (store.entries().length === 0) processor.warm();
    // Read while the start page is fetched: it holds the last run's reading of the start page too.
    const indexCacheLoaded = PersistentIndexCache.load(out);
    let first = await fetchIndex(http, startUrl);
    let pages: Fetcher = http;
    const indexCache = await indexCacheLoaded;
    const start = readStartPageKept(first, settings, indexCache);
    const { single, site } = start;
    // The feed and the sitemap are read while the index is walked: the feed completes the metadata of the
    // posts it lists (the tags of themes that show one, the time of day); both name posts the walk may
    // miss, and the sitemap's dates say which posts changed since the last run. Neither depends on how
    // pages are fetched, so they start while the render probe reads its post and keep the other slots
    // busy; a feed only the rendered page would declare is looked for after the verdict. The probe's
    // request is sent first: the walk waits for it, and sent first it takes the connection the start
    // page came on; sent after the feed's and the sitemap's, it paid a new connection's round trip.
    const deciding: Promise<RenderVerdict> = single ? Promise.resolve({ render: settings.render === 'always', reason: '--render always' }) : settings.render === 'always' ? Promise.resolve({ render: true, reason: '--render always' }) : settings.render === 'auto' ? renderVerdict(start, http, processor, settings, previous?.detectedRenderer) : Promise.resolve({ render: false });
    const sitemap = settings.discover === 'feed' ? Promise.resolve([]) : readSitemapEntries(startUrl, http, reporter);
    const update = await loadUpdateState(out);
    // Posts made by another version or with other extraction options are made again, even from unchanged pages.
    const rules = extractionRules(settings, VERSION);
    const stale = store.entries().filter((e) => e.status === 'archived' && e.rules !== rules);
    // A blog checked before, whose sitemap dates every archived post: only what the sitemap says changed
    // is fetched, plus a sample of the rest (below). Such a run reads the feed only for a post it
    // fetches: an unchanged blog's nightly run costs no feed request.
    const mayFollowSitemap = !options.verify && !stale.length && !single && update.state.sitemapDatesTrusted && Object.keys(update.state.lastmod).length > 0 && settings.discover !== 'feed' && !options.since;
    const readDeclaredFeed = () => (settings.discover !== 'sitemap' && start.feeds.length > 0 ? feedLinks(startUrl, start.feeds, http, settings, reporter) : undefined);
    const declaredFeed = mayFollowSitemap ? undefined : readDeclaredFeed();
    const verdict = await deciding;
    // Written while the walk starts (a run killed before it is done probes again next time); awaited before the posts are settled.
    const settingsSaved = store.saveSettings({ ...settings, startUrl, detectedRenderer: verdict.render ? 'browser' : 'http', site });
    settingsSaved.catch(() => undefined);
    /** The start page rendered and expanded, when a browser renders the blog. */
    let rendered: RenderedStart | undefined;
    if (verdict.render) {
      reporter.notice(`Rendering with Chromium (${verdict.reason ?? 'JavaScript-rendered blog'})`);
      // Loaded only when needed: Playwright costs most of a second to import, static blogs never pay it.
      const { createBrowserFetcher } = await import('../fetch/browser-fetcher.js');
      browser = await createBrowserFetcher({
        layer: http,
        concurrency: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        expandMaxRounds: settings.maxPages,
        onEvent: (e) => {
          if (e.type === 'retry') noteRetry(e.url, e.reason);
          reporter.debug(`browser: ${JSON.stringify(e)}`);
        },
      });
      pages = browser;
      summary.renderer = 'browser';
      rendered = renderStart(browser, startUrl);
      // Awaited below, where a start page that cannot be read ends the run as before.
      rendered.page.catch(() => undefined);
    }

    // A rendered start page may declare a feed its static HTML did not; its first render does already
    // (the posts it shows wait for the feed, which may complete their metadata).
    const renderedHead = rendered && rendered.first.then((page) => page ?? rendered.page);
    let feedRead: Promise<PostLink[]> | undefined =
      settings.discover === 'sitemap' ? Promise.resolve([]) : (declaredFeed ?? (renderedHead ? renderedHead.then((page) => feedLinks(startUrl, declaredFeeds(page.text ?? '', page.finalUrl), http, settings, reporter), () => []) : undefined));
    const feed = () => (feedRead ??= readDeclaredFeed() ?? feedLinks(startUrl, start.feeds, http, settings, reporter));
    if (!mayFollowSitemap) feed();
    const lastmodOf = sitemap.then((entries) => new Map(entries.map((e) => [normalizeUrl(e.url), e.lastmod ?? ''] as const)));
    const known = { posts: new Set<string>(), indexPages: new Set<string>([normalizeUrl(startUrl)]), shapes: new Set<string>() };
    if (stale.length) reporter.notice(`${rulesChange(previous, settings, stale[0]!.rules, VERSION)}: the ${stale.length} archived posts are extracted again`);
    let feedByUrl: Promise<ReadonlyMap<string, PostLink>> | undefined;
    const inFlight = postsInFlight(settings.concurrency, processor.capacity);
    const pageSlots = pLimit(inFlight.pages);
    const step: PostStepContext = {
      settings,
      store,
      pages,
      // A post waiting for a page slot has fetched nothing: a stopping run leaves it, as it leaves those not started.
      pageSlots: (url, fetch) => pageSlots(() => (signal?.aborted || writeFailure ? Promise.reject(new RunStopped(url)) : fetch())),
      renderPerPage: browser !== undefined && settings.render === 'auto',
      processor,
      images: new ImageCache(http, store, reporter, summary),
      site,
      resumed: new Set(store.recovery.interrupted ? store.recovery.journaled.map(normalizeUrl) : []),
      feed: () => (feedByUrl ??= feed().then((links) => new Map(links.map((l) => [normalizeUrl(l.url), l] as const)))),
      known,
      probe: verdict.probe,
      rules,
      listings: !single,
    };
    const limit = pLimit(inFlight.posts);
    options.watch?.(() => limit.activeCount);
    let walkComplete = !options.since && !single;
    /** Posts an index walk listed after the feed or sitemap had them scheduled for judging. */
    const indexListed = new Set<string>();
    /** The URLs scheduled, as given (the strings entries and the summary keep anyway), for the cross-check with the feed and sitemap. */
    const discovered: string[] = [];
    const listed = new Set<string>();
    // Post steps are counted, not kept: a run of 10,000 posts held a settled promise for each to the end.
    let stepsRunning = 0;
    let stepFailure: { error: unknown } | undefined;
    let onStepEnd: (() => void) | undefined;
    /** The start page's walk, waiting for the posts it found to be archived (`inFlight.scheduled`). */
    let onRoomToWalk: (() => void) | undefined;
    let done = 0;
    /** The first write the archive refused (disk full...): no post is started after it, and the run ends with it. */
    let writeFailure: ArchiveWriteError | undefined;

    const runStep = async (link: PostLink, judge: boolean): Promise<void> => {
      let outcome: PostOutcome;
      try {
        outcome = await archivePost(link, judge, step);
      } catch (err) {
        if (err instanceof RunStopped) return;
        if (!(err instanceof ArchiveWriteError)) throw err;
        writeFailure ??= err;
        return;
      }
      const key = normalizeUrl(link.url);
      const lastmod = (await lastmodOf).get(key);
      if (outcome.status === 'not a post' && judge && indexListed.has(key)) {
        // An index walk (a listing's) listed it while it was judged: what an index lists is a post.
        return runStep(link, false);
      }
      if (outcome.status === 'not a post' || outcome.status === 'listing') {
        // Forgotten, so that an index walk that lists it later schedules it again, as a post.
        if (judge) known.posts.delete(key);
        listed.delete(link.url);
        summary.postsFound--;
        summary.notPosts.push(link.url);
        if (lastmod !== undefined) update.state.notPosts[key] = lastmod;
        reporter.debug(`not a post (${outcome.status === 'listing' ? 'only links to other pages: walked for its posts' : 'no publication date, a list of posts, or no title and no body'}): ${link.url}`);
        // A section's or series' page the index lists among its posts: the posts it lists may be listed
        // nowhere else. (A listing only the feed or sitemap names lists posts they name too.)
        if (outcome.status === 'listing' && !judge && (settings.discover === 'index' || settings.discover === 'all')) await walkMore(link.url, 'a list of posts', false, outcome.page);
        return;
      }
      // A post that changed while the sitemap kept its date: from now on every run checks every post.
      if (outcome.status === 'changed' && lastmod && update.state.lastmod[key] === lastmod && update.state.sitemapDatesTrusted) {
        update.state.sitemapDatesTrusted = false;
        reporter.notice(`the sitemap dates ${link.url} as unchanged, and it changed: every run checks every post from now on`);
      }
      // The sitemap's date of a post now checked: the next run fetches it again only when that date moves.
      if (outcome.status !== 'failed' && lastmod) update.state.lastmod[key] = lastmod;
      if (outcome.status === 'failed') summary.failed.push({ url: link.url, reason: outcome.reason });
      else summary[outcome.status].push(link.url);
      reporter.post(outcome.status, link.url, outcome.status === 'failed' ? outcome.reason : outcome.file, ++done, summary.postsFound);
    };
    /** Waits for every post step, those that listings' walks schedule while it waits too; fails with the first step that threw. */
    const settle = () =>
      new Promise<void>((resolvePromise, reject) => {
        const check = () => {
          onStepEnd = undefined;
          if (stepFailure) reject(stepFailure.error);
          else if (stepsRunning === 0) resolvePromise();
          else onStepEnd = check;
        };
        check();
      });
    const stepEnded = (failure?: { error: unknown }) => {
      stepsRunning--;
      stepFailure ??= failure;
      onStepEnd?.();
      if (stepsRunning < inFlight.scheduled) onRoomToWalk?.();
    };
    const roomToWalk = () =>
      stepsRunning < inFlight.scheduled
        ? undefined
        : new Promise<void>((resolvePromise) => {
            onRoomToWalk = () => {
              onRoomToWalk = undefined;
              resolvePromise();
            };
          });
    /** `judge`: the page is archived only if it reads as a post. */
    const schedule = (link: PostLink, judge = false) => {
      const key = normalizeUrl(link.url);
      listed.add(link.url);
      if (known.posts.has(key)) {
        if (!judge) indexListed.add(key);
        return;
      }
      known.posts.add(key);
      if (!judge && summary.notPosts.includes(link.url)) {
        // Judged not a post, then listed by an index walk: a post after all.
        summary.notPosts = summary.notPosts.filter((url) => url !== link.url);
        delete update.state.notPosts[key];
      }
      discovered.push(link.url);
      if (!judge) known.shapes.add(pathShape(link.url));
      // Names are handed out in discovery order: were they taken when fetches finish, two posts sharing a
      // slug would swap files between runs depending on which server answer came first.
      store.postPath(link.url, { title: link.title ?? '' });
      summary.postsFound++;
      stepsRunning++;
      limit(() => (signal?.aborted || writeFailure ? undefined : runStep(link, judge))).then(
        () => stepEnded(),
        (error: unknown) => stepEnded({ error }),
      );
    };

    /**
     * Walks the index from `url` (the start page, a language's home, a listing), scheduling each post it
     * finds. `paced`: it waits while many posts it found are not archived yet. A listing's walk, run by a
     * post step, never waits: its step would wait for itself.
     */
    const walkFrom = async (url: string, paced: boolean, firstPage?: FetchResult) => {
      // --max-pages bounds the whole index, every walk together.
      const walk = { maxPages: settings.maxPages - summary.indexPages, overrides: settings.overrides, since: options.since, firstPage, expand: browser !== undefined, cache: indexCache, read: processor.readIndex };
      for await (const page of walkIndex(url, pages, walk)) {
        if (signal?.aborted) break;
        summary.indexPages++;
        known.indexPages.add(normalizeUrl(page.url));
        if (page.error) {
          walkComplete = false;
          summary.indexFailed.push({ url: page.url, reason: page.error });
          reporter.notice(`index page ${page.url} could not be read: ${page.error}`);
        }
        for (const link of page.links) schedule(link);
        reporter.indexPage?.(summary.indexPages, summary.postsFound);
        if (page.end === 'max-pages') summary.maxPagesReached = true;
        if (paced) await roomToWalk();
      }
      if (summary.maxPagesReached) walkComplete = false;
    };
    /** The posts of a render of the start page, read as the walk reads its first page. */
    const scheduleShown = async (page: FetchResult) => {
      try {
        const walk = { maxPages: 1, overrides: settings.overrides, since: options.since, firstPage: page, read: processor.readIndex };
        for await (const shown of walkIndex(startUrl, pages, walk)) for (const link of shown.links) schedule(link);
      } catch {
        // The walk of the expanded page reads the page again and reports what is wrong with it.
      }
    };
    /** Another index of the blog, after the start page's: `what` says what it is in a failure's notice. */
    const walkMore = async (url: string, what: string, paced: boolean, firstPage?: FetchResult) => {
      if (signal?.aborted || known.indexPages.has(normalizeUrl(url))) return;
      if (summary.indexPages >= settings.maxPages) {
        summary.maxPagesReached = true;
        walkComplete = false;
        return;
      }
      try {
        await walkFrom(url, paced, firstPage);
      } catch (err) {
        walkComplete = false;
        const reason = err instanceof FetchError ? err.reason : reasonOf(err);
        summary.indexFailed.push({ url, reason });
        reporter.notice(`index page ${url} (${what}) could not be read: ${reason}`);
      }
    };

    // A blog checked before, whose sitemap dates every archived post: only what the sitemap says changed
    // is fetched, plus a sample of the rest; if the sample shows a change the sitemap did not date, every
    // post is checked after all, and from then on.
    let guided = false;
    // Only then is the sitemap awaited before the walk: a first run reads it alongside.
    // Posts to make again with other extraction settings are all fetched: the sitemap's dates cannot tell them.
    if (mayFollowSitemap) {
      const archived = store.entries().filter((e) => e.status === 'archived').map((e) => ({ url: normalizeUrl(e.url), date: e.date }));
      const plan = planFromSitemap({ archived, sitemap: await lastmodOf, lastmod: update.state.lastmod, notPosts: update.state.notPosts, samplesChecked: update.state.samplesChecked });
      const inSitemap = new Set([...archived.map((a) => a.url), ...(await lastmodOf).keys()]);
      // A post on the first index page that the sitemap does not list: the sitemap is behind the blog.
      const behind = start.links.find((l) => !inSitemap.has(normalizeUrl(l.url)));
      if ('fullCheck' in plan) reporter.debug(`checking every post: ${plan.fullCheck}`);
      else if (behind) reporter.debug(`checking every post: the sitemap does not list ${behind.url}, on the first index page`);
      else {
        const urlOf = new Map(store.entries().map((e) => [normalizeUrl(e.url), e.url]));
        for (const key of plan.sample) schedule({ url: urlOf.get(key)! });
        await settle();
        update.state.samplesChecked++;
        if (!update.state.sitemapDatesTrusted) reporter.debug('checking every post: a sample post changed, its sitemap date did not');
        else {
          guided = true;
          summary.checked = 'sitemap';
          for (const key of plan.changed) schedule({ url: urlOf.get(key)! });
          const entries = await sitemap;
          const added = new Set(plan.added);
          const candidates = sitemapPostLinks(entries.filter((e) => added.has(normalizeUrl(e.url))), startUrl, [...urlOf.values()], { overrides: settings.overrides });
          for (const link of candidates) schedule(link, true);
          for (const key of plan.added) if (!candidates.some((c) => normalizeUrl(c.url) === key)) update.state.notPosts[key] = (await lastmodOf).get(key) ?? '';
          for (const key of plan.unchanged) summary.unchanged.push(urlOf.get(key)!);
          summary.postsFound += plan.unchanged.length;
        }
      }
    }

    if (!guided) feed();
    if (rendered && !guided && !single && (settings.discover === 'index' || settings.discover === 'all')) {
      // Expanding the index takes a round trip per "Load more": the posts each screen shows are archived
      // meanwhile, in the other tabs. The walk of the expanded page then schedules any left.
      for await (const page of rendered.screens()) if (!signal?.aborted) await scheduleShown(page);
    }
    if (rendered) {
      try {
        first = await rendered.page;
      } catch (err) {
        // The start page failed after its first screens were read: their posts end before the run does.
        await settle();
        throw err;
      }
    }
    if (guided) walkComplete = false;
    if (single) {
      reporter.notice(`${startUrl} is a single post (${single}), not the blog's index: archiving this post only (give the blog's home page to archive every post)`);
      summary.indexPages = 1;
      schedule({ url: first.finalUrl });
      reporter.indexPage?.(1, 1);
    } else if (!guided && (settings.discover === 'index' || settings.discover === 'all')) {
      await walkFrom(startUrl, true, first);
      // A multilingual blog: each other language's home page is walked as the start page was.
      for (const url of start.languages) await walkMore(url, 'the blog in another language', true);
    }
    reporter.walkDone?.();

    if (!signal?.aborted && !guided && !single) {
      const fromFeed = await feed();
      const fromSitemap = sitemapPostLinks(await sitemap, startUrl, discovered, { overrides: settings.overrides });
      const extra = crossCheck(discovered.map((url) => ({ url })), [...fromFeed, ...fromSitemap], startUrl).filter((l) => worthFetching(l, options.since, store.entry(l.url)));
      if (settings.discover === 'index' && summary.indexFailed.length === 0) {
        summary.notInIndex = extra.map((l) => l.url);
      } else {
        // When part of the index could not be read, the feed and sitemap stand in for it. What only a
        // sitemap lists must read as a post; a feed lists posts.
        for (const link of extra) schedule(link, settings.discover !== 'feed');
        if (settings.discover === 'index' || settings.discover === 'all') summary.notInIndex = extra.map((l) => l.url);
      }
    }
    reporter.totalKnown?.();
    await settingsSaved;
    await settle();
    // No page is read after the last step: the threads' heaps go before the run's records are written,
    // whose text at 10,000 posts (manifest, index cache, summary) came on top of them at the peak.
    if (!options.processor) await processor.close();
    if (writeFailure) throw writeFailure;
    summary.notInIndex = summary.notInIndex.filter((url) => !summary.notPosts.includes(url) && !indexListed.has(normalizeUrl(url)));
    // Two files independent of each other and of the manifest: written side by side, each waits its fsyncs.
    await Promise.all([indexCache.save(), saveUpdateState(out, update.state, update.text)]);
    reporter.stop();
    summary.interrupted = signal?.aborted === true;
    if (mayMarkMissing(walkComplete, summary.interrupted)) summary.vanished = await store.markListed([...listed]);
    if (warc) summary.warc = await warc.close();
    // The files of the posts written are the manifest's: named here rather than held through the run.
    for (const url of [...summary.new, ...summary.changed]) summary.files[url] = store.entry(url)?.file ?? '';
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

