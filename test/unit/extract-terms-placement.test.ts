// Where a post's terms may sit: a line of term links right after the article in the post's own
// container is the post's; the same line after a heading, in a container of several posts, or mixed
// with other links is not. And which metadata names a category: JSON-LD articleSection does on
// WordPress, not on Hugo, whose templates write the content section there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

const BODY = '<p>The ferry leaves the north pier at seven and crosses the bay in forty minutes when the sea is calm.</p><p>On the way back the wind usually turns, and the crossing takes twice as long.</p>';

const page = (inner: string, head = '') =>
  `<!doctype html><html lang="en"><head><title>Ferry notes</title>${head}</head><body><header class="site-header"><a href="/">Harbour</a></header>${inner}<footer class="site-footer">Harbour notes</footer></body></html>`;

test('terms after the article: a line of /tags#x links following the article in its container', () => {
  const html = page(`<div class="container"><article class="blog-post"><h1>Ferry notes</h1>${BODY}</article>
<div class="blog-tags">Tags: <a href="/tags#Boats">Boats</a> <a href="/tags/sea/">Sea</a> <a href="/categories/travel/">Travel</a></div></div>`);
  const post = extractPost(html, 'http://b.test/2024/05/01/ferry-notes/');
  assert.deepEqual(post.meta.tags, ['Boats', 'Sea']);
  assert.deepEqual(post.meta.categories, ['Travel']);
});

test('terms after the article: not after a heading, not among other links, not in a list of posts', () => {
  const related = page(`<div class="container"><article class="blog-post"><h1>Ferry notes</h1>${BODY}</article>
<div class="more"><h3>More from the harbour</h3><div><a href="/tags#Boats">Boats</a></div></div></div>`);
  assert.deepEqual(extractPost(related, 'http://b.test/2024/05/01/ferry-notes/').meta.tags, []);
  const mixed = page(`<div class="container"><article class="blog-post"><h1>Ferry notes</h1>${BODY}</article>
<p class="share">Share it: <a href="https://social.example/share?u=x">Social</a> or see <a href="/tags#Boats">Boats</a></p></div>`);
  assert.deepEqual(extractPost(mixed, 'http://b.test/2024/05/01/ferry-notes/').meta.tags, []);
  const list = page(`<div class="container"><article class="blog-post"><h1>Ferry notes</h1>${BODY}</article><div class="tags"><a href="/tags#Boats">Boats</a></div>
<article class="blog-post"><h2>Another post</h2><p>Another post's text is here.</p></article><div class="tags"><a href="/tags#Rain">Rain</a></div></div>`);
  assert.deepEqual(extractPost(list, 'http://b.test/2024/05/01/ferry-notes/').meta.tags, []);
});

test("terms after the article: an unmarked <aside> of rel=tag links is the post's, beside a link to the post's source and above comments written as <article>s; a sidebar is not", () => {
  const aside = page(`<div class="card"><article class="post-content"><h1>Ferry notes</h1>${BODY}</article>
<aside id="post-tags">🏷️ <a rel="tag" href="/tag/boats/">Boats</a> 🏷️ <a rel="tag" href="/tag/sea/">Sea</a> 📜 <a href="https://code.example/notes/ferry.md">src</a></aside>
<aside id="related"><h3>Related</h3><ul><li><a href="/other.html">Other</a></li></ul></aside></div>`, '<meta name="keywords" content="boats,sea">');
  const post = extractPost(aside, 'http://b.test/ferry-notes.html', { site: { keywords: ['sea', 'harbour'] } });
  assert.deepEqual(post.meta.tags, ['Boats', 'Sea']);
  const comments = page(`<div class="card"><article class="post-content"><h1>Ferry notes</h1>${BODY}</article>
<aside id="post-tags"><a rel="tag" href="/tag/boats/">Boats</a></aside>
<section id="static-comments"><h2>Comments</h2><div class="comment-chain"><article id="c1"><p>Nice crossing.</p></article></div></section></div>`);
  assert.deepEqual(extractPost(comments, 'http://b.test/ferry-notes.html').meta.tags, ['Boats']);
  const sidebar = page(`<div class="card"><article class="post-content"><h1>Ferry notes</h1>${BODY}</article>
<aside class="sidebar"><a rel="tag" href="/tag/boats/">Boats</a> <a rel="tag" href="/tag/rain/">Rain</a></aside></div>`);
  assert.deepEqual(extractPost(sidebar, 'http://b.test/ferry-notes.html').meta.tags, []);
});

test('articleSection: a category on WordPress (Yoast), the content section on Hugo', () => {
  const ld = (section: string) => `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"Ferry notes","articleSection":["${section}"],"datePublished":"2024-05-01T08:00:00+00:00"}</script>`;
  const wordpress = page(`<main><article class="post">${BODY}</article></main>`, `<meta name="generator" content="WordPress 6.4.2">${ld('Travel')}`);
  assert.deepEqual(extractPost(wordpress, 'http://b.test/2024/05/01/ferry-notes/').meta.categories, ['Travel']);
  const hugo = page(`<main><article class="post">${BODY}</article></main>`, `<meta name="generator" content="Hugo 0.111.3">${ld('Welcome to the notes!')}<meta property="article:section" content="notes">`);
  assert.deepEqual(extractPost(hugo, 'http://b.test/posts/ferry-notes/').meta.categories, []);
});

test('terms beside the title in a page-wide header above the article are the post\'s; a header with a menu is not', () => {
  const heading = (extra: string) => `<header class="intro-header"><div class="container"><div class="post-heading">
<div class="tags"><a class="tag" href="/archive/?tag=Boats">Boats</a> <a class="tag" href="/archive/?tag=Sea">Sea</a></div>${extra}
<h1>Ferry notes</h1><h2 class="subheading">Crossing the bay</h2><span class="meta">Posted on May 1, 2024</span></div></div></header>
<article><div class="post-container">${BODY}</div></article>`;
  assert.deepEqual(extractPost(page(heading('')), 'http://b.test/2024/05/01/ferry-notes/').meta.tags, ['Boats', 'Sea']);
  const withMenu = heading('<nav><a href="/">Home</a> <a href="/about/">About</a></nav>');
  assert.deepEqual(extractPost(page(withMenu), 'http://b.test/2024/05/01/ferry-notes/').meta.tags, []);
});

test('a term link written in brackets names the term without them', () => {
  // Lanyon-style post header: the date, then the tags as "[Doce]" links floated to the right.
  const html = page(`<div class="content"><div class="post"><h1 class="post-title">Bolo de cenoura</h1>
<p class="post-date">18 Apr 2019 <span><a href="/tags/#doce">[Doce]</a> <a href="/tags/#bolo">[Bolo]</a></span></p>${BODY}</div></div>`);
  assert.deepEqual(extractPost(html, 'http://b.test/receita/2019/04/18/bolo-de-cenoura.html').meta.tags, ['Doce', 'Bolo']);
});

test("terms after the article: a page whose <main> sits in <body> has its term lines right after it; a tag cloud after other page parts is not the post's", () => {
  const bare = (after: string) => `<!doctype html><html lang="en"><head><title>Ferry notes</title></head><body><nav><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about/">About</a></li></ul></nav>
<div class="article-meta"><h1><span class="title">Ferry notes</span></h1><h2 class="date">2024/05/01</h2></div>
<main>${BODY}</main>${after}<footer><a href="/">Harbour notes</a></footer></body></html>`;
  const url = 'http://b.test/post/2024/05/01/ferry-notes/';
  const lines = extractPost(bare(`<p class="terms"><b>Tags:</b> <a href="/tags/boats/">Boats</a> <a href="/tags/sea/">Sea</a></p><p></p>
<p class="terms"><b>Categories:</b> <a href="/categories/travel/">Travel</a></p>`), url);
  assert.deepEqual(lines.meta.tags, ['Boats', 'Sea']);
  assert.deepEqual(lines.meta.categories, ['Travel']);
  const cloud = extractPost(bare(`<p>Thanks for reading, and write to me about your crossings.</p><div class="cloud"><a href="/tags/boats/">Boats</a> <a href="/tags/rain/">Rain</a></div>`), url);
  assert.deepEqual(cloud.meta.tags, []);
});

test("a microformats entry's own side column holds its terms (rel=tag, p-category); the same links in a page sidebar outside the entry do not count", () => {
  const column = `<div class="page-sidebar"><div class="page-author h-card p-author"><span class="p-name">Ann</span> <a class="u-url" rel="me" href="https://code.example/ann">code</a></div>
<time class="dt-published" datetime="2024-05-01">2024-05-01</time><h3>Categories</h3><ul class="page-taxonomies"><li><a class="p-category" href="/category/#travel">Travel</a></li></ul>
<h3>Tags</h3><ul class="page-taxonomies"><li><a rel="tag" href="/tag/#boats">Boats</a></li><li><a rel="tag" href="/tag/#sea">Sea</a></li></ul></div>`;
  const inEntry = page(`<main><article class="h-entry"><div class="page-wrapper"><header><h1 class="p-name">Ferry notes</h1></header>${column}
<div class="page-content"><div class="e-content">${BODY}</div></div></div></article></main>`);
  const post = extractPost(inEntry, 'http://b.test/blog/ferry-notes');
  assert.deepEqual(post.meta.tags, ['Boats', 'Sea']);
  assert.deepEqual(post.meta.categories, ['Travel']);
  const outside = page(`<main><article class="h-entry"><h1 class="p-name">Ferry notes</h1><div class="e-content">${BODY}</div></article>
<div class="sidebar"><a rel="tag" href="/tag/#boats">Boats</a> <a rel="tag" href="/tag/#rain">Rain</a> <a class="p-category" href="/category/#travel">Travel</a></div></main>`);
  assert.deepEqual(extractPost(outside, 'http://b.test/blog/ferry-notes').meta.tags, []);
});

test("<meta name=keywords>: the blog's own list repeated on a post is not its tags; a start page listing every tag of the blog leaves a post its own", () => {
  const post = (keywords: string) => page(`<article class="post-content"><h1>Ferry notes</h1>${BODY}</article>`, `<meta name="keywords" content="${keywords}">`);
  const blogWide = { keywords: ['travel', 'notes'] };
  assert.deepEqual(extractPost(post('travel, notes'), 'http://b.test/ferry-notes.html', { site: blogWide }).meta.tags, []);
  assert.deepEqual(extractPost(post('travel, notes, boats'), 'http://b.test/ferry-notes.html', { site: blogWide }).meta.tags, ['boats']);
  const everyTag = { keywords: ['boats', 'harbour', 'rain', 'sea', 'trains'] };
  assert.deepEqual(extractPost(post('boats,sea,'), 'http://b.test/ferry-notes.html', { site: everyTag }).meta.tags, ['boats', 'sea']);
});
