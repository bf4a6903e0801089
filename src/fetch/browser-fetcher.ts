import pLimit from 'p-limit';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FetchError, type Fetcher, type FetchOptions, type FetchResult } from './fetcher.js';
import { expandPage, type ExpandOutcome } from './browser-expand.js';
import { NetworkTracker, waitForSettled } from './browser-settle.js';
import { findChromium, playwright, type FoundChromium } from './chromium.js';
import { withRetries } from './retry.js';
import { staysOnSite } from './site.js';
import { BROWSER_FETCHER_DEFAULTS, CHROMIUM_ARGS, defaultUserAgent, type BrowserFetcherOptions } from './browser-options.js';
import { withoutUndefined } from './layer-options.js';
import { navigationError, toFailure } from './browser-errors.js';
import { newContext, type Rendering } from './browser-routing.js';

export { BROWSER_FETCHER_DEFAULTS, CHROMIUM_ARGS, type BrowserEvent, type BrowserFetcherOptions } from './browser-options.js';

/** One launched browser with its context and its idle tabs. */
interface Session {
  browser: Browser;
  context: BrowserContext;
  idle: Tab[];
  userAgent: string;
}

/** How a page is rendered: expanded ("Load more", scrolling) or not, and who sees it as it grows (FetchOptions.onRender). */
interface RenderRequest {
  expand: boolean;
  onRender?: (page: FetchResult) => void;
}

/** A tab of the pool with the request tracker bound to it. */
interface Tab {
  page: Page;
  network: NetworkTracker;
}

/**
 * Launches one headless Chromium and renders pages in a pool of at most `concurrency` tabs. The result
 * of a page fetch is the rendered DOM (`text`), with the status and final URL of the main document.
 */
export async function createBrowserFetcher(options: BrowserFetcherOptions): Promise<Fetcher> {
  const o = { ...BROWSER_FETCHER_DEFAULTS, ...withoutUndefined(options) };
  const emit = options.onEvent ?? (() => undefined);
  const { layer } = options;
  const found: { path: string; source: FoundChromium['source'] | 'option' } = options.executablePath
    ? { path: options.executablePath, source: 'option' }
    : findChromium();

  const launchOptions = {
    executablePath: found.path,
    headless: true,
    args: CHROMIUM_ARGS,
    // The pipeline owns signal handling and calls close(); Playwright's own SIGINT handler would exit the process.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    timeout: 60_000,
  };

  /** The running browser; forgotten when it dies on its own, so that the next page launches a new one. */
  let session: Promise<Session> | undefined;

  /** Per tab: the page being rendered, for the request handler that serves its document. */
  const renderings = new WeakMap<Page, Rendering>();

  async function launch(): Promise<Session> {
    const browser = await playwright().chromium.launch(launchOptions);
    const userAgent = o.userAgent ?? defaultUserAgent(browser.version());
    let context: BrowserContext;
    try {
      context = await newContext(browser, userAgent, { layer, renderings, emit });
    } catch (err) {
      await browser.close().catch(() => undefined);
      throw err;
    }
    emit({ type: 'launch', executablePath: found.path, source: found.source, version: browser.version() });
    return { browser, context, idle: [], userAgent };
  }

  function currentSession(): Promise<Session> {
    if (session) return session;
    const started = launch();
    session = started;
    started.then(
      (s) =>
        s.browser.on('disconnected', () => {
          if (session !== started || closed) return;
          session = undefined;
          emit({ type: 'browser-lost' });
        }),
      () => {
        if (session === started) session = undefined;
      },
    );
    return started;
  }

  let closed = false;
  await currentSession();

  const limit = pLimit(Math.max(1, o.concurrency));
  // Rejects when close() starts: Playwright calls caught mid-way by the context closing can stay pending forever.
  let announceClose: () => void = () => undefined;
  const closing = new Promise<never>((_, reject) => (announceClose = () => reject(new Error('browser closed'))));
  closing.catch(() => undefined);

  async function openTab(context: BrowserContext): Promise<Tab> {
    const page = await context.newPage();
    page.setDefaultTimeout(o.timeoutMs);
    return { page, network: new NetworkTracker(page) };
  }

  async function render(tab: Tab, url: string, doc: FetchResult, request: RenderRequest): Promise<FetchResult> {
    const { page, network } = tab;
    network.reset();
    const rendering: Rendering = { doc };
    renderings.set(page, rendering);
    const { status, headers } = doc;
    const began = Date.now();
    const offSite = () => {
      if (rendering.leftFor) throw new FetchError(url, `redirected off the site to ${rendering.leftFor}`, status);
    };
    try {
      await page.goto(doc.finalUrl.replace(/#.*$/, ''), { waitUntil: 'domcontentloaded', timeout: o.timeoutMs });
    } catch (err) {
      offSite();
      throw navigationError(url, err, closed);
    }
    /** The DOM as it is now, as the result of fetching `url`, from `finalUrl`. */
    const snapshot = async (finalUrl: string): Promise<FetchResult> => {
      offSite();
      if (!staysOnSite(url, finalUrl)) throw new FetchError(url, `redirected off the site to ${finalUrl}`, status);
      let text: string;
      try {
        text = await pageHtml(page);
      } catch (err) {
        throw navigationError(url, err, closed);
      }
      return { url, finalUrl, status, headers: renderedHeaders(headers), contentType: 'text/html', body: Buffer.from(text, 'utf8'), text };
    };

    const started = Date.now();
    if (!(await waitForSettled(page, network, { quietMs: o.quietMs, contentQuietMs: o.contentQuietMs, capMs: o.settleCapMs }))) {
      emit({ type: 'settle-timeout', url, waitedMs: Date.now() - started });
    }
    const settled = Date.now();
    const loadedUrl = page.url();
    let expanded: ExpandOutcome | undefined;
    if (request.expand) {
      // The posts each screen shows are worth starting on while "Load more" is clicked through. Each
      // snapshot is taken at once and handed over in order; the expansion goes on meanwhile (a later
      // screen only adds links). One that fails only loses the head start: the final one says what went wrong.
      const { onRender } = request;
      let handedOver = Promise.resolve();
      const shown =
        onRender &&
        (() => {
          const taken = snapshot(loadedUrl);
          handedOver = handedOver.then(() => taken.then(onRender, () => undefined));
        });
      shown?.();
      const outcome = await expandPage(page, network, {
        maxRounds: o.expandMaxRounds,
        timeLimitMs: o.expandTimeLimitMs,
        quietMs: o.quietMs,
        contentQuietMs: o.contentQuietMs,
        roundCapMs: o.settleCapMs,
        ...(shown ? { onGrow: shown } : {}),
      });
      await handedOver;
      emit({ type: 'expanded', url, ...outcome });
      expanded = outcome;
    }
    // Scripts may have moved on since (location.replace to a login page, a "moved" notice); but the
    // ?page=N an expanded index pushed into the address bar is not where its snapshot lives.
    const result = await snapshot(expanded && expanded.stop !== 'navigated' ? loadedUrl : page.url());
    emit({ type: 'rendered', url, navigateMs: started - began, settleMs: settled - started, expandMs: Date.now() - settled });
    return result;
  }

  async function fetchPage(url: string, doc: FetchResult, request: RenderRequest): Promise<FetchResult> {
    if (closed) throw new FetchError(url, 'browser closed');
    let own: Session;
    let tab: Tab;
    try {
      own = await currentSession();
      tab = own.idle.pop() ?? (await openTab(own.context));
    } catch (err) {
      throw navigationError(url, err, closed);
    }
    let reusable = false;
    try {
      const result = await render(tab, url, doc, request);
      reusable = true;
      return result;
    } catch (err) {
      // A page that left the site is still a healthy tab.
      reusable = err instanceof FetchError && err.status !== undefined;
      throw err;
    } finally {
      if (reusable && !closed && own.browser.isConnected()) own.idle.push(tab);
      else await tab.page.close().catch(() => undefined);
    }
  }

  return {
    async fetch(url: string, fetchOptions: FetchOptions = {}): Promise<FetchResult> {
      const kind = fetchOptions.kind ?? 'page';
      if (kind !== 'page') return layer.fetch(url, fetchOptions);
      if (closed) throw new FetchError(url, 'browser closed');
      let userAgent: string;
      try {
        userAgent = (await currentSession()).userAgent;
      } catch (err) {
        throw navigationError(url, err, closed);
      }
      // Validators are not sent: the shell of a client-rendered page says nothing about the data it loads.
      const doc = await layer.fetch(url, { kind: 'page', userAgent });
      if (fetchOptions.renderIf && !(await fetchOptions.renderIf(doc))) return doc;
      const request: RenderRequest = { expand: fetchOptions.expand === true, ...(fetchOptions.onRender ? { onRender: fetchOptions.onRender } : {}) };
      return withRetries(
        () =>
          Promise.race([limit(() => fetchPage(url, doc, request)), closing]).catch((err: unknown) => {
            throw closed ? new FetchError(url, 'browser closed') : err;
          }),
        toFailure,
        { retries: o.retries, backoffMs: o.backoffMs, maxBackoffMs: 10_000, maxRetryAfterMs: 0 },
        (notice) => emit({ type: 'retry', url, attempt: notice.attempt, delayMs: notice.delayMs, reason: notice.reason }),
      );
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      announceClose();
      limit.clearQueue();
      const running = await session?.catch(() => undefined);
      if (!running) return;
      await running.context.close().catch(() => undefined);
      await running.browser.close().catch(() => undefined);
    },
  };
}

/**
 * The page's DOM as HTML, as page.content() gives it. content() runs in Playwright's own script, which
 * it first injects into each new document: some 600 kB written to the browser, then parsed and
 * compiled by the page, for every post.
 */
function pageHtml(page: Page): Promise<string> {
  return page.evaluate(() => (document.doctype ? new XMLSerializer().serializeToString(document.doctype) : '') + (document.documentElement?.outerHTML ?? ''));
}

/**
 * The main document's headers, minus what no longer describes the rendered body. Validators are
 * dropped too: a later conditional request for the shell would answer 304 while the posts it loads
 * have changed.
 */
function renderedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (/^(content-length|content-encoding|transfer-encoding|etag|last-modified)$/.test(name)) continue;
    out[name] = value;
  }
  out['content-type'] = 'text/html; charset=utf-8';
  return out;
}

