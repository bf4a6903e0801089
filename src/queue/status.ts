import { Queue, type Job } from 'bullmq';
import type { BlogOutcome } from '../backup/run-blog.js';
import { EXIT } from '../pipeline/errors.js';
import { connectRedis, shownUrl, type QueuedBlog } from './queue.js';

export interface StatusArgs {
  redis: string;
  queue: string;
  limit: number;
  json: boolean;
}

export interface QueueStatus {
  queue: string;
  counts: { waiting: number; running: number; done: number; failed: number };
  /** Connected workers, by name (host:pid). */
  workers: string[];
  waiting: { url: string; out: string; attempts: number; retryAt?: string }[];
  running: { url: string; out: string; worker?: string; since?: string; attempt: number }[];
  done: { url: string; out: string; finishedAt?: string; outcome: BlogOutcome }[];
  failed: { url: string; out: string; finishedAt?: string; reason: string; attempts: number }[];
}

const iso = (ms?: number) => (ms ? new Date(ms).toISOString() : undefined);

export async function queueStatus(queue: Queue<QueuedBlog, BlogOutcome>, limit: number): Promise<QueueStatus> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed');
  const newest = (a: Job, b: Job) => (b.finishedOn ?? 0) - (a.finishedOn ?? 0);
  const waiting = await queue.getJobs(['waiting', 'prioritized', 'delayed'], 0, limit - 1, true);
  const running = await queue.getJobs(['active'], 0, limit - 1, true);
  const done = (await queue.getJobs(['completed'], 0, limit - 1)).sort(newest);
  const failed = (await queue.getJobs(['failed'], 0, limit - 1)).sort(newest);
  const workers = (await queue.getWorkers()).map((w) => w.name ?? '').filter(Boolean);
  return {
    queue: queue.name,
    counts: {
      waiting: counts.waiting + counts.prioritized + counts.delayed,
      running: counts.active,
      done: counts.completed,
      failed: counts.failed,
    },
    workers,
    waiting: waiting.map((j) => ({ url: j.data.url, out: j.data.out, attempts: j.attemptsMade, ...(j.delay && j.timestamp + j.delay > Date.now() ? { retryAt: iso(j.timestamp + j.delay) } : {}) })),
    running: running.map((j) => ({ url: j.data.url, out: j.data.out, worker: j.processedBy, since: iso(j.processedOn), attempt: j.attemptsMade + 1 })),
    done: done.map((j) => ({ url: j.data.url, out: j.data.out, finishedAt: iso(j.finishedOn), outcome: j.returnvalue })),
    failed: failed.map((j) => ({ url: j.data.url, out: j.data.out, finishedAt: iso(j.finishedOn), reason: j.failedReason, attempts: j.attemptsMade })),
  };
}

export function formatStatus(s: QueueStatus, url: string): string {
  const c = s.counts;
  const lines = [`Queue ${s.queue} at ${shownUrl(url)}: ${c.waiting} waiting, ${c.running} running, ${c.done} done, ${c.failed} failed; ${s.workers.length} workers${s.workers.length ? ` (${s.workers.join(', ')})` : ''}`];
  const section = (title: string, total: number, rows: string[]) => {
    if (!rows.length) return;
    lines.push(`${title}:`, ...rows.map((r) => `  ${r}`));
    if (total > rows.length) lines.push(`  ... and ${total - rows.length} more`);
  };
  section('running', c.running, s.running.map((r) => `${r.url} -> ${r.out} on ${r.worker ?? '?'} since ${r.since ?? '?'}${r.attempt > 1 ? ` (attempt ${r.attempt})` : ''}`));
  section('waiting', c.waiting, s.waiting.map((w) => `${w.url} -> ${w.out}${w.retryAt ? ` (retry at ${w.retryAt}, ${w.attempts} attempts so far)` : ''}`));
  section('failed', c.failed, s.failed.map((f) => `${f.url} -> ${f.out}: ${f.reason} (${f.attempts} attempts, ${f.finishedAt ?? '?'})`));
  section('done', c.done, s.done.map((d) => {
    const o = d.outcome;
    const n = o?.counts;
    const what = n ? `${n.new} new, ${n.changed} changed, ${n.unchanged} unchanged, ${n.failed} failed` : '';
    return `${d.url} -> ${d.out}: ${what}${o && o.exitCode !== EXIT.ok ? ` (exit ${o.exitCode}${o.error ? `: ${o.error}` : ''})` : ''} at ${d.finishedAt ?? '?'}`;
  }));
  return lines.join('\n');
}

/** `blogvault status --redis <url>`: waiting, running, done and failed blogs. */
export async function statusCommand(a: StatusArgs): Promise<number> {
  const client = await connectRedis(a.redis);
  const queue = new Queue<QueuedBlog, BlogOutcome>(a.queue, { connection: client });
  try {
    const status = await queueStatus(queue, Math.max(1, Math.floor(a.limit)));
    process.stdout.write(a.json ? `${JSON.stringify(status, null, 2)}\n` : `${formatStatus(status, a.redis)}\n`);
  } finally {
    await queue.close();
    await client.quit();
  }
  return EXIT.ok;
}
