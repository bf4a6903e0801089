// The per-host limiter workers share through Redis, against a real redis-server started here: two
// "workers" (two clients) taking one host are spaced as one; other hosts are not held; a pause or a
// Crawl-delay holds the host.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { createRedisHostRateLimiter } from '../../src/queue/rate-limit.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';

/**
 * How much later than Redis gave it this process may see an acquire return (event loop delay on a loaded
 * machine): a gap between two starts looks this much shorter when the first is seen late.
 */
const SEEN_LATE_MS = 50;
let redis: TestRedis;
const clients: Redis[] = [];

before(async () => {
  redis = await startRedis();
});

after(async () => {
  for (const c of clients) c.disconnect();
  await redis?.stop();
});

function client(): Redis {
  const c = new Redis(redis.url);
  clients.push(c);
  return c;
}

/** When each of `n` concurrent acquires of `host` returned, in ms since `t0`. */
async function starts(limiter: ReturnType<typeof createRedisHostRateLimiter>, host: string, n: number, t0: number): Promise<number[]> {
  return Promise.all(Array.from({ length: n }, async () => {
    await limiter.acquire(host);
    return Date.now() - t0;
  }));
}

const gaps = (times: number[]) => [...times].sort((a, b) => a - b).slice(1).map((t, i, rest) => t - (i === 0 ? [...times].sort((a, b) => a - b)[0] : rest[i - 1]));

test('two workers taking one host are spaced as one; another host is not held', async () => {
  const interval = 100;
  const a = createRedisHostRateLimiter(client(), interval);
  const b = createRedisHostRateLimiter(client(), interval);
  const t0 = Date.now();
  const [ta, tb, other] = await Promise.all([starts(a, 'one.example', 6, t0), starts(b, 'one.example', 6, t0), starts(b, 'two.example', 6, t0)]);
  const all = [...ta, ...tb];
  // Two limiters that did not share the host would both start at once: gaps near 0, the 12 starts in half the time.
  assert.ok(Math.min(...gaps(all)) >= interval - SEEN_LATE_MS, `gaps ${gaps(all).join(' ')}`);
  assert.ok(Math.max(...all) - Math.min(...all) >= 11 * interval - SEEN_LATE_MS, `12 requests in ${Math.max(...all) - Math.min(...all)} ms`);
  assert.ok(Math.max(...other) < Math.max(...all) - 3 * interval, 'the other host waited for the first');
});

test('a pause seen by one worker holds the others; the longer Crawl-delay wins over the rate', async () => {
  const a = createRedisHostRateLimiter(client(), 10);
  const b = createRedisHostRateLimiter(client(), 10);
  await a.acquire('paused.example');
  const pausedAt = Date.now();
  a.pauseUntil('paused.example', pausedAt + 300);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await b.acquire('paused.example');
  // Seen late only ever adds to the wait.
  assert.ok(Date.now() - pausedAt >= 300, `the other worker went ${Date.now() - pausedAt} ms after the pause`);

  b.setCrawlDelay('slow.example', 150);
  const times = await starts(b, 'slow.example', 4, Date.now());
  assert.ok(Math.min(...gaps(times)) >= 150 - SEEN_LATE_MS, `gaps ${gaps(times).join(' ')}`);
  assert.ok(Math.max(...times) - Math.min(...times) >= 3 * 150 - SEEN_LATE_MS, `4 requests in ${Math.max(...times) - Math.min(...times)} ms`);
});
