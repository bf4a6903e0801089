import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startStaticServer, type Handler } from '../helpers/static-server.js';
import { createFetchLayer } from '../../src/fetch/layer.js';
import { declaredFeeds, discoverFeedLinks, parseFeed } from '../../src/discover/feeds.js';
import { crossCheck } from '../../src/discover/cross-check.js';

const dir = (name: string) => fileURLToPath(new URL(`../../fixtures/discover/${name}/`, import.meta.url));
const read = (name: string) => readFileSync(join(dir('feeds'), name), 'utf8');

/** Serves a fixture folder with its made-up origin replaced by the server's own. */
function rewriting(root: string, origin: string, self: () => string, extra?: Handler): Handler {
  return async (req, res, log) => {
    if (extra && (await extra(req, res, log))) return true;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!(await stat(file).catch(() => undefined))?.isFile()) return false;
    const type = file.endsWith('.xml') ? 'application/xml' : file.endsWith('.txt') ? 'text/plain' : 'text/html';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8` });
    res.end((await readFile(file, 'utf8')).replaceAll(origin, self()));
    return true;
  };
}

async function serve(name: string, origin: string, extra?: Handler) {
  let url = '';
  const server = await startStaticServer(dir(name), rewriting(dir(name), origin, () => url, extra));
  url = server.url;
  const fetcher = createFetchLayer({ retries: 0, ignoreRobots: true, timeoutMs: 5000, allowPrivateAddresses: true });
  return {
    server,
    fetcher,
    strip: (u: string) => u.replace(server.url, ''),
    close: async () => {
      await fetcher.close();
      await server.close();
    },
  };
}

test('RSS 2.0: link or permalink guid, HTML in CDATA titles reduced to text, pubDate and dc:date as ISO, next page link', () => {
  const feed = parseFeed(read('rss.xml'), 'http://feeds.test/rss.xml')!;
  assert.deepEqual(feed.links, [
    { url: 'http://feeds.test/2015/07/26/first/', title: 'First & foremost', date: '2015-07-26T10:30:00Z' },
    { url: 'http://feeds.test/2015/07/20/second/', title: 'Second post', date: '2015-07-20T08:00:00+08:00' },
    { url: 'http://other.test/2015/07/19/not-ours/', title: 'Elsewhere' },
  ]);
  assert.equal(feed.next, 'http://feeds.test/rss-page2.xml');
});

test('Atom: the alternate link (not rel=replies), published before updated, type=html titles decoded', () => {
  const feed = parseFeed(read('atom.xml'), 'http://feeds.test/atom.xml')!;
  assert.deepEqual(feed.links, [
    { url: 'http://feeds.test/2015/07/26/first/', title: 'First & foremost', date: '2015-07-26T10:30:00Z' },
    { url: 'http://feeds.test/2015/05/05/atom-only/', title: 'Only in Atom', date: '2015-05-05T00:00:00Z' },
  ]);
  assert.equal(feed.next, undefined);
});

test('JSON Feed items; text that is no feed gives undefined', () => {
  const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: '1', url: 'https://j.test/a/', title: 'A', date_published: '2020-02-02T10:00:00Z' }] });
  assert.deepEqual(parseFeed(json, 'https://j.test/feed.json')?.links, [{ url: 'https://j.test/a/', title: 'A', date: '2020-02-02T10:00:00Z' }]);
  assert.equal(parseFeed('<!doctype html><html><body>hi</body></html>', 'https://j.test/feed/'), undefined);
  assert.equal(parseFeed('not xml at all', 'https://j.test/feed/'), undefined);
});

test('declared feeds: RSS and Atom kept, comment feeds left out', () => {
  assert.deepEqual(declaredFeeds(read('index.html'), 'http://feeds.test/'), ['http://feeds.test/rss.xml', 'http://feeds.test/atom.xml']);
});

test('discoverFeedLinks reads every declared feed and follows rel=next; out-of-scope items dropped', async () => {
  const s = await serve('feeds', 'http://feeds.test');
  try {
    const links = await discoverFeedLinks(`${s.server.url}/`, declaredFeeds(read('index.html'), `${s.server.url}/`), s.fetcher);
    assert.deepEqual(links.map((l) => s.strip(l.url)), ['/2015/07/26/first/', '/2015/07/20/second/', '/2015/06/01/third/', '/2015/05/05/atom-only/']);
    assert.ok(!s.server.log.some((e) => e.path.includes('comments')));
  } finally {
    await s.close();
  }
});

test('with no declared feed the common paths are tried, stopping at the first feed found', async () => {
  const s = await serve('sitemap-only', 'http://sitemap.test');
  try {
    const links = await discoverFeedLinks(`${s.server.url}/`, declaredFeeds('<html><head></head><body></body></html>', `${s.server.url}/`), s.fetcher);
    assert.deepEqual(links.map((l) => [s.strip(l.url), l.title]), [['/posts/alpha/', 'Alpha'], ['/posts/beta/', 'Beta']]);
    assert.deepEqual(s.server.log.map((e) => e.path), ['/feed.xml']);
  } finally {
    await s.close();
  }
});

test('WordPress feeds page with ?paged=N until a page adds nothing or is missing', async () => {
  const item = (n: number) => `<item><title>Post ${n}</title><link>/p/${n}/</link></item>`;
  const wp: Handler = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== '/feed/') return false;
    const page = Number(url.searchParams.get('paged') ?? '1');
    if (page > 3) {
      res.writeHead(404);
      res.end();
      return true;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
    res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>WP</title><generator>https://wordpress.org/?v=6.5</generator>${item(page * 2 - 1)}${item(page * 2)}</channel></rss>`);
    return true;
  };
  const s = await serve('sitemap-only', 'http://sitemap.test', wp);
  try {
    const html = `<html><head><link rel="alternate" type="application/rss+xml" href="/feed/"></head></html>`;
    const links = await discoverFeedLinks(`${s.server.url}/`, declaredFeeds(html, `${s.server.url}/`), s.fetcher);
    assert.deepEqual(links.map((l) => s.strip(l.url)), ['/p/1/', '/p/2/', '/p/3/', '/p/4/', '/p/5/', '/p/6/']);
    assert.deepEqual(s.server.log.map((e) => e.path), ['/feed/', '/feed/?paged=2', '/feed/?paged=3', '/feed/?paged=4']);
  } finally {
    await s.close();
  }
});

test('a declared feed that is missing gives no posts and a warning, not an exception', async () => {
  const s = await serve('sitemap-only', 'http://sitemap.test');
  try {
    const warnings: string[] = [];
    const html = `<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head></html>`;
    assert.deepEqual(await discoverFeedLinks(`${s.server.url}/`, declaredFeeds(html, `${s.server.url}/`), s.fetcher, { onWarning: (w) => warnings.push(w) }), []);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /atom\.xml/);
  } finally {
    await s.close();
  }
});

test('crossCheck: posts the other source lists that the index walk missed, by normalised URL, once each', () => {
  const index = [{ url: 'http://b.test/a/' }, { url: 'http://b.test/b/index.html' }];
  const other = [{ url: 'http://b.test/a' }, { url: 'http://b.test/b/#x' }, { url: 'http://b.test/c/', title: 'C' }, { url: 'http://b.test/c' }];
  assert.deepEqual(crossCheck(index, other), [{ url: 'http://b.test/c/', title: 'C' }]);
});

test('a blog at /blog/: its declared feed may list posts elsewhere on the origin; a guessed feed may not', async () => {
  const s = await serve('sitemap-only', 'http://sitemap.test');
  try {
    const declared = `<html><head><link rel="alternate" type="application/atom+xml" href="/feed.xml"></head></html>`;
    assert.deepEqual((await discoverFeedLinks(`${s.server.url}/blog/`, declaredFeeds(declared, `${s.server.url}/blog/`), s.fetcher)).map((l) => s.strip(l.url)), ['/posts/alpha/', '/posts/beta/']);
    assert.deepEqual(await discoverFeedLinks(`${s.server.url}/blog/`, declaredFeeds('<html></html>', `${s.server.url}/blog/`), s.fetcher), []);
  } finally {
    await s.close();
  }
});

test('a feed term whose page is the list of every tag (Hugo: an empty front-matter tag) is no tag', () => {
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://h.test/</link>
<item><title>Validation</title><link>https://h.test/posts/validation/</link><pubDate>Mon, 15 Jun 2020 18:35:49 +0800</pubDate>
<category domain="https://h.test/posts/">posts</category><category domain="https://h.test/tags/go/">go</category>
<category domain="https://h.test/tags/">Tags</category></item></channel></rss>`;
  assert.deepEqual(parseFeed(rss, 'https://h.test/rss.xml')?.links.map((l) => l.terms), [['go']]);
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>Validation</title><link href="https://h.test/posts/validation/"/><updated>2020-06-15T10:35:49Z</updated>
<category term="go" scheme="https://h.test/tags/go/" label="go"/><category term="" scheme="https://h.test/tags/" label="Tags"/></entry></feed>`;
  assert.deepEqual(parseFeed(atom, 'https://h.test/atom.xml')?.links.map((l) => l.terms), [['go']]);
});
