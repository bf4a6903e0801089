import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { languageVersionsIn } from '../../src/discover/language-versions.js';

const versions = (head: string, pageUrl = 'http://e.test/') => languageVersionsIn(load(`<!doctype html><html><head>${head}</head><body></body></html>`), pageUrl);

test("the start page's hreflang alternates on its origin are the blog's other languages, each once", () => {
  const head = [
    '<link rel="alternate" hreflang="ja" href="http://e.test/">',
    '<link rel="alternate" hreflang="en" href="/en/">',
    '<link rel="alternate" hreflang="pt-BR" href="http://e.test/pt-br/">',
    '<link rel="alternate" hreflang="fr" type="text/html" href="/fr/">',
    '<link rel="alternate" hreflang="en-GB" href="http://e.test/en/index.html">',
  ].join('');
  assert.deepEqual(versions(head), ['http://e.test/en/', 'http://e.test/pt-br/', 'http://e.test/fr/']);
});

test('x-default, another origin, a feed and the page itself are not language versions', () => {
  const head = [
    '<link rel="alternate" hreflang="x-default" href="http://e.test/de/">',
    '<link rel="alternate" hreflang="fr" href="https://fr.e.test/">',
    '<link rel="alternate" type="application/rss+xml" href="/feed.xml">',
    '<link rel="alternate" hreflang="ar" type="application/atom+xml" href="/atom.xml">',
    '<link rel="alternate" hreflang="de" type="application/rss+xml" href="/de/feed.xml">',
    '<link rel="alternate" hreflang="ko-KR" href="http://e.test/blog">',
    '<link rel="alternate" hreflang="" href="http://e.test/xx/">',
  ].join('');
  assert.deepEqual(versions(head, 'http://e.test/blog/'), []);
});
