import { Queue } from 'bullmq';
import { loadBackupConfig } from '../backup/config.js';
import { EXIT, InputError } from '../pipeline/errors.js';
import { JOB_NAME, connectRedis, shownUrl, type QueuedBlog } from './queue.js';

export interface EnqueueArgs {
  config: string;
  redis: string;
  queue: string;
  attempts: number;
  retryDelay: number;
  git: boolean;
  warc: boolean;
  quiet: boolean;
}

/** Finished jobs kept for `status`; older ones are dropped as new ones finish. */
const KEEP_FINISHED = 1000;

/**
 * `blogvault enqueue <config> --redis <url>`: one job per blog. A blog whose job is still waiting or
 * running is not queued twice (BullMQ deduplication by output folder), so a cron job may enqueue the same
 * config every night even when the previous night's backup has not finished.
 */
export async function enqueueCommand(a: EnqueueArgs): Promise<number> {
  if (!(a.attempts >= 1)) throw new InputError(`--attempts must be at least 1, got ${a.attempts}`);
  if (!(a.retryDelay >= 0)) throw new InputError(`--retry-delay must be a number of seconds, got ${a.retryDelay}`);
  const config = loadBackupConfig(a.config, a.warc ? { warc: true } : {});
  const client = await connectRedis(a.redis);
  const queue = new Queue(a.queue, { connection: client });
  let added = 0;
  const already: string[] = [];
  try {
    for (const blog of config.blogs) {
      const data: QueuedBlog = { ...blog, ...(a.git ? { git: true } : {}) };
      const existing = await queue.getDeduplicationJobId(blog.out);
      await queue.add(JOB_NAME, data, {
        deduplication: { id: blog.out },
        attempts: Math.floor(a.attempts),
        backoff: { type: 'exponential', delay: Math.round(a.retryDelay * 1000) },
        removeOnComplete: { count: KEEP_FINISHED },
        removeOnFail: { count: KEEP_FINISHED },
      });
      if (existing) already.push(blog.url);
      else added++;
    }
  } finally {
    await queue.close();
    await client.quit();
  }
  if (!a.quiet) {
    const skipped = already.length ? ` (${already.length} already waiting or running: ${already.join(', ')})` : '';
    process.stdout.write(`Queued ${added} blogs on queue ${a.queue} at ${shownUrl(a.redis)}${skipped}\n`);
  }
  return EXIT.ok;
}
