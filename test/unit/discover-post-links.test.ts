import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPostLinks } from '../../src/discover/post-links.js';

const doc = (body: string) => `<!doctype html><html><head><title>Blog</title></head><body>${body}</body></html>`;
const urls = (html: string, pageUrl: string, ...rest: Parameters<typeof findPostLinks> extends [string, string, ...infer R] ? R : never) =>
  findPostLinks(html, pageUrl, ...rest).map((l) => l.url);

const siteHeader = `<header class="site-header"><a class="site-title" href="/">Blog</a><nav><a href="/about/">About</a><a href="/2015/01/01/pinned/">Pinned</a></nav></header>`;
const siteFooter = `<footer class="site-footer"><a href="/feed.xml">RSS</a><a href="/2014/05/05/footer-post/">Footer post</a></footer>`;

test('Jekyll minima: "• 26 Jul 2015 » Title" entries give the Read more link, the title and the date', () => {
  const entry = (date: string, slug: string, title: string) =>
    `<li class="post"><h2 class="post-title">&bull; <span class="post-date">${date}</span> &raquo; <a class="post-link" href="/2015/07/${slug}/">${title}</a></h2><div class="post-excerpt"><p>Text with <a href="/2013/01/01/older/">a link to an older post</a> and <a href="https://example.org/x">out</a>.</p></div><p class="read-more"><a href="/2015/07/${slug}/">Read more...</a></p></li>`;
  const html = doc(`${siteHeader}<main class="page-content"><div class="home"><ul class="post-list posts">${entry('26 Jul 2015', '26/tuning', 'Tuning Live Migration')}${entry('02 Jul 2015', '02/云镜像', '云镜像源码阅读')}</ul><nav class="pagination"><a class="pagination-item older" href="/page2/">Older</a></nav></div></main>${siteFooter}`);
  assert.deepEqual(findPostLinks(html, 'http://j.test/'), [
    { url: 'http://j.test/2015/07/26/tuning/', title: 'Tuning Live Migration', date: '2015-07-26' },
    { url: 'http://j.test/2015/07/02/%E4%BA%91%E9%95%9C%E5%83%8F/', title: '云镜像源码阅读', date: '2015-07-02' },
  ]);
});

const hexoSidebar = `<aside id="sidebar"><div class="widget-wrap"><h3 class="widget-title">Tags</h3><div class="widget"><ul class="tag-list"><li><a href="/tags/kvm/" rel="tag">kvm</a></li></ul></div></div><div class="widget-wrap"><h3 class="widget-title">Recent Posts</h3><div class="widget"><ul><li><a href="/2016/02/18/newest/">Newest</a></li><li><a href="/2016/02/07/second/">Second</a></li></ul></div></div></aside>`;

test('Hexo landscape: "Read More" to #more is the post; sidebar tags and recent posts do not leak', () => {
  const article = (slug: string, title: string, iso: string) =>
    `<article class="h-entry article article-type-post"><div class="article-meta"><a href="/2015/07/${slug}/" class="article-date"><time class="dt-published" datetime="${iso}">${iso.slice(0, 10)}</time></a><div class="article-category"><a class="article-category-link" href="/categories/Kernel/">Kernel</a></div></div><div class="article-inner"><header class="article-header"><h1 itemprop="name"><a class="p-name article-title" href="/2015/07/${slug}/">${title}</a></h1></header><div class="e-content article-entry"><p>Excerpt.</p><p class="article-more-link"><a href="/2015/07/${slug}/#more">Read More</a></p></div><footer class="article-footer"><a data-url="x" class="article-share-link">Share</a><ul class="article-tag-list"><li><a class="article-tag-list-link" href="/tags/linux/" rel="tag">linux</a></li></ul></footer></div></article>`;
  const html = doc(`<div id="container"><header id="header"><a href="/" id="logo">Blog</a><nav id="main-nav"><a href="/archives">Archives</a></nav></header><div class="outer"><section id="main">${article('02/tuning', 'Tuning', '2015-07-02T20:30:00.000Z')}${article('01/next', 'Next one', '2015-07-01T08:00:00.000Z')}<nav id="page-nav"><a class="extend next" rel="next" href="/page/2/">Next &raquo;</a></nav></section>${hexoSidebar}</div></div>`);
  assert.deepEqual(findPostLinks(html, 'http://h.test/'), [
    { url: 'http://h.test/2015/07/02/tuning/', title: 'Tuning', date: '2015-07-02T20:30:00Z' },
    { url: 'http://h.test/2015/07/01/next/', title: 'Next one', date: '2015-07-01T08:00:00Z' },
  ]);
});

test('NexT: Read more button in .post-button, title link in .post-title', () => {
  const block = (slug: string, title: string) =>
    `<div class="post-block"><article itemscope itemtype="http://schema.org/Article" class="post-content"><link itemprop="mainEntityOfPage" href="http://n.test/${slug}/"><header class="post-header"><h2 class="post-title"><a href="/${slug}/" class="post-title-link">${title}</a></h2><div class="post-meta"><time title="Created" itemprop="dateCreated datePublished" datetime="2015-07-02T20:30:00+08:00">2015-07-02</time><a href="/categories/Kernel/" rel="index">Kernel</a></div></header><div class="post-body"><p>Excerpt</p><div class="post-button"><a class="btn" href="/${slug}/#more" rel="contents">Read more &raquo;</a></div></div></article></div>`;
  const html = doc(`<main class="main"><div class="column"><header class="header"><a href="/" class="brand" rel="start">Blog</a></header><aside class="sidebar"><a href="/archives/">45 posts</a></aside></div><div class="main-inner index posts-expand">${block('a', 'Alpha')}${block('b', 'Beta')}</div></main>`);
  assert.deepEqual(findPostLinks(html, 'http://n.test/'), [
    { url: 'http://n.test/a/', title: 'Alpha', date: '2015-07-02T20:30:00+08:00' },
    { url: 'http://n.test/b/', title: 'Beta', date: '2015-07-02T20:30:00+08:00' },
  ]);
});

test('WordPress: entry-title links and "Continue reading"; sidebar widgets of recent posts and pages ignored', () => {
  const post = (id: number, slug: string, title: string) =>
    `<article id="post-${id}" class="post-${id} post type-post status-publish hentry"><header class="entry-header"><h2 class="entry-title"><a href="https://w.test/${slug}/" rel="bookmark">${title}</a></h2><div class="entry-meta"><span class="posted-on"><a href="https://w.test/${slug}/" rel="bookmark"><time class="entry-date published" datetime="2019-03-0${id}T10:00:00+00:00">March ${id}, 2019</time></a></span><span class="byline"><a class="url fn n" href="https://w.test/author/admin/">admin</a></span></div></header><div class="entry-summary"><p>Summary [&hellip;]</p><a href="https://w.test/${slug}/" class="more-link">Continue reading<span class="screen-reader-text"> "${title}"</span></a></div><footer class="entry-footer"><span class="cat-links"><a href="https://w.test/category/news/" rel="category tag">News</a></span><a href="https://w.test/${slug}/#respond">Leave a comment</a></footer></article>`;
  const sidebar = `<div id="secondary" class="widget-area"><section id="recent-posts-2" class="widget widget_recent_entries"><ul><li><a href="https://w.test/old-favourite/">Old favourite</a></li></ul></section><section class="widget widget_pages"><ul><li><a href="https://w.test/about/">About</a></li><li><a href="https://w.test/portfolio/work/">Work</a></li></ul></section><section class="widget widget_archive"><ul><li><a href="https://w.test/2019/03/">March 2019</a></li></ul></section></div>`;
  const html = doc(`<div id="page" class="site"><header id="masthead" class="site-header"><a href="https://w.test/">W</a></header><div id="content"><main id="main" class="site-main">${post(1, 'hello-world', 'Hello world!')}${post(2, 'second-post', 'Second post')}<nav class="navigation posts-navigation"><div class="nav-previous"><a href="https://w.test/page/2/">Older posts</a></div></nav></main>${sidebar}</div></div>`);
  assert.deepEqual(findPostLinks(html, 'https://w.test/'), [
    { url: 'https://w.test/hello-world/', title: 'Hello world!', date: '2019-03-01T10:00:00Z' },
    { url: 'https://w.test/second-post/', title: 'Second post', date: '2019-03-02T10:00:00Z' },
  ]);
});

test('Blogger: posts inside the Blog1 widget are found, the PopularPosts widget is not', () => {
  const post = (slug: string, title: string) =>
    `<div class="post-outer"><div class="post hentry" itemprop="blogPost"><h3 class="post-title entry-title"><a href="https://x.blogspot.test/2015/07/${slug}.html">${title}</a></h3><div class="post-body entry-content"><p>Intro</p><div class="jump-link"><a href="https://x.blogspot.test/2015/07/${slug}.html#more" title="${title}">Read more &raquo;</a></div></div><div class="post-footer"><span class="post-timestamp"><a class="timestamp-link" href="https://x.blogspot.test/2015/07/${slug}.html"><abbr class="published" itemprop="datePublished" title="2015-07-26T10:00:00-07:00">10:00 AM</abbr></a></span><span class="post-labels"><a href="https://x.blogspot.test/search/label/linux" rel="tag">linux</a></span></div></div></div>`;
  const html = doc(`<div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed"><div class="date-outer"><h2 class="date-header"><span>Sunday, July 26, 2015</span></h2><div class="date-posts">${post('first', 'First')}${post('second', 'Second')}</div></div></div><div class="blog-pager" id="blog-pager"><a class="blog-pager-older-link" href="https://x.blogspot.test/search?updated-max=2015-07-01T10:00:00-07:00&amp;max-results=7">Older Posts</a></div></div></div><div class="sidebar section" id="sidebar-right-1"><div class="widget PopularPosts" id="PopularPosts1"><ul><li><a href="https://x.blogspot.test/2012/01/popular.html">Popular</a></li></ul></div><div class="widget PageList"><a href="https://x.blogspot.test/p/about.html">About</a></div></div>`);
  assert.deepEqual(findPostLinks(html, 'https://x.blogspot.test/'), [
    { url: 'https://x.blogspot.test/2015/07/first.html', title: 'First', date: '2015-07-26T10:00:00-07:00' },
    { url: 'https://x.blogspot.test/2015/07/second.html', title: 'Second', date: '2015-07-26T10:00:00-07:00' },
  ]);
});

test('Ghost (Casper): post cards whose image and content links both go to the post; tag links are not posts', () => {
  const card = (slug: string, title: string) =>
    `<article class="post-card post tag-news"><a class="post-card-image-link" href="/${slug}/"><img class="post-card-image" src="/content/images/${slug}.jpg" alt="${title}"></a><div class="post-card-content"><a class="post-card-content-link" href="/${slug}/"><header class="post-card-header"><div class="post-card-tags"><span class="post-card-primary-tag">News</span></div><h2 class="post-card-title">${title}</h2></header><div class="post-card-excerpt">Excerpt</div></a><footer class="post-card-meta"><time class="post-card-meta-date" datetime="2021-05-04">May 4, 2021</time></footer></div></article>`;
  const html = doc(`<header id="gh-head" class="gh-head"><a class="gh-head-logo" href="/">Ghost</a><nav class="gh-head-menu"><a href="/tag/news/">News</a></nav></header><main id="site-main" class="site-main outer"><div class="inner posts"><div class="post-feed">${card('welcome', 'Welcome')}${card('writing-posts', 'Writing posts')}</div></div></main>`);
  assert.deepEqual(findPostLinks(html, 'https://g.test/'), [
    { url: 'https://g.test/welcome/', title: 'Welcome', date: '2021-05-04' },
    { url: 'https://g.test/writing-posts/', title: 'Writing posts', date: '2021-05-04' },
  ]);
});

test('Hugo (PaperMod): a covering link with no text; the title comes from the heading', () => {
  const entry = (slug: string, title: string) =>
    `<article class="post-entry"><header class="entry-header"><h2 class="entry-hint-parent">${title}</h2></header><div class="entry-content"><p>Summary</p></div><footer class="entry-footer"><span title="2022-01-02 10:00:00 +0000 UTC">January 2, 2022</span>&nbsp;·&nbsp;1 min</footer><a class="entry-link" aria-label="post link to ${title}" href="https://u.test/posts/${slug}/"></a></article>`;
  const html = doc(`<header class="header"><nav class="nav"><a href="https://u.test/" accesskey="h">U</a><ul id="menu"><li><a href="https://u.test/tags/">Tags</a></li></ul></nav></header><main class="main">${entry('one', 'One')}${entry('two', 'Two')}<footer class="page-footer"><nav class="pagination"><a class="next" href="https://u.test/page/2/">Next&nbsp;&nbsp;»</a></nav></footer></main>`);
  assert.deepEqual(findPostLinks(html, 'https://u.test/'), [
    { url: 'https://u.test/posts/one/', title: 'One', date: '2022-01-02' },
    { url: 'https://u.test/posts/two/', title: 'Two', date: '2022-01-02' },
  ]);
});

test('card grid: whole cards are links, with or without a known class', () => {
  const known = doc(`<main><div class="grid"><a class="card" href="/p/alpha/"><img src="/a.jpg"><h3>Alpha</h3><p>Teaser</p></a><a class="card" href="/p/beta/"><img src="/b.jpg"><h3>Beta</h3></a></div></main>`);
  assert.deepEqual(urls(known, 'http://c.test/'), ['http://c.test/p/alpha/', 'http://c.test/p/beta/']);
  const unknown = doc(`<main><div class="tiles"><a class="tile" href="/p/alpha/"><img src="/a.jpg"><span>Alpha</span></a><a class="tile" href="/p/beta/"><img src="/b.jpg"><span>Beta</span></a></div></main>`);
  assert.deepEqual(urls(unknown, 'http://c.test/'), ['http://c.test/p/alpha/', 'http://c.test/p/beta/']);
});

test('title-only list with dates in the text', () => {
  const html = doc(`${siteHeader}<main><h1>Writing</h1><ul class="list"><li><span>2020-05-01</span> <a href="/notes/first/">First note</a></li><li><span>2020-04-11</span> <a href="/notes/second/">Second note</a></li></ul></main>${siteFooter}`);
  assert.deepEqual(findPostLinks(html, 'http://t.test/'), [
    { url: 'http://t.test/notes/first/', title: 'First note', date: '2020-05-01' },
    { url: 'http://t.test/notes/second/', title: 'Second note', date: '2020-04-11' },
  ]);
});

test('archive page by year inside one <article>: every listed post, year links left out', () => {
  const html = doc(`${siteHeader}<main><article class="page"><h1>Archive</h1><h2><a href="/2016/">2016</a></h2><ul><li><time datetime="2016-02-18">Feb 18</time> <a href="/2016/02/18/huge-pages/">Huge pages</a></li><li><time datetime="2016-01-03">Jan 3</time> <a href="/2016/01/03/nova/">Nova</a></li></ul><h2><a href="/2015/">2015</a></h2><ul><li><time datetime="2015-12-28">Dec 28</time> <a href="/2015/12/28/net/">Net</a></li></ul></article></main>`);
  const bySection = doc(`<main class="archive"><section class="year"><h2><a href="/2021/">2021</a></h2><ul><li><time datetime="2021-03-14">Mar 14</time> <a href="/2021/tide-pools/">Tide Pools</a></li><li><time datetime="2021-02-02">Feb 2</time> <a href="/2021/plain-text/">Plain Text</a></li></ul></section><section class="year"><h2><a href="/2019/">2019</a></h2><ul><li><time datetime="2019-06-01">Jun 1</time> <a href="/2019/first-post/">First Post</a></li></ul></section></main>`);
  assert.deepEqual(findPostLinks(bySection, 'http://a.test/').at(-1), { url: 'http://a.test/2019/first-post/', title: 'First Post', date: '2019-06-01' });
  assert.deepEqual(findPostLinks(html, 'http://a.test/archive/', undefined, { scope: 'http://a.test/' }), [
    { url: 'http://a.test/2016/02/18/huge-pages/', title: 'Huge pages', date: '2016-02-18' },
    { url: 'http://a.test/2016/01/03/nova/', title: 'Nova', date: '2016-01-03' },
    { url: 'http://a.test/2015/12/28/net/', title: 'Net', date: '2015-12-28' },
  ]);
});

test('an index showing whole posts takes each title link, not the links inside the bodies', () => {
  const body = `<p>See <a href="/about/">me</a>, <a href="/2010/01/01/old/">an old post</a>, <a href="/tags/x/">tag</a> and <a href="#fn1">note</a>.</p><ul><li><a href="/2011/01/01/a/">a</a></li><li><a href="/2011/01/02/b/">b</a></li><li><a href="/2011/01/03/c/">c</a></li></ul>`;
  const html = doc(`<main><article><h2><a href="/2020/01/02/full-one/">Full one</a></h2>${body}</article><article><h2><a href="/2020/01/01/full-two/">Full two</a></h2>${body}</article></main>`);
  assert.deepEqual(urls(html, 'http://f.test/'), ['http://f.test/2020/01/02/full-one/', 'http://f.test/2020/01/01/full-two/']);
});

test('Chinese "阅读全文" links; a page with a single entry', () => {
  const html = doc(`<div id="content"><div class="post"><h2 class="title">第一篇</h2><p>摘要</p><a href="/about/">关于</a><a href="/posts/第一篇.html">阅读全文 »</a><p class="meta">发表于 2015年7月26日</p></div></div>`);
  assert.deepEqual(findPostLinks(html, 'http://z.test/'), [{ url: 'http://z.test/posts/%E7%AC%AC%E4%B8%80%E7%AF%87.html', title: '第一篇', date: '2015-07-26' }]);
});

test('scope: other origins and paths outside the start directory are not posts', () => {
  const html = doc(`<main><article><h2><a href="/blog/2020/a/">A</a></h2></article><article><h2><a href="/shop/item/">Shop</a></h2></article><article><h2><a href="https://elsewhere.test/blog/b/">B</a></h2></article><article><h2><a href="b2/">B2</a></h2></article></main>`);
  assert.deepEqual(urls(html, 'http://s.test/blog/page/2/'), ['http://s.test/blog/2020/a/', 'http://s.test/blog/page/2/b2/']);
  assert.deepEqual(urls(html, 'http://s.test/blog/', undefined, { scope: 'http://s.test/' }), ['http://s.test/blog/2020/a/', 'http://s.test/shop/item/', 'http://s.test/blog/b2/']);
});

test('listing and site pages are never posts: tags, categories, archives, authors, pagination, feeds, about', () => {
  const links = ['/tags/x/', '/category/news/', '/archives/', '/archives/2015/07/', '/author/jo/', '/page/2/', '/feed/', '/atom.xml', '/about/', '/2015/07/', '/search/label/linux', '/?s=q', '/posts/real/', '/archives/123/'];
  const html = doc(`<main><ul>${links.map((l) => `<li><a href="${l}">${l}</a></li>`).join('')}</ul></main>`);
  assert.deepEqual(urls(html, 'http://l.test/'), ['http://l.test/posts/real/', 'http://l.test/archives/123/']);
});

test('posts listed twice (a sticky post) come out once, in first position', () => {
  const html = doc(`<main><article><h2><a href="/p/sticky/">Sticky</a></h2></article><article><h2><a href="/p/new/">New</a></h2></article><article><h2><a href="/p/sticky/index.html">Sticky</a></h2></article></main>`);
  assert.deepEqual(urls(html, 'http://d.test/'), ['http://d.test/p/sticky/', 'http://d.test/p/new/']);
});

test('--post-link selector replaces detection; --exclude takes globs and /regex/', () => {
  const html = doc(`<main><div class="x"><span class="go"><a href="/one/">One</a></span><span class="go"><a href="/two/">Two</a></span><span class="go"><a href="/drafts/three/">Three</a></span></div></main>`);
  assert.deepEqual(urls(html, 'http://o.test/', { postLink: '.go' }), ['http://o.test/one/', 'http://o.test/two/', 'http://o.test/drafts/three/']);
  assert.deepEqual(urls(html, 'http://o.test/', { postLink: '.go a', exclude: ['/drafts/'] }), ['http://o.test/one/', 'http://o.test/two/']);
  assert.deepEqual(urls(html, 'http://o.test/', { postLink: '.go', exclude: ['*/tw?/'] }), ['http://o.test/one/', 'http://o.test/drafts/three/']);
  assert.deepEqual(urls(html, 'http://o.test/', { exclude: ['/\\/(one|two)\\/$/'] }), ['http://o.test/drafts/three/']);
});

test('Butterfly-like: the index lives in #recent-posts (a chrome-like name) and its items have no entry class', () => {
  const item = (slug: string, title: string, cls: string) =>
    `<div class="recent-post-item ${cls}"><div class="post_cover left"><a href="/${slug}/" title="${title}"><img class="post-bg" src="/img/${slug}.jpg" alt="${title}"></a></div><div class="recent-post-info"><a class="article-title" href="/${slug}/" title="${title}">${title}</a><div class="article-meta-wrap"><span class="post-meta-date"><time datetime="2023-03-0${slug.length}T00:00:00.000Z">2023-03-0${slug.length}</time></span><a class="article-meta__categories" href="/categories/Life/">Life</a></div><div class="content">Excerpt</div></div></div>`;
  const html = doc(`<div id="body-wrap"><header class="not-top-img" id="page-header"><nav id="nav"><a href="/">B</a></nav></header><main class="layout" id="content-inner"><div class="recent-posts nc" id="recent-posts">${item('alpha', 'Alpha', 'odd')}${item('betas', 'Betas', 'even')}${item('gammas', 'Gammas', 'odd')}<nav id="pagination"><div class="pagination"><span class="page-number current">1</span><a class="page-number" href="/page/2/">2</a><a class="extend next" rel="next" href="/page/2/"><i class="fas fa-chevron-right fa-fw"></i></a></div></nav></div><div class="aside-content" id="aside-content"><div class="card-widget card-recent-post"><div class="aside-list"><div class="aside-list-item"><a class="title" href="/old/">Old</a></div><div class="aside-list-item"><a class="title" href="/older/">Older</a></div></div></div></div></main></div>`);
  assert.deepEqual(findPostLinks(html, 'https://bf.test/'), [
    { url: 'https://bf.test/alpha/', title: 'Alpha', date: '2023-03-05T00:00:00Z' },
    { url: 'https://bf.test/betas/', title: 'Betas', date: '2023-03-05T00:00:00Z' },
    { url: 'https://bf.test/gammas/', title: 'Gammas', date: '2023-03-06T00:00:00Z' },
  ]);
});

test('Butterfly last page: as many sidebar "recent posts" as listed posts; the listing with excerpts wins', () => {
  const excerpt = 'The bridge forwards pending work under heavy load, which keeps latency low for every guest on the host. '.repeat(2);
  const item = (slug: string, title: string) =>
    `<div class="recent-post-item"><div class="recent-post-info no-cover"><a class="article-title" href="/2013/07/${slug}/" title="${title}">${title}</a><div class="article-meta-wrap"><span class="post-meta-date"><time datetime="2013-07-24T10:30:00.000Z">2013-07-24</time></span><span class="article-meta"><a class="article-meta__categories" href="/categories/Kernel/">Kernel</a></span></div><div class="content">${excerpt}</div></div></div>`;
  const recent = (slug: string, title: string) =>
    `<div class="aside-list-item no-cover"><div class="content"><a class="title" href="/2016/02/${slug}/" title="${title}">${title}</a><time datetime="2016-02-18T09:30:00.000Z">2016-02-18</time></div></div>`;
  const html = doc(`<main class="layout" id="content-inner"><div class="recent-posts nc" id="recent-posts"><div class="recent-post-items">${item('old-a', 'Old A')}${item('old-b', 'Old B')}</div><nav id="pagination"><div class="pagination"><a class="extend prev" rel="prev" href="/page/4/"><i class="fas fa-chevron-left fa-fw"></i></a><span class="page-number current">5</span></div></nav></div><div class="aside-content" id="aside-content"><div class="card-widget card-recent-post"><div class="item-headline"><span>Recent Posts</span></div><div class="aside-list">${recent('new-a', 'New A')}${recent('new-b', 'New B')}</div></div></div></main>`);
  assert.deepEqual(urls(html, 'https://bf.test/page/5/'), ['https://bf.test/2013/07/old-a/', 'https://bf.test/2013/07/old-b/']);
});

test('Eleventy base blog: ol.postlist of links with <time>', () => {
  const html = doc(`<header><a href="/" class="home-link">Eleventy</a><nav><ul class="nav"><li class="nav-item"><a href="/blog/">Archive</a></li><li class="nav-item"><a href="/about/">About</a></li></ul></nav></header><main id="skip"><h1>Archive</h1><ol reversed class="postlist" style="--postlist-index: 3;"><li class="postlist-item postlist-item-active"><a href="/blog/thirdpost/" class="postlist-link">This is my third post.</a><time class="postlist-date" datetime="2018-08-24">24 August 2018</time></li><li class="postlist-item"><a href="/blog/secondpost/" class="postlist-link">This is my second post.</a><time class="postlist-date" datetime="2018-07-04">04 July 2018</time></li><li class="postlist-item"><a href="/blog/firstpost/" class="postlist-link">This is my first post.</a><time class="postlist-date" datetime="2018-05-01">01 May 2018</time></li></ol></main><footer><p><em>Built with <a href="https://www.11ty.dev/">Eleventy</a></em></p></footer>`);
  assert.deepEqual(findPostLinks(html, 'http://e.test/blog/'), [
    { url: 'http://e.test/blog/thirdpost/', title: 'This is my third post.', date: '2018-08-24' },
    { url: 'http://e.test/blog/secondpost/', title: 'This is my second post.', date: '2018-07-04' },
    { url: 'http://e.test/blog/firstpost/', title: 'This is my first post.', date: '2018-05-01' },
  ]);
});

test('Docusaurus blog list: "Read More" labelled links, recent-posts sidebar in <nav>', () => {
  const article = (slug: string, title: string, date: string) =>
    `<article class="margin-bottom--xl" itemprop="blogPost" itemscope itemtype="http://schema.org/BlogPosting"><header><h2 class="title_f1Hy" itemprop="headline"><a itemprop="url" href="/blog/${slug}">${title}</a></h2><div class="container_mt6G margin-vert--md"><time datetime="${date}T00:00:00.000Z" itemprop="datePublished">May 30, 2021</time></div></header><div class="markdown" itemprop="articleBody"><p>Intro</p></div><footer class="row docusaurus-mt-lg"><div class="col"><b>Tags:</b><ul class="tags_jXut padding--none margin-left--sm"><li class="tag_QGVx"><a class="tag_zVej tagRegular_sFm0" href="/blog/tags/hello">hello</a></li></ul></div><div class="col text--right col--3"><a aria-label="Read more about ${title}" href="/blog/${slug}"><b>Read More</b></a></div></footer></article>`;
  const html = doc(`<nav aria-label="Main" class="navbar navbar--fixed-top"><a class="navbar__brand" href="/">Site</a><a class="navbar__item navbar__link" href="/docs/intro">Tutorial</a></nav><div class="main-wrapper"><div class="container margin-vert--lg"><div class="row"><aside class="col col--3"><nav class="sidebar_re4s thin-scrollbar" aria-label="Blog recent posts navigation"><div class="sidebarItemTitle_pO2u margin-bottom--md">Recent posts</div><ul class="sidebarItemList_Yudw clean-list"><li class="sidebarItem__DBe"><a class="sidebarItemLink_mo7H" href="/blog/welcome">Welcome</a></li></ul></nav></aside><main class="col col--7" itemscope itemtype="http://schema.org/Blog">${article('welcome', 'Welcome', '2021-08-26')}${article('mdx-blog-post', 'MDX Blog Post', '2021-08-01')}<nav class="pagination-nav" aria-label="Blog list page navigation"><a class="pagination-nav__link pagination-nav__link--next" href="/blog/page/2"><div class="pagination-nav__label">Older Entries</div></a></nav></main></div></div></div>`);
  assert.deepEqual(findPostLinks(html, 'http://d.test/blog'), [
    { url: 'http://d.test/blog/welcome', title: 'Welcome', date: '2021-08-26T00:00:00Z' },
    { url: 'http://d.test/blog/mdx-blog-post', title: 'MDX Blog Post', date: '2021-08-01T00:00:00Z' },
  ]);
});

test('Typecho-like posts at /archives/N/ and Substack-like /p/slug previews are posts', () => {
  const typecho = doc(`<div id="main"><article class="post"><h2 class="post-title"><a href="/archives/12/">Twelve</a></h2><ul class="post-meta"><li><time datetime="2019-09-09T09:09:00+08:00">2019年9月9日</time></li><li><a href="/category/default/">默认分类</a></li></ul><div class="post-content"><p>…</p><p class="more"><a href="/archives/12/" title="Twelve">- 阅读剩余部分 -</a></p></div></article></div>`);
  assert.deepEqual(urls(typecho, 'https://t.test/'), ['https://t.test/archives/12/']);
  const substack = doc(`<div class="portable-archive-list"><div class="post-preview portable-archive-post"><a class="post-preview-title newsletter" href="https://s.test/p/first-issue">First issue</a><div class="post-preview-description">Desc</div><time datetime="2022-02-02T12:00:00.000Z">Feb 2</time></div><div class="post-preview portable-archive-post"><a class="post-preview-title newsletter" href="https://s.test/p/second-issue">Second issue</a></div></div>`);
  assert.deepEqual(urls(substack, 'https://s.test/archive'), ['https://s.test/p/first-issue', 'https://s.test/p/second-issue']);
});

test('a title starting with "More" is a title, not a "Read more" label', () => {
  const html = doc(`<main><article><h2><a href="/p/more-on-caching/">More on caching</a></h2><p>Body</p></article><article><h2><a href="/p/continue/">Continue</a></h2><p>Body</p><p><a href="/p/continue/">Continue reading &rarr;</a></p></article></main>`);
  assert.deepEqual(findPostLinks(html, 'http://m.test/'), [
    { url: 'http://m.test/p/more-on-caching/', title: 'More on caching' },
    { url: 'http://m.test/p/continue/', title: 'Continue' },
  ]);
});

test('cards of related posts inside a whole-post entry stay inside it; a .post wrapper around the list is seen through', () => {
  const related = `<div class="related"><h3>Related</h3><div class="card"><a href="/p/r1/">R1</a></div><div class="card"><a href="/p/r2/">R2</a></div><div class="card"><a href="/p/r3/">R3</a></div></div>`;
  const whole = doc(`<main><article class="post"><h2><a href="/p/one/">One</a></h2><p>Full text.</p>${related.replace('class="related"', 'class="more-like-this"')}</article><article class="post"><h2><a href="/p/two/">Two</a></h2><p>Full text.</p></article></main>`);
  assert.deepEqual(urls(whole, 'http://w.test/'), ['http://w.test/p/one/', 'http://w.test/p/two/']);
  const wrapped = doc(`<div class="post"><h1>Latest</h1><div class="entry"><h2><a href="/p/a/">A</a></h2></div><div class="entry"><h2><a href="/p/b/">B</a></h2></div><div class="entry"><h2><a href="/p/c/">C</a></h2></div></div>`);
  assert.deepEqual(urls(wrapped, 'http://w.test/'), ['http://w.test/p/a/', 'http://w.test/p/b/', 'http://w.test/p/c/']);
});

test('menus in plain divs (#header, .footer) are chrome too, even for title-only lists', () => {
  const html = doc(`<div id="header"><ul><li><a href="/">Home</a></li><li><a href="/reading-list/">Reading list</a></li><li><a href="/gear/">Gear</a></li></ul></div><div id="content"><ul><li><a href="/posts/one/">One</a></li><li><a href="/posts/two/">Two</a></li></ul></div><div class="footer"><ul><li><a href="/colophon/">Colophon</a></li><li><a href="/credits/">Credits</a></li></ul></div>`);
  assert.deepEqual(urls(html, 'http://m.test/'), ['http://m.test/posts/one/', 'http://m.test/posts/two/']);
});

test('listing dates written 07/12/2026 are read in the order of the page\'s language', () => {
  const listing = (lang: string) =>
    `<!doctype html><html lang="${lang}"><body><main>` +
    ['a', 'b'].map((slug) => `<article><h2><a href="/posts/${slug}/">Billet ${slug}</a></h2><span class="date">07/12/2026</span><p>Un extrait du billet.</p></article>`).join('') +
    `</main></body></html>`;
  assert.deepEqual(findPostLinks(listing('fr'), 'http://f.test/').map((l) => l.date), ['2026-12-07', '2026-12-07']);
  assert.deepEqual(findPostLinks(listing('en-US'), 'http://f.test/').map((l) => l.date), ['2026-07-12', '2026-07-12']);
});

test('an untitled entry takes no title from its "Copy link" share button, a titled one keeps its own', () => {
  const entry = (slug: string, title: string) => `<li class="post_item"><div class="excerpt"><div class="excerpt_header">
<h3 class="post_link"><a href="/blog/${slug}/" title="${title}">${title}</a></h3>
<div class="post_meta"><span class="post_date">Jan 5, 2025</span> <div class="post_share">Share:
<a href="https://social.test/share?u=/blog/${slug}/" title="Share on Social"><svg class="icon"><title>social</title></svg></a>
<a href="/blog/${slug}/" title="Copy Link" class="link link_yank"><svg class="icon"><title>copy</title></svg></a></div></div></div>
<div class="excerpt_footer"><p>The cache keeps the base image between builds, so the second run is fast.</p>
<a href="/blog/${slug}/" title="Read more" class="excerpt_more button">Read more</a></div></div></li>`;
  const html = `<html><body><main><ul class="posts">${entry('cache-notes', '')}${entry('layer-notes', 'Layer notes')}${entry('build-notes', 'Build notes')}</ul></main></body></html>`;
  const links = findPostLinks(html, 'http://c.test/');
  assert.deepEqual(links.map((l) => [l.url, l.title]), [
    ['http://c.test/blog/cache-notes/', undefined],
    ['http://c.test/blog/layer-notes/', 'Layer notes'],
    ['http://c.test/blog/build-notes/', 'Build notes'],
  ]);
});
