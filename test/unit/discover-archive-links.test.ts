import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { archiveLinksIn } from '../../src/discover/archive-links.js';

const links = (body: string, pageUrl = 'http://e.test/') => archiveLinksIn(load(`<!doctype html><html><body>${body}</body></html>`), pageUrl);

test('eleventy-base-blog home: the "Archive" menu item and "… in the archive" lead to /blog/', () => {
  const html = `<header><a href="/" class="home-link">Blog</a><nav><ul class="nav"><li class="nav-item"><a href="/" aria-current="page">Home</a></li><li class="nav-item"><a href="/blog/">Archive</a></li><li class="nav-item"><a href="/tags/">Tags</a></li></ul></nav></header><main id="skip"><h1>Latest 3 Posts</h1><ol reversed class="postlist"><li class="postlist-item"><a href="/blog/third/" class="postlist-link">Third</a><time class="postlist-date" datetime="2018-08-24">24 August 2018</time></li></ol><p>42 more posts can be found in <a href="/blog/">the archive</a>.</p></main>`;
  assert.deepEqual(links(html), ['http://e.test/blog/']);
});

test('wording beats the path: "View all posts" first, then an /archives/ menu item; other links are not archives', () => {
  const html = `<nav><a href="/archives/">Archives</a><a href="/about/">About</a><a href="/2015/07/">July 2015</a></nav><main><a href="/writing/#top">View all posts →</a><a href="/archive/2015/">2015</a><a href="https://other.test/archive/">Archive</a></main>`;
  assert.deepEqual(links(html), ['http://e.test/writing/', 'http://e.test/archives/']);
});

test('a link to the page itself and links with no archive signal give nothing', () => {
  assert.deepEqual(links(`<nav><a href="/">Home</a><a href="/archive/">Archive</a><a href="/tags/">Tags</a></nav>`, 'http://e.test/archive/'), []);
});

test('Astro blog starter home: no post list, the "Blog" menu item is the way to the posts', () => {
  const html = `<header><nav><h2><a href="/">Bench Blog</a></h2><div class="internal-links"><a href="/" class="active">Home</a><a href="/blog">Blog</a><a href="/about">About</a></div><div class="social-links"><a href="https://m.webtoo.ls/@astro" target="_blank"><span class="sr-only">Follow Astro on Mastodon</span></a></div></nav></header><main><h1>Hello, Astronaut!</h1><p>Welcome to the official <a href="https://astro.build/">Astro</a> blog starter template.</p></main>`;
  assert.deepEqual(links(html), ['http://e.test/blog']);
});

test('the full post list named in other languages: French, German, Spanish, Portuguese, Russian, Korean', () => {
  const home = (label: string) => `<main><h1>Bienvenue</h1><p>Un blog de notes.</p><p><a href="/blog/">${label}</a></p><p><a href="/contact/">Contact</a></p></main>`;
  for (const label of ["Plus d'articles", 'Articles de blog', 'Alle Beiträge anzeigen', 'Ver todos los artículos', 'Todos os artigos', 'Все статьи', '전체 글', 'Arquivo']) {
    assert.deepEqual(links(home(label)), ['http://e.test/blog/'], label);
  }
  assert.deepEqual(links(home('Nous contacter')), []);
});

