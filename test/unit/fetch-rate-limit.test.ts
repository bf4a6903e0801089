import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHostRateLimiter } from '../../src/fetch/rate-limit.js';

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

test('requests to one host start at least 1/rate apart; other hosts are independent', async () => {
  // The instants the limiter books are recorded, not when a callback gets to run: on a loaded machine
  // the thread may stall between the two, which would shorten the measured gap after it.
  let lastRead = 0;
  const clock = () => (lastRead = Date.now());
  const limiter = createHostRateLimiter(20, clock);
  const a: number[] = [];
  const b: number[] = [];
  const started = Date.now();
  await Promise.all([
    ...Array.from({ length: 5 }, () => limiter.acquire('a:80').then(() => a.push(lastRead))),
    ...Array.from({ length: 2 }, () => limiter.acquire('b:80').then(() => b.push(lastRead))),
  ]);
  a.sort((x, y) => x - y);
  for (const gap of gaps(a)) assert.ok(gap >= 48, `gap ${gap} ms`);
  assert.ok(a[4] - started >= 195);
  assert.ok(b[0] - started < 30, 'host b does not wait for host a');
});

test('no rate: no waiting', async () => {
  const limiter = createHostRateLimiter(undefined);
  const started = Date.now();
  await Promise.all(Array.from({ length: 50 }, () => limiter.acquire('a')));
  assert.ok(Date.now() - started < 30);
});

test('Crawl-delay widens the interval beyond the rate', async () => {
  const limiter = createHostRateLimiter(1000);
  limiter.setCrawlDelay('a', 60);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    await limiter.acquire('a');
    times.push(Date.now());
  }
  for (const gap of gaps(times)) assert.ok(gap >= 58, `gap ${gap} ms`);
});

test('a pause holds back every request to the host, including ones already waiting', async () => {
  const limiter = createHostRateLimiter(10);
  await limiter.acquire('a');
  const started = Date.now();
  const waiting = limiter.acquire('a').then(() => Date.now());
  limiter.pauseUntil('a', started + 250);
  const other = limiter.acquire('b').then(() => Date.now());
  assert.ok((await waiting) - started >= 245);
  assert.ok((await other) - started < 30);
});
