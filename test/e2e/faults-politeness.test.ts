// End to end (issue 5): politeness seen from the server's request log. `--rate 5` spaces requests at least
// ~200 ms apart; robots.txt (the group naming blogvault, not `*`) keeps /2015/08/ from ever being
// requested, and those posts are reported as disallowed rather than dropped; its Crawl-delay is obeyed;
// `--ignore-robots` fetches them.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, loadExpected, requireBuild, runCli, tempOut, type CliResult } from './archive-harness.js';
import { JITTER_MS, loopStall, parseReport, readManifest, serveFaulty, spacing, type ServedFaulty } from './faults-harness.js';

const FIXTURE = join(ROOT, 'fixtures', 'jekyll-blog');
const DISALLOWED = '/2015/08/';
const CRAWL_DELAY_S = 0.25;

const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  await Promise.all(cleanup.map((c) => c()));
});

async function serve(robots?: string): Promise<ServedFaulty> {
  const served = await serveFaulty(join(FIXTURE, 'site'));
  cleanup.push(() => served.close());
  if (robots !== undefined) await writeFile(join(served.root, 'robots.txt'), robots);
  return served;
}

async function archive(served: ServedFaulty, ...args: string[]): Promise<{ result: CliResult; out: string }> {
  const out = await tempOut();
  cleanup.push(() => rm(out, { recursive: true, force: true }));
  const result = await runCli(['archive', `${served.url}/`, '--out', out, ...args]);
  return { result, out };
}

const show = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
const ROBOTS = `User-agent: *
Disallow: /never-used/

User-agent: blogvault
Disallow: ${DISALLOWED}
Crawl-delay: ${CRAWL_DELAY_S}
`;

describe('politeness', { concurrency: true }, () => {
  test('--rate 5: requests to the host start at least 200 ms apart', async (t) => {
    requireBuild();
    const served = await serve();
    const stall = loopStall();
    const { result } = await archive(served, '--rate', '5', '--concurrency', '4', '--max-pages', '1');
    const stallMs = stall.stop();
    assert.equal(result.code, 0, show(result));
    const log = served.server.log;
    assert.ok(log.length >= 8, `only ${log.length} requests: too few to show a rate`);
    const span = Math.max(...log.map((e) => e.time)) - Math.min(...log.map((e) => e.time));
    const { margin, smallestGap, where } = spacing(log, 200, 5, stallMs);
    t.diagnostic(`${log.length} requests in ${span} ms, smallest gap ${smallestGap} ms, tightest run: ${where}, longest stall of the logging loop ${stallMs.toFixed(0)} ms`);
    assert.ok(margin >= 0, `${where}: faster than --rate 5 allows (allowance ${JITTER_MS} ms + ${stallMs.toFixed(0)} ms stall)`);
    assert.ok(span >= (log.length - 1) * 200 - JITTER_MS - stallMs, `${log.length} requests in ${span} ms with --rate 5`);
  });

  test('robots.txt: disallowed posts are never requested, and are reported with the reason', async (t) => {
    requireBuild();
    const expected = await loadExpected(FIXTURE);
    const served = await serve(ROBOTS);
    const stall = loopStall();
    const { result, out } = await archive(served, '--json');
    const stallMs = stall.stop();
    const log = served.server.log;
    const fetched = log.filter((e) => decodeURI(e.path).startsWith(DISALLOWED)).map((e) => e.path);
    assert.deepEqual(fetched, [], 'disallowed URLs were requested');

    const disallowed = expected.posts.filter((p) => decodeURI(p.path).startsWith(DISALLOWED)).map((p) => decodeURI(p.path));
    assert.ok(disallowed.length >= 3, 'the fixture has too few posts under the disallowed path');
    const report = parseReport(result.stdout);
    const archived = [...report.new, ...report.changed, ...report.unchanged];
    assert.equal(archived.length + report.failed.length, report.postsFound, 'a discovered post is neither archived nor failed');
    assert.equal(report.postsFound, expected.posts.length, show(result));
    assert.deepEqual(report.failed.map((f) => decodeURI(new URL(f.url).pathname)).sort(), disallowed.sort(), show(result));
    for (const f of report.failed) assert.match(f.reason, /disallowed by robots\.txt/, f.url);
    assert.equal(archived.length, expected.posts.length - disallowed.length);
    const entries = await readManifest(out);
    for (const path of disallowed) {
      const entry = entries.find((e) => decodeURI(new URL(e.url).pathname) === path);
      assert.equal(entry?.status, 'failed', `${path}: ${JSON.stringify(entry)}`);
      assert.match(entry.error ?? '', /disallowed by robots\.txt/);
    }

    // Crawl-delay of the blogvault group: every request after robots.txt was read waits for it.
    const robotsAt = log.findIndex((e) => e.path === '/robots.txt');
    assert.equal(robotsAt, 0, 'robots.txt was not the first request');
    const { margin, smallestGap, where } = spacing(log.slice(1), CRAWL_DELAY_S * 1000, 5, stallMs);
    t.diagnostic(`${log.length} requests, after robots.txt: smallest gap ${smallestGap} ms, tightest run: ${where} (Crawl-delay ${CRAWL_DELAY_S} s), longest stall of the logging loop ${stallMs.toFixed(0)} ms`);
    assert.ok(margin >= 0, `${where}: faster than Crawl-delay ${CRAWL_DELAY_S} allows (allowance ${JITTER_MS} ms + ${stallMs.toFixed(0)} ms stall)`);
  });

  test('--ignore-robots: the disallowed posts are fetched and archived', async () => {
    requireBuild();
    const expected = await loadExpected(FIXTURE);
    const served = await serve(ROBOTS);
    const { result } = await archive(served, '--ignore-robots', '--json');
    assert.equal(result.code, 0, show(result));
    const report = parseReport(result.stdout);
    assert.equal(report.new.length, expected.posts.length, show(result));
    const fetched = served.server.log.filter((e) => decodeURI(e.path).startsWith(DISALLOWED));
    assert.ok(fetched.length >= 3, 'the disallowed posts were not requested');
  });
});
