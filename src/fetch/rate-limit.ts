import { sleep } from './sleep.js';

/**
 * Spaces request starts per host. The interval is the larger of `1000 / rate` and the host's
 * Crawl-delay; a host can also be paused outright (Retry-After), which holds back every request to it,
 * not only the one that was told to wait.
 */
export interface HostRateLimiter {
  /** Resolves when a request to `host` may start, and books that start. */
  acquire(host: string): Promise<void>;
  setCrawlDelay(host: string, delayMs: number): void;
  pauseUntil(host: string, time: number): void;
}

interface HostState {
  next: number;
  pausedUntil: number;
  crawlDelayMs: number;
}

export function createHostRateLimiter(rate?: number, now: () => number = Date.now): HostRateLimiter {
  const rateIntervalMs = rate && rate > 0 ? 1000 / rate : 0;
  const hosts = new Map<string, HostState>();
  const state = (host: string): HostState => {
    let s = hosts.get(host);
    if (!s) hosts.set(host, (s = { next: 0, pausedUntil: 0, crawlDelayMs: 0 }));
    return s;
  };
  return {
    async acquire(host) {
      const s = state(host);
      // Waiters re-check after sleeping: a pause may have been set meanwhile.
      for (;;) {
        const t = now();
        const start = Math.max(t, s.next, s.pausedUntil);
        if (start <= t) {
          s.next = t + Math.max(rateIntervalMs, s.crawlDelayMs);
          return;
        }
        await sleep(start - t);
      }
    },
    setCrawlDelay(host, delayMs) {
      state(host).crawlDelayMs = Math.max(0, delayMs);
    },
    pauseUntil(host, time) {
      const s = state(host);
      s.pausedUntil = Math.max(s.pausedUntil, time);
    },
  };
}
