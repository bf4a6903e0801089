import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import yargs, { type Argv } from 'yargs';
import YAML from 'yaml';
import { VERSION } from './version.js';
import { archiveBlog, eventful, exitCodeOf, foundNoPosts, stopOnSignals } from './pipeline/archive-blog.js';
import { EXIT, InputError, reasonOf } from './pipeline/errors.js';
import { parseFailure, readNumber, systemReason, topLevelError, type NumberRule } from './cli-messages.js';
import { DEFAULT_SETTINGS, type ArchiveSettings, type DiscoverMode, type Layout, type RenderMode } from './pipeline/options.js';
import { createReporter, type Verbosity } from './pipeline/reporter.js';
import { formatSummary, type RunSummary } from './pipeline/summary.js';
import { ArchiveStore } from './store/archive-store.js';
import { EXPORT_TARGETS, type ExportTarget } from './export/types.js';
import { excludePatternError } from './discover/link-filters.js';
import { selectorError } from './html/select.js';

export { EXIT } from './pipeline/errors.js';

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

/** Numbers arrive as typed (yargs reads them with no type), so that an error can quote them. */
export type CrawlArgs = {
  concurrency: unknown; maxPages: unknown; render: RenderMode; discover: DiscoverMode; ignoreRobots: boolean; allowPrivateAddresses: boolean; rate?: unknown;
  timeout: unknown; retries: unknown; maxBytes: unknown; images: boolean; history: boolean; keepHtml: boolean; layout: Layout;
  postLink?: string; next?: string; content?: string; title?: string; date?: string; exclude?: string[];
};

/** Bounds of the numeric options: beyond them a value is a typo, or would overflow a timer or a buffer. */
const NUMBERS = {
  concurrency: { min: 1, max: 64, whole: true },
  'max-pages': { min: 1, max: 1_000_000, whole: true },
  retries: { min: 0, max: 10, whole: true },
  timeout: { min: 0, max: 3600, aboveMin: true },
  rate: { min: 0, max: 1000, aboveMin: true },
  'max-bytes': { min: 1, max: 2 ** 31, whole: true, size: true },
} as const satisfies Record<string, NumberRule>;

const num = (name: keyof typeof NUMBERS, raw: unknown) => readNumber(name, raw, NUMBERS[name]);

/** The CSS selector options, by their settings name. */
const SELECTORS = { postLink: 'post-link', next: 'next', content: 'content', title: 'title', date: 'date' } as const;

/** Every selector the user gave (flags, profile or saved settings) must compile: one line naming the option otherwise. */
function checkSelectors(overrides: ArchiveSettings['overrides']): void {
  for (const [key, option] of Object.entries(SELECTORS)) {
    const selector = overrides[key as keyof typeof SELECTORS];
    if (selector === undefined) continue;
    const error = typeof selector === 'string' ? selectorError(selector) : 'not a string';
    if (error) throw new InputError(`--${option} ${JSON.stringify(selector)}: not a usable CSS selector (${error})`);
  }
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
  const overrides = { postLink: a.postLink, next: a.next, content: a.content, title: a.title, date: a.date, exclude: a.exclude };
  checkSelectors(overrides);
  return {
    startUrl: url,
    concurrency: num('concurrency', a.concurrency),
    maxPages: num('max-pages', a.maxPages),
    render: a.render,
    discover: a.discover,
    ignoreRobots: a.ignoreRobots,
    ...(a.allowPrivateAddresses ? { allowPrivateAddresses: true } : {}),
    rate: a.rate === undefined ? undefined : num('rate', a.rate),
    timeoutMs: num('timeout', a.timeout) * 1000,
    retries: num('retries', a.retries),
    maxBytes: num('max-bytes', a.maxBytes),
    images: a.images,
    history: a.history,
    keepHtml: a.keepHtml,
    layout: a.layout ?? 'plain',
    overrides,
  };
}

/** A file the run will write at its end: refused before any fetching when it cannot be. */
function checkWritable(option: string, file: string): void {
  const path = resolve(file);
  let problem: string | undefined;
  try {
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) problem = 'it is a folder';
      else accessSync(path, constants.W_OK);
    } else if (!existsSync(dirname(path))) problem = `no folder ${dirname(path)}`;
    else accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    problem = systemReason(error);
  }
  if (problem) throw new InputError(`${option} ${file}: cannot write it (${problem})`);
}

/**
 * A folder with files of its own that is not an archive: the posts would land among them. Dot files
 * (`.git`) do not count.
 */
function checkOutFolder(out: string, force: boolean): void {
  if (force || !existsSync(out) || !statSync(out).isDirectory() || existsSync(join(out, '.blogvault'))) return;
  const own = readdirSync(out).filter((name) => !name.startsWith('.'));
  if (!own.length) return;
  const shown = own.slice(0, 3).join(', ') + (own.length > 3 ? ', ...' : '');
  throw new InputError(`${out} holds files (${shown}) and is not a blogvault archive: give a new or empty folder, or add --force to write the posts beside them (blogvault never overwrites a file it did not write)`);
}

/** A folder the command reads: one line when it is missing. */
function existingFolder(option: string, dir: string): string {
  folder(option, dir);
  if (!existsSync(dir)) throw new InputError(`${dir}: no such folder`);
  if (!statSync(dir).isDirectory()) throw new InputError(`${dir}: not a folder`);
  return dir;
}

function verbosityOf(a: { quiet: boolean; verbose: boolean }, fallback: Verbosity): Verbosity {
  if (a.verbose) return 'verbose';
  if (a.quiet) return 'quiet';
  return fallback;
}

type ReportArgs = { since?: string; verify?: boolean; report?: string; json: boolean; quiet: boolean; verbose: boolean };

async function archiveAndReport(settings: ArchiveSettings, out: string, a: ReportArgs, fallback: Verbosity): Promise<number> {
  const verbosity = verbosityOf(a, fallback);
  if (a.report) checkWritable('--report', a.report);
  if (a.since !== undefined && Number.isNaN(Date.parse(a.since))) throw new InputError(`--since ${a.since}: not a date (use YYYY-MM-DD)`);
  const reporter = createReporter(verbosity);
  const controller = new AbortController();
  let inFlight: (() => number) | undefined;
  const stopListening = stopOnSignals(controller, 'the posts in flight', { reporter, inFlight: () => inFlight?.() ?? 0 });
  let summary: RunSummary;
  let exportLines: string[] = [];
  try {
    // The summary names the archive inside the site; the export's first line says where the site is, and its warnings what it needs.
    const onExported = (text: string) => {
      const lines = text.split('\n');
      exportLines = verbosity === 'verbose' ? lines : [lines[0], ...lines.filter((l) => l.startsWith('warning: '))];
    };
    summary = await archiveBlog(settings, out, { since: a.since, verify: a.verify, reporter, signal: controller.signal, onExported, watch: (count) => (inFlight = count) });
  } finally {
    reporter.stop();
    stopListening();
  }
  const json = JSON.stringify(summary, null, 2);
  if (a.report) {
    try {
      writeFileSync(a.report, `${json}\n`);
    } catch (error) {
      throw new InputError(`--report ${a.report}: cannot write it (${systemReason(error)})`);
    }
  }
  if (a.json) process.stdout.write(`${json}\n`);
  else if (verbosity !== 'quiet' || eventful(summary)) process.stdout.write(`${[formatSummary(summary), ...exportLines].join('\n')}\n`);
  if (foundNoPosts(summary)) process.stderr.write(`blogvault: no posts found at ${settings.startUrl} (try --post-link, or \`blogvault inspect\`)\n`);
  return exitCodeOf(summary);
}

/**
 * What each command does once yargs has parsed and checked its arguments. They run after parsing rather
 * than as yargs handlers: yargs renders a command's whole help text (50 ms) after starting its handler, in
 * case the handler fails later, and blogvault never shows that text.
 */
const COMMANDS = {
  archive: async (a: CrawlArgs & ReportArgs & WarcArgs & { url: string; out: string; force: boolean }) => {
    folder('--out', a.out);
    const settings = withWarc(settingsFrom(a.url, a), a);
    checkOutFolder(a.out, a.force);
    process.exitCode = await archiveAndReport(settings, a.out, a, 'normal');
  },
  update: async (a: ReportArgs & { dir: string }) => {
    existingFolder('<dir>', a.dir);
    const saved = (await ArchiveStore.loadSettings(a.dir)) ?? (await ArchiveStore.loadSettings(join(a.dir, '.blogvault', 'archive')));
    if (!saved) throw new InputError(`${a.dir}: not a blogvault archive (no saved settings); run \`blogvault archive <url> --out ${a.dir}\` first`);
    const settings = { ...DEFAULT_SETTINGS, ...(saved as Partial<ArchiveSettings>) } as ArchiveSettings;
    checkSelectors(settings.overrides);
    // Progress on a terminal; under cron, nothing unless something changed or failed.
    process.exitCode = await archiveAndReport(settings, a.dir, a, process.stderr.isTTY ? 'normal' : 'quiet');
  },
  inspect: async (a: CrawlArgs & { url: string; pages: number }) => {
    // Loaded per command: the parsing code of inspect and rebuild would add to every nightly run's start.
    const { runInspect } = await import('./pipeline/inspect.js');
    const result = await runInspect(settingsFrom(a.url, a), a.pages);
    process.stdout.write(result.text);
    process.exitCode = result.found ? EXIT.ok : EXIT.partial;
  },
  rebuild: async (a: { dir: string }) => {
    existingFolder('<dir>', a.dir);
    // A folder written with --layout keeps its archive in .blogvault/archive.
    const dir = [a.dir, join(a.dir, '.blogvault', 'archive')].find((d) => existsSync(join(d, '.blogvault', 'manifest.json')) || existsSync(join(d, '.blogvault', 'journal.jsonl')));
    if (!dir) throw new InputError(`${a.dir}: not a blogvault archive (no .blogvault/manifest.json)`);
    const { runRebuild } = await import('./pipeline/rebuild.js');
    const result = await runRebuild(dir);
    process.stdout.write(`Rebuilt ${result.rebuilt} posts (${result.changed} changed) from snapshots in ${dir}\n`);
    for (const m of result.missing) process.stderr.write(`no snapshot for ${m}\n`);
    if (result.missing.length) process.stderr.write(`${result.missing.length} posts have no HTML snapshot: they were archived without --keep-html (run \`blogvault archive\` once with --keep-html to keep them)\n`);
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
    existingFolder('<dir>', a.dir);
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

/** What each command takes, for "archive: missing <url>". */
const USAGE: Record<string, string> = {
  archive: 'archive <url>',
  update: 'update <dir>',
  inspect: 'inspect <url>',
  rebuild: 'rebuild <dir>',
  export: 'export <dir> --to <target> --out <dir>',
  publish: 'publish <dir> --to <target> --site <url>',
  backup: 'backup <config>',
  enqueue: 'enqueue <config> --redis <url>',
};

export function buildCli(argv: string[]) {
  return yargs(argv)
    .scriptName('blogvault')
    // Numbers reach the checks as typed (`1e9`), so that their errors quote them.
    .parserConfiguration({ 'parse-numbers': false })
    .usage('$0 <command> [options]\n\nArchive a whole blog into Markdown files with YAML front matter.')
    .command('archive <url>', 'Archive every post of the blog whose index is at <url>', (y) =>
      warcOptions(reportOptions(crawlOptions(y.positional('url', { type: 'string', demandOption: true, describe: 'The blog index (first page)' }))))
        .option('out', { type: 'string', alias: 'o', default: 'archive', describe: 'Archive folder' })
        .option('force', { type: 'boolean', default: false, describe: 'Write into a folder that holds other files (none of them is overwritten)' }),
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
    .demandCommand(1)
    .recommendCommands()
    .strict()
    .version(VERSION)
    .alias('V', 'version')
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, err) => {
      // Errors met while parsing (a profile that cannot be read, an option missing its value) are the input's.
      if (err instanceof InputError) throw err;
      throw parseFailure(message || err?.message || 'cannot read the command line', argv, Object.keys(COMMANDS).map((name) => USAGE[name] ?? name));
    });
}

/**
 * The exit code of an error that ends a command: bad input (2), an archive that cannot be written (3),
 * and an internal error (70) for anything else, which is a bug and is reported as one.
 */
export function exitCodeForError(err: unknown): number {
  return topLevelError(err).code;
}

export async function main(argv: string[]): Promise<void> {
  try {
    const args = await buildCli(argv).parseAsync();
    const command = COMMANDS[String(args._[0]) as keyof typeof COMMANDS];
    // strict() has refused any other word, so a missing entry is --help or --version, already answered.
    if (command) await command(args as never);
  } catch (err) {
    const { line, code } = topLevelError(err);
    process.stderr.write(`blogvault: ${line}\n`);
    if (process.env.BLOGVAULT_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = code;
  }
}
