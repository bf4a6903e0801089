/**
 * Per-host request spacing shared by every worker on one Redis: each request to a host takes the host in
 * Redis by one atomic script, against Redis's own clock (workers' clocks may disagree), so that two
 * workers archiving blogs on the same host space their requests as one run would.
 */
import type { Redis } from 'ioredis';
import type { HostRateLimiter } from '../fetch/rate-limit.js';
import { sleep } from '../fetch/sleep.js';

/** Keys of the time each host is free again; they expire once the host has been idle for a minute. */
export const RATE_KEY_PREFIX = 'blogvault:host:';
const IDLE_EXPIRY_MS = 60_000;

/**
 * KEYS[1]: the time (ms, Redis clock) before which the host takes no request. ARGV[1]: the spacing to keep
 * after this request. Takes the host now if it is free and returns 0; otherwise returns how long until it
 * is. Nothing is booked ahead: a worker that wakes late (a busy machine) books from when it really starts,
 * so requests are never bunched after a delay.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if free > now then return math.max(1, math.ceil(free - now)) end
local interval = tonumber(ARGV[1])
redis.call('SET', KEYS[1], tostring(now + interval), 'PX', math.floor(interval + ${IDLE_EXPIRY_MS}))
return 0
`;

/** KEYS[1] as above; ARGV[1]: how long from now the host is paused. Moves its next free start no earlier. */
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
local untilMs = now + tonumber(ARGV[1])
if untilMs > free then
  redis.call('SET', KEYS[1], tostring(untilMs), 'PX', math.floor(untilMs - now + ${IDLE_EXPIRY_MS}))
end
return 0
`;

type Scripted = Redis & {
  blogvaultTake(key: string, intervalMs: number): Promise<number>;
  blogvaultPause(key: string, forMs: number): Promise<number>;
};

/**
 * A limiter for one run: requests to a host start at least `intervalMs` apart over all workers (or the
 * host's Crawl-delay, when longer); a Retry-After pause seen by one worker holds all of them.
 */
export function createRedisHostRateLimiter(redis: Redis, intervalMs: number): HostRateLimiter {
  const scripted = redis as Scripted;
  if (typeof scripted.blogvaultTake !== 'function') {
    redis.defineCommand('blogvaultTake', { numberOfKeys: 1, lua: TAKE });
    redis.defineCommand('blogvaultPause', { numberOfKeys: 1, lua: PAUSE });
  }
  // Every run reads the host's robots.txt itself, so each knows its Crawl-delay without sharing it.
  const crawlDelays = new Map<string, number>();
  return {
    async acquire(host) {
      for (;;) {
        const wait = await scripted.blogvaultTake(`${RATE_KEY_PREFIX}${host}`, Math.max(intervalMs, crawlDelays.get(host) ?? 0));
        if (wait <= 0) return;
        await sleep(wait);
      }
    },
    setCrawlDelay(host, delayMs) {
      crawlDelays.set(host, Math.max(0, delayMs));
    },
    pauseUntil(host, time) {
      // Fire and forget, like the in-process limiter: the next acquire sees the pause once Redis has it.
      scripted.blogvaultPause(`${RATE_KEY_PREFIX}${host}`, Math.max(0, time - Date.now())).catch(() => undefined);
    },
  };
}
