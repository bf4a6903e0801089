// End to end (issue 18): pages rendered in Chromium go through the same politeness layer as HTTP. Seen
// from the server's request log: robots.txt's Crawl-delay spaces each page's document and paces the
// scripts and API calls the pages make, a disallowed post is never requested, a Retry-After pause holds the whole
// host, and a feed named on another site is not asked for.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, requireBuild, runCli, tempOut, type CliResult } from './archive-harness.js';
import { JITTER_MS, loopStall, parseReport, serveFaulty, spacing, type ServedFaulty } from './faults-harness.js';
import type { FaultServerOptions } from '../helpers/fault-server.js';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';

const SPA = join(ROOT, 'fixtures', 'spa-blog');
const CRAWL_DELAY_S = 0.3;
const DISALLOWED = '/posts/rust-static-site/';

const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  await Promise.all(cleanup.map((c) => c()));
});

async function serve(options: FaultServerOptions = {}, robots?: string): Promise<ServedFaulty> {
  const served = await serveFaulty(SPA, options);
  cleanup.push(() => served.close());
  if (robots !== undefined) await writeFile(join(served.root, 'robots.txt'), robots);
  return served;
}

async function archive(served: ServedFaulty, ...args: string[]): Promise<CliResult> {
  const out = await tempOut();
  cleanup.push(() => rm(out, { recursive: true, force: true }));
  return runCli(['archive', `${served.url}/`, '--out', out, '--render', 'always', '--json', ...args]);
}

const show = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout.slice(0, 3000)}\nstderr:\n${r.stderr}`;

describe('browser politeness', { concurrency: true }, () => {
  test('Crawl-delay spaces the documents and paces every request of rendered pages; a disallowed post is never requested; no feed of another site is read', async (t) => {
    requireBuild();
    const other: TestServer = await startStaticServer(ROOT);
    cleanup.push(() => other.close());
    const served = await serve(
      {
        routes: {
          // The shell names a feed on another site.
          '/': (_req, res) => {
            void import('node:fs/promises').then(async ({ readFile }) => {
              const html = (await readFile(join(served.root, 'index.html'), 'utf8')).replace('</head>', `<link rel="alternate" type="application/rss+xml" href="${other.url}/feed.xml"></head>`);
              res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
            });
            return true;
          },
        },
      },
      `User-agent: *\nDisallow: ${DISALLOWED}\nCrawl-delay: ${CRAWL_DELAY_S}\n`,
    );
    const stall = loopStall();
    const result = await archive(served, '--max-pages', '1', '--discover', 'all');
    const stallMs = stall.stop();
    const log = served.server.log;
    assert.equal(log[0]?.path, '/robots.txt', 'robots.txt was not the first request');
    assert.deepEqual(log.filter((e) => e.path === DISALLOWED).map((e) => e.path), [], 'the disallowed post was requested');
    assert.ok(log.some((e) => e.path === '/app.js') && log.some((e) => e.path.startsWith('/api/')), 'the pages\' own requests are missing');
    // The layer sends each page's document itself: after robots.txt named the delay, each waits its turn.
    const documents = log.filter((e) => e.path === '/' || e.path.startsWith('/posts/'));
    const { margin, smallestGap, where } = spacing(documents, CRAWL_DELAY_S * 1000, 5, stallMs);
    t.diagnostic(`${documents.length} documents, smallest gap ${smallestGap} ms, tightest run: ${where}, longest stall of the logging loop ${stallMs.toFixed(0)} ms`);
    assert.ok(margin >= 0, `${where}: faster than Crawl-delay ${CRAWL_DELAY_S} allows (allowance ${JITTER_MS} ms + ${stallMs.toFixed(0)} ms stall)\n${show(result)}`);
    // The requests a page makes are admitted by the same limiter; Chromium sends each once admitted, so
    // the arrivals may shift a little, but never add up to more than the delay allows.
    const span = log.at(-1)!.time - log[1]!.time;
    assert.ok(span >= (log.length - 2) * CRAWL_DELAY_S * 1000 - JITTER_MS - stallMs, `${log.length - 1} requests in ${span} ms with Crawl-delay ${CRAWL_DELAY_S}`);
    assert.deepEqual(other.log.map((e) => e.path), [], 'a request went to another site');
    const report = parseReport(result.stdout);
    assert.ok(report.new.length >= 3, show(result));
    assert.ok(report.failed.some((f) => f.url.endsWith(DISALLOWED) && /disallowed by robots\.txt/.test(f.reason)), show(result));
  });

  test('a 429 with Retry-After on a rendered page pauses every request to the host', async () => {
    requireBuild();
    let throttled = 0;
    const served = await serve({
      routes: {
        '/posts/json-api-pagination/': (_req, res) => {
          if (throttled++ > 0) return false;
          res.writeHead(429, { 'retry-after': '2', 'content-type': 'text/html', 'content-length': 0 }).end();
          return true;
        },
      },
    });
    const result = await archive(served, '--max-pages', '1', '--concurrency', '2');
    const log = served.server.log;
    const refused = log.find((e) => e.path === '/posts/json-api-pagination/' && e.status === 429);
    assert.ok(refused, `no 429 was served\n${show(result)}`);
    const retried = log.find((e) => e.path === '/posts/json-api-pagination/' && e !== refused);
    assert.ok(retried && retried.time - refused.time >= 1990, `the page was asked again ${retried && retried.time - refused.time} ms after Retry-After: 2`);
    // Requests already on their way may land just after the 429; none may start during the pause.
    const during = log.filter((e) => e.time > refused.time + 250 && e.time < refused.time + 1990);
    assert.deepEqual(during.map((e) => `${e.path} +${e.time - refused.time} ms`), [], 'requests during the pause');
    assert.ok(parseReport(result.stdout).new.some((u) => u.endsWith('/posts/json-api-pagination/')), show(result));
  });
});
