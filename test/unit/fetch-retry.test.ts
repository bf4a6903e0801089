import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, isTransientStatus, parseRetryAfter, withRetries, type AttemptFailure, type RetryNotice } from '../../src/fetch/retry.js';

test('backoff doubles per retry, is jittered between half and all of the ceiling, and is capped', () => {
  const policy = { backoffMs: 100, maxBackoffMs: 1000 };
  assert.equal(backoffDelay(0, { ...policy, random: () => 0 }), 50);
  assert.equal(backoffDelay(0, { ...policy, random: () => 0.999999 }), 100);
  assert.equal(backoffDelay(2, { ...policy, random: () => 0 }), 200);
  assert.equal(backoffDelay(2, { ...policy, random: () => 0.5 }), 300);
  assert.equal(backoffDelay(10, { ...policy, random: () => 1 }), 1000);
  const spread = new Set(Array.from({ length: 20 }, () => backoffDelay(3, policy)));
  assert.ok(spread.size > 1, 'jitter varies the delay');
  for (const d of spread) assert.ok(d >= 400 && d <= 800);
});

test('Retry-After: delay-seconds and HTTP dates, garbage ignored', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('3', now), 3000);
  assert.equal(parseRetryAfter(' 0 ', now), 0);
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0, 'a date in the past means now');
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter('-5', now), undefined);
  assert.equal(parseRetryAfter(undefined, now), undefined);
});

test('transient statuses: 5xx, 408, 429; other 4xx are final', () => {
  assert.deepEqual([500, 502, 503, 408, 429].map(isTransientStatus), [true, true, true, true, true]);
  assert.deepEqual([400, 401, 403, 404, 410, 451].map(isTransientStatus), [false, false, false, false, false, false]);
});

const policy = { retries: 3, backoffMs: 1, maxBackoffMs: 4, maxRetryAfterMs: 1000 };
const classify = (err: unknown) => err as AttemptFailure;

test('withRetries retries transient failures and returns the eventual success', async () => {
  const notices: RetryNotice[] = [];
  let calls = 0;
  const value = await withRetries(
    async () => {
      calls++;
      if (calls < 3) throw { transient: true, reason: `boom ${calls}` };
      return 'ok';
    },
    classify,
    policy,
    (n) => notices.push(n),
  );
  assert.equal(value, 'ok');
  assert.equal(calls, 3);
  assert.deepEqual(notices.map((n) => [n.attempt, n.reason]), [[1, 'boom 1'], [2, 'boom 2']]);
});

test('withRetries gives up after the bounded number of retries, and at once on permanent failures', async () => {
  let calls = 0;
  await assert.rejects(
    withRetries(async () => { calls++; throw { transient: true, reason: 'down' }; }, classify, policy),
    { reason: 'down' },
  );
  assert.equal(calls, 4);
  calls = 0;
  await assert.rejects(withRetries(async () => { calls++; throw { transient: false, reason: '404' }; }, classify, policy), { reason: '404' });
  assert.equal(calls, 1);
});

test('withRetries waits what Retry-After says, and refuses waits above the cap', async () => {
  let calls = 0;
  const started = Date.now();
  const notices: RetryNotice[] = [];
  await withRetries(
    async () => {
      if (calls++ === 0) throw { transient: true, reason: '429', retryAfterMs: 120 };
      return 1;
    },
    classify,
    policy,
    (n) => notices.push(n),
  );
  assert.ok(Date.now() - started >= 115, `waited ${Date.now() - started} ms`);
  assert.deepEqual(notices, [{ attempt: 1, delayMs: 120, reason: '429', retryAfter: true }]);
  calls = 0;
  await assert.rejects(withRetries(async () => { calls++; throw { transient: true, reason: '429', retryAfterMs: 5000 }; }, classify, policy));
  assert.equal(calls, 1);
});
