import { createHash } from 'node:crypto';
import type { Overrides, SiteFacts } from '../types.js';

export type RenderMode = 'never' | 'auto' | 'always';
export type DiscoverMode = 'index' | 'feed' | 'sitemap' | 'all';
export type Layout = 'plain' | 'jekyll' | 'hugo' | 'hexo' | 'astro';

/** Everything that shapes an archive run; saved in the archive so `update` can repeat it. */
// A type alias (not an interface) so it fits the store's open-ended settings record.
export type ArchiveSettings = {
  startUrl: string;
  concurrency: number;
  maxPages: number;
  render: RenderMode;
  discover: DiscoverMode;
  ignoreRobots: boolean;
  /** Reach loopback, private and link-local addresses even when the blog is not on such an address. */
  allowPrivateAddresses?: boolean;
  rate?: number;
  timeoutMs: number;
  retries: number;
  maxBytes: number;
  images: boolean;
  history: boolean;
  keepHtml: boolean;
  /** Layout of the output folder; other than plain, the archive itself lives in <out>/.blogvault/archive. */
  layout: Layout;
  overrides: Overrides;
  /** Also record every response fetched in WARC files under <archive>/warc/, a new file past this size. */
  warc?: { maxFileBytes: number };
  /** What `--render auto` chose on the last run, so later runs need not probe a post again. */
  detectedRenderer?: 'http' | 'browser';
  /** What the start page said of the whole blog on the last run (for `rebuild`, which reads no page). */
  site?: SiteFacts;
};

export const DEFAULT_SETTINGS: Omit<ArchiveSettings, 'startUrl'> = {
  concurrency: 4,
  maxPages: 1000,
  render: 'auto',
  discover: 'all',
  ignoreRobots: false,
  timeoutMs: 30_000,
  retries: 3,
  maxBytes: 20 * 1024 * 1024,
  images: true,
  history: false,
  keepHtml: false,
  layout: 'plain',
  overrides: {},
};

/**
 * What a post file is made with besides the page itself: blogvault's version (its extraction and
 * conversion rules) and the options that shape the file. Recorded per post in the manifest; a page
 * whose bytes did not change is still processed again when this differs. `0.1.0+3f2a9c1b`.
 */
export function extractionRules(settings: Pick<ArchiveSettings, 'overrides' | 'images'>, version: string): string {
  const { content, title, date } = settings.overrides;
  const shaping = JSON.stringify([content ?? null, title ?? null, date ?? null, settings.images]);
  return `${version}+${createHash('sha256').update(shaping).digest('hex').slice(0, 8)}`;
}

/** Why posts archived under `before` are processed again under `now`, for the one line a run says. */
export function rulesChange(before: Pick<ArchiveSettings, 'overrides' | 'images'> | undefined, now: Pick<ArchiveSettings, 'overrides' | 'images'>, earlierRules: string | undefined, version: string): string {
  const changed = (['content', 'title', 'date'] as const).filter((k) => (before?.overrides?.[k] ?? undefined) !== (now.overrides[k] ?? undefined)).map((k) => `--${k}`);
  if (before && before.images !== now.images) changed.push(now.images ? '--images' : '--no-images');
  if (before && changed.length) return `${changed.join(', ')} changed since the last run`;
  const earlier = earlierRules?.split('+')[0];
  return earlier && earlier !== version ? `archived by blogvault ${earlier}, this is ${version}` : `archived by an earlier blogvault or with other settings`;
}
