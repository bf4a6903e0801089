// Issue 23: `enqueue`, `worker` and `status` on a real redis-server (started here on a free loopback port).
// 30 fixture blogs on 6 servers (5 blogs per host) and one blog whose index is gone are queued; 3 worker
// processes take them; one worker is SIGKILLed in the middle of a blog, whose job BullMQ hands to another
// worker once its lock expires, and that worker resumes the archive. Every archive ends identical to a
// single `archive` run; the servers' request logs show each host's requests spaced by the rate the
// workers share through Redis, although several workers archived blogs of the same host at once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { requireBuild, runCli, tempOut } from './archive-harness.js';
import { output, postFileCount, spawnCli, tempFiles, waitFor, type RunningCli } from './incremental-harness.js';
import { FARM_FIXTURES, assertSameAsReference, referenceArchives, startFarm, writeConfig, type FarmBlogRef } from './backup-harness.js';
import { JITTER_MS, loopStall, spacing } from './faults-harness.js';
import { startRedis, type TestRedis } from '../helpers/redis-server.js';
import type { FarmServer } from '../helpers/blog-farm.js';

const RATE = 25;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const QUEUE = 'bvtest';
let redis: TestRedis;
let blogs: FarmBlogRef[];
let servers: FarmServer[];
let references: Map<string, Map<string, string>>;
let closeReferences: () => Promise<void>;
let root: string;
const workers: RunningCli[] = [];

before(async () => {
  requireBuild();
  redis = await startRedis();
  root = await tempOut();
  ({ blogs, servers } = await startFarm([5, 5, 5, 5, 5, 5], join(root, 'archives')));
  ({ archives: references, close: closeReferences } = await referenceArchives(FARM_FIXTURES));
});

after(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
  await Promise.all(servers?.map((s) => s.close()) ?? []);
  await closeReferences?.();
  await redis?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

test('3 workers, 30 blogs, one worker killed mid-blog: every archive complete and identical to a single run; shared per-host rate', async (t) => {
  const stall = loopStall();
  const config = join(root, 'blogs.yaml');
  const gone = { url: `${servers[0].url}/gone/`, out: join(root, 'archives', 'gone') };
  // Two blogs of one host first, so that two workers certainly share a host; then the hosts in turn, so
  // that the three workers mostly archive different hosts (a queue of one host's blogs takes 1/rate each).
  const byHost = servers.map((s) => blogs.filter((b) => b.server.url === s.url));
  const rest = byHost.map((list, i) => (i === 0 ? list.slice(2) : list));
  const order = [...byHost[0].slice(0, 2), ...Array.from({ length: 5 }, (_, k) => rest.map((list) => list[k]).filter(Boolean)).flat()];
  assert.equal(order.length, 30);
  await writeConfig(config, [...order, gone as FarmBlogRef]);
  const queue = new Queue(QUEUE, { connection: { url: redis.url } });
  try {
    const enq = await runCli(['enqueue', config, '--redis', redis.url, '--queue', QUEUE, '--attempts', '2', '--retry-delay', '0.2']);
    assert.equal(enq.code, 0, output(enq));
    assert.match(enq.stdout, /^Queued 31 blogs on queue bvtest/);
    const again = await runCli(['enqueue', config, '--redis', redis.url, '--queue', QUEUE]);
    assert.match(again.stdout, /^Queued 0 blogs .*\(31 already waiting or running/, 'a blog waiting on the queue is not queued twice');

    for (let i = 0; i < 3; i++) {
      workers.push(spawnCli(['worker', '--redis', redis.url, '--queue', QUEUE, '--rate', String(RATE), '--stall-timeout', '3', '--until-empty']));
    }
    const names = new Map(workers.map((w) => [`${hostname()}:${w.child.pid}`, w]));

    // The victim: a worker in the middle of a jekyll blog (14 posts), a few posts written.
    let victim: { worker: RunningCli; name: string; jobId: string; blog: FarmBlogRef; postsAtKill: number } | undefined;
    let statusWhileRunning = '';
    await waitFor(async () => {
      for (const job of await queue.getJobs(['active'])) {
        const blog = blogs.find((b) => b.out === job.data.out);
        const worker = job.processedBy ? names.get(job.processedBy) : undefined;
        if (!blog || !worker || blog.fixture.name !== 'jekyll-blog') continue;
        const posts = await postFileCount(blog.out);
        if (posts >= 2 && posts < blog.fixture.posts - 3) {
          worker.child.kill('SIGKILL');
          victim = { worker, name: job.processedBy!, jobId: job.id!, blog, postsAtKill: posts };
          // The dead worker's blog still shows as running: its lock has not expired yet.
          statusWhileRunning = (await runCli(['status', '--redis', redis.url, '--queue', QUEUE])).stdout;
          return true;
        }
      }
      return workers.some((w) => w.child.exitCode !== null);
    }, 'a worker half-way through a jekyll blog', 180_000, 20);
    if (!victim) assert.fail(`no worker was caught in the middle of a blog:\n${(await Promise.all(workers.map((w) => w.done))).map(output).join('\n')}`);
    assert.equal((await victim.worker.done).code, -1, 'the victim exited before it was killed');
    t.diagnostic(`killed ${victim.name} with ${victim.postsAtKill}/${victim.blog.fixture.posts} posts of ${victim.blog.url}`);
    assert.match(statusWhileRunning, /^Queue bvtest at redis:\/\/127\.0\.0\.1:\d+\/?: \d+ waiting, [1-3] running, \d+ done, \d+ failed; 2 workers/m);
    assert.match(statusWhileRunning, new RegExp(`^running:\\n(  .+\\n)*  ${escapeRe(victim.blog.url)} -> .+ on ${escapeRe(victim.name)} since `, 'm'));

    const survivors = workers.filter((w) => w !== victim!.worker);
    const results = await Promise.all(survivors.map((w) => w.done));
    for (const r of results) assert.equal(r.code, 0, output(r));

    // The killed blog went to another worker, which finished it.
    const job = await queue.getJob(victim.jobId);
    assert.ok(job && (await job.getState()) === 'completed', `the killed blog's job is ${await job?.getState()}`);
    assert.notEqual(job.processedBy, victim.name, 'the killed blog was finished by the worker that was killed');
    assert.ok(results.some((r) => r.stdout.includes(`${victim!.blog.url}: start (job ${victim!.jobId}`)), 'no surviving worker took the killed blog');

    const status = JSON.parse((await runCli(['status', '--redis', redis.url, '--queue', QUEUE, '--json'])).stdout) as {
      counts: Record<string, number>;
      failed: { url: string; reason: string; attempts: number }[];
      done: { url: string; outcome: { exitCode: number } }[];
    };
    assert.deepEqual(status.counts, { waiting: 0, running: 0, done: 30, failed: 1 });
    assert.equal(status.failed[0].url, gone.url);
    assert.match(status.failed[0].reason, /cannot read the blog index .*HTTP 404/);
    assert.equal(status.failed[0].attempts, 2);
    assert.ok(status.done.every((d) => d.outcome.exitCode === 0), JSON.stringify(status.done.filter((d) => d.outcome.exitCode !== 0)));
    const text = (await runCli(['status', '--redis', redis.url, '--queue', QUEUE])).stdout;
    assert.match(text, /^Queue bvtest at .*: 0 waiting, 0 running, 30 done, 1 failed/);
    assert.match(text, new RegExp(`^failed:\\n  ${escapeRe(gone.url)} -> .*HTTP 404 \\(2 attempts`, 'm'));

    for (const blog of blogs) {
      await assertSameAsReference(blog, references, 'queued blog');
      assert.ok(!existsSync(join(blog.out, '.blogvault', 'lock')), `${blog.out}: lock left behind`);
      assert.deepEqual(await tempFiles(blog.out), [], `${blog.out}: temporary files left behind`);
    }

    // Several workers archived blogs of one host at the same time...
    const jobs = await queue.getJobs(['completed']);
    const spans = jobs.map((j) => ({ host: new URL(j.data.url).host, from: j.processedOn!, to: j.finishedOn! }));
    const overlaps = spans.filter((a, i) => spans.some((b, k) => k > i && a.host === b.host && a.from < b.to && b.from < a.to)).length;
    t.diagnostic(`${overlaps} jobs ran alongside another job of the same host`);
    assert.ok(overlaps > 0, 'no two workers ever archived blogs of the same host at once: the shared rate was not exercised');
    // ...and each host still saw its requests spaced by the shared rate. Runs of up to 21 requests: two
    // workers each at the full rate would bring 21 requests in half the time allowed.
    const stallMs = stall.stop();
    for (const server of servers) {
      const { margin, smallestGap, where } = spacing(server.log, 1000 / RATE, 20, stallMs);
      t.diagnostic(`${server.url}: ${server.log.length} requests, smallest gap ${smallestGap} ms, tightest run: ${where}, longest stall of the logging loop ${stallMs.toFixed(0)} ms`);
      assert.ok(margin >= 0, `${server.url}: ${where}: faster than ${RATE} requests/s shared by the workers (allowance ${JITTER_MS} ms + ${stallMs.toFixed(0)} ms stall)`);
    }
  } finally {
    await queue.close();
  }
});

test('queue commands: an unreachable Redis or a bad URL is one line and exit 2', async () => {
  // Nothing listens on port 1.
  const closed = 'redis://127.0.0.1:1';
  for (const args of [
    ['status', '--redis', closed],
    ['worker', '--redis', 'http://127.0.0.1:1'],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, output(r));
    assert.equal(r.stderr.trim().split('\n').length, 1, output(r));
    assert.match(r.stderr, /^blogvault: /);
  }
});
