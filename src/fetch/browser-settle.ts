import type { Page, Request } from 'playwright-core';
import { blockReason } from './browser-blocklist.js';

/**
 * Text (in characters) scripts must have added to a page for its content to count as shown: as much as
 * the shortest article render-detect.ts accepts from a static page.
 */
const CONTENT_ADDED_MIN = 80;

/**
 * Injected into every document before its own scripts: remembers when the DOM last changed, so the
 * fetcher can wait until a client-side app has finished building the page instead of sleeping, and how
 * much text the page showed once parsed (readyState "interactive" comes before deferred scripts run), so
 * that it can tell when scripts have added the content.
 * Attribute changes are ignored: carousels and clocks animate attributes forever.
 * `__blogvaultWaitQuiet(wait)` (a DomWait) resolves the moment the DOM has been quiet for the period
 * needed, or after wait.maxWaitMs, with how long it has been quiet and how much text scripts added: waiting
 * in the page answers as soon as that is true, where polling from Node cost a round trip every 25-100 ms.
 */
export const MUTATION_CLOCK_SCRIPT = `(() => {
  let lastMutation = performance.now();
  let parsedText;
  new MutationObserver(() => { lastMutation = performance.now(); }).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('readystatechange', () => {
    if (document.readyState === 'interactive') parsedText = document.body ? document.body.innerText.length : 0;
  });
  const waitQuiet = (wait) => new Promise((resolve) => {
    const began = performance.now();
    const check = () => {
      const now = performance.now();
      const state = {
        quietFor: Math.min(now - lastMutation, wait.elapsed + now - began),
        textAdded: parsedText === undefined || !document.body ? 0 : document.body.innerText.length - parsedText,
      };
      const needed = wait.requested && state.textAdded >= ${CONTENT_ADDED_MIN} ? wait.contentQuietMs : wait.quietMs;
      const waited = now - began;
      if (state.quietFor >= needed || waited >= wait.maxWaitMs) return resolve(state);
      // Woken when the period would be over; a mutation meanwhile only pushes the end further.
      setTimeout(check, Math.max(1, Math.min(needed - state.quietFor, wait.maxWaitMs - waited)));
    };
    check();
  });
  Object.defineProperty(window, '__blogvaultWaitQuiet', { value: waitQuiet });
})();`;

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
  /** waitQuiet calls to wake when a request starts or ends. */
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(page: Page) {
    page.on('request', (request) => {
      const type = request.resourceType();
      if (LONG_LIVED_TYPES.has(type) || blockReason(request.url(), type)) return;
      this.inflight.add(request);
      this.started++;
      this.lastActivity = Date.now();
      this.wake();
    });
    const done = (request: Request) => {
      if (!this.inflight.delete(request)) return;
      this.lastActivity = Date.now();
      this.wake();
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    page.once('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
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

  /** Resolves once the network has been idle for `ms`, or after `limitMs`. */
  waitQuiet(ms: number, limitMs: number): Promise<void> {
    const end = Date.now() + limitMs;
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const check = () => {
        clearTimeout(timer);
        const quiet = this.quietFor();
        const left = end - Date.now();
        if (quiet >= ms || left <= 0 || this.closed) {
          this.waiters.delete(check);
          resolve();
          return;
        }
        // While a request is in flight its end wakes this up (or the limit does).
        timer = setTimeout(check, this.inflight.size ? left : Math.min(left, ms - quiet));
      };
      this.waiters.add(check);
      check();
    });
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
  // The DOM as it is now, then after each wait: the wait itself runs in the page and ends the moment the
  // DOM has been quiet long enough, instead of polling it from here.
  let dom = await domState(page, { ...options, requested: false, elapsed: 0, maxWaitMs: 0 });
  for (;;) {
    if (page.isClosed()) return false;
    const requested = network.requests > requestsBefore;
    const needed = dom.textAdded >= CONTENT_ADDED_MIN && requested ? options.contentQuietMs : options.quietMs;
    if (Math.min(Date.now() - start, network.quietFor(), dom.quietFor) >= needed) return true;
    if (deadline - Date.now() <= 0) return false;
    // While the DOM is still changing, the network need only be idle for the shortest period that may do;
    // the page's own wait knows which period its text calls for.
    const networkNeeded = dom.quietFor >= needed ? needed : Math.min(needed, requested ? options.contentQuietMs : options.quietMs);
    if (network.quietFor() < networkNeeded) await network.waitQuiet(networkNeeded, deadline - Date.now());
    const left = deadline - Date.now();
    if (left <= 0) return false;
    // Without a request made yet, a request may come and shorten the period needed: look again now and then.
    const maxWaitMs = network.requests > requestsBefore ? left : Math.min(left, NO_REQUEST_LOOK_AGAIN_MS);
    dom = await domState(page, { ...options, requested: network.requests > requestsBefore, elapsed: Date.now() - start, maxWaitMs });
  }
}

/** How often a wait that has seen no request of its action yet looks again at the network. */
const NO_REQUEST_LOOK_AGAIN_MS = 100;

interface DomWait {
  quietMs: number;
  contentQuietMs: number;
  /** Whether the action waited for made a request (the shorter period may do once content is shown). */
  requested: boolean;
  /** Time already waited: the quiet period counts from the start of the wait at the earliest. */
  elapsed: number;
  /** Answer after this long at the latest. */
  maxWaitMs: number;
}

/** Waits in the page (MUTATION_CLOCK_SCRIPT) until its DOM has been quiet for the period needed, or `maxWaitMs`. */
async function domState(page: Page, wait: DomWait): Promise<{ quietFor: number; textAdded: number }> {
  const unsettled = { quietFor: 0, textAdded: 0 };
  let timer: NodeJS.Timeout | undefined;
  try {
    const inPage = page.evaluate(
      (w) => (window as unknown as { __blogvaultWaitQuiet: (w: DomWait) => Promise<{ quietFor: number; textAdded: number }> }).__blogvaultWaitQuiet(w),
      wait,
    );
    // A page whose scripts never yield would keep the answer from ever coming.
    const hung = new Promise<typeof unsettled>((resolve) => (timer = setTimeout(() => resolve(unsettled), wait.maxWaitMs + HUNG_PAGE_MS)));
    return await Promise.race([inPage, hung]);
  } catch {
    // The document is being replaced (a client-side redirect): not settled yet; look again shortly.
    await new Promise((resolve) => setTimeout(resolve, 25));
    return unsettled;
  } finally {
    clearTimeout(timer);
  }
}

/** How much later than asked an answer from the page may come before the page counts as busy. */
const HUNG_PAGE_MS = 1000;
