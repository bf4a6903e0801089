/**
 * The start of a run, before any post: the blog's first page, whether it needs a browser, and the two
 * other sources of the post list (feed, sitemap), whose failures are normal and only logged.
 */
import { createHash } from 'node:crypto';
import type { Fetcher, FetchResult } from '../fetch/fetcher.js';
import { FetchError } from '../fetch/fetcher.js';
import { needsRendering, needsRenderingIn, type RenderVerdict as PageVerdict } from '../fetch/render-detect.js';
import { findPostLinks, postLinksIn } from '../discover/post-links.js';
import { archiveLinksIn } from '../discover/archive-links.js';
import { declaredFeedsIn, discoverFeedLinks } from '../discover/feeds.js';
import { readSitemap, type SitemapEntry } from '../discover/sitemap.js';
import { siteFactsIn } from '../discover/site-facts.js';
import { languageVersionsIn } from '../discover/language-versions.js';
import { singlePostMarkIn } from '../discover/single-post.js';
import { withPage } from '../html/parse.js';
import type { PostLink, SiteFacts } from '../types.js';
import type { ArchiveSettings } from './options.js';
import type { PostProcessor } from './worker-pool.js';
import type { PersistentIndexCache } from './index-cache.js';
import type { Reporter } from './reporter.js';
import type { ProbedPost } from './post-step.js';
import { InputError, reasonOf } from './errors.js';

export function validateStartUrl(raw: string): string {
  // `localhost:4000/` parses as a URL of scheme "localhost:"; `blog.example.com` not at all.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && /^[\w.-]+(:\d+)?(\/|$)/.test(raw)) {
    const local = /^(localhost|127\.|\d+\.\d+\.\d+\.\d+)/.test(raw);
    throw new InputError(`${raw}: not a URL (it has no http:// or https://); did you mean ${local ? 'http' : 'https'}://${raw}?`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`${raw}: not a valid URL (expected something like https://blog.example.com/)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError(`${raw}: only http and https URLs can be archived`);
  return url.href;
}

/** The blog's index page; a failure here is the input's: the blog cannot be archived from this URL. */
export async function fetchIndex(fetcher: Fetcher, url: string, expand = false, onRender?: (page: FetchResult) => void): Promise<FetchResult> {
  try {
    const res = await fetcher.fetch(url, { kind: 'page', expand, ...(onRender ? { onRender } : {}) });
    if (!res.text) throw new FetchError(url, 'empty response');
    return res;
  } catch (err) {
    const reason = err instanceof FetchError ? err.reason : reasonOf(err);
    throw new InputError(`cannot read the blog index ${url}: ${reason}`);
  }
}

/** The start page rendered in a browser and expanded ("Load more", scrolling), and what it showed on the way. */
export interface RenderedStart {
  /** The page once fully expanded; rejects as fetchIndex does. */
  page: Promise<FetchResult>;
  /** The page as first rendered (its head: title, feeds), or undefined when the render failed. */
  first: Promise<FetchResult | undefined>;
  /** The page as first rendered and after each round that added links, in order, until the render is over. */
  screens(): AsyncGenerator<FetchResult>;
}

export function renderStart(browser: Fetcher, url: string): RenderedStart {
  const pending: FetchResult[] = [];
  let arrived: () => void = () => undefined;
  let shownFirst: (page: FetchResult) => void = () => undefined;
  const shown = new Promise<FetchResult>((resolve) => (shownFirst = resolve));
  const page = fetchIndex(browser, url, true, (snapshot) => {
    pending.push(snapshot);
    shownFirst(snapshot);
    arrived();
  });
  let over = false;
  const ended = page.then(
    () => undefined,
    () => undefined,
  );
  void ended.then(() => {
    over = true;
    arrived();
  });
  return {
    page,
    first: Promise.race([shown, ended]),
    async *screens() {
      for (;;) {
        const next = pending.shift();
        if (next) yield next;
        else if (over) return;
        else await new Promise<void>((resolve) => (arrived = resolve));
      }
    },
  };
}

/**
 * Everything the run asks of its start page, read from one parse of it: the page is parsed once on
 * the main thread while every other request waits for these answers.
 */
export interface StartPage {
  /** Post links the static page shows. */
  links: PostLink[];
  /** What marks the page as one post rather than the blog's index (`og:type article`), or undefined. */
  single?: string;
  /** Feeds the page declares. */
  feeds: string[];
  /** What the page says of the whole blog. */
  site: SiteFacts;
  /** Whether the page itself needs a browser. */
  render: PageVerdict;
  /** The page's link to the full post list ("Blog", "Archives"), when it has one. */
  listing?: string;
  /** The start pages of the blog's other languages (language-versions.ts), each walked as an index too. */
  languages: string[];
}

export function readStartPage(first: FetchResult, settings: ArchiveSettings): StartPage {
  return withPage(first.text ?? '', ($) => {
    // Everything else is read first: finding the post links strips the page's chrome (scripts too).
    const feeds = declaredFeedsIn($, first.finalUrl);
    const site = siteFactsIn($);
    const mark = singlePostMarkIn($, first.finalUrl);
    const [listing] = archiveLinksIn($, first.finalUrl);
    const asShown = needsRenderingIn($, {});
    const withoutLinks = asShown.render ? asShown : needsRenderingIn($, { postLinks: 0 });
    const languages = languageVersionsIn($, first.finalUrl);
    const links = postLinksIn($, first.finalUrl, settings.overrides);
    // Not a single post when the user steers the walk, nor a page listing several posts.
    const single = settings.overrides.postLink || settings.overrides.next || links.length > 2 ? undefined : mark;
    return { links, single, feeds, site, render: links.length === 0 ? withoutLinks : asShown, ...(links.length === 0 && listing ? { listing } : {}), languages };
  });
}

/**
 * The start page's reading, as an earlier run of the archive read the same bytes at the same URL with
 * the same overrides, or read now and kept for the next run. On a rerun of an unchanged blog whose
 * sitemap says what changed, parsing the start page (cold, on the main thread) was the largest part of
 * the run's own CPU time after loading its code.
 */
export function readStartPageKept(first: FetchResult, settings: ArchiveSettings, kept: PersistentIndexCache): StartPage {
  const key = createHash('sha256')
    .update(JSON.stringify(['start page', first.finalUrl, settings.overrides]))
    .update(first.text ?? '')
    .digest('hex');
  const earlier = kept.startPage(key);
  if (earlier) return earlier;
  const start = readStartPage(first, settings);
  kept.setStartPage(key, start);
  return start;
}

/**
 * `--render auto`: the browser is needed when the index has no usable content, or when its first post
 * does not (an index rendered on the server whose posts are built by JavaScript).
 */
export interface RenderVerdict {
  render: boolean;
  reason?: string;
  /** The first post as fetched and read to decide, when it is fetched statically: its step uses it rather than fetching it again. */
  probe?: ProbedPost;
}

export async function renderVerdict(
  start: StartPage,
  http: Fetcher,
  processor: PostProcessor,
  settings: ArchiveSettings,
  previous: ArchiveSettings['detectedRenderer'],
): Promise<RenderVerdict> {
  const { links, render: index } = start;
  // A home page that lists no post but links to the list ("Blog", "Archives") is walked statically, as
  // the index walk would: only a list that is empty without JavaScript too needs the browser.
  if (links.length === 0 && !APP_SHELL.test(index.reason ?? '') && (await listsPostsStatically(start.listing, http, settings))) return { render: false };
  if (index.render || links.length === 0) return index;
  // A later run keeps the earlier choice: probing again would cost every nightly run a full download.
  if (previous) return { render: previous === 'browser', reason: 'as detected by the previous run' };
  try {
    const post = await http.fetch(links[0]!.url, { kind: 'page' });
    const processed = await processor.process(post.text ?? '', post.finalUrl, { overrides: settings.overrides, site: start.site });
    const verdict = needsRendering(post.text ?? '', { contentTextLength: processed.markdown.trim().length });
    return verdict.render ? { render: true, reason: `first post ${links[0]!.url}: ${verdict.reason ?? 'no content'}` } : { ...verdict, probe: { url: links[0]!.url, page: post, processed } };
  } catch {
    // The post's own run reports its failure; the probe only decides how pages are fetched.
    return { render: false };
  }
}

/** Reasons of render-detect.ts that mean the page itself is an empty shell, not just a page without posts. */
const APP_SHELL = /app root|javascript/i;

/** Whether the first page's link to the full post list ("Blog", "Archives") leads to a page that lists posts without JavaScript. */
async function listsPostsStatically(listing: string | undefined, http: Fetcher, settings: ArchiveSettings): Promise<boolean> {
  if (!listing) return false;
  try {
    const res = await http.fetch(listing, { kind: 'page' });
    return findPostLinks(res.text ?? '', res.finalUrl, settings.overrides, { scope: new URL('/', res.finalUrl).href }).length > 0;
  } catch {
    return false;
  }
}

/** The feed's posts; absent or broken feeds are normal, so failures here are only logged. */
export async function feedLinks(startUrl: string, declared: string[], http: Fetcher, settings: ArchiveSettings, reporter: Reporter): Promise<PostLink[]> {
  try {
    return await discoverFeedLinks(startUrl, declared, http, { overrides: settings.overrides, onWarning: (message: string) => reporter.debug(message) });
  } catch (err) {
    reporter.debug(`feed discovery: ${reasonOf(err)}`);
    return [];
  }
}

/** Every URL of the blog's sitemaps with its `<lastmod>`; failures are only logged. */
export async function readSitemapEntries(startUrl: string, http: Fetcher, reporter: Reporter): Promise<SitemapEntry[]> {
  try {
    return await readSitemap(startUrl, http, { onWarning: (message: string) => reporter.debug(message) });
  } catch (err) {
    reporter.debug(`sitemap discovery: ${reasonOf(err)}`);
    return [];
  }
}
