/**
 * `blogvault worker --redis <url>`: takes one blog at a time from the queue and archives it as `update`
 * would. Any number of workers, on any machines, share the queue; the archives live on storage they all
 * mount at the same path. A worker that dies mid-blog stops renewing its BullMQ lock: another worker's
 * stalled-job check puts the job back, and the next worker resumes the archive (the killed run's archive
 * lock is cleared at once on the same machine, after its heartbeat stops on another).
 */
import { hostname } from 'node:os';
import { Queue, WaitingError, Worker, type Job } from 'bullmq';
import { commitBlog, commitMessage } from '../backup/git.js';
import { blogReporter, describeOutcome } from '../backup/run-backup.js';
import { runBlog, type BlogOutcome } from '../backup/run-blog.js';
import { sleep } from '../fetch/sleep.js';
import { archiveDirOf } from '../pipeline/archive-blog.js';
import { EXIT, InputError, reasonOf } from '../pipeline/errors.js';
import type { Verbosity } from '../pipeline/reporter.js';
import { createPostProcessor } from '../pipeline/worker-pool.js';
import { HEARTBEAT_MISSES, HEARTBEAT_MS } from '../store/lock.js';
import { connectRedis, shownUrl, type QueuedBlog } from './queue.js';
import { createRedisHostRateLimiter } from './rate-limit.js';

export interface WorkerArgs {
  redis: string;
  queue: string;
  /** Requests per second per host, over all workers. */
  rate: number;
  /** Seconds after which a silent worker's job is given to another. */
  stallTimeout: number;
  untilEmpty: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** An archive locked by a run on another machine is retried this long: a dead owner's heartbeat expires by then. */
const LOCK_WAIT_MS = HEARTBEAT_MS * (HEARTBEAT_MISSES + 1);
const LOCK_POLL_MS = 2_000;
/** How often an idle `--until-empty` worker looks whether anything is left. */
const IDLE_POLL_MS = 500;

/** The spacing of a job's requests per host: the worker's shared rate, or the blog's own when slower. */
export function intervalFor(blog: QueuedBlog, rate: number): number {
  return Math.max(1000 / rate, blog.settings.rate ? 1000 / blog.settings.rate : 0);
}

export async function workerCommand(a: WorkerArgs): Promise<number> {
  if (!(a.rate > 0)) throw new InputError(`--rate must be a positive number, got ${a.rate}`);
  if (!(a.stallTimeout > 0)) throw new InputError(`--stall-timeout must be a positive number of seconds, got ${a.stallTimeout}`);
  const verbosity: Verbosity = a.verbose ? 'verbose' : a.quiet ? 'quiet' : 'normal';
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const client = await connectRedis(a.redis);
  const name = `${hostname()}:${process.pid}`;
  const stop = new AbortController();
  const processor = createPostProcessor();
  let busy = false;

  const handle = async (job: Job<QueuedBlog, BlogOutcome>, token?: string): Promise<BlogOutcome> => {
    const blog = job.data;
    busy = true;
    try {
      log(`${blog.url}: start (job ${job.id}, attempt ${job.attemptsMade + 1}) -> ${blog.out}`);
      const rateLimiter = createRedisHostRateLimiter(client, intervalFor(blog, a.rate));
      const reporter = blogReporter(blog.url, verbosity, log);
      const lockDeadline = Date.now() + LOCK_WAIT_MS;
      let run = await runBlog(blog, { reporter, signal: stop.signal, processor, rateLimiter });
      while (run.outcome.locked && Date.now() < lockDeadline && !stop.signal.aborted) {
        await sleep(LOCK_POLL_MS);
        run = await runBlog(blog, { reporter, signal: stop.signal, processor, rateLimiter });
      }
      const { outcome, summary } = run;
      if (stop.signal.aborted) {
        // Stopped by a signal: the blog goes back to the queue for the next worker, no attempt spent.
        log(`${blog.url}: stopped, back on the queue`);
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (blog.git && summary && outcome.exitCode <= EXIT.partial) {
        try {
          const commit = await commitBlog(blog.out, archiveDirOf(blog.settings, blog.out), commitMessage(summary));
          outcome.git = commit ? { commit } : {};
        } catch (err) {
          outcome.git = { error: reasonOf(err) };
          outcome.exitCode = Math.max(outcome.exitCode, EXIT.partial);
        }
      }
      if (outcome.exitCode === EXIT.input || outcome.exitCode === EXIT.write) {
        log(`${blog.url}: failed: ${outcome.error ?? 'unknown error'}`);
        throw new Error(outcome.error ?? 'failed');
      }
      if (verbosity !== 'quiet' || outcome.exitCode !== EXIT.ok) log(`${outcome.exitCode === EXIT.ok ? 'done' : `exit ${outcome.exitCode}`} ${describeOutcome(outcome)}`);
      return outcome;
    } finally {
      busy = false;
    }
  };

  const stallMs = Math.round(a.stallTimeout * 1000);
  const worker = new Worker<QueuedBlog, BlogOutcome>(a.queue, handle, {
    connection: client,
    name,
    concurrency: 1,
    lockDuration: stallMs,
    stalledInterval: stallMs,
    // A blog whose worker dies more than this often is marked failed rather than retried forever.
    maxStalledCount: 3,
  });
  worker.on('error', (err) => log(`queue ${a.queue}: ${reasonOf(err)}`));
  if (verbosity !== 'quiet') log(`worker ${name} on queue ${a.queue} at ${shownUrl(a.redis)}, ${a.rate} requests/s per host`);

  const onSignal = () => {
    if (stop.signal.aborted) process.exit(EXIT.interrupted);
    log('stopping: finishing the posts in flight, the blog goes back to the queue (again to quit at once)');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const queue = new Queue(a.queue, { connection: client });
  const stopped = new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }));
  try {
    for (;;) {
      await Promise.race([sleep(IDLE_POLL_MS), stopped]);
      if (stop.signal.aborted) break;
      if (a.untilEmpty && !busy) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        if (Object.values(counts).every((n) => n === 0)) break;
      }
    }
    await worker.close();
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await queue.close();
    await processor.close();
    await client.quit();
  }
  if (verbosity !== 'quiet') log(`worker ${name}: ${stop.signal.aborted ? 'stopped' : 'the queue is empty'}`);
  return EXIT.ok;
}
