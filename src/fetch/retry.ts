import { sleep } from './sleep.js';

export interface RetryPolicy {
  /** Retries after the first attempt (so `retries + 1` attempts at most). */
  retries: number;
  /** Backoff before the first retry; doubles with every further retry. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A Retry-After longer than this is not waited for: the attempt fails at once (still transient). */
  maxRetryAfterMs: number;
  random?: () => number;
}

/** What a failed attempt tells the retry loop. */
export interface AttemptFailure {
  transient: boolean;
  /** From a Retry-After header: the server named the wait itself. */
  retryAfterMs?: number;
  reason: string;
}

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: string;
  retryAfter: boolean;
}

/**
 * "Equal jitter" exponential backoff: half the doubled delay is fixed, half random, so clients that failed
 * together spread out but none retries almost immediately.
 */
export function backoffDelay(retryIndex: number, policy: Pick<RetryPolicy, 'backoffMs' | 'maxBackoffMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** retryIndex);
  const random = policy.random ?? Math.random;
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Retry-After as delay-seconds or an HTTP date, in milliseconds from `now`; undefined when unusable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date always names its month; without the check Date.parse reads "-5" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Statuses worth another try: server trouble, timeouts, throttling. Every other 4xx is the server's final word. */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/**
 * Runs `attempt` until it succeeds, fails permanently, or the retries are spent. `toFailure` classifies a
 * thrown error; the last error is rethrown unchanged so callers keep its type.
 */
export async function withRetries<T>(
  attempt: (attemptIndex: number) => Promise<T>,
  toFailure: (err: unknown) => AttemptFailure,
  policy: RetryPolicy,
  onRetry?: (notice: RetryNotice) => void,
): Promise<T> {
  for (let index = 0; ; index++) {
    try {
      return await attempt(index);
    } catch (err) {
      const failure = toFailure(err);
      if (!failure.transient || index >= policy.retries) throw err;
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs) throw err;
      const delayMs = failure.retryAfterMs ?? backoffDelay(index, policy);
      onRetry?.({ attempt: index + 1, delayMs, reason: failure.reason, retryAfter: failure.retryAfterMs !== undefined });
      await sleep(delayMs);
    }
  }
}
