/**
 * `backup`: every blog of a config, several at once. Blogs on the same host run one after another, so
 * that a host sees the requests of one run at a time, exactly as polite as a single `update`; blogs on
 * different hosts run side by side, `parallel` at most, sharing the process's parsing threads.
 */
import pLimit from 'p-limit';
import { archiveDirOf } from '../pipeline/archive-blog.js';
import { EXIT, reasonOf } from '../pipeline/errors.js';
import type { Reporter, Verbosity } from '../pipeline/reporter.js';
import { createPostProcessor } from '../pipeline/worker-pool.js';
import type { BackupConfig, BlogJob } from './config.js';
import { commitBlog, commitMessage } from './git.js';
import { runBlog, type BlogOutcome } from './run-blog.js';

export interface BackupOptions {
  /** Blogs archived at once (on different hosts). */
  parallel: number;
  git: boolean;
  verbosity: Verbosity;
  signal?: AbortSignal;
  /** Where progress lines go. */
  log?: (line: string) => void;
}

export interface BackupReport {
  config: string;
  startedAt: string;
  elapsedMs: number;
  interrupted: boolean;
  exitCode: number;
  totals: { blogs: number; ok: number; partial: number; failed: number; notRun: number; new: number; changed: number; unchanged: number; failedPosts: number };
  /** In the config's order; blogs an interruption kept from starting have `notRun`. */
  blogs: (BlogOutcome & { notRun?: boolean })[];
}

/** The exit code of a run of many blogs: the worst of theirs, an interruption first. */
export function overallExitCode(codes: number[], interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  for (const code of [EXIT.write, EXIT.input, EXIT.partial] as number[]) if (codes.includes(code)) return code;
  return EXIT.ok;
}

/** Per-blog lines for a run of several blogs: each names its blog; posts show only with --verbose. */
export function blogReporter(url: string, verbosity: Verbosity, log: (line: string) => void): Reporter {
  return {
    notice: (message) => verbosity !== 'quiet' && log(`${url}: ${message}`),
    post: (outcome, postUrl, detail) => {
      if (outcome === 'failed' ? verbosity !== 'quiet' : verbosity === 'verbose') log(`${url}: ${outcome} ${postUrl}${detail ? ` -> ${detail}` : ''}`);
    },
    debug: (message) => verbosity === 'verbose' && log(`${url}: ${message}`),
    stop: () => undefined,
  };
}

export function describeOutcome(o: BlogOutcome): string {
  const c = o.counts;
  const counts = c ? `${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.failed} failed${c.missing ? `, ${c.missing} missing` : ''}` : '';
  const git = o.git?.commit ? `, commit ${o.git.commit.slice(0, 10)}` : o.git?.error ? `, git: ${o.git.error}` : '';
  return `${o.url} -> ${o.out}: ${[counts, o.interrupted ? 'interrupted' : '', o.error ?? ''].filter(Boolean).join('; ')}${git}`;
}

export async function runBackup(config: BackupConfig, options: BackupOptions): Promise<BackupReport> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const outcomes = new Map<BlogJob, BlogOutcome>();
  const byHost = new Map<string, BlogJob[]>();
  for (const blog of config.blogs) {
    const host = new URL(blog.url).host;
    byHost.set(host, [...(byHost.get(host) ?? []), blog]);
  }
  // One commit at a time per repository: git's index.lock allows no more.
  let commits: Promise<unknown> = Promise.resolve();
  const processor = createPostProcessor();
  let finished = 0;
  try {
    const lanes = pLimit(Math.max(1, options.parallel));
    await Promise.all(
      [...byHost.values()].map((blogs) =>
        lanes(async () => {
          for (const blog of blogs) {
            if (options.signal?.aborted) return;
            const reporter = blogReporter(blog.url, options.verbosity, log);
            const { outcome, summary } = await runBlog(blog, { reporter, signal: options.signal, processor });
            if (options.git && summary && !outcome.interrupted && outcome.exitCode <= EXIT.partial) {
              const commit = commits.then(() => commitBlog(blog.out, archiveDirOf(blog.settings, blog.out), commitMessage(summary)));
              commits = commit.catch(() => undefined);
              try {
                const hash = await commit;
                outcome.git = hash ? { commit: hash } : {};
              } catch (err) {
                outcome.git = { error: reasonOf(err) };
                outcome.exitCode = Math.max(outcome.exitCode, EXIT.partial);
              }
            }
            outcomes.set(blog, outcome);
            finished++;
            if (options.verbosity !== 'quiet' || outcome.exitCode !== EXIT.ok) log(`[${finished}/${config.blogs.length}] ${outcome.exitCode === EXIT.ok ? 'done' : `exit ${outcome.exitCode}`} ${describeOutcome(outcome)}`);
          }
        }),
      ),
    );
  } finally {
    await processor.close();
  }
  const interrupted = options.signal?.aborted === true;
  const blogs = config.blogs.map((blog) => outcomes.get(blog) ?? { url: blog.url, out: blog.out, exitCode: EXIT.interrupted, notRun: true, elapsedMs: 0 });
  const sum = (pick: (o: BlogOutcome) => number) => blogs.reduce((n, o) => n + pick(o), 0);
  const ran = blogs.filter((o) => !('notRun' in o));
  return {
    config: config.file,
    startedAt: new Date(started).toISOString(),
    elapsedMs: Date.now() - started,
    interrupted,
    exitCode: overallExitCode(blogs.map((o) => o.exitCode), interrupted),
    totals: {
      blogs: blogs.length,
      ok: ran.filter((o) => o.exitCode === EXIT.ok).length,
      partial: ran.filter((o) => o.exitCode === EXIT.partial).length,
      failed: ran.filter((o) => o.exitCode === EXIT.input || o.exitCode === EXIT.write).length,
      notRun: blogs.length - ran.length,
      new: sum((o) => o.counts?.new ?? 0),
      changed: sum((o) => o.counts?.changed ?? 0),
      unchanged: sum((o) => o.counts?.unchanged ?? 0),
      failedPosts: sum((o) => o.counts?.failed ?? 0),
    },
    blogs,
  };
}

export function formatBackupReport(r: BackupReport): string {
  const t = r.totals;
  const lines = [
    `${r.interrupted ? 'Interrupted' : 'Done'}: ${t.blogs} blogs, ${t.ok} complete, ${t.partial} partial, ${t.failed} failed${t.notRun ? `, ${t.notRun} not started` : ''}; ` +
      `posts ${t.new} new, ${t.changed} changed, ${t.unchanged} unchanged, ${t.failedPosts} failed; ${(r.elapsedMs / 1000).toFixed(1)} s`,
  ];
  for (const o of r.blogs) {
    if (o.notRun) lines.push(`  not started: ${o.url} -> ${o.out}`);
    else if (o.exitCode !== EXIT.ok || o.counts?.new || o.counts?.changed || o.counts?.missing) lines.push(`  ${o.exitCode === EXIT.ok ? 'changed' : o.exitCode === EXIT.partial ? 'partial' : o.exitCode === EXIT.interrupted ? 'interrupted' : 'failed'}: ${describeOutcome(o)}`);
  }
  return lines.join('\n');
}
