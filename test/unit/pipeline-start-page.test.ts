import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readStartPage, readStartPageKept } from '../../src/pipeline/run-start.js';
import { PersistentIndexCache } from '../../src/pipeline/index-cache.js';
import { tempDir } from '../helpers/temp-dir.js';
import type { FetchResult } from '../../src/fetch/fetcher.js';
import type { ArchiveSettings } from '../../src/pipeline/options.js';

const page = (url: string, text: string) => ({ finalUrl: url, url, status: 200, text, headers: {}, body: Buffer.from(text), contentType: 'text/html' }) as unknown as FetchResult;
const settings = { overrides: {} } as unknown as ArchiveSettings;

// One parse serves every question; reading the post links strips the page's chrome and scripts, so the
// answers that read scripts and head elements must not depend on the order they are asked in.
test('the start page read once: an app shell needs the browser, its feed and site facts are read', () => {
  const start = readStartPage(
    page('http://b.test/', '<html><head><title>Render Notes</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"><script defer src="/app.js"></script></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="app"></div></body></html>'),
    settings,
  );
  assert.deepEqual(start.links, []);
  assert.equal(start.render.render, true, JSON.stringify(start.render));
  assert.deepEqual(start.feeds, ['http://b.test/feed.xml']);
  assert.equal(start.site.title, 'Render Notes');
});

test('the start page read once: a post page says it is one post (JSON-LD), an index with scripts and posts needs no browser', () => {
  const post = readStartPage(
    page('http://b.test/2020/01/x/', '<html><head><script type="application/ld+json">{"@type":"BlogPosting","headline":"X"}</script><script src="/theme.js"></script></head><body><article><h1>X</h1><p>Body text of the post, long enough to read as one.</p></article></body></html>'),
    settings,
  );
  assert.equal(post.single, 'JSON-LD BlogPosting');
  const index = readStartPage(
    page('http://b.test/', `<html><head><script src="/theme.js"></script></head><body><main>${[1, 2, 3].map((n) => `<article><h2><a href="/2020/01/p${n}/">Post ${n}</a></h2><time datetime="2020-01-0${n}">Jan ${n}</time><p>Excerpt of post ${n} with some words.</p></article>`).join('')}</main><a href="/archives/">Archives</a></body></html>`),
    settings,
  );
  assert.equal(index.links.length, 3);
  assert.equal(index.render.render, false);
  assert.equal(index.single, undefined);
  assert.equal(index.listing, undefined, 'a list of the posts is looked for only on a page that shows none');
});

// A rerun of an unchanged blog reads its start page as the last run did, without parsing it again; a
// page with other bytes, at another URL or read with other overrides is read anew.
test('the start page reading is kept for the next run, and used only for the same page, URL and overrides', async () => {
  const dir = tempDir('start-page');
  const html = `<html><head><title>Kept</title></head><body><main>${[1, 2, 3].map((n) => `<article><h2><a href="/2020/01/p${n}/">Post ${n}</a></h2><p>Excerpt ${n}.</p></article>`).join('')}</main></body></html>`;
  const run1 = await PersistentIndexCache.load(dir);
  const read1 = readStartPageKept(page('http://b.test/', html), settings, run1);
  assert.deepEqual(read1, readStartPage(page('http://b.test/', html), settings));
  await run1.save();

  const run2 = await PersistentIndexCache.load(dir);
  const kept = readStartPageKept(page('http://b.test/', html), settings, run2);
  assert.deepEqual(kept, JSON.parse(JSON.stringify(read1)), 'read back as the last run read it');
  assert.equal(kept.links.length, 3);
  const edited = readStartPageKept(page('http://b.test/', html.replace('Post 3', 'Post three')), settings, run2);
  assert.equal(edited.links[2]?.title, 'Post three');
  const steered = readStartPageKept(page('http://b.test/', html), { overrides: { postLink: 'h2 a[href$="p1/"]' } } as unknown as ArchiveSettings, run2);
  assert.deepEqual(steered.links.map((l) => l.url), ['http://b.test/2020/01/p1/']);
});
