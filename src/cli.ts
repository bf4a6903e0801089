import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yargs, { type Argv } from 'yargs';
import YAML from 'yaml';
import { VERSION } from './version.js';
import { archiveBlog, eventful, exitCodeOf, foundNoPosts, stopOnSignals } from './pipeline/archive-blog.js';
import { EXIT, InputError, reasonOf } from './pipeline/errors.js';
import { DEFAULT_SETTINGS, type ArchiveSettings, type DiscoverMode, type Layout, type RenderMode } from './pipeline/options.js';
import { createReporter, type Verbosity } from './pipeline/reporter.js';
import { formatSummary, type RunSummary } from './pipeline/summary.js';
import { ArchiveStore } from './store/archive-store.js';
import { ArchiveWriteError } from './store/atomic-write.js';
import { ArchiveError } from './store/archive-store.js';
import { LockError } from './store/lock.js';
import { ManifestError } from './store/manifest.js';
import { FrontMatterError } from './store/front-matter.js';
import { PathEscapeError } from './store/filenames.js';
import { FetchError } from './fetch/fetcher.js';
import { ApiError } from './export/publish/api.js';
import { EXPORT_TARGETS, type ExportTarget } from './export/types.js';
import { excludePatternError } from './discover/link-filters.js';

export { EXIT } from './pipeline/errors.js';

export const profileParser = (path: string): Record<string, unknown> => {
  const text = readFileSync(path, 'utf8');
  const data: unknown = path.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  if (!data || typeof data !== 'object') throw new InputError(`${path}: a site profile must be a YAML or JSON mapping of options`);
  return data as Record<string, unknown>;
};

export function crawlOptions<T>(y: Argv<T>) {
  return y
    .option('concurrency', { type: 'number', default: DEFAULT_SETTINGS.concurrency, describe: 'Requests in flight at once' })
    .option('max-pages', { type: 'number', default: DEFAULT_SETTINGS.maxPages, describe: 'Stop walking the index after this many pages' })
    .option('render', { choices: ['never', 'auto', 'always'] as const, default: DEFAULT_SETTINGS.render, describe: 'Render pages in Chromium: auto = only when the static HTML has no content' })
    .option('discover', { choices: ['index', 'feed', 'sitemap', 'all'] as const, default: DEFAULT_SETTINGS.discover, describe: 'Where the post list comes from (index is cross-checked with feed and sitemap)' })
    .option('ignore-robots', { type: 'boolean', default: false, describe: 'Do not obey robots.txt' })
    .option('allow-private-addresses', { type: 'boolean', default: false, describe: 'Fetch from loopback, private and link-local addresses even when the blog is not on one' })
    .option('rate', { type: 'number', describe: 'At most this many requests per second per host' })
    .option('timeout', { type: 'number', default: DEFAULT_SETTINGS.timeoutMs / 1000, describe: 'Seconds before a request is abandoned' })
    .option('retries', { type: 'number', default: DEFAULT_SETTINGS.retries, describe: 'Retries per URL on network errors, 5xx and 429' })
    .option('max-bytes', { type: 'number', default: DEFAULT_SETTINGS.maxBytes, describe: 'Largest response accepted, in bytes' })
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
function queueOptions<T>(y: Argv<T>) {
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

function reportOptions<T>(y: Argv<T>) {
  return y
    .option('since', { type: 'string', describe: 'Stop walking the index once posts are older than this date (YYYY-MM-DD)' })
    .option('verify', { type: 'boolean', default: false, describe: 'Check every post, even those the sitemap dates as unchanged since the last run' })
    .option('report', { type: 'string', describe: 'Write a JSON report of the run to this file' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the JSON report on stdout instead of the summary' })
    .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print nothing unless something changed or failed' })
    .option('verbose', { type: 'boolean', alias: 'v', default: false, describe: 'Print every post, retry and skipped link' });
}

export type CrawlArgs = {
  concurrency: number; maxPages: number; render: RenderMode; discover: DiscoverMode; ignoreRobots: boolean; allowPrivateAddresses: boolean; rate?: number;
  timeout: number; retries: number; maxBytes: number; images: boolean; history: boolean; keepHtml: boolean; layout: Layout;
  postLink?: string; next?: string; content?: string; title?: string; date?: string; exclude?: string[];
};

/** Bounds of the numeric options: beyond them a value is a typo, or would overflow a timer or a buffer. */
const LIMITS = {
  concurrency: [1, 64],
  'max-pages': [1, 1_000_000],
  retries: [0, 10],
  timeout: [0, 3600],
  rate: [0, 1000],
  'max-bytes': [1, 2 ** 31],
} as const;

/** A whole number within the option's bounds, or an InputError naming the option and the value. */
function whole(name: 'concurrency' | 'max-pages' | 'retries' | 'max-bytes', n: number): number {
  const [min, max] = LIMITS[name];
  if (!Number.isInteger(n) || n < min || n > max) throw new InputError(`--${name} must be a whole number from ${min} to ${max}, got ${n}`);
  return n;
}

/** A number above the option's lower bound (exclusive) and at most its upper one. */
function above(name: 'timeout' | 'rate', n: number): number {
  const [min, max] = LIMITS[name];
  if (!(n > min && n <= max)) throw new InputError(`--${name} must be a number above ${min} and at most ${max}, got ${n}`);
  return n;
}

/** An empty folder name would mean the current directory: an archive written all over it. */
function folder(name: string, value: string): string {
  if (!value.trim()) throw new InputError(`${name} must name a folder, got an empty string`);
  return value;
}

export function settingsFrom(url: string, a: CrawlArgs): ArchiveSettings {
  for (const pattern of a.exclude ?? []) {
    const error = excludePatternError(pattern);
    if (error) throw new InputError(`--exclude ${pattern}: not a valid regular expression (${error})`);
  }
  return {
    startUrl: url,
    concurrency: whole('concurrency', a.concurrency),
    maxPages: whole('max-pages', a.maxPages),
    render: a.render,
    discover: a.discover,
    ignoreRobots: a.ignoreRobots,
    ...(a.allowPrivateAddresses ? { allowPrivateAddresses: true } : {}),
    rate: a.rate === undefined ? undefined : above('rate', a.rate),
    timeoutMs: above('timeout', a.timeout) * 1000,
    retries: whole('retries', a.retries),
    maxBytes: whole('max-bytes', a.maxBytes),
    images: a.images,
    history: a.history,
    keepHtml: a.keepHtml,
    layout: a.layout ?? 'plain',
    overrides: { postLink: a.postLink, next: a.next, content: a.content, title: a.title, date: a.date, exclude: a.exclude },
  };
}

function verbosityOf(a: { quiet: boolean; verbose: boolean }, fallback: Verbosity): Verbosity {
  if (a.verbose) return 'verbose';
  if (a.quiet) return 'quiet';
  return fallback;
}

type ReportArgs = { since?: string; verify?: boolean; report?: string; json: boolean; quiet: boolean; verbose: boolean };

async function archiveAndReport(settings: ArchiveSettings, out: string, a: ReportArgs, fallback: Verbosity): Promise<number> {
  const verbosity = verbosityOf(a, fallback);
  if (a.since !== undefined && Number.isNaN(Date.parse(a.since))) throw new InputError(`--since ${a.since}: not a date (use YYYY-MM-DD)`);
  const controller = new AbortController();
  const stopListening = stopOnSignals(controller);
  let summary: RunSummary;
  try {
    const onExported = verbosity === 'verbose' ? (text: string) => process.stderr.write(`${text}\n`) : undefined;
    summary = await archiveBlog(settings, out, { since: a.since, verify: a.verify, reporter: createReporter(verbosity), signal: controller.signal, onExported });
  } finally {
    stopListening();
  }
  const json = JSON.stringify(summary, null, 2);
  if (a.report) writeFileSync(a.report, `${json}\n`);
  if (a.json) process.stdout.write(`${json}\n`);
  else if (verbosity !== 'quiet' || eventful(summary)) process.stdout.write(`${formatSummary(summary)}\n`);
  if (foundNoPosts(summary)) process.stderr.write(`blogvault: no posts found at ${settings.startUrl} (try --post-link, or \`blogvault inspect\`)\n`);
  return exitCodeOf(summary);
}

/**
 * What each command does once yargs has parsed and checked its arguments. They run after parsing rather
 * than as yargs handlers: yargs renders a command's whole help text (50 ms) after starting its handler, in
 * case the handler fails later, and blogvault never shows that text.
 */
const COMMANDS = {
  archive: async (a: CrawlArgs & ReportArgs & WarcArgs & { url: string; out: string }) => {
    folder('--out', a.out);
    process.exitCode = await archiveAndReport(withWarc(settingsFrom(a.url, a), a), a.out, a, 'normal');
  },
  update: async (a: ReportArgs & { dir: string }) => {
    folder('<dir>', a.dir);
    const saved = (await ArchiveStore.loadSettings(a.dir)) ?? (await ArchiveStore.loadSettings(join(a.dir, '.blogvault', 'archive')));
    if (!saved) throw new InputError(`${a.dir}: not a blogvault archive (no saved settings); run \`blogvault archive <url> --out ${a.dir}\` first`);
    const settings = { ...DEFAULT_SETTINGS, ...(saved as Partial<ArchiveSettings>) } as ArchiveSettings;
    process.exitCode = await archiveAndReport(settings, a.dir, a, 'quiet');
  },
  inspect: async (a: CrawlArgs & { url: string; pages: number }) => {
    // Loaded per command: the parsing code of inspect and rebuild would add to every nightly run's start.
    const { runInspect } = await import('./pipeline/inspect.js');
    process.stdout.write(await runInspect(settingsFrom(a.url, a), a.pages));
  },
  rebuild: async (a: { dir: string }) => {
    const { runRebuild } = await import('./pipeline/rebuild.js');
    const result = await runRebuild(a.dir);
    process.stdout.write(`Rebuilt ${result.rebuilt} posts (${result.changed} changed) from snapshots in ${a.dir}\n`);
    for (const m of result.missing) process.stderr.write(`no snapshot for ${m}\n`);
    process.exitCode = result.missing.length ? EXIT.partial : EXIT.ok;
  },
  backup: async (a: import('./backup/command.js').BackupArgs) => {
    const { backupCommand } = await import('./backup/command.js');
    process.exitCode = await backupCommand(a);
  },
  enqueue: async (a: import('./queue/enqueue.js').EnqueueArgs) => {
    const { enqueueCommand } = await import('./queue/enqueue.js');
    process.exitCode = await enqueueCommand(a);
  },
  worker: async (a: import('./queue/worker.js').WorkerArgs) => {
    const { workerCommand } = await import('./queue/worker.js');
    process.exitCode = await workerCommand(a);
  },
  status: async (a: import('./queue/status.js').StatusArgs) => {
    const { statusCommand } = await import('./queue/status.js');
    process.exitCode = await statusCommand(a);
  },
  export: async (a: { dir: string; to: ExportTarget; out: string; keepUrls: boolean; mediaUrl?: string }) => {
    folder('--out', a.out);
    const { exportArchive } = await import('./export/index.js');
    const report = await exportArchive(a.dir, { to: a.to, out: a.out, keepUrls: a.keepUrls, mediaUrl: a.mediaUrl });
    process.stdout.write(`${report.summary}\n`);
  },
  publish: async (a: { dir: string; to: 'wordpress' | 'ghost'; site: string; user?: string; redirects?: string }) => {
    folder('<dir>', a.dir);
    const { publishArchive, publishSecret } = await import('./export/publish/index.js');
    const report = await publishArchive(a.dir, { ...a, secret: await publishSecret(a.to) });
    process.stdout.write(`${report.summary}\n`);
  },
};

export function buildCli(argv: string[]) {
  return yargs(argv)
    .scriptName('blogvault')
    .usage('$0 <command> [options]\n\nArchive a whole blog into Markdown files with YAML front matter.')
    .command('archive <url>', 'Archive every post of the blog whose index is at <url>', (y) =>
      warcOptions(reportOptions(crawlOptions(y.positional('url', { type: 'string', demandOption: true, describe: 'The blog index (first page)' }))))
        .option('out', { type: 'string', alias: 'o', default: 'archive', describe: 'Archive folder' }),
    )
    .command(
      'update <dir>',
      'Archive again with the settings saved in <dir> (for cron: quiet unless something changed or failed)',
      (y) => reportOptions(y.positional('dir', { type: 'string', demandOption: true, describe: 'An archive folder made by `archive`' })),
    )
    .command(
      'inspect <url>',
      'Dry run: show the engine, the pagination chain, post links and one extracted post, without writing anything',
      (y) => crawlOptions(y.positional('url', { type: 'string', demandOption: true })).option('pages', { type: 'number', default: 3, describe: 'Index pages to walk' }),
    )
    .command('rebuild <dir>', 'Re-extract every post from the HTML snapshots kept with --keep-html, without network', (y) =>
      y.positional('dir', { type: 'string', demandOption: true }),
    )
    .command('export <dir>', 'Export an archive into another platform\'s layout', (y) =>
      y
        .positional('dir', { type: 'string', demandOption: true })
        .option('to', { choices: EXPORT_TARGETS, demandOption: true, describe: 'Target platform' })
        .option('out', { type: 'string', alias: 'o', demandOption: true, describe: 'Output folder' })
        .option('keep-urls', { type: 'boolean', default: false, describe: 'Keep the old URL paths (permalink / aliases)' })
        .option('media-url', { type: 'string', describe: 'wordpress: URL the exported media/ folder is served from during the import' }),
    )
    .command('publish <dir>', 'Publish an archive to a WordPress or Ghost site through its API (secret from the environment)', (y) =>
      y
        .positional('dir', { type: 'string', demandOption: true })
        .option('to', { choices: ['wordpress', 'ghost'] as const, demandOption: true, describe: 'Target platform' })
        .option('site', { type: 'string', demandOption: true, describe: 'The site\'s home URL' })
        .option('user', { type: 'string', describe: 'wordpress: the user whose application password is in BLOGVAULT_WP_APP_PASSWORD' })
        .option('redirects', { type: 'string', describe: 'Folder for the redirect files (default: in the archive\'s .blogvault/publish/)' }),
    )
    .command('backup <config>', 'Archive every blog a config file lists (several at once, each host polite), one summary for all', (y) =>
      reportOptions(y.positional('config', { type: 'string', demandOption: true, describe: 'YAML or JSON file listing the blogs' }))
        .option('parallel', { type: 'number', default: 4, describe: 'Blogs archived at once (blogs on one host run one after another)' })
        .option('git', { type: 'boolean', default: false, describe: 'Commit each blog\'s changes after its run (one commit per changed blog)' })
        .option('warc', { type: 'boolean', default: false, describe: 'Also record every response fetched in WARC files under each archive' }),
    )
    .command('enqueue <config>', 'Put one job per blog of a config on a BullMQ queue for `worker`s', (y) =>
      queueOptions(y.positional('config', { type: 'string', demandOption: true, describe: 'YAML or JSON file listing the blogs' }))
        .option('attempts', { type: 'number', default: 3, describe: 'Runs of a blog that ends in error before it is marked failed' })
        .option('retry-delay', { type: 'number', default: 60, describe: 'Seconds before the first retry (doubled each time)' })
        .option('git', { type: 'boolean', default: false, describe: 'Workers commit each blog\'s changes after its run' })
        .option('warc', { type: 'boolean', default: false, describe: 'Also record every response fetched in WARC files under each archive' })
        .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print nothing' }),
    )
    .command('worker', 'Archive blogs taken from the queue, one at a time (any number of workers, on any machine)', (y) =>
      queueOptions(y)
        .option('rate', { type: 'number', default: 2, describe: 'Requests per second per host, shared by every worker on the queue' })
        .option('stall-timeout', { type: 'number', default: 30, describe: 'Seconds after which the blog of a worker that stopped answering goes to another' })
        .option('until-empty', { type: 'boolean', default: false, describe: 'Exit once no blog is waiting or running' })
        .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Log only failures' })
        .option('verbose', { type: 'boolean', alias: 'v', default: false, describe: 'Log every post' }),
    )
    .command('status', 'Show the waiting, running, done and failed blogs of the queue', (y) =>
      queueOptions(y)
        .option('limit', { type: 'number', default: 50, describe: 'Blogs listed per state' })
        .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
    )
    .demandCommand(1, 'Name a command: archive, update, inspect, rebuild, export, publish, backup, enqueue, worker or status (see --help)')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, err) => {
      throw err ?? new InputError(`${message} (see blogvault --help)`);
    });
}

/** Errors that say what was asked cannot be done with this input (exit 2): a URL, an option, an archive, a site. */
const INPUT_ERRORS = [InputError, FetchError, LockError, ArchiveError, ManifestError, FrontMatterError, PathEscapeError, ApiError];
/** The same, by name, for classes of modules loaded only when needed (Playwright's). */
const INPUT_ERROR_NAMES = new Set(['ChromiumNotFoundError']);

/**
 * The exit code of an error that ends a command: bad input (2), an archive that cannot be written (3),
 * and an internal error (70) for anything else, which is a bug and is reported as one.
 */
export function exitCodeForError(err: unknown): number {
  if (err instanceof ArchiveWriteError) return EXIT.write;
  const input = INPUT_ERRORS.some((kind) => err instanceof kind) || (err instanceof Error && INPUT_ERROR_NAMES.has(err.name));
  return input ? EXIT.input : EXIT.internal;
}

export async function main(argv: string[]): Promise<void> {
  try {
    const args = await buildCli(argv).parseAsync();
    const command = COMMANDS[String(args._[0]) as keyof typeof COMMANDS];
    // strict() has refused any other word, so a missing entry is --help or --version, already answered.
    if (command) await command(args as never);
  } catch (err) {
    const code = exitCodeForError(err);
    const kept = code === EXIT.write ? '; what was archived before is kept, and the next run goes on from there' : '';
    const bug = code === EXIT.internal ? `internal error (${err instanceof Error ? err.name : typeof err}), please report it with BLOGVAULT_DEBUG=1's output: ` : '';
    process.stderr.write(`blogvault: ${bug}${reasonOf(err)}${kept}\n`);
    if (process.env.BLOGVAULT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = code;
  }
}
