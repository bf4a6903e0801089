import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { dateArchiveLinksIn } from '../../src/discover/date-archives.js';

// chronicle's default theme: the home page shows the latest 10 entries, no pagination, and a sidebar
// archive by year and month.
const chronicleHome = `<html><body><div class="title"><h1><a href="http://blog.test/">Blog</a></h1></div>
<div class="entry"><div class="title"><a href="http://blog.test/Benchmarking_Huge_Pages.html">Benchmarking Huge Pages</a></div>
<div class="date">18th February 2016</div><div class="body"><p>Text.</p></div></div>
<div id="sidebar"><h2>Archive</h2><ul>
<li>2016<ul><li><a href="http://blog.test/archive/2016/02/">February (2)</a></li></ul></li>
<li>2015<ul><li><a href="http://blog.test/archive/2015/01/">January (1)</a></li><li><a href="http://blog.test/archive/2015/02/">February (2)</a></li></ul></li>
</ul><h2>Tags</h2><ul><li><a href="http://blog.test/tags/ceph">ceph (9)</a></li></ul></div></body></html>`;

test('calendar archive links by month, in page order', () => {
  assert.deepEqual(dateArchiveLinksIn(load(chronicleHome), 'http://blog.test/'), [
    'http://blog.test/archive/2016/02/',
    'http://blog.test/archive/2015/01/',
    'http://blog.test/archive/2015/02/',
  ]);
});

test('year pages when that is all there is; posts, tags, other hosts and a lone dated link are not calendars', () => {
  const years = `<a href="/2016/">2016</a> <a href="/2015/index.html">2015</a> <a href="/2015/07/26/a-post/">A post</a>
<a href="/tags/2016/">2016 tag</a> <a href="https://other.test/2014/">2014 elsewhere</a>`;
  assert.deepEqual(dateArchiveLinksIn(load(years), 'http://blog.test/'), ['http://blog.test/2016/', 'http://blog.test/2015/index.html']);
  assert.deepEqual(dateArchiveLinksIn(load('<a href="/2016/02/">February</a> <a href="/2016/02/18/post/">Post</a>'), 'http://blog.test/'), []);
});

test('walkIndex: a home page with no pagination walks every calendar month, even months it showed already', async () => {
  const { walkIndex } = await import('../../src/discover/index-walk.js');
  const sidebar = `<div id="sidebar"><ul><li><a href="/archive/2016/02/">February 2016</a></li>
<li><a href="/archive/2015/12/">December 2015</a></li><li><a href="/archive/2015/11/">November 2015</a></li></ul></div>`;
  const entry = (slug: string) => `<div class="entry"><div class="title"><a href="/${slug}.html">${slug}</a></div><div class="body"><p>Some text of ${slug}.</p></div></div>`;
  const pages: Record<string, string> = {
    '/': entry('newest') + entry('second') + sidebar,
    '/archive/2016/02/': entry('newest') + entry('second') + sidebar,
    '/archive/2015/12/': entry('third') + sidebar,
    '/archive/2015/11/': entry('fourth') + entry('fifth') + sidebar,
  };
  const requested: string[] = [];
  const fetcher = {
    async fetch(url: string) {
      const path = new URL(url).pathname;
      requested.push(path);
      const html = `<html><body><h1><a href="/">Blog</a></h1>${pages[path] ?? ''}</body></html>`;
      return { url, finalUrl: url, status: pages[path] ? 200 : 404, headers: {}, contentType: 'text/html', body: Buffer.from(html), text: html };
    },
    async close() {},
  };
  const found: string[] = [];
  for await (const page of walkIndex('http://blog.test/', fetcher as never, { maxPages: 50 })) found.push(...page.links.map((l) => new URL(l.url).pathname));
  assert.deepEqual(found, ['/newest.html', '/second.html', '/third.html', '/fourth.html', '/fifth.html']);
  assert.deepEqual(requested, ['/', '/archive/2016/02/', '/archive/2015/12/', '/archive/2015/11/']);
});
