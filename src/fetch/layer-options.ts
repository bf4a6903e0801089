/** The fetch layer's options and defaults, and what it offers a renderer besides fetching. */
import type { Fetcher, FetchOptions } from './fetcher.js';
import type { FetchEvent } from './events.js';
import type { ExchangeObserver } from './exchange.js';
import type { HostRateLimiter } from './rate-limit.js';
import { DEFAULT_USER_AGENT } from './user-agent.js';

/** What a request fetches: a page, a feed or sitemap (data), an image (asset). */
export type Kind = NonNullable<FetchOptions['kind']>;

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

/** Options left unset fall back to the defaults, even when set to undefined explicitly. */
export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
