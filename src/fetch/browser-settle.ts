import type { Page, Request } from 'playwright-core';
import { blockReason } from './browser-blocklist.js';

/**
 * Injected into every document before its own scripts: remembers when the DOM last changed, so the
 * fetcher can wait until a client-side app has finished building the page instead of sleeping, and how
 * much text the page showed once parsed (readyState "interactive" comes before deferred scripts run), so
 * that it can tell when scripts have added the content.
 * Attribute changes are ignored: carousels and clocks animate attributes forever.
 */
export const MUTATION_CLOCK_SCRIPT = `(() => {
  const stamp = () => Object.defineProperty(window, '__blogvaultLastMutation', { value: performance.now(), configurable: true });
  stamp();
  new MutationObserver(stamp).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('readystatechange', () => {
    if (document.readyState === 'interactive') Object.defineProperty(window, '__blogvaultParsedText', { value: document.body ? document.body.innerText.length : 0, configurable: true });
  });
})();`;

/**
 * Text (in characters) scripts must have added to a page for its content to count as shown: as much as
 * the shortest article render-detect.ts accepts from a static page.
 */
const CONTENT_ADDED_MIN = 80;

/** Requests that stay open by design and would keep the network from ever looking idle. */
const LONG_LIVED_TYPES = new Set(['eventsource', 'websocket']);

/**
 * Counts a page's requests in flight and remembers when the network was last busy. Requests the
 * blocklist aborts are left out: they never reach the network nor bring content, and the images and
 * fonts a page asks for as it draws its article used to restart the quiet period after the content was there.
 */
export class NetworkTracker {
  private readonly inflight = new Set<Request>();
  private lastActivity = Date.now();
  /** Requests started since the last reset. */
  private started = 0;

  constructor(page: Page) {
    page.on('request', (request) => {
      const type = request.resourceType();
      if (LONG_LIVED_TYPES.has(type) || blockReason(request.url(), type)) return;
      this.inflight.add(request);
      this.started++;
      this.lastActivity = Date.now();
    });
    const done = (request: Request) => {
      if (this.inflight.delete(request)) this.lastActivity = Date.now();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  }

  /** Forgets requests of the previous document (a reused page starts a new navigation). */
  reset(): void {
    this.inflight.clear();
    this.started = 0;
    this.lastActivity = Date.now();
  }

  /** Requests started since the last reset, to tell whether an action made any. */
  get requests(): number {
    return this.started;
  }

  /** Milliseconds the network has been idle, 0 while a request is in flight. */
  quietFor(): number {
    return this.inflight.size ? 0 : Date.now() - this.lastActivity;
  }
}

export interface SettleOptions {
  /** How long both the network and the DOM must stay unchanged. */
  quietMs: number;
  /**
   * The shorter quiet period that is enough once the page shows what it loaded: its scripts have added
   * text since it was parsed, and a request started after `requestsBefore`. An app that fetched its
   * article and drew it has nothing more to wait for; one still between two steps has a request in flight.
   */
  contentQuietMs: number;
  /** The tracker's request count before the action being waited for (0: the navigation's own). */
  requestsBefore?: number;
  /** Give up waiting after this long (pages that poll or stream never settle). */
  capMs: number;
}

/**
 * Waits until no request is in flight and the DOM has not changed for the quiet period, or `capMs` passed.
 * The quiet period counts from the call at the earliest: a click's effects often start on a timer.
 * Returns false when the cap was hit; the page is then used as it is.
 */
export async function waitForSettled(page: Page, network: NetworkTracker, options: SettleOptions): Promise<boolean> {
  const start = Date.now();
  const deadline = start + options.capMs;
  const requestsBefore = options.requestsBefore ?? 0;
  for (;;) {
    if (page.isClosed()) return false;
    const dom = await domState(page);
    const quiet = Math.min(Date.now() - start, network.quietFor(), dom.quietFor);
    const needed = dom.textAdded >= CONTENT_ADDED_MIN && network.requests > requestsBefore ? options.contentQuietMs : options.quietMs;
    if (quiet >= needed) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, Math.max(25, Math.min(100, needed - quiet)))));
  }
}

async function domState(page: Page): Promise<{ quietFor: number; textAdded: number }> {
  try {
    return await page.evaluate(() => {
      const marks = window as unknown as { __blogvaultLastMutation?: number; __blogvaultParsedText?: number };
      const parsed = marks.__blogvaultParsedText;
      return {
        quietFor: performance.now() - (marks.__blogvaultLastMutation ?? 0),
        textAdded: parsed === undefined || !document.body ? 0 : document.body.innerText.length - parsed,
      };
    });
  } catch {
    // The document is being replaced (a client-side redirect): not settled yet.
    return { quietFor: 0, textAdded: 0 };
  }
}
