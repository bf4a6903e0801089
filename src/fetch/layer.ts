/**
 * The one politeness and safety layer every request passes through: pages, feeds, sitemaps, robots.txt
 * and images over HTTP, and the documents and sub-requests of pages rendered in a browser. It applies
 * robots.txt, the per-host rate and Crawl-delay, the Retry-After pause, retries, redirect rules checked
 * at every hop, address rules (no private or internal address unless the blog is on one), the blog-only
 * rule for feeds, sitemaps and robots.txt, size and time limits, and the image check. The HTTP transport
 * and the browser only carry requests; the rules live here.
 */
import pLimit from 'p-limit';
import { createAddressPolicy, resolveAll } from './address.js';
import { staysOnSite } from './site.js';
import { FetchError, RobotsDisallowed, type FetchOptions, type FetchResult } from './fetcher.js';
import { createHostRateLimiter } from './rate-limit.js';
import { observeTransport } from './exchange.js';
import { createRobotsCache, parseRobots } from './robots.js';
import { isTransientStatus, parseRetryAfter, withRetries, type RetryPolicy } from './retry.js';
import { createTransport, type TransportLimits } from './transport.js';
import { FETCH_LAYER_DEFAULTS, withoutUndefined, type FetchLayer, type FetchLayerOptions, type Kind } from './layer-options.js';
import { REDIRECT_STATUSES, StatusError, finalError, mimeType, readResult, toFailure } from './layer-results.js';

export { FETCH_LAYER_DEFAULTS, type FetchLayer, type FetchLayerOptions } from './layer-options.js';
export { formatFetchEvent, type FetchEvent } from './events.js';
export { staysOnSite } from './site.js';

/** The Accept header of each kind of request. */
const ACCEPT: Record<Kind, string> = {
  page: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
  data: 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.5',
  asset: 'image/avif,image/webp,image/*;q=0.9,*/*;q=0.8',
};

export function createFetchLayer(options: FetchLayerOptions = {}): FetchLayer {
  const o = { ...FETCH_LAYER_DEFAULTS, ...withoutUndefined(options) };
  const emit = options.onEvent ?? (() => undefined);
  const addresses = createAddressPolicy({ site: options.site, allowAll: options.allowPrivateAddresses });
  const transport = observeTransport(createTransport(addresses, Math.max(1, o.concurrency)), options.onExchange);
  /** On the blog's site (every URL is, when no site is given). */
  const onSite = (url: string) => !options.site || staysOnSite(options.site, url);
  const limit = pLimit(Math.max(1, o.concurrency));
  const rate = options.rateLimiter ?? createHostRateLimiter(o.rate);
  let closed = false;
  const policy: RetryPolicy = { retries: o.retries, backoffMs: o.backoffMs, maxBackoffMs: o.maxBackoffMs, maxRetryAfterMs: o.maxRetryAfterMs, random: options.random };

  const limitsFor = (kind: Kind): TransportLimits => ({
    connectTimeoutMs: o.connectTimeoutMs,
    stallMs: o.stallMs,
    timeoutMs: o.timeoutMs,
    maxBytes: kind === 'asset' ? (o.maxAssetBytes ?? o.maxBytes) : o.maxBytes,
  });

  /**
   * robots.txt as loaded for the rules, by URL: sitemap discovery reads its `Sitemap:` lines from the
   * same answer instead of a second request.
   */
  const robotsAnswers = new Map<string, Promise<FetchResult>>();
  const robots = createRobotsCache(async (robotsUrl) => {
    const origin = new URL(robotsUrl).origin;
    try {
      const answer = withRetries(() => attempt(robotsUrl, 'data', {}, false), toFailure, policy, (n) =>
        emit({ type: 'retry', url: robotsUrl, ...n }),
      );
      robotsAnswers.set(robotsUrl, answer);
      const result = await answer;
      const text = result.text ?? '';
      const crawlDelayMs = parseRobots(robotsUrl, text, o.userAgent).crawlDelayMs;
      emit({ type: 'robots', origin, outcome: 'loaded', crawlDelayMs: crawlDelayMs && Math.min(crawlDelayMs, o.maxCrawlDelayMs) });
      return text;
    } catch (err) {
      const missing = err instanceof FetchError && err.status !== undefined && err.status >= 400 && err.status < 500;
      emit({ type: 'robots', origin, outcome: missing ? 'missing' : 'unavailable', reason: toFailure(err).reason });
      return undefined;
    }
  }, o.userAgent);

  /**
   * Whether robots.txt lets us fetch `url`; also installs the host's Crawl-delay. robots.txt is read
   * from the blog's site only: images on other hosts are fetched as a reader's browser would.
   */
  async function allowedByRobots(url: string): Promise<boolean> {
    if (o.ignoreRobots || !onSite(url)) return true;
    const rules = await robots.rulesFor(url);
    if (rules.crawlDelayMs) rate.setCrawlDelay(new URL(url).host, Math.min(rules.crawlDelayMs, o.maxCrawlDelayMs));
    return rules.isAllowed(url);
  }

  function requestHeaders(kind: Kind, options: FetchOptions, conditional: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': options.userAgent ?? o.userAgent,
      accept: ACCEPT[kind],
      'accept-encoding': 'gzip, deflate, br',
    };
    if (conditional && options.etag) headers['if-none-match'] = options.etag;
    if (conditional && options.lastModified) headers['if-modified-since'] = options.lastModified;
    return headers;
  }

  /** One attempt: the request and its redirect chain, classified into a result or a FetchError. */
  async function attempt(url: string, kind: Kind, options: FetchOptions, checkRobots: boolean): Promise<FetchResult> {
    if (closed) throw new FetchError(url, 'fetcher closed');
    const visited = new Set([url]);
    let current = url;
    for (let hops = 0; ; hops++) {
      if (hops > 0 && checkRobots && !(await allowedByRobots(current))) {
        throw new RobotsDisallowed(url, `redirect target ${current} disallowed by robots.txt`);
      }
      const host = new URL(current).host;
      await rate.acquire(host);
      const res = await transport.request(current, requestHeaders(kind, options, hops === 0), limitsFor(kind));
      const { status, headers } = res;

      if (REDIRECT_STATUSES.has(status) && headers.location) {
        await res.discard();
        const from = current;
        current = nextLocation(url, current, headers.location, kind, status, visited, hops);
        emit({ type: 'redirect', url, from, to: current, status });
        continue;
      }
      if (status === 304 && (options.etag || options.lastModified)) {
        await res.discard();
        return { url, finalUrl: current, status, headers, contentType: mimeType(headers['content-type']), body: Buffer.alloc(0), notModified: true };
      }
      if (status < 200 || status >= 300) {
        await res.discard();
        throw statusError(url, status, headers, host);
      }
      return await readResult(url, current, kind, res, o.maxBytes);
    }
  }

  function nextLocation(url: string, current: string, location: string, kind: Kind, status: number, visited: Set<string>, hops: number): string {
    let next: string;
    try {
      next = new URL(location, current).href;
    } catch {
      throw new FetchError(url, `invalid redirect location ${JSON.stringify(location)}`, status);
    }
    if (kind === 'page' && !staysOnSite(url, next)) throw new FetchError(url, `redirected off the site to ${next}`, status);
    if (kind === 'data' && !onSite(next)) throw new FetchError(url, `redirected off the blog's site to ${next}`, status);
    if (visited.has(next)) throw new FetchError(url, `redirect loop at ${next}`, status);
    if (hops + 1 > o.maxRedirects) throw new FetchError(url, `too many redirects (more than ${o.maxRedirects})`, status);
    visited.add(next);
    return next;
  }

  /** A Retry-After on 429/503, in ms; the host is paused for it (throttling concerns the whole host, not only this URL). */
  function pauseFor(url: string, status: number, headers: Record<string, string>, host: string): number | undefined {
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(headers['retry-after']) : undefined;
    if (retryAfterMs !== undefined && retryAfterMs <= o.maxRetryAfterMs) {
      const untilMs = Date.now() + retryAfterMs;
      rate.pauseUntil(host, untilMs);
      emit({ type: 'pause', url, host, untilMs });
    }
    return retryAfterMs;
  }

  function statusError(url: string, status: number, headers: Record<string, string>, host: string): StatusError {
    const transient = isTransientStatus(status);
    const retryAfterMs = pauseFor(url, status, headers, host);
    const wait = retryAfterMs !== undefined ? ` (Retry-After ${Math.ceil(retryAfterMs / 1000)} s)` : '';
    return new StatusError(url, `HTTP ${status}${wait}`, status, transient, retryAfterMs);
  }

  return {
    async fetch(url, fetchOptions = {}) {
      const kind = fetchOptions.kind ?? 'page';
      try {
        const protocol = new URL(url).protocol;
        if (protocol !== 'http:' && protocol !== 'https:') throw new Error(protocol);
      } catch {
        throw new FetchError(url, 'not an http(s) URL');
      }
      if (kind === 'data' && !onSite(url)) throw new FetchError(url, "not on the blog's site (feeds, sitemaps and robots.txt are read from the blog only)");
      // robots.txt says which pages may be crawled; the images a post shows are part of that post, as
      // they are of a reader's visit (Hexo and Astro themes disallow their image folders for search
      // engines). Their host's Crawl-delay still applies.
      const robotsApply = kind !== 'asset';
      const allowed = await allowedByRobots(url);
      if (robotsApply && !allowed) throw new RobotsDisallowed(url);
      const robotsAnswer = robotsAnswers.get(url);
      if (robotsAnswer) return robotsAnswer.catch((err: unknown) => Promise.reject(finalError(url, err, 1)));
      let attempts = 0;
      try {
        return await withRetries(
          () => {
            attempts++;
            return limit(() => attempt(url, kind, fetchOptions, robotsApply));
          },
          toFailure,
          policy,
          (notice) => emit({ type: 'retry', url, ...notice }),
        );
      } catch (err) {
        throw finalError(url, err, attempts);
      }
    },
    async admit(url) {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        throw new FetchError(url, 'not a URL');
      }
      if (target.protocol === 'data:' || target.protocol === 'blob:') return;
      if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new FetchError(url, 'not an http(s) URL');
      let refusal: string | undefined;
      try {
        for (const ip of await resolveAll(target.hostname)) refusal ??= await addresses.refusal(ip, target.hostname);
      } catch {
        // Unresolvable: the renderer's own request fails on its own.
      }
      if (refusal) throw new FetchError(url, refusal);
      if (onSite(url) && options.site) {
        if (!(await allowedByRobots(url))) throw new RobotsDisallowed(url);
        await rate.acquire(target.host);
      }
    },
    observe(url, status, headers) {
      if (onSite(url)) pauseFor(url, status, headers, new URL(url).host);
    },
    async close() {
      // Queued fetches still run, and fail at once: clearing the queue would leave their promises pending forever.
      closed = true;
      transport.close();
    },
  };
}

