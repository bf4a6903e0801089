import pLimit from 'p-limit';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { FetchError, type Fetcher, type FetchOptions, type FetchResult } from './fetcher.js';
import { blockReason } from './browser-blocklist.js';
import { expandPage, type ExpandOutcome } from './browser-expand.js';
import { MUTATION_CLOCK_SCRIPT, NetworkTracker, waitForSettled } from './browser-settle.js';
import { findChromium, type FoundChromium } from './chromium.js';
import type { FetchLayer } from './layer.js';
import { withRetries, type AttemptFailure } from './retry.js';
import { staysOnSite } from './site.js';
import { BLOGVAULT_VERSION } from './user-agent.js';

/** Things worth telling a user in verbose mode; the fetcher itself never prints. */
export type BrowserEvent =
  | { type: 'launch'; executablePath: string; source: FoundChromium['source'] | 'option'; version: string }
  | { type: 'blocked'; url: string; page: string; reason: string }
  | { type: 'settle-timeout'; url: string; waitedMs: number }
  | ({ type: 'expanded'; url: string } & ExpandOutcome)
  | { type: 'retry'; url: string; attempt: number; delayMs: number; reason: string }
  /** Chromium died (crash, out of memory, killed); the next page launches a new one. */
  | { type: 'browser-lost' };

export interface BrowserFetcherOptions {
  /**
   * Every request goes through this layer: each page's document is fetched by it (robots, rate, Retry-After,
   * redirect, address and size rules) and handed to Chromium, which only renders; the requests the page
   * makes are admitted by it; assets and data are fetched by it alone.
   */
  layer: FetchLayer;
  /** Pages rendered at once (one shared browser, this many tabs at most). */
  concurrency?: number;
  /** Deadline for a page's navigation (until DOMContentLoaded). */
  timeoutMs?: number;
  /** Defaults to Chromium's own user agent with "blogvault/<version>" appended. */
  userAgent?: string;
  /** Defaults to findChromium(): BLOGVAULT_CHROMIUM, a Playwright-managed browser, then PATH. */
  executablePath?: string;
  /** How long network and DOM must stay unchanged for a page to count as rendered. */
  quietMs?: number;
  /** Longest wait for a page to settle after DOMContentLoaded (pages that poll never do). */
  settleCapMs?: number;
  /** Rounds of "Load more" clicks / scrolls on an index page (`expand: true`); the pipeline passes --max-pages. */
  expandMaxRounds?: number;
  /** Time allowed for expanding one index page. */
  expandTimeLimitMs?: number;
  /** Renders tried again after the first when the browser crashes or times out (the document is not fetched again). */
  retries?: number;
  backoffMs?: number;
  onEvent?: (event: BrowserEvent) => void;
}

export const BROWSER_FETCHER_DEFAULTS = {
  concurrency: 4,
  timeoutMs: 30_000,
  quietMs: 400,
  settleCapMs: 10_000,
  expandMaxRounds: 50,
  expandTimeLimitMs: 60_000,
  retries: 2,
  backoffMs: 500,
} as const;

/** Flags for an unattended, quiet browser: no sandbox (containers, root), no GPU, no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Containers often give /dev/shm only 64 MB, which crashes renderers of large pages.
  '--disable-dev-shm-usage',
];

/** One launched browser with its context and its idle tabs. */
interface Session {
  browser: Browser;
  context: BrowserContext;
  idle: Tab[];
  userAgent: string;
}

/** A tab of the pool with the request tracker bound to it. */
interface Tab {
  page: Page;
  network: NetworkTracker;
}

/** What the tab of a page is rendering: the document the layer fetched, and where scripts tried to take it off the site. */
interface Rendering {
  doc: FetchResult;
  leftFor?: string;
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
    const browser = await chromium.launch(launchOptions);
    const userAgent = o.userAgent ?? defaultUserAgent(browser.version());
    let context: BrowserContext;
    try {
      context = await newContext(browser, userAgent);
    } catch (err) {
      await browser.close().catch(() => undefined);
      throw err;
    }
    emit({ type: 'launch', executablePath: found.path, source: found.source, version: browser.version() });
    return { browser, context, idle: [], userAgent };
  }

  /**
   * Every request Chromium makes passes here. A tab's own document is served from what the layer
   * fetched; a navigation a script starts is fetched by the layer too, or refused when it leaves the
   * site; anything else must be admitted by the layer (address rules; the blog's rate and pauses).
   */
  async function newContext(browser: Browser, userAgent: string): Promise<BrowserContext> {
    const context = await browser.newContext({ userAgent, viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', acceptDownloads: false });
    await context.addInitScript({ content: MUTATION_CLOCK_SCRIPT });
    await context.route('**/*', async (route) => {
      const request = route.request();
      const url = request.url();
      const isMainDocument = request.isNavigationRequest() && request.frame().parentFrame() === null;
      if (isMainDocument) {
        const rendering = renderings.get(request.frame().page());
        if (rendering && sameDocument(url, rendering.doc.finalUrl)) return route.fulfill(documentResponse(rendering.doc));
        if (!rendering || !staysOnSite(rendering.doc.finalUrl, url)) {
          if (rendering) rendering.leftFor ??= url;
          return route.abort('blockedbyclient');
        }
        try {
          return await route.fulfill(documentResponse(await layer.fetch(url, { kind: 'page', userAgent })));
        } catch {
          return route.abort('blockedbyclient').catch(() => undefined);
        }
      }
      let reason = blockReason(url, request.resourceType());
      if (!reason) {
        try {
          await layer.admit(url);
          return await route.fallback();
        } catch (err) {
          if (!(err instanceof FetchError)) return undefined;
          reason = err.reason;
        }
      }
      emit({ type: 'blocked', url, page: safePageUrl(request), reason });
      return route.abort('blockedbyclient').catch(() => undefined);
    });
    // Throttling answers to the page's own requests pause the host for the whole crawl.
    context.on('response', (response) => layer.observe(response.url(), response.status(), response.headers()));
    return context;
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

  async function render(tab: Tab, url: string, doc: FetchResult, expand: boolean): Promise<FetchResult> {
    const { page, network } = tab;
    network.reset();
    const rendering: Rendering = { doc };
    renderings.set(page, rendering);
    const { status, headers } = doc;
    const offSite = () => {
      if (rendering.leftFor) throw new FetchError(url, `redirected off the site to ${rendering.leftFor}`, status);
    };
    try {
      await page.goto(doc.finalUrl.replace(/#.*$/, ''), { waitUntil: 'domcontentloaded', timeout: o.timeoutMs });
    } catch (err) {
      offSite();
      throw navigationError(url, err, closed);
    }

    const started = Date.now();
    if (!(await waitForSettled(page, network, { quietMs: o.quietMs, capMs: o.settleCapMs }))) {
      emit({ type: 'settle-timeout', url, waitedMs: Date.now() - started });
    }
    const loadedUrl = page.url();
    let expanded: ExpandOutcome | undefined;
    if (expand) {
      const outcome = await expandPage(page, network, {
        maxRounds: o.expandMaxRounds,
        timeLimitMs: o.expandTimeLimitMs,
        quietMs: o.quietMs,
        roundCapMs: o.settleCapMs,
      });
      emit({ type: 'expanded', url, ...outcome });
      expanded = outcome;
    }
    // Scripts may have moved on since (location.replace to a login page, a "moved" notice); but the
    // ?page=N an expanded index pushed into the address bar is not where its snapshot lives.
    const finalUrl = expanded && expanded.stop !== 'navigated' ? loadedUrl : page.url();
    offSite();
    if (!staysOnSite(url, finalUrl)) throw new FetchError(url, `redirected off the site to ${finalUrl}`, status);
    let text: string;
    try {
      text = await page.content();
    } catch (err) {
      throw navigationError(url, err, closed);
    }
    return {
      url,
      finalUrl,
      status,
      headers: renderedHeaders(headers),
      contentType: 'text/html',
      body: Buffer.from(text, 'utf8'),
      text,
    };
  }

  async function fetchPage(url: string, doc: FetchResult, expand: boolean): Promise<FetchResult> {
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
      const result = await render(tab, url, doc, expand);
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
      return withRetries(
        () =>
          Promise.race([limit(() => fetchPage(url, doc, fetchOptions.expand === true)), closing]).catch((err: unknown) => {
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

function safePageUrl(request: { frame(): { url(): string } }): string {
  try {
    return request.frame().url();
  } catch {
    return '';
  }
}

/** A desktop Chrome user agent (sites serve headless browsers differently) that still names blogvault. */
function defaultUserAgent(version: string): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36 blogvault/${BLOGVAULT_VERSION}`;
}

/** Two URLs of one document (the fragment never reaches the server). */
function sameDocument(a: string, b: string): boolean {
  return a.replace(/#.*$/, '') === b.replace(/#.*$/, '');
}

/** The document the layer fetched, as the answer to the browser's navigation: its bytes, decoded from any content-encoding. */
function documentResponse(doc: FetchResult): { status: number; headers: Record<string, string>; body: Buffer } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(doc.headers)) {
    if (!/^(content-length|content-encoding|transfer-encoding|connection|keep-alive)$/.test(name)) headers[name] = value;
  }
  return { status: doc.status, headers, body: doc.body };
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

/** Playwright's navigation errors as FetchErrors: network failures and timeouts may pass, the rest will not. */
function navigationError(url: string, err: unknown, closed: boolean): FetchError {
  if (err instanceof FetchError) return err;
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  if (closed) return new FetchError(url, 'browser closed');
  // Closed under us without close(): the browser or the tab crashed; a retry gets a new one.
  if (/Target( page, context or browser)? (has been )?closed|Browser has been closed|Page crashed|browser has disconnected/i.test(message)) {
    return new FetchError(url, `the browser crashed (${message})`, undefined, true);
  }
  const net = /net::(ERR_[A-Z_]+)/.exec(message);
  if (net) return new FetchError(url, net[1], undefined, !/ERR_(NAME_NOT_RESOLVED|INVALID_URL|UNKNOWN_URL_SCHEME|ABORTED|BLOCKED_BY_CLIENT)/.test(net[1]));
  if (/Timeout \d+ms exceeded/i.test(message)) return new FetchError(url, `timed out rendering the page (${message.replace(/^.*?(Timeout \d+ms exceeded).*$/, '$1')})`, undefined, true);
  if (/Download is starting/i.test(message)) return new FetchError(url, 'not HTML (the browser started a download)');
  return new FetchError(url, `browser: ${message}`, undefined, true);
}

function toFailure(err: unknown): AttemptFailure {
  if (err instanceof FetchError) return { transient: err.transient && err.reason !== 'browser closed', reason: err.reason };
  return { transient: false, reason: String(err) };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
