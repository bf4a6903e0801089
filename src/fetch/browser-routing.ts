/**
 * How Chromium's requests reach the network: every one passes the fetch layer. The document a tab renders
 * is the one the layer fetched; other requests are admitted by the layer or blocked.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FetchError, type FetchResult } from './fetcher.js';
import { blockReason } from './browser-blocklist.js';
import { MUTATION_CLOCK_SCRIPT } from './browser-settle.js';
import type { BrowserEvent } from './browser-options.js';
import type { FetchLayer } from './layer.js';
import { staysOnSite } from './site.js';

/** What the tab of a page is rendering: the document the layer fetched, and where scripts tried to take it off the site. */
export interface Rendering {
  doc: FetchResult;
  leftFor?: string;
}

/** The URL of the page a request comes from; empty once its frame is gone. */
function safePageUrl(request: { frame(): { url(): string } }): string {
  try {
    return request.frame().url();
  } catch {
    return '';
  }
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

/** Scripts and styles a context keeps for its later pages, within these bounds. */
const KEPT_TYPES = new Set(['script', 'stylesheet']);
const KEPT_BYTES = 4 * 1024 * 1024;
const KEPT_ENTRIES = 200;

/** What the routing of a browser context needs from the fetcher. */
export interface Routing {
  layer: FetchLayer;
  /** Per tab: the page being rendered, for the request handler that serves its document. */
  renderings: WeakMap<Page, Rendering>;
  emit: (event: BrowserEvent) => void;
}

/**
 * Every request Chromium makes passes here. A tab's own document is served from what the layer
 * fetched; a navigation a script starts is fetched by the layer too, or refused when it leaves the
 * site; anything else must be admitted by the layer (address rules; the blog's rate and pauses), and a
 * script or style sheet is fetched once per context.
 */
export async function newContext(browser: Browser, userAgent: string, { layer, renderings, emit }: Routing): Promise<BrowserContext> {
  // Intercepting requests turns Chromium's HTTP cache off: every post of a scripted blog fetched the
  // same scripts and styles again (24 of the 39 requests on fixtures/spa-blog). The context keeps them.
  const subresources = new Map<string, { status: number; headers: Record<string, string>; body: Buffer }>();
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
    if (!reason && KEPT_TYPES.has(request.resourceType()) && request.method() === 'GET') {
      const kept = subresources.get(url);
      if (kept) return route.fulfill(kept).catch(() => undefined);
      try {
        await layer.admit(url);
        const response = await route.fetch();
        const body = await response.body();
        if (response.status() === 200 && body.length <= KEPT_BYTES && subresources.size < KEPT_ENTRIES) subresources.set(url, { status: 200, headers: response.headers(), body });
        return await route.fulfill({ response, body });
      } catch (err) {
        if (!(err instanceof FetchError)) return route.abort('failed').catch(() => undefined);
        reason = err.reason;
      }
    } else if (!reason) {
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
