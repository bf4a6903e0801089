/**
 * What `enqueue`, `worker` and `status` share: the queue's name, what a job carries, and the Redis
 * connection, opened so that an unreachable server is one clear error rather than endless retries.
 */
import { Redis } from 'ioredis';
import { InputError, reasonOf } from '../pipeline/errors.js';
import type { BlogJob } from '../backup/config.js';

/** The name of every job: one blog. */
export const JOB_NAME = 'blog';

/** A queued blog: everything a worker on any machine needs, the config already resolved. */
export interface QueuedBlog extends BlogJob {
  /** Commit the blog's output folder after its run (`enqueue --git`). */
  git?: boolean;
}

export function checkRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`--redis ${url}: not a URL (expected redis://host:port)`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new InputError(`--redis ${url}: only redis:// and rediss:// URLs are supported`);
  return url;
}

/** The URL without its password, for messages. */
export function shownUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.href;
}

/**
 * A connected client. Once connected it reconnects by itself (a worker rides out a Redis restart); the
 * first connection must succeed, or the command fails with the reason.
 */
export async function connectRedis(url: string): Promise<Redis> {
  checkRedisUrl(url);
  let last: Error | undefined;
  let connected = false;
  const client = new Redis(url, {
    lazyConnect: true,
    // BullMQ's workers block on Redis: their commands must wait for a reconnection rather than fail.
    maxRetriesPerRequest: null,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => (connected ? Math.min(attempt * 200, 5_000) : null),
  });
  client.on('error', (err: Error) => (last = err));
  try {
    await client.connect();
    await client.ping();
    connected = true;
  } catch (err) {
    client.disconnect();
    throw new InputError(`${shownUrl(url)}: cannot reach Redis (${reasonOf(last ?? err)})`);
  }
  return client;
}
