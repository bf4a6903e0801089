/** The browser fetcher's options, defaults, launch flags and the events it reports. */
import type { ExpandOutcome } from './browser-expand.js';
import type { FoundChromium } from './chromium.js';
import type { FetchLayer } from './layer.js';
import { BLOGVAULT_VERSION } from './user-agent.js';

/** Things worth telling a user in verbose mode; the fetcher itself never prints. */
export type BrowserEvent =
  | { type: 'launch'; executablePath: string; source: FoundChromium['source'] | 'option'; version: string }
  | { type: 'blocked'; url: string; page: string; reason: string }
  | { type: 'settle-timeout'; url: string; waitedMs: number }
  /** Where a page's time went: until DOMContentLoaded, waiting for it to settle, then expanding it and reading its DOM. */
  | { type: 'rendered'; url: string; navigateMs: number; settleMs: number; expandMs: number }
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
  /** The same once scripts have fetched and drawn the page's content (shorter: see SettleOptions.contentQuietMs). */
  contentQuietMs?: number;
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
  contentQuietMs: 100,
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

/** A desktop Chrome user agent (sites serve headless browsers differently) that still names blogvault. */
export function defaultUserAgent(version: string): string {
  return `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version} Safari/537.36 blogvault/${BLOGVAULT_VERSION}`;
}
