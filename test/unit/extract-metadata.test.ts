import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

const page = (head: string, body: string, htmlAttrs = '') =>
  `<!doctype html><html${htmlAttrs}><head>${head}</head><body>${body}</body></html>`;
const ARTICLE = '<p>The ring buffer keeps every descriptor in one place, which keeps latency low for the guest.</p><p>The host reads it back, and the guest never waits for a second exit.</p>';
// The declared language is checked against the text (language.ts): pages declaring pt-BR or de say so in it.
const ARTICLE_PT = '<p>O buffer circular guarda todos os descritores num só lugar, o que mantém a latência baixa para o convidado.</p><p>O anfitrião lê de volta, e o convidado nunca espera por uma segunda saída.</p>';
const ARTICLE_DE = '<p>Der Ringpuffer hält alle Deskriptoren an einem Ort, was die Latenz für den Gast niedrig hält.</p><p>Der Wirt liest ihn zurück, und der Gast wartet nie auf einen zweiten Austritt.</p>';

test('JSON-LD @graph with references (Yoast style) gives date, author, keywords and section', () => {
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebPage', '@id': 'https://x.example/p/#webpage', name: 'Ring buffers &amp; you - X' },
      { '@type': ['Article', 'BlogPosting'], '@id': 'https://x.example/p/#article', headline: 'Ring buffers &amp; you', datePublished: '2019-01-02T03:04:05+02:00', dateModified: '2019-02-01T00:00:00+02:00', author: { '@id': 'https://x.example/#/person/1' }, keywords: ['rings', 'io'], articleSection: ['Kernel'], image: { '@type': 'ImageObject', url: '/img/ring.png' } },
      { '@type': 'Person', '@id': 'https://x.example/#/person/1', name: 'Ivy' },
    ],
  });
  const post = extractPost(page(`<title>Ring buffers &amp; you - X</title><script type="application/ld+json">${ld}</script>`, `<main><div>${ARTICLE}</div></main>`), 'https://x.example/p/');
  assert.equal(post.meta.title, 'Ring buffers & you');
  assert.equal(post.meta.date, '2019-01-02T03:04:05+02:00');
  assert.equal(post.meta.updated, '2019-02-01T00:00:00+02:00');
  assert.equal(post.meta.author, 'Ivy');
  assert.deepEqual(post.meta.tags, ['rings', 'io']);
  assert.deepEqual(post.meta.categories, ['Kernel']);
  assert.equal(post.meta.image, 'https://x.example/img/ring.png');
});

test('JSON-LD as a top-level array and with a raw newline inside a string still parses', () => {
  const ld = '[{"@type":"WebSite","name":"X"},{"@type":"NewsArticle","headline":"Two\nlines","datePublished":"2020-05-06"}]';
  const post = extractPost(page(`<script type="application/ld+json">${ld}</script>`, `<div>${ARTICLE}</div>`), 'https://x.example/a');
  assert.equal(post.meta.title, 'Two lines');
  assert.equal(post.meta.date, '2020-05-06');
});

test('OpenGraph article:* is used when there is no JSON-LD; meta keywords only as a last resort', () => {
  const head = `<meta property="og:title" content="OG title"><meta property="article:published_time" content="2018-07-08T09:10:11Z">
<meta property="article:modified_time" content="2018-07-09T00:00:00Z"><meta property="article:tag" content="alpha"><meta property="article:tag" content="beta">
<meta property="article:section" content="Notes"><meta name="keywords" content="should, not, win"><meta property="og:image" content="/cover.jpg"><meta property="og:locale" content="pt_BR">`;
  const post = extractPost(page(head, `<div>${ARTICLE_PT}</div>`), 'https://x.example/og');
  assert.equal(post.meta.title, 'OG title');
  assert.equal(post.meta.date, '2018-07-08T09:10:11Z');
  assert.equal(post.meta.updated, '2018-07-09T00:00:00Z');
  assert.deepEqual(post.meta.tags, ['alpha', 'beta']);
  assert.deepEqual(post.meta.categories, ['Notes']);
  assert.equal(post.meta.image, 'https://x.example/cover.jpg');
  assert.equal(post.meta.lang, 'pt-BR');
  const fallback = extractPost(page('<meta name="keywords" content="one, two">', `<div>${ARTICLE}</div>`), 'https://x.example/k');
  assert.deepEqual(fallback.meta.tags, ['one', 'two']);
});

test('the article heading beats og:title and <title>; <title> loses its site-name suffix', () => {
  const head = '<title>Real title | My Blog</title><meta property="og:site_name" content="My Blog"><meta property="og:title" content="Real title | My Blog">';
  const withHeading = extractPost(page(head, `<header class="site-header"><h1>My Blog</h1></header><article><h1 class="entry-title">Real title</h1>${ARTICLE}</article>`), 'https://x.example/t');
  assert.equal(withHeading.meta.title, 'Real title');
  const titleOnly = extractPost(page('<title>Only here | My Blog</title><meta property="og:site_name" content="My Blog">', `<div>${ARTICLE}</div>`), 'https://x.example/t2');
  assert.equal(titleOnly.meta.title, 'Only here');
  const noSiteName = extractPost(page('<title>Hyphen-ated words - still the title</title>', `<div>${ARTICLE}</div>`), 'https://x.example/t3');
  assert.equal(noSiteName.meta.title, 'Hyphen-ated words - still the title');
});

test('the site logo h1 outside the article is not the title', () => {
  const body = `<header id="header"><h1 id="logo-wrap"><a href="/">Site Name</a></h1></header><article class="post"><h2 class="post-title">Post heading</h2>${ARTICLE}</article>`;
  const post = extractPost(page('<title>Post heading | Site Name</title>', body), 'https://x.example/h');
  assert.equal(post.meta.title, 'Post heading');
});

test('tag links inside the post count, a sidebar tag cloud does not', () => {
  const body = `<div class="wrap"><article class="post"><h1>Tagged</h1>${ARTICLE}
<footer><a href="/tags/linux/" rel="tag">linux</a> <a href="/tags/kvm/">#kvm</a> <a href="/categories/virt/">Virt</a> <a href="/search/label/extra">extra</a></footer></article>
<aside id="sidebar"><div class="widget"><a href="/tags/ceph/" rel="tag">ceph</a><a href="/tags/docker/" rel="tag">docker</a></div></aside>
<div class="tagcloud"><a href="/tags/zfs/">zfs</a></div></div>`;
  const post = extractPost(page('<title>Tagged</title>', body), 'https://x.example/2020/01/02/tagged/');
  assert.deepEqual(post.meta.tags, ['linux', 'kvm', 'extra']);
  assert.deepEqual(post.meta.categories, ['Virt']);
});

test('a page whose only tags are in the sidebar gets none', () => {
  const body = `<article>${ARTICLE}</article><aside class="sidebar"><a href="/tags/ceph/" rel="tag">ceph</a></aside>`;
  assert.deepEqual(extractPost(page('<title>t</title>', body), 'https://x.example/n').meta.tags, []);
});

test('dates: <time datetime> and itemprop before visible text; visible text; then the URL', () => {
  const itemprop = extractPost(page('', `<article><span itemprop="datePublished" content="2017-03-04">4 March</span>${ARTICLE}</article>`), 'https://x.example/a');
  assert.equal(itemprop.meta.date, '2017-03-04');
  const time = extractPost(page('', `<article><p class="meta"><time datetime="2016-02-03T04:05:06+09:00">Feb 3</time></p>${ARTICLE}</article>`), 'https://x.example/b');
  assert.equal(time.meta.date, '2016-02-03T04:05:06+09:00');
  const visible = extractPost(page('', `<article><div class="post-meta">Posted on 26 Jul 2015 by Ann</div>${ARTICLE}</article>`), 'https://x.example/c');
  assert.equal(visible.meta.date, '2015-07-26');
  const fromUrl = extractPost(page('', `<article>${ARTICLE}</article>`), 'https://x.example/2014/9/8/slug/');
  assert.equal(fromUrl.meta.date, '2014-09-08');
  const metaName = extractPost(page('<meta name="date" content="2013-01-02">', `<article>${ARTICLE}</article>`), 'https://x.example/d');
  assert.equal(metaName.meta.date, '2013-01-02');
});

test('overrides for title and date win over everything found on the page', () => {
  const html = page('<meta property="og:title" content="Wrong"><meta property="article:published_time" content="2001-01-01">', `<div id="t">Right title</div><span class="when">2015年7月26日</span><article>${ARTICLE}</article>`);
  const post = extractPost(html, 'https://x.example/o', { overrides: { title: '#t', date: '.when' } });
  assert.equal(post.meta.title, 'Right title');
  assert.equal(post.meta.date, '2015-07-26');
});

test('description, canonical (against <base href>), language and author from meta', () => {
  const head = '<base href="https://cdn.example/blog/"><meta name="description" content="A &amp; B"><link rel="canonical" href="posts/x/"><meta name="author" content="Kim">';
  const post = extractPost(page(head, `<article>${ARTICLE_DE}</article>`, ' lang="de"'), 'https://x.example/posts/x/');
  assert.equal(post.meta.description, 'A & B');
  assert.equal(post.meta.canonical, 'https://cdn.example/blog/posts/x/');
  assert.equal(post.meta.lang, 'de');
  assert.equal(post.meta.author, 'Kim');
});

test('rel=author in the site header is not the post author; the one in the article is', () => {
  const body = `<header class="site-header"><a rel="author" href="/">Site Title</a></header><article><p class="byline">by <a rel="author" href="/about">Lee</a></p>${ARTICLE}</article>`;
  assert.equal(extractPost(page('', body), 'https://x.example/r').meta.author, 'Lee');
});

test('a content folder in article:section (Hugo) is not a category', () => {
  const head = '<meta property="article:section" content="posts"><script type="application/ld+json">{"@type":"BlogPosting","articleSection":"Posts","headline":"H"}</script>';
  assert.deepEqual(extractPost(page(head, `<article>${ARTICLE}</article>`), 'https://x.example/posts/h/').meta.categories, []);
  const real = extractPost(page('<meta property="article:section" content="Kernel">', `<article>${ARTICLE}</article>`), 'https://x.example/posts/h/');
  assert.deepEqual(real.meta.categories, ['Kernel']);
});

test('a Hugo site without a generator meta is known by its fingerprinted assets: article:section stays out of categories', () => {
  const head = `<link rel="stylesheet" href="/css/main.min.${'5e'.repeat(32)}.css" integrity="sha256-Xl5e"><meta property="article:section" content="posts">`;
  // The post's own URL does not hold the section folder (front matter `url:` moved it).
  const post = extractPost(page(head, `<article>${ARTICLE}</article>`), 'https://x.example/blog/2009/01/09/h.html');
  assert.equal(post.engine, 'hugo');
  assert.deepEqual(post.meta.categories, []);
  const webpack = extractPost(page(`<link rel="stylesheet" href="/main.${'5e'.repeat(10)}.css"><meta property="article:section" content="Kernel">`, `<article>${ARTICLE}</article>`), 'https://x.example/blog/h.html');
  assert.deepEqual(webpack.meta.categories, ['Kernel']);
});

test('a dash inside a <title> is cut only before a shorter site-name tail', () => {
  const t = (title: string) => extractPost(page(`<title>${title}</title>`, `<div>${ARTICLE}</div>`), 'https://x.example/z').meta.title;
  assert.equal(t('Rust — a love letter to systems programmers'), 'Rust — a love letter to systems programmers');
  assert.equal(t('Notes on sharding the metadata store — Ops Blog'), 'Notes on sharding the metadata store');
  assert.equal(t('Short | A very long blog name indeed'), 'Short');
});

test('a section <h1> in the body is not the title when the page declares another one', () => {
  const body = `<header class="post-heading"><span>Posted on March 3, 2020</span></header><article class="blog-post"><h1 id="setup">Setup</h1>${ARTICLE}</article>`;
  const post = extractPost(page('<title>Deploying with Nix | Notes</title><meta property="og:title" content="Deploying with Nix">', body), 'https://x.example/nix/');
  assert.equal(post.meta.title, 'Deploying with Nix');
  assert.match(post.contentHtml, /<h1 id="setup">Setup<\/h1>/);
});

test('JSON-LD article nested under a Blog (blogPost) or a WebPage (mainEntity) is found', () => {
  const blog = '{"@context":"https://schema.org","@type":"Blog","name":"B","blogPost":{"@type":"BlogPosting","headline":"Nested","datePublished":"2012-12-12","author":"Quinn"}}';
  const post = extractPost(page(`<script type="application/ld+json">${blog}</script>`, `<div>${ARTICLE}</div>`), 'https://x.example/n');
  assert.equal(post.meta.title, 'Nested');
  assert.equal(post.meta.date, '2012-12-12');
  assert.equal(post.meta.author, 'Quinn');
  const webpage = '{"@type":"WebPage","mainEntity":{"@type":"Article","headline":"Main entity","datePublished":"2011-11-11T11:11:11Z"}}';
  assert.equal(extractPost(page(`<script type="application/ld+json">${webpage}</script>`, `<div>${ARTICLE}</div>`), 'https://x.example/m').meta.date, '2011-11-11T11:11:11Z');
});

test('titles with literal angle brackets and ampersands survive from every source', () => {
  const head = '<title>Escaping &lt;HTML&gt; &amp; Markdown | Blog</title><meta property="og:title" content="Escaping &lt;HTML&gt; &amp; Markdown">';
  const fromHeading = extractPost(page(head, `<article><h1 class="post-title">Escaping &lt;HTML&gt; &amp; Markdown</h1>${ARTICLE}</article>`), 'https://x.example/e');
  assert.equal(fromHeading.meta.title, 'Escaping <HTML> & Markdown');
  const fromOg = extractPost(page(head, `<div>${ARTICLE}</div>`), 'https://x.example/e');
  assert.equal(fromOg.meta.title, 'Escaping <HTML> & Markdown');
  const ld = '<script type="application/ld+json">{"@type":"BlogPosting","headline":"Don&#8217;t &lt;panic&gt; & <relax>"}</script>';
  assert.equal(extractPost(page(ld, `<div>${ARTICLE}</div>`), 'https://x.example/e').meta.title, 'Don’t <panic> & <relax>');
});

test('a capped article:tag list gives way to the page list that holds it all', () => {
  const metas = ['a', 'b', 'c', 'd', 'e', 'f'].map((t) => `<meta property="article:tag" content="${t}">`).join('');
  const links = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((t) => `<a href="/tags/${t}/">${t}</a>`).join(' ');
  const post = extractPost(page(metas, `<article>${ARTICLE}<footer class="post-tags">${links}</footer></article>`), 'https://x.example/p');
  assert.deepEqual(post.meta.tags, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
  const primaryOnly = extractPost(page(metas, `<article>${ARTICLE}<footer><a href="/tags/a/">a</a></footer></article>`), 'https://x.example/p');
  assert.deepEqual(primaryOnly.meta.tags, ['a', 'b', 'c', 'd', 'e', 'f']);
});

test('Docusaurus joins every tag into one article:tag meta: it is split; a tag shown with its comma stays whole', () => {
  const head = (tags: string) => `<title>Container networking | Bench Blog</title><meta name="generator" content="Docusaurus v3.10.2"><meta data-rh="true" property="og:type" content="article"><meta data-rh="true" property="article:published_time" content="2015-12-28T10:30:00.000Z"><meta data-rh="true" property="article:tag" content="${tags}">`;
  const footer = (tags: string[]) => `<footer class="docusaurus-mt-lg"><div class="row margin-top--sm theme-blog-footer-edit-meta-row"><div class="col"><b>Tags:</b><ul class="tags_jXut padding--none margin-left--sm">${tags.map((t) => `<li class="tag_QGVx"><a rel="tag" class="tag_zVej tagRegular_sFm0" href="/tags/${encodeURIComponent(t)}">${t}</a></li>`).join('')}</ul></div></div></footer>`;
  const body = (tags: string[]) => `<div id="__docusaurus"><main class="col col--7"><article class=""><header><h1 class="title_f1Hy">Container networking</h1><div class="container_mt6G margin-vert--md"><time datetime="2015-12-28T10:30:00.000Z">December 28, 2015</time></div></header><div id="__blog-post-container" class="markdown">${ARTICLE}</div>${footer(tags)}</article></main></div>`;
  assert.deepEqual(extractPost(page(head('docker,linux'), body(['docker', 'linux'])), 'http://d.test/2015/12/28/post-3').meta.tags, ['docker', 'linux']);
  assert.deepEqual(extractPost(page(head('docker,linux'), `<div id="__docusaurus"><main><article><div id="__blog-post-container" class="markdown">${ARTICLE}</div></article></main></div>`), 'http://d.test/p').meta.tags, ['docker', 'linux']);
  assert.deepEqual(extractPost(page(head('Hello, world'), body(['Hello, world'])), 'http://d.test/p').meta.tags, ['Hello, world']);
});

test('AnZhiYu tag links carry a post count in a child element: the count is not part of the tag', () => {
  const body = `<main id="blog-container"><div class="layout" id="content-inner"><div id="post"><article class="post-content" id="article-container">${ARTICLE}</article><div class="post-tools" id="post-tools"><div class="post-tools-right"><div class="tag_share"><div class="post-meta__box"><div class="post-meta__box__tag-list"><a class="post-meta__box__tags" href="/tags/docker/"><span class="tags-punctuation"> <i class="anzhiyufont anzhiyu-icon-tag"></i></span>docker<span class="tagsPageCount">11</span></a><a class="post-meta__box__tags" href="/tags/linux/"><span class="tags-punctuation"> <i class="anzhiyufont anzhiyu-icon-tag"></i></span>linux<span class="tagsPageCount">6</span></a></div></div></div></div></div></div><div class="aside-content" id="aside-content"><div class="card-widget card-tags"><div class="card-tag-cloud"><a href="/tags/ceph/" style="font-size: 0.88rem;">ceph<sup>9</sup></a><a href="/tags/docker/" style="font-size: 0.88rem;">docker<sup>11</sup></a></div></div></div></div></main>`;
  const post = extractPost(page('<title>容器网络浅析 | Bench Blog</title><meta name="generator" content="Hexo 8.1.2">', body), 'http://a.test/2015/12/28/post-3/');
  assert.deepEqual(post.meta.tags, ['docker', 'linux']);
});

test('the blog\'s own description and share image, repeated on a post page, are not the post\'s', async () => {
  const { readSiteFacts } = await import('../../src/discover/site-facts.js');
  const siteHead = '<meta name="description" content="Notes on kernels and clouds."><meta property="og:image" content="/img/avatar.png">';
  const site = readSiteFacts(page(`<title>Notes</title>${siteHead}`, '<ul><li><a href="/p/">P</a></li></ul>'));
  assert.deepEqual({ description: site.description, image: site.image }, { description: 'Notes on kernels and clouds.', image: '/img/avatar.png' });
  const repeated = extractPost(page(siteHead, `<article>${ARTICLE}</article>`), 'https://x.example/p/', { site });
  assert.equal(repeated.meta.description, undefined);
  assert.equal(repeated.meta.image, undefined);
  const own = extractPost(page('<meta name="description" content="Why rings beat queues."><meta property="og:image" content="/img/ring.png">', `<article>${ARTICLE}</article>`), 'https://x.example/q/', { site });
  assert.equal(own.meta.description, 'Why rings beat queues.');
  assert.equal(own.meta.image, 'https://x.example/img/ring.png');
});

test('a breadcrumb trail above the post names its categories in order; a trail of sections names none', () => {
  const banner = (trail: string) =>
    page(
      '<title>Ring buffers - Bench Blog</title>',
      `<header class="site-header"><a href="/">Bench Blog</a></header><main><div class="banner"><div id="breadcrumb"><a class="breadcrumb" href="/">Home</a> / <a class="breadcrumb" href="/">Posts</a>${trail}</div>` +
        `<h1>Ring buffers</h1><time datetime="2024-06-03">2024-06-03</time></div><article class="md-text">${ARTICLE}</article></main>`,
    );
  const withCategories = banner(' / <a class="breadcrumb-link" href="/categories/systems/">Systems</a> / <a class="breadcrumb-link" href="/categories/systems/virtio/">Virtio</a>');
  assert.deepEqual(extractPost(withCategories, 'https://blog.example/posts/ring-buffers/').meta.categories, ['Systems', 'Virtio']);
  const sections = banner(' / <a class="breadcrumb-link" href="/posts/">All posts</a>');
  assert.deepEqual(extractPost(sections, 'https://blog.example/posts/ring-buffers/').meta.categories, []);
});
