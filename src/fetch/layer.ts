/**
 * The one politeness and safety layer every request passes through: pages, feeds, sitemaps, robots.txt
 * and images over HTTP, and the documents and sub-requests of pages rendered in a browser. It applies
 * robots.txt, the per-host rate and Crawl-delay, the Retry-After pause, retries, redirect rules checked
 * at every hop, address rules (no private or internal address unless the blog is on one), the blog-only
 * rule for feeds, sitemaps and robots.txt, size and time limits, and the image check. The HTTP transport
 * and the browser only carry requests; the rules live here.
 */
import { gunzipSync } from 'node:zlib';
import pLimit from 'p-limit';
import { createAddressPolicy, resolveAll } from './address.js';
import { notAnImage } from './image-check.js';
import { staysOnSite } from './site.js';
import { FetchError, type Fetcher, type FetchOptions, type FetchResult } from './fetcher.js';
import { decodeBody } from './decode.js';
import { createHostRateLimiter, type HostRateLimiter } from './rate-limit.js';
import { observeTransport, type ExchangeObserver } from './exchange.js';
import { createRobotsCache, parseRobots } from './robots.js';
import { isTransientStatus, parseRetryAfter, withRetries, type AttemptFailure, type RetryPolicy } from './retry.js';
import { createTransport, TransportError, type TransportLimits, type TransportResponse } from './transport.js';
import { DEFAULT_USER_AGENT } from './user-agent.js';
import type { FetchEvent } from './events.js';

export { formatFetchEvent, type FetchEvent } from './events.js';
export { staysOnSite } from './site.js';

type Kind = NonNullable<FetchOptions['kind']>;

export interface FetchLayerOptions {
  /**
   * The blog's start URL. Feeds, sitemaps and robots.txt are read from its site only, and the classes
   * of address its host is on may be reached besides public ones. Unset: no site rule, public addresses only.
   */
  site?: string;
  /** Reach loopback, private, link-local and other non-public addresses whatever the blog's own. */
  allowPrivateAddresses?: boolean;
  userAgent?: string;
  /** Requests in flight at once, over all hosts. */
  concurrency?: number;
  /** Requests per second per host; Crawl-delay from robots.txt lowers it further. Unset: no limit. */
  rate?: number;
  /** Deadline per attempt, headers and body together. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
  /** Longest silence tolerated from a connected server. */
  stallMs?: number;
  /** Retries per URL after the first attempt, for transient failures only. */
  retries?: number;
  /** First backoff delay (doubled each retry, with jitter). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** A server asking (Retry-After) for a longer wait than this is not waited for: the fetch fails, transiently. */
  maxRetryAfterMs?: number;
  /** Largest body accepted for pages and data (feeds, sitemaps). */
  maxBytes?: number;
  /** Largest body accepted for assets; defaults to `maxBytes`. */
  maxAssetBytes?: number;
  maxRedirects?: number;
  ignoreRobots?: boolean;
  /** Crawl-delay values above this are capped so one robots.txt cannot stall an archive for hours. */
  maxCrawlDelayMs?: number;
  onEvent?: (event: FetchEvent) => void;
  /** Told of every response (WARC recording). */
  onExchange?: ExchangeObserver;
  /** Spaces requests per host in place of one built from `rate`: several fetchers (runs, processes) share it. */
  rateLimiter?: HostRateLimiter;
  /** Source of jitter (tests pass a fixed one). */
  random?: () => number;
}

/** The layer, with what a renderer needs for the requests it makes itself. */
export interface FetchLayer extends Fetcher {
  /**
   * A request a renderer is about to make (a script, a stylesheet, an XHR of a rendered page): rejects
   * with a FetchError when the address rules forbid it; for the blog's own hosts, waits for the host's
   * turn (rate, Crawl-delay, Retry-After pause).
   */
  admit(url: string): Promise<void>;
  /** A response a renderer received: a Retry-After on 429/503 pauses the host for every request. */
  observe(url: string, status: number, headers: Record<string, string>): void;
}

export const FETCH_LAYER_DEFAULTS = {
  userAgent: DEFAULT_USER_AGENT,
  concurrency: 4,
  rate: undefined as number | undefined,
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  stallMs: 15_000,
  retries: 3,
  backoffMs: 500,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 120_000,
  maxBytes: 20 * 1024 * 1024,
  maxAssetBytes: undefined as number | undefined,
  maxRedirects: 10,
  ignoreRobots: false,
  maxCrawlDelayMs: 30_000,
} as const;

const ACCEPT: Record<Kind, string> = {
  page: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
  data: 'application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.5',
  asset: 'image/avif,image/webp,image/*;q=0.9,*/*;q=0.8',
};

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** A failed HTTP status, remembering the server's requested wait for the retry loop. */
class StatusError extends FetchError {
  constructor(url: string, reason: string, status: number, transient: boolean, readonly retryAfterMs?: number) {
    super(url, reason, status, transient);
  }
}

function mimeType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function isTextType(mime: string): boolean {
  return /^text\/|[+/](xml|json)$|javascript/.test(mime);
}

function isGzip(body: Buffer): boolean {
  return body.length > 2 && body[0] === 0x1f && body[1] === 0x8b;
}

/** Data files served gzipped as files rather than as a transfer encoding (sitemap.xml.gz) are unpacked, within maxBytes. */
function gunzipData(url: string, body: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    const tooBig = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw new FetchError(url, tooBig ? `response larger than maxBytes (${maxBytes} bytes) after gunzip` : 'corrupt gzip data');
  }
}

/** A page without a Content-Type is still HTML if it starts like HTML. */
function looksLikeHtml(body: Buffer): boolean {
  return /^(\uFEFF)?\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|title|meta)\b/i.test(body.subarray(0, 1024).toString('latin1'));
}

function toFailure(err: unknown): AttemptFailure {
  if (err instanceof StatusError) return { transient: err.transient, retryAfterMs: err.retryAfterMs, reason: err.reason };
  if (err instanceof FetchError || err instanceof TransportError) return { transient: err.transient, reason: err instanceof FetchError ? err.reason : err.message };
  return { transient: false, reason: String(err) };
}

export function createFetchLayer(options: FetchLayerOptions = {}): FetchLayer {
  const o = { ...FETCH_LAYER_DEFAULTS, ...withoutUndefined(options) };
  const emit = options.onEvent ?? (() => undefined);
  const addresses = createAddressPolicy({ site: options.site, allowAll: options.allowPrivateAddresses });
  const transport = observeTransport(createTransport(addresses), options.onExchange);
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
        throw new FetchError(url, `redirect target ${current} disallowed by robots.txt`);
      }
      const host = new URL(current).host;
      await rate.acquire(host);
      const res = await transport.request(current, requestHeaders(kind, options, hops === 0), limitsFor(kind));
      const { status, headers } = res;

      if (REDIRECT_STATUSES.has(status) && headers.location) {
        res.discard();
        const from = current;
        current = nextLocation(url, current, headers.location, kind, status, visited, hops);
        emit({ type: 'redirect', url, from, to: current, status });
        continue;
      }
      if (status === 304 && (options.etag || options.lastModified)) {
        res.discard();
        return { url, finalUrl: current, status, headers, contentType: mimeType(headers['content-type']), body: Buffer.alloc(0), notModified: true };
      }
      if (status < 200 || status >= 300) {
        res.discard();
        throw statusError(url, status, headers, host);
      }
      return await readResult(url, current, kind, res);
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

  async function readResult(url: string, finalUrl: string, kind: Kind, res: TransportResponse): Promise<FetchResult> {
    const { status, headers } = res;
    let contentType = mimeType(headers['content-type']);
    if (kind === 'page' && contentType && !HTML_TYPES.has(contentType)) {
      res.discard();
      throw new FetchError(url, `not HTML (content-type ${contentType})`, status);
    }
    const body = await res.readBody();
    if (kind === 'page' && !contentType) {
      if (!looksLikeHtml(body)) throw new FetchError(url, 'not HTML (no content-type, body does not look like HTML)', status);
      contentType = 'text/html';
    }
    if (kind === 'asset') {
      const refusal = await notAnImage(body, contentType);
      if (refusal) throw new FetchError(url, refusal, status);
    }
    const result: FetchResult = { url, finalUrl, status, headers, contentType, body };
    if (kind === 'data' && isGzip(body)) result.body = gunzipData(url, body, o.maxBytes);
    if (kind !== 'asset' || isTextType(contentType)) {
      // Decoded on first use: a nightly run only hashes the bytes of a page that did not change.
      const bytes = result.body;
      let text: string | undefined;
      Object.defineProperty(result, 'text', { enumerable: true, get: () => (text ??= decodeBody(bytes, headers['content-type']).text) });
    }
    return result;
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
      if (robotsApply && !allowed) throw new FetchError(url, 'disallowed by robots.txt');
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
        if (!(await allowedByRobots(url))) throw new FetchError(url, 'disallowed by robots.txt');
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

function finalError(url: string, err: unknown, attempts: number): FetchError {
  const after = attempts > 1 ? ` (after ${attempts} attempts)` : '';
  if (err instanceof FetchError) {
    return after ? new FetchError(url, `${err.reason}${after}`, err.status, err.transient) : err;
  }
  const failure = toFailure(err);
  return new FetchError(url, `${failure.reason}${after}`, undefined, failure.transient);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
