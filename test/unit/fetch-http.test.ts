import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ServerResponse } from 'node:http';
import { createFetchLayer, formatFetchEvent, FETCH_LAYER_DEFAULTS, staysOnSite, type FetchEvent, type FetchLayerOptions } from '../../src/fetch/layer.js';
import { FetchError } from '../../src/fetch/fetcher.js';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import type { Handler } from '../helpers/static-server.js';

const FAST: FetchLayerOptions = { allowPrivateAddresses: true, retries: 2, backoffMs: 5, maxBackoffMs: 20, stallMs: 300, timeoutMs: 3000, connectTimeoutMs: 1000 };
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const PAGE = (title: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><p>${title}</p></body></html>`;

let root: string;
let server: FaultServer;
let other: FaultServer;
/** Counts per path, for handlers that fail the first n times. */
const hits = new Map<string, number>();
const hit = (path: string) => {
  const n = (hits.get(path) ?? 0) + 1;
  hits.set(path, n);
  return n;
};
const html = (res: ServerResponse, body: string, status = 200) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
  return true;
};

const routes: Record<string, Handler> = {
  '/flaky-500': (_req, res) => (hit('/flaky-500') <= 2 ? html(res, 'oops', 500) : html(res, PAGE('Recovered'))),
  '/always-500': (_req, res) => html(res, 'down', 503),
  '/reset-once': (req, res) => {
    if (hit('/reset-once') === 1) {
      req.socket.destroy();
      return true;
    }
    return html(res, PAGE('After reset'));
  },
  '/stall': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': 1000 });
    res.write('<!doctype html><title>Stalling');
    return true;
  },
  '/stall-headers': () => true,
  '/truncated': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': 100 });
    res.write('x'.repeat(50));
    res.socket?.end();
    return true;
  },
  '/big-declared': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': 5000 }).end('y'.repeat(5000));
    return true;
  },
  '/big-streamed': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => res.write('z'.repeat(400)), 5);
    res.on('close', () => clearInterval(timer));
    return true;
  },
  '/throttled': (_req, res) => {
    if (hit('/throttled') === 1) {
      res.writeHead(429, { 'retry-after': '1', 'content-length': 0 }).end();
      return true;
    }
    return html(res, PAGE('Throttled then served'));
  },
  '/throttled-long': (_req, res) => {
    res.writeHead(503, { 'retry-after': '3600', 'content-length': 0 }).end();
    return true;
  },
  '/gzip': (_req, res) => {
    const body = gzipSync(Buffer.from(PAGE('Compressed Ünïcode')));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
    return true;
  },
  '/sitemap.xml.gz': (_req, res) => {
    const body = gzipSync(Buffer.from('<?xml version="1.0"?><urlset><url><loc>http://x/ü</loc></url></urlset>'));
    res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': body.length }).end(body);
    return true;
  },
  '/bomb.xml.gz': (_req, res) => {
    const body = gzipSync(Buffer.alloc(200_000, 0x20));
    res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': body.length }).end(body);
    return true;
  },
  '/untyped': (_req, res) => {
    res.writeHead(200, { 'content-length': 36 }).end('<!DOCTYPE html><title>Bare</title>\n\n');
    return true;
  },
  '/slow': (_req, res) => {
    setTimeout(() => html(res, PAGE('slow')), 80);
    return true;
  },
};

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'bv-fetch-http-'));
  writeFileSync(join(root, 'robots.txt'), 'User-agent: *\nDisallow: /secret/\n');
  writeFileSync(join(root, 'index.html'), PAGE('Home'));
  writeFileSync(join(root, 'post.html'), PAGE('A post'));
  writeFileSync(join(root, 'image.png'), PNG_1X1);
  writeFileSync(join(root, 'feed.xml'), '<?xml version="1.0" encoding="utf-8"?><rss><channel><title>Feed</title></channel></rss>');
  mkdirSync(join(root, 'secret'));
  writeFileSync(join(root, 'secret', 'index.html'), PAGE('Secret'));
  other = await startFaultServer(root);
  const chain = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`/chain/${i}`, `/chain/${i + 1}`]));
  server = await startFaultServer(root, {
    routes,
    redirects: {
      ...chain,
      '/loop-a': '/loop-b',
      '/loop-b': '/loop-a',
      '/moved': '/post.html',
      '/away': `${other.url}/post.html`,
      '/away-image': `${other.url}/image.png`,
    },
  });
});

after(async () => {
  await server.close();
  await other.close();
  rmSync(root, { recursive: true, force: true });
});

const requestsTo = (s: FaultServer, path: string) => s.log.filter((e) => e.path === path);

async function rejection(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof FetchError, `expected a FetchError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the fetch to fail');
}

test('defaults are exported', () => {
  assert.equal(FETCH_LAYER_DEFAULTS.concurrency, 4);
  assert.equal(FETCH_LAYER_DEFAULTS.timeoutMs, 30_000);
  assert.equal(FETCH_LAYER_DEFAULTS.stallMs, 15_000);
  assert.equal(FETCH_LAYER_DEFAULTS.retries, 3);
  assert.equal(FETCH_LAYER_DEFAULTS.maxBytes, 20 * 1024 * 1024);
  assert.equal(FETCH_LAYER_DEFAULTS.maxRedirects, 10);
  assert.equal(FETCH_LAYER_DEFAULTS.rate, undefined);
});

test('a page: decoded text, MIME type, versioned User-Agent, robots.txt asked once', async () => {
  const fetcher = createFetchLayer(FAST);
  const before = server.log.length;
  const [home, post, feed] = await Promise.all([
    fetcher.fetch(`${server.url}/`),
    fetcher.fetch(`${server.url}/post.html`, { kind: 'page' }),
    fetcher.fetch(`${server.url}/feed.xml`, { kind: 'data' }),
  ]);
  await fetcher.close();
  assert.equal(home.status, 200);
  assert.equal(home.contentType, 'text/html');
  assert.equal(home.text, PAGE('Home'));
  assert.equal(post.finalUrl, `${server.url}/post.html`);
  assert.match(feed.text ?? '', /<title>Feed<\/title>/);
  const log = server.log.slice(before);
  assert.equal(log.filter((e) => e.path === '/robots.txt').length, 1);
  const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  for (const entry of log) assert.equal(entry.headers['user-agent'], `blogvault/${version} (+https://github.com/blogvault/blogvault)`);
});

test('conditional request: validators sent, 304 answered as notModified with an empty body', async () => {
  const fetcher = createFetchLayer(FAST);
  const first = await fetcher.fetch(`${server.url}/post.html`);
  const second = await fetcher.fetch(`${server.url}/post.html`, { etag: first.headers.etag, lastModified: first.headers['last-modified'] });
  await fetcher.close();
  assert.equal(second.notModified, true);
  assert.equal(second.status, 304);
  assert.equal(second.body.length, 0);
  assert.equal(requestsTo(server, '/post.html').at(-1)?.headers['if-none-match'], first.headers.etag);
});

test('404 is permanent: one request, no retry', async () => {
  const fetcher = createFetchLayer(FAST);
  const err = await rejection(fetcher.fetch(`${server.url}/missing-page`));
  await fetcher.close();
  assert.equal(err.status, 404);
  assert.equal(err.transient, false);
  assert.equal(err.url, `${server.url}/missing-page`);
  assert.equal(requestsTo(server, '/missing-page').length, 1);
});

test('a non-HTML page is a permanent error; the same URL as an asset is fine', async () => {
  const fetcher = createFetchLayer(FAST);
  const err = await rejection(fetcher.fetch(`${server.url}/image.png`));
  const asset = await fetcher.fetch(`${server.url}/image.png`, { kind: 'asset' });
  await fetcher.close();
  assert.equal(err.reason, 'not HTML (content-type image/png)');
  assert.equal(err.transient, false);
  assert.equal(asset.contentType, 'image/png');
  assert.equal(asset.body.length, PNG_1X1.length);
  assert.equal(asset.text, undefined);
});

test('a page without Content-Type is accepted when it looks like HTML; gzip bodies are decompressed', async () => {
  const fetcher = createFetchLayer(FAST);
  const untyped = await fetcher.fetch(`${server.url}/untyped`);
  const gz = await fetcher.fetch(`${server.url}/gzip`);
  await fetcher.close();
  assert.equal(untyped.contentType, 'text/html');
  assert.equal(gz.text, PAGE('Compressed Ünïcode'));
  assert.equal(requestsTo(server, '/gzip')[0].headers['accept-encoding'], 'gzip, deflate, br');
});

test('gzipped data files (sitemap.xml.gz) are unpacked, within maxBytes', async () => {
  const fetcher = createFetchLayer({ ...FAST, maxBytes: 100_000 });
  const sitemap = await fetcher.fetch(`${server.url}/sitemap.xml.gz`, { kind: 'data' });
  const bomb = await rejection(fetcher.fetch(`${server.url}/bomb.xml.gz`, { kind: 'data' }));
  await fetcher.close();
  assert.equal(sitemap.text, '<?xml version="1.0"?><urlset><url><loc>http://x/ü</loc></url></urlset>');
  assert.equal(bomb.reason, 'response larger than maxBytes (100000 bytes) after gunzip');
  assert.equal(bomb.transient, false);
});

test('robots.txt: disallowed paths are never requested; ignoreRobots skips robots.txt entirely', async () => {
  const polite = createFetchLayer(FAST);
  const err = await rejection(polite.fetch(`${server.url}/secret/`));
  await polite.close();
  assert.equal(err.reason, 'disallowed by robots.txt');
  assert.equal(err.transient, false);
  assert.equal(requestsTo(server, '/secret/').length, 0);

  const robotsBefore = requestsTo(other, '/robots.txt').length;
  const rude = createFetchLayer({ ...FAST, ignoreRobots: true });
  const page = await rude.fetch(`${other.url}/secret/`);
  await rude.close();
  assert.match(page.text ?? '', /Secret/);
  assert.equal(requestsTo(other, '/robots.txt').length, robotsBefore);
});

test('5xx is retried with backoff until it succeeds; retries are reported', async () => {
  const events: FetchEvent[] = [];
  const fetcher = createFetchLayer({ ...FAST, onEvent: (e) => events.push(e) });
  const page = await fetcher.fetch(`${server.url}/flaky-500`);
  await fetcher.close();
  assert.match(page.text ?? '', /Recovered/);
  assert.equal(requestsTo(server, '/flaky-500').length, 3);
  assert.deepEqual(events.filter((e) => e.type === 'retry').map((e) => e.type === 'retry' && e.reason), ['HTTP 500', 'HTTP 500']);
  const lines = events.map(formatFetchEvent);
  assert.match(lines.find((l) => l.startsWith('retry 1 ')) ?? '', /^retry 1 of http:\/\/127\.0\.0\.1:\d+\/flaky-500 in 0\.0 s: HTTP 500$/);
  assert.ok(lines.includes(`${server.url}: robots.txt loaded`), lines.join('\n'));
});

test('a 5xx that persists ends in a transient FetchError after the bounded retries', async () => {
  const fetcher = createFetchLayer(FAST);
  const err = await rejection(fetcher.fetch(`${server.url}/always-500`));
  await fetcher.close();
  assert.equal(err.status, 503);
  assert.equal(err.transient, true);
  assert.equal(err.reason, 'HTTP 503 (after 3 attempts)');
  assert.equal(requestsTo(server, '/always-500').length, 3);
});

test('a connection reset is retried', async () => {
  const fetcher = createFetchLayer(FAST);
  const page = await fetcher.fetch(`${server.url}/reset-once`);
  await fetcher.close();
  assert.match(page.text ?? '', /After reset/);
  assert.equal(requestsTo(server, '/reset-once').length, 2);
});

test('stalled bodies and stalled headers time out quickly and transiently', async () => {
  const fetcher = createFetchLayer({ ...FAST, retries: 0, stallMs: 150 });
  const started = Date.now();
  const [body, headers] = await Promise.all([
    rejection(fetcher.fetch(`${server.url}/stall`)),
    rejection(fetcher.fetch(`${server.url}/stall-headers`)),
  ]);
  await fetcher.close();
  assert.equal(body.reason, 'stalled: no data for 150 ms');
  assert.equal(headers.reason, 'stalled: no data for 150 ms');
  assert.equal(body.transient, true);
  assert.ok(Date.now() - started < 1000);
});

test('the overall deadline holds even when bytes keep trickling in', async () => {
  const fetcher = createFetchLayer({ ...FAST, retries: 0, timeoutMs: 200, maxBytes: 1e9 });
  const err = await rejection(fetcher.fetch(`${server.url}/big-streamed`));
  await fetcher.close();
  assert.equal(err.reason, 'timed out after 200 ms');
  assert.equal(err.transient, true);
});

test('a truncated body (fewer bytes than Content-Length) is a transient error and retried', async () => {
  const fetcher = createFetchLayer(FAST);
  const err = await rejection(fetcher.fetch(`${server.url}/truncated`));
  await fetcher.close();
  assert.equal(err.reason, 'truncated body: 50 of 100 bytes (after 3 attempts)');
  assert.equal(err.transient, true);
  assert.equal(requestsTo(server, '/truncated').length, 3);
});

test('maxBytes: declared or streamed oversize bodies are cut off, permanently', async () => {
  const fetcher = createFetchLayer({ ...FAST, maxBytes: 1000 });
  const declared = await rejection(fetcher.fetch(`${server.url}/big-declared`));
  const streamed = await rejection(fetcher.fetch(`${server.url}/big-streamed`));
  await fetcher.close();
  assert.equal(declared.reason, 'response larger than maxBytes (1000 bytes; Content-Length 5000)');
  assert.equal(streamed.reason, 'response larger than maxBytes (1000 bytes)');
  assert.equal(declared.transient, false);
  assert.equal(requestsTo(server, '/big-declared').length, 1);
});

test('redirects: followed on the origin, loops detected, chains bounded', async () => {
  const events: FetchEvent[] = [];
  const fetcher = createFetchLayer({ ...FAST, maxRedirects: 3, onEvent: (e) => events.push(e) });
  const moved = await fetcher.fetch(`${server.url}/moved`);
  const loop = await rejection(fetcher.fetch(`${server.url}/loop-a`));
  const long = await rejection(fetcher.fetch(`${server.url}/chain/0`));
  await fetcher.close();
  assert.equal(moved.url, `${server.url}/moved`);
  assert.equal(moved.finalUrl, `${server.url}/post.html`);
  assert.ok(events.some((e) => e.type === 'redirect' && e.to === `${server.url}/post.html`));
  assert.equal(loop.reason, `redirect loop at ${server.url}/loop-a`);
  assert.equal(loop.transient, false);
  assert.equal(requestsTo(server, '/loop-a').length, 1);
  assert.equal(long.reason, 'too many redirects (more than 3)');
  assert.equal(requestsTo(server, '/chain/4').length, 0);
});

test('what counts as the same site for page redirects', () => {
  assert.equal(staysOnSite('http://blog.test/a', 'http://blog.test/b'), true);
  assert.equal(staysOnSite('http://blog.test/a', 'https://blog.test/a'), true, 'https upgrade');
  assert.equal(staysOnSite('https://blog.test/a', 'https://www.blog.test/a'), true, 'www variant');
  assert.equal(staysOnSite('https://www.blog.test/a', 'https://blog.test/a'), true);
  assert.equal(staysOnSite('https://blog.test/a', 'http://blog.test/a'), false, 'downgrade');
  assert.equal(staysOnSite('https://blog.test/a', 'https://other.test/a'), false);
  assert.equal(staysOnSite('https://blog.test/a', 'https://cdn.blog.test/a'), false);
  assert.equal(staysOnSite('http://blog.test:8080/a', 'http://blog.test:8081/a'), false);
});

test('a page redirected off its origin is not followed; an asset is', async () => {
  const fetcher = createFetchLayer(FAST);
  const page = await rejection(fetcher.fetch(`${server.url}/away`));
  const asset = await fetcher.fetch(`${server.url}/away-image`, { kind: 'asset' });
  await fetcher.close();
  assert.equal(page.reason, `redirected off the site to ${other.url}/post.html`);
  assert.equal(page.transient, false);
  assert.equal(requestsTo(other, '/post.html').length, 0);
  assert.equal(asset.finalUrl, `${other.url}/image.png`);
  assert.equal(asset.body.length, PNG_1X1.length);
});

test('429 with Retry-After: the host is left alone for that long, then the URL is retried', async () => {
  const events: FetchEvent[] = [];
  const fetcher = createFetchLayer({ ...FAST, onEvent: (e) => events.push(e) });
  await fetcher.fetch(`${server.url}/`);
  const throttled = fetcher.fetch(`${server.url}/throttled`);
  await new Promise((r) => setTimeout(r, 50));
  const bystander = fetcher.fetch(`${server.url}/post.html?bystander`);
  const page = await throttled;
  await bystander;
  await fetcher.close();
  assert.match(page.text ?? '', /Throttled then served/);
  const [refused, retried] = requestsTo(server, '/throttled');
  assert.equal(refused.status, 429);
  assert.ok(retried.time - refused.time >= 990, `retried after ${retried.time - refused.time} ms`);
  const bystanderRequest = requestsTo(server, '/post.html?bystander')[0];
  assert.ok(bystanderRequest.time - refused.time >= 990, `bystander waited ${bystanderRequest.time - refused.time} ms`);
  assert.ok(events.some((e) => e.type === 'retry' && e.retryAfter && e.delayMs === 1000));
});

test('a Retry-After beyond the cap fails at once, transiently, naming the wait', async () => {
  const fetcher = createFetchLayer({ ...FAST, maxRetryAfterMs: 10_000 });
  const err = await rejection(fetcher.fetch(`${server.url}/throttled-long`));
  await fetcher.close();
  assert.equal(err.reason, 'HTTP 503 (Retry-After 3600 s)');
  assert.equal(err.transient, true);
  assert.equal(requestsTo(server, '/throttled-long').length, 1);
});

test('rate: request starts to one host are spaced by 1/rate (server-side timestamps)', async () => {
  const fetcher = createFetchLayer({ ...FAST, rate: 10, concurrency: 4 });
  const before = other.log.length;
  await Promise.all(Array.from({ length: 6 }, (_, i) => fetcher.fetch(`${other.url}/post.html?rate=${i}`)));
  await fetcher.close();
  const times = other.log.slice(before).map((e) => e.time).sort((a, b) => a - b);
  assert.equal(times.length, 7, 'robots.txt and six pages, robots.txt counted against the rate too');
  // Starts are booked 100 ms apart on the client; arrival at the server varies by the connection setup
  // a new socket needs, hence a little slack per gap but none on the whole span.
  for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 75, `gap ${times[i] - times[i - 1]} ms`);
  assert.ok(times[6] - times[0] >= 590, `span ${times[6] - times[0]} ms`);
});

test('concurrency bounds the requests in flight', async () => {
  const fetcher = createFetchLayer({ ...FAST, concurrency: 2 });
  await fetcher.fetch(`${server.url}/`);
  const before = server.log.length;
  await Promise.all(Array.from({ length: 6 }, () => fetcher.fetch(`${server.url}/slow`)));
  await fetcher.close();
  const times = server.log.slice(before).map((e) => e.time).sort((a, b) => a - b);
  assert.equal(times.length, 6);
  // With two at a time and 80 ms per answer, the 3rd and 5th requests can only start after an answer.
  assert.ok(times[2] - times[0] >= 75, `3rd started ${times[2] - times[0]} ms after the 1st`);
  assert.ok(times[4] - times[0] >= 150);
});

test('an unreachable host is a clear transient error; a non-http URL a permanent one', async () => {
  const fetcher = createFetchLayer({ ...FAST, retries: 1, ignoreRobots: true });
  const closed = await startFaultServer(root);
  const url = closed.url;
  await closed.close();
  const refused = await rejection(fetcher.fetch(`${url}/`));
  const ftp = await rejection(fetcher.fetch('ftp://example.com/file'));
  await fetcher.close();
  assert.match(refused.reason, /^connection refused \(ECONNREFUSED\) \(after 2 attempts\)$/);
  assert.equal(refused.transient, true);
  assert.equal(ftp.reason, 'not an http(s) URL');
});

test('close() settles queued and in-flight fetches instead of leaving them pending', async () => {
  const fetcher = createFetchLayer({ ...FAST, concurrency: 1, ignoreRobots: true });
  const pending = Array.from({ length: 3 }, (_, i) => fetcher.fetch(`${server.url}/slow?close=${i}`));
  await new Promise((r) => setTimeout(r, 20));
  await fetcher.close();
  const settled = await Promise.allSettled(pending);
  const reasons = settled.map((r) => (r.status === 'rejected' ? (r.reason as FetchError).reason : 'ok'));
  assert.deepEqual(reasons.slice(1), ['fetcher closed', 'fetcher closed']);
});

test('connections: never more to a host than requests in flight, and a chunked 404 body is read so its connection is reused', async () => {
  const { createServer } = await import('node:http');
  let connections = 0;
  const plain = createServer((req, res) => {
    if (req.url?.startsWith('/missing')) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.write('<p>not ');
      setTimeout(() => res.end('here</p>'), 5);
      return;
    }
    const body = PAGE(req.url ?? '');
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body), 10);
  });
  plain.on('connection', () => connections++);
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(plain.address() as { port: number }).port}`;
  const layer = createFetchLayer({ ...FAST, ignoreRobots: true, concurrency: 2 });
  try {
    const urls = Array.from({ length: 24 }, (_, i) => `${base}/${i % 3 === 0 ? 'missing' : 'p'}/${i}`);
    await Promise.all(urls.map((url) => layer.fetch(url, { kind: 'page' }).catch(() => undefined)));
    assert.ok(connections <= 2, `${connections} connections for 2 requests in flight`);
  } finally {
    await layer.close();
    await new Promise((resolve) => plain.close(resolve));
  }
});
