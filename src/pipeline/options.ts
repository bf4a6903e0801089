import type { Overrides } from '../types.js';

export type RenderMode = 'never' | 'auto' | 'always';
export type DiscoverMode = 'index' | 'feed' | 'sitemap' | 'all';

/** Everything that shapes an archive run; saved in the archive so `update` can repeat it. */
export interface ArchiveSettings {
  startUrl: string;
  concurrency: number;
  maxPages: number;
  render: RenderMode;
  discover: DiscoverMode;
  ignoreRobots: boolean;
  rate?: number;
  timeoutMs: number;
  retries: number;
  maxBytes: number;
  images: boolean;
  history: boolean;
  keepHtml: boolean;
  overrides: Overrides;
}

export const DEFAULT_SETTINGS: Omit<ArchiveSettings, 'startUrl'> = {
  concurrency: 4,
  maxPages: 1000,
  render: 'auto',
  discover: 'index',
  ignoreRobots: false,
  timeoutMs: 30_000,
  retries: 3,
  maxBytes: 20 * 1024 * 1024,
  images: true,
  history: false,
  keepHtml: false,
  overrides: {},
};
