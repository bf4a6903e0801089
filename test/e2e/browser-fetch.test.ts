// The browser fetcher against the client-rendered fixtures, in a real headless Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { createBrowserFetcher, type BrowserEvent } from '../../src/fetch/browser-fetcher.js';
import { FetchError, type Fetcher } from '../../src/fetch/fetcher.js';
import { createFetchLayer, type FetchLayerOptions } from '../../src/fetch/layer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SPA = join(ROOT, 'fixtures', 'spa-blog');
const SCROLL = join(ROOT, 'fixtures', 'infinite-scroll');
/** The API answers slower than the fetcher's quiet window, so only waiting for the network finds the content. */
const API_DELAY_MS = 700;

const spaSlugs = readdirSync(join(SPA, 'api', 'post')).map((f) => f.replace(/\.json$/, ''));
const scrollPaths = (JSON.parse(readFileSync(join(SCROLL, 'expected.json'), 'utf8')) as { posts: { path: string }[] }).posts.map((p) => p.path);

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Distinct same-site link targets under `prefix` in an HTML snapshot. */
function linksUnder(html: string, prefix: string): string[] {
  return [...new Set([...html.matchAll(/href="([^"#]+)"/g)].map((m) => m[1]).filter((href) => href.startsWith(prefix)))].sort();
}

/**
 * An index whose "加载更多" button appends posts after a delay (and pushes ?page=N into the address bar), next to a "Load more" link that is a real
 * link to another page (the index walker's business: clicking it would navigate away).
 */
const CHINESE_INDEX = `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>文章</title></head><body>
<ul id="list"></ul>
<button id="more">加载更多…</button>
<nav><a class="older" href="/older/">Load more</a></nav>
<script>
  var next = 0;
  function add() {
    for (var i = 0; i < 3 && next < 9; i++, next++) {
      var li = document.createElement('li');
      li.innerHTML = '<a href="/zh/post-' + next + '/">第 ' + next + ' 篇</a>';
      document.getElementById('list').appendChild(li);
    }
    if (next >= 9) document.getElementById('more').remove();
  }
  add();
  document.getElementById('more').addEventListener('click', function () {
    history.pushState(null, '', '/zh/?page=' + (next / 3 + 1));
    setTimeout(add, 150);
  });
</script></body></html>`;

/** A post drawn at once that then asks for another image every 50 ms (a slideshow): the blocklist aborts each one. */
const SLIDESHOW_POST = `<!doctype html><html><head><meta charset="utf-8"><title>Slides</title></head><body><div id="app"></div>
<script>
  document.getElementById('app').innerHTML = '<article><h1>Slides</h1><p>' + 'A post whose pictures keep changing. '.repeat(8) + '</p></article>';
  var n = 0;
  setInterval(function () { new Image().src = '/slides/' + n++ + '.png'; }, 50);
</script></body></html>`;

let spa: TestServer;
let scroll: TestServer;
let apiInFlight = 0;
let apiMaxInFlight = 0;
/** The politeness layer every request of the browser goes through; the servers are on this machine. */
const LAYER: FetchLayerOptions = { allowPrivateAddresses: true, retries: 1, backoffMs: 50 };
const layer = createFetchLayer(LAYER);
const events: BrowserEvent[] = [];
let fetcher: Fetcher;

before(async () => {
  spa = await startStaticServer(SPA, async (req, res) => {
    const path = req.url ?? '';
    if (path.startsWith('/api/')) {
      apiInFlight++;
      apiMaxInFlight = Math.max(apiMaxInFlight, apiInFlight);
      await delay(API_DELAY_MS);
      apiInFlight--;
    }
    if (path === '/moved/') {
      res.writeHead(302, { location: `${scroll.url}/` });
      res.end();
      return true;
    }
    if (path === '/js-moved/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>Moved</title><p>Moved.</p><script>setTimeout(() => location.replace(${JSON.stringify(`${scroll.url}/`)}), 50)</script>`);
      return true;
    }
    if (path === '/slideshow/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(SLIDESHOW_POST);
      return true;
    }
    if (path === '/zh/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(CHINESE_INDEX);
      return true;
    }
    return false;
  });
  scroll = await startStaticServer(SCROLL);
  fetcher = await createBrowserFetcher({ layer, concurrency: 3, retries: 1, backoffMs: 50, onEvent: (e) => events.push(e) });
});

after(async () => {
  await fetcher?.close();
  await layer.close();
  await spa?.close();
  await scroll?.close();
});

test('a client-rendered post comes back as the rendered DOM', async () => {
  const res = await fetcher.fetch(`${spa.url}/posts/rust-static-site/`, { kind: 'page' });
  assert.equal(res.status, 200);
  assert.equal(res.finalUrl, `${spa.url}/posts/rust-static-site/`);
  assert.equal(res.contentType, 'text/html');
  const html = res.text ?? '';
  assert.equal(res.body.toString('utf8'), html);
  assert.match(html, /<h1 class="post-title p-name">用 Rust 写一个静态博客生成器<\/h1>/);
  assert.match(html, /<time class="dt-published" datetime="2024-05-30T14:00:00\+08:00">/);
  assert.match(html, /<code class="language-rust">fn main\(\)/);
  assert.match(html, /<th>目录<\/th><th>用途<\/th>/);
  assert.match(html, /<img src="\/images\/rust-static-site-1.png" alt="生成流程示意图"/);
  assert.match(html, /<a rel="tag" href="\/tags\/rust\/">rust<\/a>/);
  assert.match(html, /静态博客生成器的核心很简单/);
  assert.match(html, /<meta property="article:published_time" content="2024-05-30T14:00:00\+08:00">/);
  assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
  assert.equal(res.headers['etag'], undefined, 'the shell\'s validators must not be stored for a rendered page');
});

test('an index fetched without expand lists only what the first render shows', async () => {
  const res = await fetcher.fetch(`${spa.url}/`);
  assert.deepEqual(linksUnder(res.text ?? '', '/posts/').length, 5);
  assert.match(res.text ?? '', /<button type="button" class="load-more">Load more<\/button>/);
});

test('expand clicks "Load more" until every post of the client-rendered index is listed', async () => {
  const res = await fetcher.fetch(`${spa.url}/`, { kind: 'page', expand: true });
  assert.deepEqual(linksUnder(res.text ?? '', '/posts/'), spaSlugs.map((s) => `/posts/${s}/`).sort());
  const expanded = events.find((e): e is Extract<BrowserEvent, { type: 'expanded' }> => e.type === 'expanded' && e.url === `${spa.url}/`);
  assert.ok(expanded, 'no expanded event');
  assert.ok(expanded.clicks >= 2, `clicked ${expanded.clicks} times`);
  assert.equal(expanded.stop, 'no-new-links');
  for (const page of ['/api/posts-1.json', '/api/posts-2.json', '/api/posts-3.json']) {
    assert.ok(spa.log.some((e) => e.path === page), `${page} was never requested`);
  }
});

test('onRender is handed the index as first rendered, then as each "Load more" grows it; the result is the page fully expanded', async () => {
  const shown: string[][] = [];
  const res = await fetcher.fetch(`${spa.url}/`, { kind: 'page', expand: true, onRender: (page) => shown.push(linksUnder(page.text ?? '', '/posts/')) });
  const all = spaSlugs.map((s) => `/posts/${s}/`).sort();
  assert.deepEqual(linksUnder(res.text ?? '', '/posts/'), all);
  assert.equal(shown[0]?.length, 5, 'the first render shows the first page of the API');
  assert.deepEqual(shown.at(-1), all, 'the last snapshot handed over lists every post');
  for (let i = 1; i < shown.length; i++) assert.ok(shown[i]!.length > shown[i - 1]!.length, `snapshot ${i} added no link`);
});

test('expand scrolls an infinite-scroll index until every post is listed', async () => {
  const first = await fetcher.fetch(`${scroll.url}/`);
  assert.equal(linksUnder(first.text ?? '', '/20').length, 4, 'without scrolling only the first batch is there');
  const res = await fetcher.fetch(`${scroll.url}/`, { expand: true });
  assert.deepEqual(linksUnder(res.text ?? '', '/20'), [...scrollPaths].sort());
  assert.match(res.text ?? '', /You reached the first post/);
  assert.ok(scroll.log.some((e) => e.path === '/feed/page-3.json'));
});

test('fonts, media, images and trackers never reach a server; scripts and styles do', async () => {
  await fetcher.fetch(`${spa.url}/posts/hydration-without-tears/`);
  const paths = spa.log.map((e) => e.path);
  for (const prefix of ['/fonts/', '/media/', '/images/']) {
    assert.deepEqual(paths.filter((p) => p.startsWith(prefix)), [], `${prefix} requested`);
  }
  assert.ok(paths.includes('/app.js') && paths.includes('/app.css'));
  const blocked = events.filter((e): e is Extract<BrowserEvent, { type: 'blocked' }> => e.type === 'blocked');
  const reasons = new Map(blocked.map((e) => [new URL(e.url).pathname, e.reason]));
  assert.equal(reasons.get('/fonts/render-sans.woff2'), 'font');
  assert.equal(reasons.get('/media/intro.mp4'), 'media');
  assert.equal(reasons.get('/images/hydration-without-tears-1.png'), 'image');
  assert.ok(blocked.some((e) => e.url.startsWith('https://www.googletagmanager.com/gtag/js') && e.reason === 'tracker'), 'the analytics tag was not blocked');
});

test('requests the blocklist aborts do not keep a page from settling', async () => {
  const started = Date.now();
  const res = await fetcher.fetch(`${spa.url}/slideshow/`);
  assert.match(res.text ?? '', /A post whose pictures keep changing/);
  assert.ok(!events.some((e) => e.type === 'settle-timeout' && e.url === `${spa.url}/slideshow/`), 'the render waited for the settle cap');
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
});

test('documents, assets and data are fetched by the layer over plain HTTP; the browser only renders', async () => {
  const before = spa.log.length;
  const image = await fetcher.fetch(`${spa.url}/images/zh-typography-1.png`, { kind: 'asset' });
  const feed = await fetcher.fetch(`${spa.url}/api/posts-1.json`, { kind: 'data' });
  const page = await fetcher.fetch(`${spa.url}/posts/zh-typography/`);
  assert.equal(image.contentType, 'image/png');
  assert.match(feed.text ?? '', /"posts"/);
  assert.match(page.text ?? '', /中文网页排版笔记/);
  const requests = spa.log.slice(before);
  const asked = (path: string) => requests.filter((e) => e.path === path).map((e) => String(e.headers['user-agent']));
  assert.deepEqual(asked('/images/zh-typography-1.png').map((ua) => ua.startsWith('blogvault/')), [true]);
  assert.deepEqual(asked('/api/posts-1.json').map((ua) => ua.startsWith('blogvault/')), [true]);
  // The document is asked for once, by the layer, in the browser's name; the browser never asks again.
  assert.deepEqual(asked('/posts/zh-typography/').map((ua) => /Chrome\/.* blogvault\//.test(ua)), [true]);
});

test('tabs are bounded by concurrency and used in parallel', async () => {
  apiMaxInFlight = 0;
  await Promise.all(spaSlugs.slice(0, 6).map((slug) => fetcher.fetch(`${spa.url}/posts/${slug}/`)));
  // Exactly 3 on an idle machine; a loaded one may start the third tab after the first two finished.
  assert.ok(apiMaxInFlight >= 2 && apiMaxInFlight <= 3, `${apiMaxInFlight} posts were loading at once, expected 2 or 3 (concurrency 3)`);
});

test('an error status becomes a FetchError carrying the status', async () => {
  await assert.rejects(fetcher.fetch(`${spa.url}/posts/missing/`), (err: unknown) => {
    assert.ok(err instanceof FetchError);
    assert.equal(err.status, 404);
    assert.equal(err.transient, false);
    assert.match(err.message, /\/posts\/missing\/: HTTP 404/);
    return true;
  });
  await assert.rejects(fetcher.fetch(`${spa.url}/api/posts-1.json`), /not HTML \(content-type application\/json\)/);
});

test('a page that leaves the site, by HTTP redirect or by script, is refused', async () => {
  await assert.rejects(fetcher.fetch(`${spa.url}/moved/`), new RegExp(`/moved/: redirected off the site to ${scroll.url}/`));
  await assert.rejects(fetcher.fetch(`${spa.url}/js-moved/`), new RegExp(`/js-moved/: redirected off the site to ${scroll.url}/`));
});

test('a server that cannot be reached is a transient FetchError', async () => {
  const gone = await startStaticServer(SPA);
  const url = `${gone.url}/`;
  await gone.close();
  await assert.rejects(fetcher.fetch(url), (err: unknown) => {
    assert.ok(err instanceof FetchError);
    assert.equal(err.transient, true);
    assert.match(err.reason, /connection refused \(ECONNREFUSED\)/);
    return true;
  });
});

test('a Chinese "加载更多" button is clicked, through pushState; a "Load more" link to another page is not', async () => {
  const res = await fetcher.fetch(`${spa.url}/zh/`, { expand: true });
  assert.equal(res.finalUrl, `${spa.url}/zh/`);
  assert.equal(linksUnder(res.text ?? '', '/zh/post-').filter((href) => /^\/zh\/post-\d\/$/.test(href)).length, 9);
  assert.ok(!spa.log.some((e) => e.path === '/older/'), 'the link was followed');
});

test('a fetch after close fails with a FetchError', async () => {
  const own = await createBrowserFetcher({ layer, concurrency: 1 });
  await own.close();
  await assert.rejects(own.fetch(`${spa.url}/`), (err: unknown) => err instanceof FetchError && /browser closed/.test(err.message));
});

test('robots.txt (read by the layer) keeps the browser off disallowed pages unless told to ignore it', async () => {
  const guarded = await startStaticServer(SPA, (req, res) => {
    if (req.url !== '/robots.txt') return false;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /posts/zh-typography/\n');
    return true;
  });
  const politeLayer = createFetchLayer({ ...LAYER, site: `${guarded.url}/` });
  const rudeLayer = createFetchLayer({ ...LAYER, site: `${guarded.url}/`, ignoreRobots: true });
  const polite = await createBrowserFetcher({ layer: politeLayer, concurrency: 1 });
  const rude = await createBrowserFetcher({ layer: rudeLayer, concurrency: 1 });
  try {
    const requests = () => guarded.log.filter((e) => e.path === '/posts/zh-typography/').length;
    await assert.rejects(polite.fetch(`${guarded.url}/posts/zh-typography/`), /zh-typography\/: disallowed by robots\.txt/);
    assert.equal(requests(), 0, 'the disallowed page was requested');
    const allowed = await polite.fetch(`${guarded.url}/posts/json-api-pagination/`);
    assert.match(allowed.text ?? '', /Designing JSON API Pagination/);
    const ignored = await rude.fetch(`${guarded.url}/posts/zh-typography/`);
    assert.match(ignored.text ?? '', /中文网页排版笔记/);
  } finally {
    await polite.close();
    await rude.close();
    await politeLayer.close();
    await rudeLayer.close();
    await guarded.close();
  }
});
