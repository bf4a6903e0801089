import type { Page, Request } from 'playwright-core';

/**
 * Injected into every document before its own scripts: remembers when the DOM last changed, so the
 * fetcher can wait until a client-side app has finished building the page instead of sleeping.
 * Attribute changes are ignored: carousels and clocks animate attributes forever.
 */
export const MUTATION_CLOCK_SCRIPT = `(() => {
  const stamp = () => Object.defineProperty(window, '__blogvaultLastMutation', { value: performance.now(), configurable: true });
  stamp();
  new MutationObserver(stamp).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

/** Requests that stay open by design and would keep the network from ever looking idle. */
const LONG_LIVED_TYPES = new Set(['eventsource', 'websocket']);

/** Counts a page's requests in flight and remembers when the network was last busy. */
export class NetworkTracker {
  private readonly inflight = new Set<Request>();
  private lastActivity = Date.now();

  constructor(page: Page) {
    page.on('request', (request) => {
      if (LONG_LIVED_TYPES.has(request.resourceType())) return;
      this.inflight.add(request);
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
    this.lastActivity = Date.now();
  }

  /** Milliseconds the network has been idle, 0 while a request is in flight. */
  quietFor(): number {
    return this.inflight.size ? 0 : Date.now() - this.lastActivity;
  }
}

export interface SettleOptions {
  /** How long both the network and the DOM must stay unchanged. */
  quietMs: number;
  /** Give up waiting after this long (pages that poll or stream never settle). */
  capMs: number;
}

/**
 * Waits until no request is in flight and the DOM has not changed for `quietMs`, or `capMs` passed.
 * The quiet period counts from the call at the earliest: a click's effects often start on a timer.
 * Returns false when the cap was hit; the page is then used as it is.
 */
export async function waitForSettled(page: Page, network: NetworkTracker, options: SettleOptions): Promise<boolean> {
  const start = Date.now();
  const deadline = start + options.capMs;
  for (;;) {
    if (page.isClosed()) return false;
    const quiet = Math.min(Date.now() - start, network.quietFor(), await domQuietFor(page));
    if (quiet >= options.quietMs) return true;
    const left = deadline - Date.now();
    if (left <= 0) return false;
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, Math.max(25, Math.min(100, options.quietMs - quiet)))));
  }
}

async function domQuietFor(page: Page): Promise<number> {
  try {
    return await page.evaluate(() => {
      const last = (window as unknown as { __blogvaultLastMutation?: number }).__blogvaultLastMutation;
      return performance.now() - (last ?? 0);
    });
  } catch {
    // The document is being replaced (a client-side redirect): not settled yet.
    return 0;
  }
}
