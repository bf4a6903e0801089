/** What each command does with its parsed arguments. */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { archiveBlog, eventful, exitCodeOf, foundNoPosts, stopOnSignals } from '../pipeline/archive-blog.js';
import { EXIT, InputError } from '../pipeline/errors.js';
import { systemReason } from '../cli-messages.js';
import { DEFAULT_SETTINGS, type ArchiveSettings } from '../pipeline/options.js';
import { createReporter, type Verbosity } from '../pipeline/reporter.js';
import { formatSummary, type RunSummary } from '../pipeline/summary.js';
import { ArchiveStore } from '../store/archive-store.js';
import type { ExportTarget } from '../export/types.js';
import { checkOutFolder, checkWritable, existingFolder, folder } from './folders.js';
import type { CommandName } from './definitions.js';
import { withWarc, type CrawlArgs, type ReportArgs, type WarcArgs } from './options.js';
import { checkSelectors, settingsFrom } from './settings.js';

function verbosityOf(a: { quiet: boolean; verbose: boolean }, fallback: Verbosity): Verbosity {
  if (a.verbose) return 'verbose';
  if (a.quiet) return 'quiet';
  return fallback;
}

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
export const COMMANDS = {
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
    const { runInspect } = await import('../pipeline/inspect.js');
    const result = await runInspect(settingsFrom(a.url, a), a.pages);
    process.stdout.write(result.text);
    process.exitCode = result.found ? EXIT.ok : EXIT.partial;
  },
  rebuild: async (a: { dir: string }) => {
    existingFolder('<dir>', a.dir);
    // A folder written with --layout keeps its archive in .blogvault/archive.
    const dir = [a.dir, join(a.dir, '.blogvault', 'archive')].find((d) => existsSync(join(d, '.blogvault', 'manifest.json')) || existsSync(join(d, '.blogvault', 'journal.jsonl')));
    if (!dir) throw new InputError(`${a.dir}: not a blogvault archive (no .blogvault/manifest.json)`);
    const { runRebuild } = await import('../pipeline/rebuild.js');
    const result = await runRebuild(dir);
    process.stdout.write(`Rebuilt ${result.rebuilt} posts (${result.changed} changed) from snapshots in ${dir}\n`);
    for (const m of result.missing) process.stderr.write(`no snapshot for ${m}\n`);
    if (result.missing.length) process.stderr.write(`${result.missing.length} posts have no HTML snapshot: they were archived without --keep-html (run \`blogvault archive\` once with --keep-html to keep them)\n`);
    process.exitCode = result.missing.length ? EXIT.partial : EXIT.ok;
  },
  backup: async (a: import('../backup/command.js').BackupArgs) => {
    const { backupCommand } = await import('../backup/command.js');
    process.exitCode = await backupCommand(a);
  },
  enqueue: async (a: import('../queue/enqueue.js').EnqueueArgs) => {
    const { enqueueCommand } = await import('../queue/enqueue.js');
    process.exitCode = await enqueueCommand(a);
  },
  worker: async (a: import('../queue/worker.js').WorkerArgs) => {
    const { workerCommand } = await import('../queue/worker.js');
    process.exitCode = await workerCommand(a);
  },
  status: async (a: import('../queue/status.js').StatusArgs) => {
    const { statusCommand } = await import('../queue/status.js');
    process.exitCode = await statusCommand(a);
  },
  export: async (a: { dir: string; to: ExportTarget; out: string; keepUrls: boolean; mediaUrl?: string }) => {
    existingFolder('<dir>', a.dir);
    folder('--out', a.out);
    const { exportArchive } = await import('../export/index.js');
    const report = await exportArchive(a.dir, { to: a.to, out: a.out, keepUrls: a.keepUrls, mediaUrl: a.mediaUrl });
    process.stdout.write(`${report.summary}\n`);
  },
  publish: async (a: { dir: string; to: 'wordpress' | 'ghost'; site: string; user?: string; redirects?: string }) => {
    folder('<dir>', a.dir);
    const { publishArchive, publishSecret } = await import('../export/publish/index.js');
    const report = await publishArchive(a.dir, { ...a, secret: await publishSecret(a.to) });
    process.stdout.write(`${report.summary}\n`);
  },
} satisfies Record<CommandName, (args: never) => Promise<void>>;
