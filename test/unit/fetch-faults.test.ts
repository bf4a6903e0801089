import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFetchLayer, type FetchEvent, type FetchLayerOptions } from '../../src/fetch/layer.js';
import { FetchError } from '../../src/fetch/fetcher.js';
import { hashUnit, startFaultServer, type CharsetRule } from '../helpers/fault-server.js';

const FAST: FetchLayerOptions = { allowPrivateAddresses: true, retries: 3, backoffMs: 5, maxBackoffMs: 40, stallMs: 250, timeoutMs: 3000, connectTimeoutMs: 1000 };
const POSTS = 40;
const page = (title: string, body = '') => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>\n`;

let root: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'bv-fetch-faults-'));
  mkdirSync(join(root, 'posts'));
  mkdirSync(join(root, 'private'));
  writeFileSync(join(root, 'robots.txt'), 'User-agent: *\nDisallow: /private/\n');
  for (let i = 0; i < POSTS; i++) writeFileSync(join(root, 'posts', `p${i}.html`), page(`Post ${i} — 第${i}篇`, `<p>${'lorem ipsum '.repeat(40 + i)}</p>`));
  writeFileSync(join(root, 'private', 'index.html'), page('Private'));
});

after(() => rmSync(root, { recursive: true, force: true }));

const postUrls = (base: string) => Array.from({ length: POSTS }, (_, i) => `${base}/posts/p${i}.html`);
const fileFor = (url: string) => readFileSync(join(root, new URL(url).pathname));

test('fault decisions are deterministic per seed, path and request number', async () => {
  assert.equal(hashUnit('1\u0000/a\u00000'), hashUnit('1\u0000/a\u00000'));
  assert.notEqual(hashUnit('1\u0000/a\u00000'), hashUnit('2\u0000/a\u00000'));
  const run = async (seed: number) => {
    const server = await startFaultServer(root, { seed, rates: { error500: 0.3, reset: 0.2 }, maxFaultsPerPath: Infinity });
    for (const url of postUrls(server.url).slice(0, 15)) await fetch(url).then((r) => r.arrayBuffer()).catch(() => undefined);
    await server.close();
    return server.faults.map((f) => `${f.path} ${f.fault}`);
  };
  const a = await run(42);
  assert.ok(a.length > 3, `some faults injected (${a.length})`);
  assert.deepEqual(await run(42), a);
  assert.notDeepEqual(await run(43), a);
});

test('with retries, a flaky server yields every page byte-identical to a healthy one', async () => {
  const rates = { error500: 0.12, error429: 0.03, error503: 0.02, reset: 0.08, stall: 0.05, truncate: 0.08 };
  const server = await startFaultServer(root, { seed: 2026, rates, burst: 2, maxFaultsPerPath: 3, retryAfter: '1', exempt: (p) => p === '/robots.txt' });
  const events: FetchEvent[] = [];
  const fetcher = createFetchLayer({ ...FAST, concurrency: 4, onEvent: (e) => events.push(e) });
  const urls = [...postUrls(server.url), `${server.url}/private/`];
  const settled = await Promise.allSettled(urls.map((u) => fetcher.fetch(u)));
  await fetcher.close();
  await server.close();

  const kinds = new Set(server.faults.map((f) => f.fault));
  for (const kind of Object.keys(rates)) assert.ok(kinds.has(kind as never), `fault ${kind} was exercised (${[...kinds].join(', ')})`);
  assert.ok(server.faults.length >= 15, `${server.faults.length} faults over ${server.log.length} requests`);

  for (const [i, url] of postUrls(server.url).entries()) {
    const result = settled[i];
    assert.equal(result.status, 'fulfilled', `${url}: ${result.status === 'rejected' ? String(result.reason) : ''}`);
    assert.ok(result.value.body.equals(fileFor(url)), `${url} is complete`);
    assert.equal(result.value.text, fileFor(url).toString('utf8'));
  }
  const privateResult = settled[POSTS];
  assert.equal(privateResult.status, 'rejected');
  assert.equal((privateResult.reason as FetchError).reason, 'disallowed by robots.txt');
  assert.equal(server.log.filter((e) => e.path.startsWith('/private/')).length, 0, 'disallowed path never requested');

  // Retry-After obeyed: after each 429/503 the same path is not asked again within the second it named.
  const throttles = server.log.filter((e) => e.fault === 'error429' || e.fault === 'error503');
  assert.ok(throttles.length > 0);
  for (const t of throttles) {
    const next = server.log.find((e) => e.path === t.path && e.time >= t.time && e !== t);
    assert.ok(next, `${t.path} retried`);
    assert.ok(next.time - t.time >= 990, `${t.path} retried ${next.time - t.time} ms after Retry-After: 1`);
  }
  assert.ok(events.some((e) => e.type === 'retry'));
  assert.ok(events.some((e) => e.type === 'pause'));
});

test('a path that always fails is reported with its reason; every other page still arrives', async () => {
  const server = await startFaultServer(root, { seed: 5, failPaths: { '/posts/p3.html': 500, '/posts/p7.html': 'reset' }, rates: { error500: 0.1 } });
  const fetcher = createFetchLayer({ ...FAST, retries: 2 });
  const settled = await Promise.allSettled(postUrls(server.url).map((u) => fetcher.fetch(u)));
  await fetcher.close();
  await server.close();
  const failed = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason as FetchError] : []));
  assert.deepEqual(
    failed.map((e) => [new URL(e.url).pathname, e.reason, e.transient]),
    [
      ['/posts/p3.html', 'HTTP 500 (after 3 attempts)', true],
      ['/posts/p7.html', 'connection reset (ECONNRESET: socket hang up) (after 3 attempts)', true],
    ],
  );
  assert.equal(settled.filter((r) => r.status === 'fulfilled').length, POSTS - 2);
  assert.equal(server.log.filter((e) => e.path === '/posts/p3.html').length, 3);
});

test('Crawl-delay from robots.txt spaces the requests (server-side timestamps)', async () => {
  const slowRoot = mkdtempSync(join(tmpdir(), 'bv-fetch-crawl-delay-'));
  writeFileSync(join(slowRoot, 'robots.txt'), 'User-agent: blogvault\nCrawl-delay: 0.15\n');
  for (let i = 0; i < 4; i++) writeFileSync(join(slowRoot, `${i}.html`), page(`Page ${i}`));
  const server = await startFaultServer(slowRoot);
  const fetcher = createFetchLayer({ ...FAST, concurrency: 4 });
  await Promise.all([0, 1, 2, 3].map((i) => fetcher.fetch(`${server.url}/${i}.html`)));
  await fetcher.close();
  await server.close();
  rmSync(slowRoot, { recursive: true, force: true });
  const pages = server.log.filter((e) => e.path !== '/robots.txt').map((e) => e.time).sort((a, b) => a - b);
  assert.equal(pages.length, 4);
  for (let i = 1; i < pages.length; i++) assert.ok(pages[i] - pages[i - 1] >= 130, `gap ${pages[i] - pages[i - 1]} ms`);
  assert.ok(pages[3] - pages[0] >= 440, `span ${pages[3] - pages[0]} ms`);
});

interface EncodingCase {
  file: string;
  encoding: string;
  label: string;
  title: string;
}

test('mis-declared charsets served over HTTP decode to the right titles', async () => {
  const cases: EncodingCase[] = JSON.parse(readFileSync(new URL('../../fixtures/encodings/cases.json', import.meta.url), 'utf8'));
  const encRoot = mkdtempSync(join(tmpdir(), 'bv-fetch-charsets-'));
  const charsets: Record<string, CharsetRule> = {};
  const wrongHeaders = ['iso-8859-1', 'utf-8', undefined, 'windows-1252'];
  cases.forEach((c, i) => {
    writeFileSync(join(encRoot, c.file), page(c.title));
    charsets[`/${c.file}`] = { encoding: c.encoding, meta: c.label, header: wrongHeaders[i % wrongHeaders.length] };
  });
  writeFileSync(join(encRoot, 'utf8-said-gbk.html'), page('UTF-8 “declared” GBK — 中文'));
  charsets['/utf8-said-gbk.html'] = { encoding: 'utf-8', header: 'gbk', meta: 'gbk' };
  writeFileSync(join(encRoot, 'cp1252-undeclared.html'), page('Déjà “vu” €'));
  charsets['/cp1252-undeclared.html'] = { encoding: 'windows-1252', meta: null };

  const server = await startFaultServer(encRoot, { charsets });
  const fetcher = createFetchLayer(FAST);
  const titleOf = async (file: string) => (await fetcher.fetch(`${server.url}/${file}`)).text?.match(/<title>([^<]*)<\/title>/)?.[1];
  for (const c of cases) assert.equal(await titleOf(c.file), c.title, c.file);
  assert.equal(await titleOf('utf8-said-gbk.html'), 'UTF-8 “declared” GBK — 中文');
  assert.equal(await titleOf('cp1252-undeclared.html'), 'Déjà “vu” €');
  await fetcher.close();
  await server.close();
  rmSync(encRoot, { recursive: true, force: true });
  assert.equal(server.log.find((e) => e.path === '/gbk.html')?.status, 200);
});
