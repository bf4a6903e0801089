/**
 * The options commands share, as yargs reads them. Reading them into a run's settings is settings.ts's:
 * its checks compile selectors and patterns, which `--help` and `--version` do not need.
 */
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import YAML from 'yaml';
import { InputError, reasonOf } from '../pipeline/errors.js';
import { systemReason } from '../cli-messages.js';
import { DEFAULT_SETTINGS, type ArchiveSettings, type DiscoverMode, type Layout, type RenderMode } from '../pipeline/options.js';

export const profileParser = (path: string): Record<string, unknown> => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`--profile ${path}: cannot read it (${systemReason(error)})`);
  }
  let data: unknown;
  try {
    data = path.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw new InputError(`--profile ${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'} (${reasonOf(error).split('\n')[0].replace(/:$/, '')})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InputError(`--profile ${path}: a site profile must be a YAML or JSON mapping of options`);
  return data as Record<string, unknown>;
};

export function crawlOptions<T>(y: Argv<T>) {
  return y
    .option('concurrency', { requiresArg: true, default: DEFAULT_SETTINGS.concurrency, describe: 'Requests in flight at once' })
    .option('max-pages', { requiresArg: true, default: DEFAULT_SETTINGS.maxPages, describe: 'Stop walking the index after this many pages' })
    .option('render', { choices: ['never', 'auto', 'always'] as const, default: DEFAULT_SETTINGS.render, describe: 'Render pages in Chromium: auto = only when the static HTML has no content' })
    .option('discover', { choices: ['index', 'feed', 'sitemap', 'all'] as const, default: DEFAULT_SETTINGS.discover, describe: 'Where the post list comes from (index is cross-checked with feed and sitemap)' })
    .option('ignore-robots', { type: 'boolean', default: false, describe: 'Do not obey robots.txt' })
    .option('allow-private-addresses', { type: 'boolean', default: false, describe: 'Fetch from loopback, private and link-local addresses even when the blog is not on one' })
    .option('rate', { requiresArg: true, describe: 'At most this many requests per second per host' })
    .option('timeout', { requiresArg: true, default: DEFAULT_SETTINGS.timeoutMs / 1000, describe: 'Seconds before a request is abandoned' })
    .option('retries', { requiresArg: true, default: DEFAULT_SETTINGS.retries, describe: 'Retries per URL on network errors, 5xx and 429' })
    .option('max-bytes', { requiresArg: true, default: DEFAULT_SETTINGS.maxBytes, defaultDescription: '20M', describe: 'Largest response accepted, in bytes (or 512k, 20M, 1G)' })
    .option('images', { type: 'boolean', default: true, describe: 'Download images next to the posts (--no-images keeps remote links)' })
    .option('history', { type: 'boolean', default: false, describe: 'Keep the previous version of a changed post' })
    .option('layout', { choices: ['plain', 'jekyll', 'hugo', 'hexo', 'astro'] as const, default: DEFAULT_SETTINGS.layout, describe: 'Write the output in this platform\'s layout (as `export --to` does)' })
    .option('keep-html', { type: 'boolean', default: false, describe: 'Store the fetched HTML of each post (gzip) for `rebuild`' })
    .option('post-link', { type: 'string', describe: 'CSS selector of post links on index pages' })
    .option('next', { type: 'string', describe: 'CSS selector of the next-index-page link' })
    .option('content', { type: 'string', describe: 'CSS selector of the article body on post pages' })
    .option('title', { type: 'string', describe: 'CSS selector of the post title' })
    .option('date', { type: 'string', describe: 'CSS selector of the post date' })
    .option('exclude', { type: 'string', array: true, describe: 'URL patterns (glob with *, or /regex/) never archived' })
    .config('profile', 'Site profile (YAML or JSON) holding any of these options', profileParser);
}

/** Where the queue of `enqueue`, `worker` and `status` lives. */
export function queueOptions<T>(y: Argv<T>) {
  return y
    .option('redis', { type: 'string', demandOption: true, describe: 'Redis URL, e.g. redis://queue.example.com:6379' })
    .option('queue', { type: 'string', default: 'blogvault', describe: 'Queue name' });
}

/** `--warc`, saved with the archive's settings so that `update` records too. */
export function warcOptions<T>(y: Argv<T>) {
  return y
    .option('warc', { type: 'boolean', default: false, describe: 'Also record every response fetched in WARC files under <archive>/warc/' })
    .option('warc-size', { type: 'number', default: 1024, describe: 'Start a new WARC file past this many MiB' });
}

export type WarcArgs = { warc: boolean; warcSize: number };

export function withWarc(settings: ArchiveSettings, a: WarcArgs): ArchiveSettings {
  if (!a.warc) return settings;
  if (!(a.warcSize > 0)) throw new InputError(`--warc-size must be a positive number of MiB, got ${a.warcSize}`);
  return { ...settings, warc: { maxFileBytes: Math.floor(a.warcSize * 1024 * 1024) } };
}

export function reportOptions<T>(y: Argv<T>) {
  return y
    .option('since', { type: 'string', describe: 'Stop walking the index once posts are older than this date (YYYY-MM-DD)' })
    .option('verify', { type: 'boolean', default: false, describe: 'Check every post, even those the sitemap dates as unchanged since the last run' })
    .option('report', { type: 'string', describe: 'Write a JSON report of the run to this file' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the JSON report on stdout instead of the summary' })
    .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print nothing unless something changed or failed' })
    .option('verbose', { type: 'boolean', alias: 'v', default: false, describe: 'Print every post, retry and skipped link' });
}

export type ReportArgs = { since?: string; verify?: boolean; report?: string; json: boolean; quiet: boolean; verbose: boolean };

/** Numbers arrive as typed (yargs reads them with no type), so that an error can quote them. */
export type CrawlArgs = {
  concurrency: unknown; maxPages: unknown; render: RenderMode; discover: DiscoverMode; ignoreRobots: boolean; allowPrivateAddresses: boolean; rate?: unknown;
  timeout: unknown; retries: unknown; maxBytes: unknown; images: boolean; history: boolean; keepHtml: boolean; layout: Layout;
  postLink?: string; next?: string; content?: string; title?: string; date?: string; exclude?: string[];
};
