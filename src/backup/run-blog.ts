import type { HostRateLimiter } from '../fetch/rate-limit.js';
import { archiveBlog, exitCodeOf } from '../pipeline/archive-blog.js';
import { EXIT, reasonOf } from '../pipeline/errors.js';
import type { Reporter } from '../pipeline/reporter.js';
import { archivedCount, type RunSummary } from '../pipeline/summary.js';
import type { PostProcessor } from '../pipeline/worker-pool.js';
import { ArchiveWriteError } from '../store/atomic-write.js';
import { LockError } from '../store/lock.js';
import type { BlogJob } from './config.js';

/** How one blog of a backup (or one queued job) went, small enough for a job's result in Redis. */
export interface BlogOutcome {
  url: string;
  out: string;
  /** What `update` on this blog alone would have exited with. */
  exitCode: number;
  /** Why the run could not start or stopped (unusable input, archive in use, archive not writable): one line. */
  error?: string;
  /** The archive was in use by another run. */
  locked?: boolean;
  counts?: { indexPages: number; found: number; new: number; changed: number; unchanged: number; failed: number; missing: number; images: number };
  /** The first failed posts, with their reasons. */
  failed?: { url: string; reason: string }[];
  interrupted?: boolean;
  elapsedMs: number;
  /** With --git: the commit made for this blog, or why none could be. */
  git?: { commit?: string; error?: string };
}

export interface BlogRunOptions {
  reporter: Reporter;
  signal?: AbortSignal;
  processor?: PostProcessor;
  rateLimiter?: HostRateLimiter;
}

/** Failed posts kept in an outcome: the archive's manifest has them all. */
const FAILED_KEPT = 20;

export function outcomeOf(job: BlogJob, summary: RunSummary): BlogOutcome {
  return {
    url: job.url,
    out: job.out,
    exitCode: exitCodeOf(summary),
    counts: {
      indexPages: summary.indexPages,
      found: summary.postsFound,
      new: summary.new.length,
      changed: summary.changed.length,
      unchanged: summary.unchanged.length,
      failed: summary.failed.length,
      missing: summary.vanished.length,
      images: summary.images,
    },
    ...(summary.failed.length ? { failed: summary.failed.slice(0, FAILED_KEPT) } : {}),
    ...(summary.interrupted ? { interrupted: true } : {}),
    ...(archivedCount(summary) === 0 && !summary.failed.length && !summary.interrupted ? { error: 'no posts found' } : {}),
    ...(summary.warc?.error ? { error: `WARC: ${summary.warc.error}` } : {}),
    elapsedMs: summary.elapsedMs,
  };
}

/** Archives one blog as `archive`/`update` would; every failure becomes part of the outcome, never a throw. */
export async function runBlog(job: BlogJob, options: BlogRunOptions): Promise<{ outcome: BlogOutcome; summary?: RunSummary }> {
  const started = Date.now();
  try {
    const summary = await archiveBlog(job.settings, job.out, { ...options, since: job.since });
    return { outcome: outcomeOf(job, summary), summary };
  } catch (err) {
    const exitCode = err instanceof ArchiveWriteError ? EXIT.write : EXIT.input;
    const outcome: BlogOutcome = { url: job.url, out: job.out, exitCode, error: reasonOf(err), elapsedMs: Date.now() - started };
    if (err instanceof LockError) outcome.locked = true;
    return { outcome };
  }
}
