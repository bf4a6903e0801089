import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startStaticServer, type Handler } from '../helpers/static-server.js';
import { createFetchLayer } from '../../src/fetch/layer.js';
import { discoverSitemapLinks, parseSitemap, pathShape } from '../../src/discover/sitemap.js';

const dir = (name: string) => fileURLToPath(new URL(`../../fixtures/discover/${name}/`, import.meta.url));

/** Serves a fixture folder with its made-up origin replaced by the server's own. */
function rewriting(root: string, origin: string, self: () => string, extra?: Handler): Handler {
  return async (req, res, log) => {
    if (extra && (await extra(req, res, log))) return true;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!(await stat(file).catch(() => undefined))?.isFile()) return false;
    res.writeHead(200, { 'content-type': file.endsWith('.xml') ? 'application/xml' : 'text/plain' });
    res.end((await readFile(file, 'utf8')).replaceAll(origin, self()));
    return true;
  };
}

async function discover(name: string, origin: string, known: string[] = [], extra?: Handler) {
  let url = '';
  const server = await startStaticServer(dir(name), rewriting(dir(name), origin, () => url, extra));
  url = server.url;
  const fetcher = createFetchLayer({ retries: 0, ignoreRobots: true, timeoutMs: 5000, allowPrivateAddresses: true });
  try {
    const links = await discoverSitemapLinks(`${server.url}/`, fetcher, known.map((k) => `${server.url}${k}`));
    return { links: links.map((l) => l.url.replace(server.url, '')), requests: server.log.map((e) => e.path) };
  } finally {
    await fetcher.close();
    await server.close();
  }
}

test('parseSitemap reads a urlset, a sitemap index and a plain-text list', () => {
  const urlset = parseSitemap(readFileSync(join(dir('feeds'), 'post-sitemap.xml'), 'utf8'), 'http://feeds.test/post-sitemap.xml')!;
  assert.equal(urlset.urls.length, 6);
  assert.deepEqual(urlset.urls[1], { loc: 'http://feeds.test/2015/07/26/first/', lastmod: '2015-07-27' });
  const index = parseSitemap(readFileSync(join(dir('feeds'), 'sitemap_index.xml'), 'utf8'), 'http://feeds.test/sitemap_index.xml')!;
  assert.deepEqual(index.sitemaps, ['http://feeds.test/post-sitemap.xml', 'http://feeds.test/page-sitemap.xml', 'http://feeds.test/category-sitemap.xml', 'http://feeds.test/sitemap_index.xml']);
  assert.deepEqual(parseSitemap('http://t.test/a\nhttp://t.test/b\n', 'http://t.test/sitemap.txt')?.urls, [{ loc: 'http://t.test/a' }, { loc: 'http://t.test/b' }]);
  assert.equal(parseSitemap('<html><body>nope</body></html>', 'http://t.test/sitemap.xml'), undefined);
});

test('robots.txt Sitemap line, index followed (page and category sitemaps skipped, no loop); home, tags and date archives filtered', async () => {
  const { links, requests } = await discover('feeds', 'http://feeds.test');
  assert.deepEqual(links, ['/2015/07/26/first/', '/2015/07/20/second/', '/2014/01/01/only-in-sitemap/']);
  assert.deepEqual(requests, ['/robots.txt', '/sitemap_index.xml', '/post-sitemap.xml']);
});

test('without robots.txt /sitemap.xml is read; without known posts only the rules filter', async () => {
  const { links } = await discover('sitemap-only', 'http://sitemap.test');
  assert.deepEqual(links, ['/posts/alpha/', '/posts/beta/', '/posts/gamma/', '/colophon/']);
});

test('known posts from the index walk keep only URLs of the same path shape', async () => {
  const { links } = await discover('sitemap-only', 'http://sitemap.test', ['/posts/alpha/']);
  assert.deepEqual(links, ['/posts/alpha/', '/posts/beta/', '/posts/gamma/']);
});

test("a language section's sitemap (/de/sitemap.xml) keeps its posts shaped like the known ones below its prefix", async () => {
  const { links } = await discover('sitemap-languages', 'http://lang.test', ['/posts/fiets/1/']);
  assert.deepEqual(links, ['/posts/fiets/1/', '/posts/kaas/2/', '/de/posts/fahrrad/1/']);
});

test('a gzipped sitemap is read', async () => {
  const gz: Handler = (req, res) => {
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('Sitemap: /sitemap.xml.gz\n');
      return true;
    }
    if (req.url !== '/sitemap.xml.gz') return false;
    res.writeHead(200, { 'content-type': 'application/x-gzip' });
    res.end(gzipSync('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/posts/zipped/</loc></url></urlset>'));
    return true;
  };
  const { links } = await discover('sitemap-only', 'http://sitemap.test', [], gz);
  assert.deepEqual(links, ['/posts/zipped/']);
});

test('no sitemap anywhere gives an empty list', async () => {
  const { links, requests } = await discover('walk/loop', 'http://loop.test');
  assert.deepEqual(links, []);
  assert.ok(requests.includes('/sitemap.xml') && requests.includes('/sitemap_index.xml'));
});

test('path shapes class segments as year, month/day, number or word', () => {
  assert.equal(pathShape('http://b.test/2015/07/26/slug/'), '/Y/M/M/S');
  assert.equal(pathShape('http://b.test/2015/07/26/slug'), '/Y/M/M/S');
  assert.equal(pathShape('http://b.test/archives/123.html'), '/S/N.html');
  assert.equal(pathShape('http://b.test/'), '/');
  // A version at the end of a slug is no file ending: such a post has the shape of the others.
  assert.equal(pathShape('http://b.test/posts/whats-new-in-go-1.21/'), pathShape('http://b.test/posts/a-slug/'));
  assert.equal(pathShape('http://b.test/notes/release-v2.0'), '/S/S');
});

test('a blog at /blog/ whose known posts live elsewhere on the origin widens the sitemap filter', async () => {
  let url = '';
  const server = await startStaticServer(dir('sitemap-only'), rewriting(dir('sitemap-only'), 'http://sitemap.test', () => url));
  url = server.url;
  const fetcher = createFetchLayer({ retries: 0, ignoreRobots: true, timeoutMs: 5000, allowPrivateAddresses: true });
  try {
    const paths = (links: { url: string }[]) => links.map((l) => l.url.replace(server.url, ''));
    assert.deepEqual(paths(await discoverSitemapLinks(`${server.url}/blog/`, fetcher, [`${server.url}/posts/alpha/`])), ['/posts/alpha/', '/posts/beta/', '/posts/gamma/']);
    assert.deepEqual(paths(await discoverSitemapLinks(`${server.url}/blog/`, fetcher)), []);
  } finally {
    await fetcher.close();
    await server.close();
  }
});
