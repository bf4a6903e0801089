import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { detectEngine, extractPost } from '../../src/extract/index.js';

const BODY = '<p>The scheduler places every instance on a host that has room, which keeps latency low.</p><p>Then it weighs the remaining hosts, and the best one wins the placement round.</p><pre><code class="language-python">print("hi")</code></pre>';

function text(html: string): string {
  return load(html).text().replace(/\s+/g, ' ').trim();
}

function assertBody(contentHtml: string, junk: string[]) {
  const t = text(contentHtml);
  assert.match(t, /The scheduler places every instance/);
  assert.match(t, /the best one wins the placement round/);
  assert.match(contentHtml, /<code class="language-python">/);
  for (const j of junk) assert.ok(!t.includes(j), `junk "${j}" left in: ${t}`);
}

test('WordPress classic theme (Twenty Twenty-One)', () => {
  const html = `<!doctype html><html lang="en-US"><head><meta name="generator" content="WordPress 6.4.2">
<title>Placement rounds &#8211; Ops Notes</title>
<link rel="stylesheet" href="https://ops.example/wp-content/themes/twentytwentyone/style.css"></head>
<body class="post-template-default single single-post"><header id="masthead" class="site-header"><p class="site-title"><a href="/">Ops Notes</a></p>
<nav class="primary-navigation"><a href="/about/">About</a></nav></header>
<main id="main" class="site-main"><article id="post-12" class="post-12 post type-post status-publish hentry category-cloud tag-nova tag-scheduling">
<header class="entry-header"><h1 class="entry-title">Placement rounds</h1></header>
<div class="entry-content">${BODY}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a href="https://twitter.com/share">Twitter</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3><p>Another post you might like</p></div></div>
<footer class="entry-footer default-max-width"><div class="posted-by"><span class="posted-on">Published <time class="entry-date published updated" datetime="2021-03-04T09:15:00+01:00">March 4, 2021</time></span><span class="byline">By <a href="/author/ana/" rel="author">Ana</a></span></div>
<div class="post-taxonomies"><span class="cat-links">Categorized as <a href="https://ops.example/category/cloud/" rel="category tag">Cloud</a></span><span class="tags-links">Tagged <a href="https://ops.example/tag/nova/" rel="tag">nova</a>, <a href="https://ops.example/tag/scheduling/" rel="tag">scheduling</a></span></div></footer>
</article>
<nav class="navigation post-navigation"><div class="nav-links"><div class="nav-previous"><a href="/older/" rel="prev">Previous post</a></div></div></nav>
<div id="comments" class="comments-area"><h2 class="comments-title">One thought on “Placement rounds”</h2><p>Great post!</p></div></main>
<aside class="widget-area"><section class="widget widget_tag_cloud"><div class="tagcloud"><a href="https://ops.example/tag/ceph/" class="tag-cloud-link" rel="tag">ceph</a><a href="https://ops.example/tag/nova/" rel="tag">nova</a></div></section></aside>
<footer id="colophon" class="site-footer">Proudly powered by WordPress</footer></body></html>`;
  const post = extractPost(html, 'https://ops.example/2021/03/04/placement-rounds/');
  assert.equal(post.engine, 'wordpress');
  assert.equal(post.meta.title, 'Placement rounds');
  assert.equal(post.meta.date, '2021-03-04T09:15:00+01:00');
  assert.deepEqual(post.meta.tags, ['nova', 'scheduling']);
  assert.deepEqual(post.meta.categories, ['Cloud']);
  assert.equal(post.meta.author, 'Ana');
  assert.equal(post.meta.lang, 'en-US');
  assertBody(post.contentHtml, ['Share this', 'Related', 'Great post', 'Previous post', 'Published', 'powered']);
});

test('WordPress block theme (Twenty Twenty-Four)', () => {
  const html = `<html lang="en"><head><meta name="generator" content="WordPress 6.5"><title>Block placement – Ops</title></head>
<body class="wp-singular post-template-default single"><div class="wp-site-blocks">
<header class="wp-block-template-part"><div class="wp-block-group"><p class="wp-block-site-title"><a href="/">Ops</a></p><nav class="wp-block-navigation"><a href="/blog/">Blog</a></nav></div></header>
<main class="wp-block-group"><div class="wp-block-group"><h1 class="wp-block-post-title">Block placement</h1>
<div class="wp-block-template-part"><div class="wp-block-group"><div class="wp-block-post-date"><time datetime="2023-11-05T18:00:00+00:00">November 5, 2023</time></div>
<div class="wp-block-post-author-name">Ben</div><div class="taxonomy-category wp-block-post-terms"><a href="/category/ops/" rel="tag">Ops</a></div></div></div></div>
<div class="entry-content wp-block-post-content is-layout-constrained">${BODY}<div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" href="/pricing/">See pricing</a></div></div></div>
<div class="wp-block-group"><div class="taxonomy-post_tag wp-block-post-terms"><a href="/tag/placement/" rel="tag">placement</a></div></div>
<nav class="wp-block-group" aria-label="Posts"><div class="post-navigation-link-previous wp-block-post-navigation-link"><a href="/prev/" rel="prev">Prev</a></div></nav>
<div class="wp-block-comments"><h2>Leave a Reply</h2></div></main>
<footer class="wp-block-template-part">Designed with WordPress</footer></div></body></html>`;
  const post = extractPost(html, 'https://ops.example/block-placement/');
  assert.equal(post.engine, 'wordpress');
  assert.equal(post.meta.title, 'Block placement');
  assert.equal(post.meta.date, '2023-11-05T18:00:00Z');
  assert.deepEqual(post.meta.tags, ['placement']);
  assert.deepEqual(post.meta.categories, ['Ops']);
  assert.equal(post.meta.author, 'Ben');
  assertBody(post.contentHtml, ['Leave a Reply', 'Prev', 'Designed with']);
  assert.match(text(post.contentHtml), /See pricing/, 'a button block is the author’s content');
});

test('Ghost (Casper)', () => {
  const html = `<html lang="en"><head><title>Scheduling at scale</title><meta name="generator" content="Ghost 5.75">
<meta property="article:published_time" content="2022-06-01T08:00:00.000Z"><meta property="article:tag" content="Ops"><meta property="article:tag" content="Nova">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","headline":"Scheduling at scale","author":{"@type":"Person","name":"Chris"},"datePublished":"2022-06-01T08:00:00.000Z","keywords":"Ops, Nova"}</script></head>
<body class="post-template"><div class="viewport"><header id="gh-head" class="gh-head outer"><a class="gh-head-logo" href="/">Ghost Blog</a></header>
<main id="site-main" class="site-main"><article class="article post tag-ops">
<header class="article-header gh-canvas"><div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="/tag/ops/">Ops</a></span></div>
<h1 class="article-title">Scheduling at scale</h1><div class="article-byline"><div class="article-byline-meta"><h4 class="author-name"><a href="/author/chris/">Chris</a></h4>
<div class="byline-meta-content"><time class="byline-meta-date" datetime="2022-06-01">Jun 1, 2022</time><span class="byline-reading-time">3 min read</span></div></div></div></header>
<section class="gh-content gh-canvas">${BODY}<aside class="gh-post-upgrade-cta"><h2>This post is for subscribers only</h2></aside></section>
</article></main><section class="footer-cta outer"><h2 class="footer-cta-title">Sign up for more like this.</h2></section>
<aside class="read-more-wrap outer"><div class="read-more inner"><article class="post-card"><h2>Other post</h2></article></div></aside></div></body></html>`;
  const post = extractPost(html, 'https://ghost.example/scheduling-at-scale/');
  assert.equal(post.engine, 'ghost');
  assert.equal(post.meta.title, 'Scheduling at scale');
  assert.equal(post.meta.date, '2022-06-01T08:00:00Z', 'the visible day gains the time of the machine-readable value');
  assert.equal(post.meta.author, 'Chris');
  assert.deepEqual(post.meta.tags, ['Ops', 'Nova'], 'article:tag lists every tag, the page only the primary one');
  assertBody(post.contentHtml, ['subscribers only', 'Sign up', 'Other post', 'min read']);
});

test('Blogger / Blogspot', () => {
  const html = `<html dir="ltr" lang="en"><head><meta content="blogger" name="generator"><title>Ops Notes: Rounds of placement</title>
<link href="https://www.blogger.com/static/v1/widgets/style.css" rel="stylesheet"></head><body>
<div class="main-inner"><div class="blog-posts hfeed"><div class="date-outer"><h2 class="date-header"><span>Sunday, July 26, 2015</span></h2>
<div class="date-posts"><div class="post-outer"><div class="post hentry" itemprop="blogPost" itemscope itemtype="http://schema.org/BlogPosting">
<h3 class="post-title entry-title" itemprop="name">Rounds of placement</h3><div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-123" itemprop="description articleBody">${BODY}<div style="clear: both;"></div></div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn" itemprop="author">Dana</span></span>
<span class="post-timestamp">at <a class="timestamp-link" href="https://opsnotes.blogspot.com/2015/07/rounds.html" rel="bookmark"><abbr class="published" itemprop="datePublished" title="2015-07-26T10:30:00-07:00">10:30 AM</abbr></a></span>
<div class="post-share-buttons goog-inline-block"><a class="goog-inline-block share-button sb-email" href="#">Email This</a></div></div>
<div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels: <a href="https://opsnotes.blogspot.com/search/label/nova" rel="tag">nova</a>, <a href="https://opsnotes.blogspot.com/search/label/ops" rel="tag">ops</a></span></div></div>
</div><div class="comments" id="comments"><h4>No comments:</h4></div></div></div></div>
<div class="blog-pager" id="blog-pager"><a class="blog-pager-newer-link" href="/newer.html">Newer Post</a></div></div></div>
<div class="sidebar section"><div class="widget Label"><a dir="ltr" href="https://opsnotes.blogspot.com/search/label/ceph">ceph</a></div></div></body></html>`;
  const post = extractPost(html, 'https://opsnotes.blogspot.com/2015/07/rounds.html');
  assert.equal(post.engine, 'blogger');
  assert.equal(post.meta.title, 'Rounds of placement');
  assert.equal(post.meta.date, '2015-07-26T10:30:00-07:00');
  assert.deepEqual(post.meta.tags, ['nova', 'ops']);
  assert.equal(post.meta.author, 'Dana');
  assertBody(post.contentHtml, ['Posted by', 'Email This', 'No comments', 'Newer Post', 'ceph']);
});

test('Docusaurus blog post', () => {
  const html = `<html lang="en" dir="ltr"><head><meta name="generator" content="Docusaurus v3.1.0"><title>Release notes | Project</title>
<meta property="og:title" content="Release notes | Project"></head><body><div id="__docusaurus"><nav class="navbar"><a class="navbar__brand" href="/">Project</a></nav>
<div class="main-wrapper"><div class="container margin-vert--lg"><div class="row"><aside class="col col--3"><nav class="sidebar_re4s"><div class="sidebarItemTitle_pO2u">Recent posts</div><ul><li><a href="/blog/older">Older</a></li></ul></nav></aside>
<main class="col col--7"><article itemprop="blogPost" itemscope itemtype="http://schema.org/BlogPosting"><header><h1 class="title_f1Hy" itemprop="headline">Release notes</h1>
<div class="container_mt6G margin-vert--md"><time datetime="2021-08-26T00:00:00.000Z" itemprop="datePublished">August 26, 2021</time> · <!-- -->One min read</div></header>
<div id="__blog-post-container" class="markdown" itemprop="articleBody">${BODY.replace('<p>Then', '<h2 class="anchor anchorWithStickyNavbar_LWe7" id="then">Then<a href="#then" class="hash-link" aria-label="Direct link to Then" title="Direct link to Then">\u200b</a></h2><p>Then')}</div>
<footer class="row docusaurus-mt-lg blog-post-page__footer"><div class="col"><b>Tags:</b><ul class="tags_jXut"><li class="tag_QGVx"><a class="tag_zVej tagRegular_sFm0" href="/blog/tags/release">release</a></li></ul></div>
<div class="col margin-top--sm"><a href="https://github.com/x/edit/main/blog/x.md" class="theme-edit-this-page">Edit this page</a></div></footer></article>
<nav class="pagination-nav" aria-label="Blog post page navigation"><a class="pagination-nav__link" href="/blog/older"><div class="pagination-nav__label">Older Post</div></a></nav></main></div></div></div></div></body></html>`;
  const post = extractPost(html, 'https://docs.example/blog/release-notes');
  assert.equal(post.engine, 'docusaurus');
  assert.equal(post.meta.title, 'Release notes');
  assert.equal(post.meta.date, '2021-08-26T00:00:00Z');
  assert.deepEqual(post.meta.tags, ['release']);
  assertBody(post.contentHtml, ['Edit this page', 'Older Post', 'Recent posts', 'min read']);
  assert.match(post.contentHtml, /<h2[^>]*id="then"[^>]*>Then<\/h2>/);
});

test('Eleventy base blog', () => {
  const html = `<html lang="en"><head><meta name="generator" content="Eleventy v2.0.1"><title>Third post | Eleventy Base Blog</title></head><body>
<header><a href="/" class="home-link">Eleventy Base Blog</a><nav><ul class="nav"><li class="nav-item"><a href="/blog/">Archive</a></li></ul></nav></header>
<main id="skip"><heading-anchors><h1 id="third-post">Third post</h1>
<ul class="post-metadata"><li><time datetime="2018-08-24">24 August 2018</time></li><li><a href="/tags/second-tag/" class="post-tag">second tag</a>, </li><li><a href="/tags/another-tag/" class="post-tag">another tag</a></li></ul>
${BODY}</heading-anchors>
<ul class="links-nextprev"><li class="links-nextprev-prev">Previous<br> <a href="/blog/secondpost/">This is my second post.</a></li></ul></main>
<footer><p>Built with Eleventy</p></footer></body></html>`;
  const post = extractPost(html, 'https://11ty.example/blog/thirdpost/');
  assert.equal(post.engine, 'eleventy');
  assert.equal(post.meta.title, 'Third post');
  assert.equal(post.meta.date, '2018-08-24');
  assert.deepEqual(post.meta.tags, ['second tag', 'another tag']);
  assertBody(post.contentHtml, ['second post', 'Archive', 'Built with', 'Third post', '24 August']);
});

test('Hugo (PaperMod)', () => {
  const html = `<html lang="en" dir="auto"><head><meta name="generator" content="Hugo 0.121.1"><title>Placement | Ops</title>
<meta property="article:published_time" content="2020-09-15T11:30:03+00:00"></head><body class="" id="top">
<header class="header"><nav class="nav"><div class="logo"><a href="/">Ops</a></div><ul id="menu"><li><a href="/tags/"><span>Tags</span></a></li></ul></nav></header>
<main class="main"><article class="post-single"><header class="post-header"><div class="breadcrumbs"><a href="/">Home</a>&nbsp;»&nbsp;<a href="/posts/">Posts</a></div>
<h1 class="post-title entry-hint-parent">Placement</h1><div class="post-meta"><span title='2020-09-15 11:30:03 +0000 UTC'>September 15, 2020</span>&nbsp;·&nbsp;1 min&nbsp;·&nbsp;Me</div></header>
<div class="toc"><details open><summary accesskey="c"><span class="details">Table of Contents</span></summary><div class="inner"><ul><li><a href="#x">X</a></li></ul></div></details></div>
<div class="post-content">${BODY.replace('<p>Then', '<h2 id="x">X<a hidden class="anchor" aria-hidden="true" href="#x">#</a></h2><p>Then')}</div>
<footer class="post-footer"><ul class="post-tags"><li><a href="https://ops.example/tags/nova/">Nova</a></li></ul>
<nav class="paginav"><a class="prev" href="/posts/older/"><span class="title">« Prev</span><br><span>Older</span></a></nav>
<ul class="share-buttons"><li><a target="_blank" rel="noopener noreferrer" aria-label="share Placement on x" href="https://x.com/intent/tweet/">X</a></li></ul></footer></article></main>
<footer class="footer"><span>&copy; 2024 Ops</span></footer></body></html>`;
  const post = extractPost(html, 'https://ops.example/posts/placement/');
  assert.equal(post.engine, 'hugo');
  assert.equal(post.meta.title, 'Placement');
  assert.equal(post.meta.date, '2020-09-15T11:30:03Z');
  assert.deepEqual(post.meta.tags, ['Nova']);
  assertBody(post.contentHtml, ['Table of Contents', 'Prev', '2024', 'Home']);
  assert.match(post.contentHtml, /<h2 id="x">X<\/h2>/);
});

test('Hexo Butterfly: title and categories in the page header, tags after the body', () => {
  const html = `<html lang="zh-CN"><head><meta name="generator" content="Hexo 7.0.0"><title>调度器笔记 | 小站</title></head><body>
<div id="sidebar"><div id="menu-mask"></div><div class="sidebar-site-data site-data"><a href="/tags/"><div class="headline">标签</div><div class="length-num">12</div></a></div></div>
<div class="post" id="body-wrap"><header class="post-bg" id="page-header"><nav id="nav"><span id="blog-info"><a href="/"><span class="site-name">小站</span></a></span></nav>
<div id="post-info"><h1 class="post-title">调度器笔记</h1><div id="post-meta"><div class="meta-firstline"><span class="post-meta-date"><i class="far fa-calendar-alt fa-fw post-meta-icon"></i><span class="post-meta-label">发表于</span><time class="post-meta-date-created" datetime="2023-05-20T02:10:00.000Z" title="发表于 2023-05-20 10:10:00">2023-05-20</time></span>
<span class="post-meta-categories"><span class="post-meta-separator">|</span><i class="fas fa-inbox fa-fw post-meta-icon"></i><a class="post-meta-categories" href="/categories/%E5%86%85%E6%A0%B8/">内核</a></span></div></div></div></header>
<main class="layout" id="content-inner"><div id="post"><article class="post-content" id="article-container">${BODY}</article>
<div class="post-copyright"><div class="post-copyright__author"><span class="post-copyright-meta">文章作者: </span><span class="post-copyright-info"><a href="https://x.example">me</a></span></div></div>
<div class="tag_share"><div class="post-meta__tag-list"><a class="post-meta__tags" href="/tags/nova/">nova</a><a class="post-meta__tags" href="/tags/linux/">linux</a></div><div class="post_share"><div class="social-share"></div></div></div>
<nav class="pagination-post" id="pagination"><div class="prev-post pull-left"><a href="/2023/05/01/old/"><div class="label">上一篇</div></a></div></nav></div>
<div class="aside-content" id="aside-content"><div class="card-widget card-tags"><div class="card-tag-cloud"><a href="/tags/ceph/">ceph</a><a href="/tags/nova/">nova</a></div></div></div></main></div></body></html>`;
  const post = extractPost(html, 'https://blog.example/2023/05/20/scheduler/');
  assert.equal(post.engine, 'hexo');
  assert.equal(post.meta.title, '调度器笔记');
  assert.equal(post.meta.date, '2023-05-20T02:10:00Z');
  assert.deepEqual(post.meta.tags, ['nova', 'linux']);
  assert.deepEqual(post.meta.categories, ['内核']);
  assertBody(post.contentHtml, ['文章作者', '上一篇', 'ceph']);
});

test('Hexo Fluid: body in .markdown-body, local date without offset', () => {
  const html = `<html lang="zh-CN"><head><meta name="generator" content="Hexo 6.3.0"><title>网络笔记 - 博客</title></head><body>
<header><div class="header-inner"><nav id="navbar" class="navbar"><a class="navbar-brand" href="/"><strong>博客</strong></a></nav>
<div id="banner" class="banner"><div class="banner-text text-center fade-in-up"><div class="h2"><span id="subtitle" data-typed-text="网络笔记"></span></div>
<div class="mt-3"><span class="post-meta"><i class="iconfont icon-date-fill" aria-hidden="true"></i><time datetime="2022-01-09 14:05" pubdate>2022年1月9日 下午</time></span></div></div></div></div></header>
<main><div class="container-fluid nopadding-x"><div class="row nomargin-x"><div class="side-col d-none d-lg-block col-lg-2"></div><div class="col-lg-8 nopadding-x-md"><div class="container nopadding-x-md" id="board-ctn"><div id="board">
<article class="post-content mx-auto"><h1 id="seo-header">网络笔记</h1><div class="markdown-body">${BODY}</div><hr/>
<div><div class="post-metas my-3"><div class="post-meta mr-3 d-flex align-items-center"><i class="iconfont icon-category"></i><span class="category-chains"><span class="category-chain"><a href="/categories/%E7%BD%91%E7%BB%9C/" class="category-chain-item">网络</a></span></span></div>
<div class="post-meta"><i class="iconfont icon-tags"></i><a href="/tags/tcp/" class="print-no-link">#tcp</a></div></div>
<div class="license-box my-3"><div class="license-title"><div>网络笔记</div></div></div>
<div class="post-prevnext my-3"><article class="post-prev col-6"><a href="/2022/01/01/x/" title="上一篇"><span class="hidden-mobile">上一篇</span></a></article></div></div>
<article id="comments" lazyload><div id="valine"></div></article></article></div></div></div></div></div></main></body></html>`;
  const post = extractPost(html, 'https://blog.example/2022/01/09/net/');
  assert.equal(post.engine, 'hexo');
  assert.equal(post.meta.title, '网络笔记');
  assert.equal(post.meta.date, '2022-01-09T14:05:00');
  assert.deepEqual(post.meta.tags, ['tcp']);
  assert.deepEqual(post.meta.categories, ['网络']);
  assertBody(post.contentHtml, ['上一篇']);
});

test('Jekyll (Minimal Mistakes)', () => {
  const html = `<html lang="en" class="no-js"><head><title>Placement - Ops Notes</title><meta property="og:title" content="Placement">
<meta property="article:published_time" content="2019-04-18T00:00:00+00:00"><!-- Begin Jekyll SEO tag v2.8.0 --></head><body class="layout--single">
<div class="masthead"><nav id="site-nav" class="greedy-nav"><a class="site-title" href="/">Ops Notes</a></nav></div>
<div id="main" role="main"><div class="sidebar sticky"><div itemscope itemtype="https://schema.org/Person" class="h-card"><h3 class="author__name p-name" itemprop="name">Eve</h3></div></div>
<article class="page h-entry" itemscope itemtype="https://schema.org/CreativeWork"><div class="page__inner-wrap"><header><h1 id="page-title" class="page__title p-name" itemprop="headline"><a href="https://ops.example/placement/" class="u-url" itemprop="url">Placement</a></h1>
<p class="page__meta"><span class="page__meta-date"><i class="far fa-calendar-alt" aria-hidden="true"></i><time datetime="2019-04-18T00:00:00+00:00">April 18, 2019</time></span></p></header>
<section class="page__content e-content" itemprop="text"><aside class="sidebar__right sticky"><nav class="toc"><header><h4 class="nav__title">On this page</h4></header><ul class="toc__menu"><li><a href="#a">A</a></li></ul></nav></aside>${BODY}</section>
<footer class="page__meta"><p class="page__taxonomy"><strong><i class="fas fa-fw fa-tags" aria-hidden="true"></i> Tags: </strong><span itemprop="keywords"><a href="/tags/#nova" class="page__taxonomy-item p-category" rel="tag">nova</a></span></p>
<p class="page__taxonomy"><strong>Categories: </strong><span itemprop="keywords"><a href="/categories/#ops" class="page__taxonomy-item p-category" rel="tag">ops</a></span></p></footer>
<section class="page__share"><h4 class="page__share-title">Share on</h4><a href="https://x.com/intent/tweet" class="btn btn--x">X</a></section>
<nav class="pagination"><a href="/older/" class="pagination--pager">Previous</a></nav></div></article></div></body></html>`;
  const post = extractPost(html, 'https://ops.example/placement/');
  assert.equal(post.engine, 'jekyll');
  assert.equal(post.meta.title, 'Placement');
  assert.equal(post.meta.date, '2019-04-18T00:00:00Z');
  assert.deepEqual(post.meta.tags, ['nova']);
  assert.deepEqual(post.meta.categories, ['ops']);
  assertBody(post.contentHtml, ['On this page', 'Share on', 'Previous']);
});

test('Medium story', () => {
  const html = `<html lang="en"><head><title>Placement at scale | by Fay | Medium</title><meta property="al:android:app_name" content="Medium">
<meta property="og:title" content="Placement at scale"><meta property="article:published_time" content="2020-02-03T17:01:12.345Z">
<meta name="author" content="Fay"></head><body><div id="root"><nav><a href="/">Medium</a><a href="/m/signin">Sign in</a></nav>
<article><div class="l"><section><div class="speechify-ignore ab co"><div><h1 class="pw-post-title" data-testid="storyTitle">Placement at scale</h1></div>
<div class="pw-author"><a data-testid="authorName" href="/@fay">Fay</a><span data-testid="storyReadTime">4 min read</span><span data-testid="storyPublishDate">Feb 3, 2020</span></div>
<div class="pw-multi-vote-icon"><button data-testid="headerClapButton">clap</button></div></div>
${BODY.replace(/<p>/g, '<p class="pw-post-body-paragraph">')}</section></div></article>
<footer><div>More from Fay</div></footer></div></body></html>`;
  const post = extractPost(html, 'https://medium.com/@fay/placement-at-scale-123abc');
  assert.equal(post.engine, 'medium');
  assert.equal(post.meta.title, 'Placement at scale');
  assert.equal(post.meta.date, '2020-02-03T17:01:12Z');
  assert.equal(post.meta.author, 'Fay');
  assertBody(post.contentHtml, ['min read', 'clap', 'More from', 'Sign in', 'Placement at scale']);
});

test('Substack post', () => {
  const html = `<html lang="en"><head><title>Placement, weekly - by Gus</title><link rel="preconnect" href="https://substackcdn.com">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","url":"https://gus.substack.com/p/placement","headline":"Placement, weekly","datePublished":"2023-10-02T12:00:40+00:00","author":[{"@type":"Person","name":"Gus"}]}</script></head>
<body><div id="entry"><div class="main-menu"><a href="/">Gus’s Newsletter</a><button>Subscribe</button></div>
<article class="typography newsletter-post post"><div class="post-header"><h1 class="post-title published">Placement, weekly</h1><h3 class="subtitle">A note on scheduling</h3>
<div class="post-meta"><div class="pencraft">Oct 02, 2023</div></div></div>
<div class="available-content"><div class="body markup" dir="auto">${BODY}
<div class="subscription-widget-wrap"><div class="subscription-widget"><p>Thanks for reading! Subscribe for free to receive new posts.</p><form><input type="email"><button>Subscribe</button></form></div></div>
<p class="button-wrapper"><a class="button primary" href="https://gus.substack.com/subscribe"><span>Subscribe now</span></a></p></div></div>
<div class="post-footer"><div class="like-button-container">12 likes</div></div></article></div></body></html>`;
  const post = extractPost(html, 'https://gus.substack.com/p/placement');
  assert.equal(post.engine, 'substack');
  assert.equal(post.meta.title, 'Placement, weekly');
  assert.equal(post.meta.date, '2023-10-02T12:00:40Z');
  assert.equal(post.meta.author, 'Gus');
  assertBody(post.contentHtml, ['Subscribe', 'Thanks for reading', 'likes']);
});

test('detectEngine reads the generator meta first, then markup signatures', () => {
  assert.equal(detectEngine('<meta name="generator" content="Hugo 0.120.0"><div class="post-content"></div>'), 'hugo');
  assert.equal(detectEngine('<meta name="generator" content="Jekyll v3.9.0">'), 'jekyll');
  assert.equal(detectEngine('<html><head><script class="next-config" data-name="main" type="application/json">{}</script></head></html>'), 'hexo');
  assert.equal(detectEngine('<link rel="stylesheet" href="/wp-content/themes/x/style.css">'), 'wordpress');
  assert.equal(detectEngine('<div class="gh-content"><p>x</p></div>'), 'ghost');
  assert.equal(detectEngine('<div id="__docusaurus"></div>'), 'docusaurus');
  assert.equal(detectEngine('<p>plain page</p>'), undefined);
});

test('Hexo NexT: icon-only header links, tags after the body, TOC sidebar and post nav left out', () => {
  const html = `<html lang="en"><head><meta name="generator" content="Hexo 8.1.2"><title>Ring notes | Bench</title>
<meta property="og:title" content="Ring notes"><meta property="article:published_time" content="2015-12-02T10:30:00.000Z"><meta property="article:tag" content="kvm">
<script class="next-config" data-name="main" type="application/json">{"hostname":"x"}</script></head><body itemscope itemtype="http://schema.org/WebPage">
<main class="main"><div class="column"><header class="header"><p class="site-title">Bench</p></header><aside class="sidebar"><div class="post-toc"><ol class="nav"><li><a class="nav-link" href="#How"><span class="nav-text">How</span></a></li></ol></div>
<div class="site-state"><a href="/archives/"><span class="site-state-item-count">45</span></a></div></aside></div>
<div class="main-inner post posts-expand"><div class="post-block"><article itemscope itemtype="http://schema.org/Article" class="post-content" lang="en">
<span hidden itemprop="author" itemscope itemtype="http://schema.org/Person"><meta itemprop="name" content="John Doe"></span>
<header class="post-header"><h1 class="post-title" itemprop="name headline">Ring notes</h1><div class="post-meta-container"><div class="post-meta"><span class="post-meta-item"><span class="post-meta-item-text">Posted on</span>
<time title="Created: 2015-12-02 10:30:00" itemprop="dateCreated datePublished" datetime="2015-12-02T10:30:00Z">2015-12-02</time></span>
<span class="post-meta-item"><span class="post-meta-item-text">In</span><span itemprop="about" itemscope itemtype="http://schema.org/Thing"><a href="/categories/Cloud/" itemprop="url" rel="index"><span itemprop="name">Cloud</span></a></span></span></div></div></header>
<div class="post-body" itemprop="articleBody">${BODY.replace('<p>Then', '<h2 id="How"><a href="#How" class="headerlink" title="How"></a>How</h2><p>Then')}<span id="more"></span></div>
<footer class="post-footer"><div class="post-tags"><a href="/tags/kvm/" rel="tag"># kvm</a></div>
<div class="post-nav"><div class="post-nav-item"><a href="/2015/11/20/older/" rel="prev" title="Older"><i class="fa fa-angle-left"></i> Older</a></div></div></footer></article></div></div></main>
<footer class="footer"><div class="copyright">&copy; 2026 John Doe</div></footer></body></html>`;
  const post = extractPost(html, 'http://bench.example/2015/12/02/ring-notes/');
  assert.equal(post.engine, 'hexo');
  assert.equal(post.meta.title, 'Ring notes');
  assert.equal(post.meta.date, '2015-12-02T10:30:00Z');
  assert.deepEqual(post.meta.tags, ['kvm']);
  assert.deepEqual(post.meta.categories, ['Cloud']);
  assert.equal(post.meta.author, 'John Doe');
  assertBody(post.contentHtml, ['Older', 'John Doe', 'kvm', '45']);
  assert.match(post.contentHtml, /<h2 id="How">How<\/h2>/);
});

test('Jekyll minima: body in .post-content, date in the post header, no tags shown', () => {
  const html = `<html lang="en"><head><title>Tracing KVM | Bench (minima)</title><meta name="generator" content="Jekyll v4.3.1">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","author":{"@type":"Person","name":"John Doe"},"datePublished":"2014-03-23T16:30:00+00:00","headline":"Tracing KVM"}</script></head>
<body><header class="site-header" role="banner"><div class="wrapper"><a class="site-title" rel="author" href="/">Bench (minima)</a><nav class="site-nav"><div class="trigger"><a class="page-link" href="/about/">About</a></div></nav></div></header>
<main class="page-content" aria-label="Content"><div class="wrapper"><article class="post h-entry" itemscope itemtype="http://schema.org/BlogPosting">
<header class="post-header"><h1 class="post-title p-name" itemprop="name headline">Tracing KVM</h1><p class="post-meta"><time class="dt-published" datetime="2014-03-23T16:30:00+00:00" itemprop="datePublished">Mar 23, 2014</time></p></header>
<div class="post-content e-content" itemprop="articleBody">${BODY}<!-- more --></div><a class="u-url" href="/2014/03/23/tracing-kvm/" hidden></a></article></div></main>
<footer class="site-footer h-card"><div class="wrapper"><h2 class="footer-heading">Bench (minima)</h2><ul class="contact-list"><li class="p-name">John Doe</li></ul></div></footer></body></html>`;
  const post = extractPost(html, 'http://bench.example/2014/03/23/tracing-kvm/');
  assert.equal(post.engine, 'jekyll');
  assert.equal(post.meta.title, 'Tracing KVM');
  assert.equal(post.meta.date, '2014-03-23T16:30:00Z');
  assert.deepEqual(post.meta.tags, []);
  assert.equal(post.meta.author, 'John Doe');
  assertBody(post.contentHtml, ['Mar 23, 2014', 'About', 'Bench (minima)']);
});

test('MkDocs Material blog post', () => {
  const html = `<html lang="en"><head><meta name="generator" content="mkdocs-1.5.3, mkdocs-material-9.4.6"><title>Placement - Ops Handbook</title></head><body>
<header class="md-header"><nav class="md-header__inner"><a href="/" class="md-header__button md-logo">Ops</a></nav></header>
<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid"><div class="md-sidebar md-sidebar--post"><nav class="md-nav"><div class="md-post__meta md-nav__list"><time datetime="2023-08-08 00:00:00">August 8, 2023</time></div></nav></div>
<div class="md-content" data-md-component="content"><article class="md-content__inner md-typeset"><a href="https://github.com/x/y/edit/main/docs/blog/posts/p.md" title="Edit this page" class="md-content__button md-icon">edit</a>
<h1 id="placement">Placement<a class="headerlink" href="#placement" title="Permanent link">&para;</a></h1>${BODY}
<aside class="md-source-file"><span class="md-source-file__fact">Last update: <span class="git-revision-date-localized-plugin">August 9, 2023</span></span></aside></article></div></div></main>
<footer class="md-footer"><div class="md-copyright">Made with Material for MkDocs</div></footer></div></body></html>`;
  const post = extractPost(html, 'https://ops.example/blog/2023/08/08/placement/');
  assert.equal(post.engine, 'mkdocs');
  assert.equal(post.meta.title, 'Placement');
  assert.equal(post.meta.date, '2023-08-08T00:00:00');
  assertBody(post.contentHtml, ['edit', 'Last update', 'Made with', 'Placement']);
});

test('Astro blog starter: generator meta, body in article > .prose without the date/title/rule block', () => {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><link rel="sitemap" href="/sitemap-index.xml"><meta name="generator" content="Astro v5.18.2"><link rel="canonical" href="https://astro.example/blog/placement/"><title>Placement rounds</title><meta name="description" content="The scheduler places every instance."><meta property="og:type" content="website"></head>
<body><header data-astro-cid-3ef6ksr2><nav data-astro-cid-3ef6ksr2><h2 data-astro-cid-3ef6ksr2><a href="/" data-astro-cid-3ef6ksr2>Ops Notes</a></h2><div class="internal-links" data-astro-cid-3ef6ksr2><a href="/" data-astro-cid-eimmu3lg>Home</a><a href="/blog" class="active" data-astro-cid-eimmu3lg>Blog</a></div></nav></header>
<main data-astro-cid-bvzihdzo><article data-astro-cid-bvzihdzo><div class="hero-image" data-astro-cid-bvzihdzo></div><div class="prose" data-astro-cid-bvzihdzo><div class="title" data-astro-cid-bvzihdzo><div class="date" data-astro-cid-bvzihdzo><time datetime="2016-02-07T06:30:00.000Z"> Feb 7, 2016 </time><div class="last-updated-on" data-astro-cid-bvzihdzo>Last updated on <time datetime="2016-03-01T00:00:00.000Z"> Mar 1, 2016 </time></div></div><h1 data-astro-cid-bvzihdzo>Placement rounds</h1><hr data-astro-cid-bvzihdzo></div>${BODY}</div></article></main>
<footer data-astro-cid-sz7xmlte>&copy; 2026 Your name here. All rights reserved.</footer></body></html>`;
  const post = extractPost(html, 'https://astro.example/blog/placement/');
  assert.equal(post.engine, 'astro');
  assert.equal(post.meta.title, 'Placement rounds');
  assert.equal(post.meta.date, '2016-02-07T06:30:00Z');
  assert.equal(post.meta.updated, '2016-03-01T00:00:00Z');
  assertBody(post.contentHtml, ['Feb 7, 2016', 'Last updated', 'Placement rounds', 'Ops Notes', 'All rights']);
  assert.equal(detectEngine(html.replace(/<meta name="generator"[^>]*>/, '')), 'astro');
});
