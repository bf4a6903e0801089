// End to end (issue 5): posts whose answers are unusable rather than flaky — a redirect loop, an endless
// redirect chain, a redirect off the blog's origin, a PDF where HTML was expected, an oversize page (with
// Content-Length) and an endless chunked body, with --max-bytes; a server that never answers, one that
// dribbles a byte at a time (both bounded by --timeout), and a 429 asking to come back in an hour. Each is
// reported as failed with a clear reason, nothing hangs, and the rest of the blog is archived.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Handler } from '../helpers/static-server.js';
import { ROOT, loadExpected, readArchive, requireBuild, runCli, tempOut, type CliResult, type ExpectedSite } from './archive-harness.js';
import { parseReport, readManifest, serveFaulty, type JsonReport, type ServedFaulty } from './faults-harness.js';

const FIXTURE = join(ROOT, 'fixtures', 'jekyll-blog');
const MAX_BYTES = 100_000;

const LOOP = '/2015/09/18/sql-window-functions/';
const CHAIN = '/2015/08/22/rouge-line-numbers/';
const OFF_SITE = '/2015/08/09/shell-tricks/';
const PDF = '/2015/07/30/python-generators/';
const HUGE = '/2015/12/24/escaping/';
const ENDLESS = '/2016/01/03/configs/';
const SILENT = '/2015/11/05/notes/';
const DRIBBLE = '/2015/10/01/notes/';
const THROTTLED = '/2015/09/10/coast-photos/';
const TIMEOUT_S = 2;

const EXPECTED_REASONS: [string, RegExp][] = [
  [LOOP, /redirect loop/i],
  [CHAIN, /too many redirects/i],
  [OFF_SITE, /redirected off the site to http:\/\/localhost:/i],
  [PDF, /not HTML \(content-type application\/pdf\)/i],
  [HUGE, new RegExp(`larger than maxBytes \\(${MAX_BYTES}`)],
  [ENDLESS, new RegExp(`larger than maxBytes \\(${MAX_BYTES}`)],
  [SILENT, /timed out after 2000 ms|stalled/],
  [DRIBBLE, /timed out after 2000 ms/],
  [THROTTLED, /HTTP 429 \(Retry-After 3600 s\)/],
];

let served: ServedFaulty;
let out: string;
let expected: ExpectedSite;
let result: CliResult;
let report: JsonReport;
let endlessBytesSent = 0;
let elapsedMs = 0;

const paragraph = '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>\n';

before(async () => {
  requireBuild();
  expected = await loadExpected(FIXTURE);
  let port = 0;
  const routes: Record<string, Handler> = {
    [OFF_SITE]: (req, res) => {
      // The same server under another name is another origin: following it would leave the blog.
      res.writeHead(302, { location: `http://localhost:${port}${req.url}`, 'content-length': 0 }).end();
      return true;
    },
    [CHAIN]: (_req, res) => {
      res.writeHead(301, { location: '/chain/1', 'content-length': 0 }).end();
      return true;
    },
    [PDF]: (_req, res) => {
      const body = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length }).end(body);
      return true;
    },
    [HUGE]: (_req, res) => {
      const body = Buffer.from(`<!doctype html><title>Huge</title><article><h1>Huge</h1>${paragraph.repeat(4000)}</article>`);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }).end(body);
      return true;
    },
    [ENDLESS]: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!doctype html><title>Endless</title><article><h1>Endless</h1>');
      const chunk = paragraph.repeat(100);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) endlessBytesSent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('error', () => undefined);
      pump();
      return true;
    },
    [SILENT]: () => true,
    [DRIBBLE]: (_req, res) => {
      // Never silent long enough to trip a stall timer: only the overall deadline ends it.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('<')), 200);
      res.on('close', () => clearInterval(timer));
      return true;
    },
    [THROTTLED]: (_req, res) => {
      res.writeHead(429, { 'retry-after': '3600', 'content-type': 'text/html', 'content-length': 0 }).end();
      return true;
    },
  };
  served = await serveFaulty(join(FIXTURE, 'site'), {
    redirects: { [LOOP]: '/loop-b/', '/loop-b/': LOOP },
    routes: {
      ...routes,
      // Every step of the chain is a new URL, so only the hop limit can end it.
      ...Object.fromEntries(
        Array.from({ length: 40 }, (_, i): [string, Handler] => [
          `/chain/${i + 1}`,
          (_req, res) => {
            res.writeHead(302, { location: `/chain/${i + 2}`, 'content-length': 0 }).end();
            return true;
          },
        ]),
      ),
    },
  });
  port = served.server.port;
  out = await tempOut();
  const started = Date.now();
  // --render never: with auto, the first run also downloads the first listed post once to probe for
  // client-side rendering, which would blur the request counts below.
  result = await runCli(['archive', `${served.url}/`, '--out', out, '--max-bytes', String(MAX_BYTES), '--timeout', String(TIMEOUT_S), '--retries', '1', '--render', 'never', '--json'], 60_000);
  elapsedMs = Date.now() - started;
  report = parseReport(result.stdout);
});

after(async () => {
  await served?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

const shown = () => `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
const pathOf = (url: string) => decodeURI(new URL(url).pathname);

test('unusable answers: exit 1, every other post archived', async () => {
  assert.equal(result.code, 1, shown());
  const bad = EXPECTED_REASONS.map(([p]) => p);
  const archived = (await readArchive(out)).map((p) => pathOf(p.fm.url as string)).sort();
  const want = expected.posts.map((p) => decodeURI(p.path)).filter((p) => !bad.includes(p)).sort();
  assert.deepEqual(archived, want, shown());
  assert.equal(report.new.length + report.failed.length, report.postsFound, 'a discovered post is neither archived nor failed');
});

for (const [path, reason] of EXPECTED_REASONS) {
  test(`unusable answers: ${path} fails with ${reason}`, async () => {
    const failure = report.failed.find((f) => pathOf(f.url) === path);
    assert.ok(failure, `${path} is not reported as failed\n${shown()}`);
    assert.match(failure.reason, reason);
    const entry = (await readManifest(out)).find((e) => pathOf(e.url) === path);
    assert.equal(entry?.status, 'failed', JSON.stringify(entry));
    assert.match(entry.error ?? '', reason);
  });
}

test('unusable answers: the off-site redirect is not followed', () => {
  const offSite = served.server.log.filter((e) => !String(e.headers.host).startsWith('127.0.0.1'));
  assert.deepEqual(offSite.map((e) => `${e.headers.host}${e.path}`), []);
});

test('unusable answers: permanent failures are not retried, and the redirect chain stops at the hop limit', () => {
  const hits = (path: string) => served.server.log.filter((e) => e.path === path).length;
  for (const path of [LOOP, OFF_SITE, PDF, HUGE, ENDLESS, THROTTLED]) assert.equal(hits(path), 1, `${path} asked ${hits(path)} times`);
  const chainHops = served.server.log.filter((e) => e.path.startsWith('/chain/')).length;
  assert.ok(chainHops >= 5 && chainHops <= 11, `${chainHops} chain hops requested`);
});

test('unusable answers: a silent or dribbling server is abandoned after --timeout and retried, a Retry-After of an hour is not waited for', () => {
  const hits = (path: string) => served.server.log.filter((e) => e.path === path).length;
  assert.equal(hits(SILENT), 2, 'the silent post was not tried twice (--retries 1)');
  assert.equal(hits(DRIBBLE), 2, 'the dribbling post was not tried twice (--retries 1)');
  assert.ok(elapsedMs < 30_000, `the run took ${elapsedMs} ms`);
});

/**
 * What loopback TCP may hold between the server's writes and the client's reads without anyone reading:
 * the sender's buffer (tcp_wmem max, 4 MiB on Debian) plus the receiver's (tcp_rmem max, up to 32 MiB
 * with autotuning). A client that kept reading would have been sent gigabytes in the same time.
 */
const SOCKET_BUFFERS = 40 * 1024 * 1024;

test('unusable answers: the endless body is cut off near --max-bytes', () => {
  // The server may have buffered more than the client read (how much depends on when the client's
  // event loop got to the socket), but not endlessly more.
  assert.ok(endlessBytesSent < MAX_BYTES + SOCKET_BUFFERS, `${endlessBytesSent} bytes were pushed before the client gave up`);
});
