import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { extractPost } from '../../src/extract/index.js';

// Pages in the style of engines and hosts without a rule set: the generic path must handle them.
const text = (html: string) => load(html).text().replace(/\s+/g, ' ').trim();

const PAGES: Record<string, string> = {
  devto: "<!DOCTYPE html><html lang=\"en\"><head><title>Ten tips for better Git commits - DEV Community</title><meta property=\"og:title\" content=\"Ten tips for better Git commits\">\n<meta name=\"keywords\" content=\"git, productivity, software development\"><meta property=\"article:published_time\" content=\"2021-06-15T12:01:00Z\"></head>\n<body><header class=\"crayons-header\"><a href=\"/\" class=\"site-logo\">DEV</a><form><input placeholder=\"Search...\"></form></header>\n<div class=\"crayons-layout\"><aside class=\"crayons-layout__sidebar-left\"><div class=\"reactions\">❤ 120</div></aside>\n<main id=\"main-content\"><article class=\"crayons-card\" id=\"article-show-container\" data-article-id=\"1\"><header class=\"crayons-article__header\"><div class=\"crayons-article__header__meta\"><div class=\"flex\"><a href=\"/sam\" class=\"crayons-link fw-bold\">Sam</a><p>Posted on <time datetime=\"2021-06-15T12:01:00Z\" class=\"date-no-year\">Jun 15</time></p></div>\n<h1 class=\"fs-3xl\">Ten tips for better Git commits</h1><div class=\"spec__tags\"><a class=\"crayons-tag\" href=\"/t/git\"><span class=\"crayons-tag__prefix\">#</span>git</a><a class=\"crayons-tag\" href=\"/t/productivity\"><span class=\"crayons-tag__prefix\">#</span>productivity</a></div></div></header>\n<div class=\"crayons-article__main\"><div class=\"crayons-article__body text-styles spec__body\" data-article-id=\"1\" id=\"article-body\"><p>Write the subject line in the imperative mood, as if you were giving the codebase an order.</p><p>Keep the subject short, fifty characters or so, and explain the why in the body, not the what.</p></div></div></article>\n<section id=\"comments\" class=\"text-padding mb-4 crayons-card comments-section\"><h2>Top comments (3)</h2><p>Nice tips!</p></section></main></div><footer class=\"crayons-footer\">DEV Community</footer></body></html>\n",
  gatsby: "<!DOCTYPE html><html lang=\"en\"><head><meta name=\"generator\" content=\"Gatsby 5.12.4\"/><title>New Beginnings | Gatsby Starter Blog</title><meta name=\"description\" content=\"This is a custom description for SEO and Open Graph purposes.\"/></head>\n<body><div id=\"___gatsby\"><div style=\"outline:none\" tabindex=\"-1\" id=\"gatsby-focus-wrapper\"><div class=\"global-wrapper\" data-is-root-path=\"false\"><header class=\"global-header\"><a class=\"header-link-home\" href=\"/\">Gatsby Starter Blog</a></header>\n<main><article class=\"blog-post\" itemscope=\"\" itemType=\"http://schema.org/Article\"><header><h1 itemProp=\"headline\">New Beginnings</h1><p>May 28, 2015</p></header>\n<section itemProp=\"articleBody\"><p>Far far away, behind the word mountains, far from the countries Vokalia and Consonantia, there live the blind texts.</p><p>Separated they live in Bookmarksgrove right at the coast of the Semantics, a large language ocean.</p></section>\n<hr/><footer><div class=\"bio\"><img class=\"bio-avatar\" src=\"/static/profile-pic.png\" alt=\"Profile picture\"/><p>Written by <strong>Kyle Mathews</strong> who lives and works in San Francisco building useful things. <a href=\"https://twitter.com/kylemathews\">You should follow them on Twitter</a></p></div></footer></article>\n<nav class=\"blog-post-nav\"><ul><li><a rel=\"prev\" href=\"/my-second-post/\">← My Second Post!</a></li></ul></nav></main>\n<footer>© 2023, Built with <a href=\"https://www.gatsbyjs.com\">Gatsby</a></footer></div></div></div></body></html>\n",
  hashnode: "<!DOCTYPE html><html lang=\"en\"><head><title>Understanding closures</title><meta property=\"og:title\" content=\"Understanding closures\">\n<script type=\"application/ld+json\">{\"@context\":\"https://schema.org/\",\"@type\":\"BlogPosting\",\"headline\":\"Understanding closures\",\"datePublished\":\"2022-09-30T16:20:11.000Z\",\"author\":{\"@type\":\"Person\",\"name\":\"Jo Dev\"},\"keywords\":\"javascript,closures\"}</script></head>\n<body><div id=\"__next\"><header class=\"blog-header\"><nav><a href=\"/\">Jo's blog</a><button>Follow</button></nav></header>\n<main><article><div class=\"blog-article-page\"><h1 class=\"font-heading\">Understanding closures</h1><div class=\"author\"><a href=\"/@jodev\">Jo Dev</a><span>Sep 30, 2022</span><span>·</span><span>3 min read</span></div>\n<div id=\"post-content-parent\"><div id=\"post-content-wrapper\" class=\"prose\"><p>A closure is a function bundled with the variables it was created next to, and it keeps them alive.</p><p>That is why a counter made with a closure keeps counting, even after the outer function returned.</p></div></div>\n<div class=\"tags\"><a href=\"/tag/javascript\">JavaScript</a><a href=\"/tag/closures\">closures</a></div>\n<div class=\"reactions\"><button>Like 5</button></div><div id=\"comments\">Comments (2)</div>\n<div class=\"subscribe-box\"><h3>Subscribe to my newsletter</h3><form><input type=\"email\"><button>Subscribe</button></form></div></div></article></main>\n<footer><p>©2022 Jo</p></footer></div></body></html>\n",
  pelican: "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>Tuning PostgreSQL autovacuum</title><meta name=\"author\" content=\"Pat\" /><meta name=\"keywords\" content=\"postgres,ops\" /></head>\n<body id=\"index\" class=\"home\"><header id=\"banner\" class=\"body\"><h1><a href=\"/\">DB Blog</a></h1><nav><ul><li><a href=\"/category/databases.html\">Databases</a></li></ul></nav></header>\n<section id=\"content\" class=\"body\"><article><header><h1 class=\"entry-title\"><a href=\"/tuning-autovacuum.html\" rel=\"bookmark\" title=\"Permalink to Tuning PostgreSQL autovacuum\">Tuning PostgreSQL autovacuum</a></h1></header>\n<footer class=\"post-info\"><abbr class=\"published\" title=\"2019-10-05T14:00:00+02:00\">Published: Sat 05 October 2019</abbr><address class=\"vcard author\">By <a class=\"url fn\" href=\"/author/pat.html\">Pat</a></address>\n<p>In <a href=\"/category/databases.html\">Databases</a>.</p><p>tags: <a href=\"/tag/postgres.html\">postgres</a> <a href=\"/tag/ops.html\">ops</a> </p></footer>\n<div class=\"entry-content\"><p>Autovacuum keeps tables healthy, but its defaults are tuned for small databases, not for large ones.</p>\n<p>Raise the scale factor thresholds carefully, and watch the dead tuple counts, table by table, over a week.</p></div>\n</article></section><section id=\"extras\" class=\"body\"><div class=\"blogroll\"><h2>links</h2><ul><li><a href=\"https://getpelican.com/\">Pelican</a></li></ul></div></section>\n<footer id=\"contentinfo\" class=\"body\"><address id=\"about\" class=\"vcard body\">Proudly powered by Pelican.</address></footer></body></html>\n",
  squarespace: "<!doctype html><html lang=\"en-US\"><head><title>Spring menu — Cafe Rosa</title><meta property=\"og:title\" content=\"Spring menu — Cafe Rosa\"><meta itemprop=\"datePublished\" content=\"2021-04-02T09:12:00-0700\"><meta itemprop=\"author\" content=\"Rosa\">\n<meta property=\"og:site_name\" content=\"Cafe Rosa\"></head><body>\n<header id=\"header\"><div class=\"header-nav\"><a href=\"/\">Home</a><a href=\"/menu\">Menu</a><a href=\"/blog\">Blog</a></div></header>\n<main id=\"page\" role=\"main\"><article class=\"entry h-entry\" id=\"article-1\"><div class=\"blog-item-wrapper\"><div class=\"blog-item-top-wrapper\"><div class=\"blog-item-title\"><h1 class=\"entry-title entry-title--large p-name\" data-content-field=\"title\">Spring menu</h1></div>\n<div class=\"blog-item-meta-wrapper\"><div class=\"blog-meta-item blog-meta-item--date\"><time class=\"dt-published date-highlight\" datetime=\"2021-04-02\">April 2, 2021</time></div><div class=\"blog-meta-item blog-meta-item--author\"><a href=\"/blog?author=1\">Rosa</a></div></div></div>\n<div class=\"blog-item-content-wrapper\"><div class=\"blog-item-content e-content\"><div class=\"sqs-layout\"><div class=\"sqs-block html-block\"><div class=\"sqs-block-content\"><p>Our spring menu brings back the asparagus tart, served warm with a lemon butter sauce.</p><p>We also added three new pastries, all baked in house every morning before we open.</p></div></div>\n<div class=\"sqs-block image-block\"><figure class=\"sqs-block-image-figure\"><img data-src=\"https://images.squarespace-cdn.com/content/v1/a/tart.jpg\" data-image=\"https://images.squarespace-cdn.com/content/v1/a/tart.jpg\" src=\"\" alt=\"Tart\" class=\"thumb-image\"></figure></div></div></div></div>\n<div class=\"blog-item-comments\"><div class=\"squarespace-comments\">Comments (0)</div></div><div class=\"item-pagination\"><a href=\"/blog/winter\">Winter menu</a></div></div></article></main>\n<footer id=\"footer\">Cafe Rosa, 12 Main St.</footer></body></html>\n",
  tumblr: "<!DOCTYPE html><html><head><title>Thoughts on grids — pixel notes</title><meta name=\"description\" content=\"Grids\"/>\n<meta property=\"og:type\" content=\"tumblr-feed:text\"/><meta property=\"og:title\" content=\"Thoughts on grids\"/></head><body>\n<div id=\"sidebar\"><h1><a href=\"/\">pixel notes</a></h1><p>A blog about design.</p><a href=\"/archive\">Archive</a></div>\n<div id=\"posts\"><div class=\"post text\"><h2><a href=\"https://pixelnotes.tumblr.com/post/123/thoughts-on-grids\">Thoughts on grids</a></h2>\n<p>A grid is a promise to the reader: things that line up belong together, and things that do not, do not.</p>\n<p>Break it only when you mean it, and the break will say something, loudly and clearly.</p>\n<div class=\"meta\"><a href=\"https://pixelnotes.tumblr.com/post/123/thoughts-on-grids\">May 5th, 2018</a> · <a href=\"https://pixelnotes.tumblr.com/tagged/design\">#design</a> <a href=\"https://pixelnotes.tumblr.com/tagged/grids\">#grids</a> · 12 notes</div></div></div>\n<div id=\"footer\"><a href=\"/page/2\">Next page</a></div></body></html>\n",
  vuepress: "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>Vue 响应式原理 | 前端笔记</title><meta name=\"generator\" content=\"VuePress 1.9.9\"></head>\n<body><div id=\"app\"><div class=\"theme-container\"><header class=\"navbar\"><a href=\"/\" class=\"home-link router-link-active\"><span class=\"site-name\">前端笔记</span></a><div class=\"links\"><nav class=\"nav-links\"><div class=\"nav-item\"><a href=\"/guide/\" class=\"nav-link\">指南</a></div></nav></div></header>\n<aside class=\"sidebar\"><ul class=\"sidebar-links\"><li><a href=\"/guide/a.html\" class=\"sidebar-link\">第一篇</a></li><li><a href=\"/guide/b.html\" class=\"sidebar-link\">第二篇</a></li></ul></aside>\n<main class=\"page\"><div class=\"theme-default-content content__default\"><h1 id=\"vue-响应式原理\"><a href=\"#vue-响应式原理\" class=\"header-anchor\">#</a> Vue 响应式原理</h1>\n<p>Vue 的响应式系统基于依赖收集，每个组件都有一个对应的渲染观察者，在渲染过程中收集依赖。</p>\n<p>当数据变化时，会通知观察者重新计算，从而触发组件的重新渲染，这个过程是异步批量执行的。</p></div>\n<footer class=\"page-edit\"><div class=\"edit-link\"><a href=\"https://github.com/x/y/edit/master/docs/guide/vue.md\" target=\"_blank\" rel=\"noopener noreferrer\">在 GitHub 上编辑此页</a></div><div class=\"last-updated\"><span class=\"prefix\">上次更新:</span><span class=\"time\">2022/3/4 下午2:05:10</span></div></footer>\n<div class=\"page-nav\"><p class=\"inner\"><span class=\"prev\">←<a href=\"/guide/a.html\" class=\"prev\">第一篇</a></span></p></div></main></div></div></body></html>\n",
  zola: "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Writing a parser in Rust | Ferris Notes</title>\n<meta name=\"description\" content=\"Notes on parsers\"></head><body>\n<header><nav><a href=\"/\">Ferris Notes</a> <a href=\"/tags\">tags</a> <a href=\"/about\">about</a></nav></header>\n<main><article><h1 class=\"title\">Writing a parser in Rust</h1>\n<p class=\"subtitle\"><strong>2023-02-11</strong></p>\n<ul class=\"tags\"><li><a href=\"/tags/rust/\">rust</a></li><li><a href=\"/tags/parsing/\">parsing</a></li></ul>\n<p>Parsing is the first thing every compiler does, and it is also the part most people write by hand.</p>\n<h2 id=\"tokens\">Tokens<a class=\"zola-anchor\" href=\"#tokens\" aria-label=\"Anchor link for: tokens\">🔗</a></h2>\n<p>The lexer turns characters into tokens, skipping whitespace and comments, one token at a time.</p>\n<pre data-lang=\"rust\" style=\"background-color:#2b303b;\" class=\"language-rust \"><code class=\"language-rust\" data-lang=\"rust\"><span style=\"color:#b48ead;\">fn </span><span>main() {}\n</span></code></pre>\n<p>That is all for today; next time we will build the expression parser, with precedence climbing.</p>\n</article></main>\n<footer><p>© 2023 Ferris. Built with Zola.</p></footer></body></html>\n",
};

test('unknown layout: devto', () => {
  const post = extractPost(PAGES.devto!, 'https://site.example/blog/devto/');
  const body = text(post.contentHtml);
  assert.equal(post.meta.title, "Ten tips for better Git commits");
  assert.equal(post.meta.date, "2021-06-15T12:01:00Z");
  assert.ok(body.includes("imperative mood"), 'missing: ' + "imperative mood");
  assert.ok(body.includes("not the what"), 'missing: ' + "not the what");
  assert.ok(!body.includes("Top comments"), 'junk: ' + "Top comments");
  assert.ok(!body.includes("Nice tips"), 'junk: ' + "Nice tips");
  assert.ok(!body.includes("Posted on"), 'junk: ' + "Posted on");
  assert.ok(!body.includes("DEV Community"), 'junk: ' + "DEV Community");
});

test('unknown layout: gatsby', () => {
  const post = extractPost(PAGES.gatsby!, 'https://site.example/blog/gatsby/');
  const body = text(post.contentHtml);
  assert.equal(post.meta.title, "New Beginnings");
  assert.equal(post.meta.date, "2015-05-28");
  assert.ok(body.includes("behind the word mountains"), 'missing: ' + "behind the word mountains");
  assert.ok(body.includes("large language ocean"), 'missing: ' + "large language ocean");
  assert.ok(!body.includes("Written by"), 'junk: ' + "Written by");
  assert.ok(!body.includes("My Second Post"), 'junk: ' + "My Second Post");
  assert.ok(!body.includes("Built with"), 'junk: ' + "Built with");
});

test('unknown layout: hashnode', () => {
  const post = extractPost(PAGES.hashnode!, 'https://site.example/blog/hashnode/');
  const body = text(post.contentHtml);
  assert.equal(post.meta.title, "Understanding closures");
  assert.equal(post.meta.date, "2022-09-30T16:20:11Z");
  assert.equal(post.meta.author, "Jo Dev");
  assert.deepEqual(post.meta.tags, ["javascript", "closures"]);
  assert.ok(body.includes("bundled with the variables"), 'missing: ' + "bundled with the variables");
  assert.ok(body.includes("keeps counting"), 'missing: ' + "keeps counting");
  assert.ok(!body.includes("min read"), 'junk: ' + "min read");
  assert.ok(!body.includes("Subscribe"), 'junk: ' + "Subscribe");
  assert.ok(!body.includes("Comments (2)"), 'junk: ' + "Comments (2)");
  assert.ok(!body.includes("Like 5"), 'junk: ' + "Like 5");
});

test('unknown layout: pelican', () => {
  const post = extractPost(PAGES.pelican!, 'https://site.example/blog/pelican/');
  const body = text(post.contentHtml);
  assert.equal(post.meta.title, "Tuning PostgreSQL autovacuum");
  assert.equal(post.meta.date, "2019-10-05T14:00:00+02:00");
  assert.equal(post.meta.author, "Pat");
  assert.deepEqual(post.meta.tags, ["postgres", "ops"]);
  assert.deepEqual(post.meta.categories, ["Databases"]);
  assert.ok(body.includes("keeps tables healthy"), 'missing: ' + "keeps tables healthy");
  assert.ok(body.includes("over a week"), 'missing: ' + "over a week");
  assert.ok(!body.includes("Published"), 'junk: ' + "Published");
  assert.ok(!body.includes("Proudly powered"), 'junk: ' + "Proudly powered");
  assert.ok(!body.includes("links"), 'junk: ' + "links");
});

test('unknown layout: squarespace', () => {
  const post = extractPost(PAGES.squarespace!, 'https://site.example/blog/squarespace/');
  const body = text(post.contentHtml);
  assert.equal(post.meta.title, "Spring menu");
  assert.equal(post.meta.date, "2021-04-02T09:12:00-07:00");
  assert.equal(post.meta.author, "Rosa");
  assert.ok(body.includes("asparagus tart"), 'missing: ' + "asparagus tart");
  assert.ok(body.includes("before we open"), 'missing: ' + "before we open");
  assert.ok(!body.includes("Comments (0)"), 'junk: ' + "Comments (0)");
  assert.ok(!body.includes("Winter menu"), 'junk: ' + "Winter menu");
  assert.ok(!body.includes("Cafe Rosa, 12 Main"), 'junk: ' + "Cafe Rosa, 12 Main");
  assert.ok(post.contentHtml.includes("<img src=\"https://images.squarespace-cdn.com/content/v1/a/tart.jpg\""), 'html: ' + "<img src=\"https://images.squarespace-cdn.com/content/v1/a/tart.jpg\"");
});

test('unknown layout: tumblr', () => {
  const post = extractPost(PAGES.tumblr!, 'https://site.example/blog/tumblr/');
  const body = text(post.contentHtml);
  assert.equal(post.meta.title, "Thoughts on grids");
  assert.equal(post.meta.date, "2018-05-05");
  assert.deepEqual(post.meta.tags, ["design", "grids"]);
  assert.ok(body.includes("a promise to the reader"), 'missing: ' + "a promise to the reader");
  assert.ok(body.includes("loudly and clearly"), 'missing: ' + "loudly and clearly");
  assert.ok(!body.includes("12 notes"), 'junk: ' + "12 notes");
  assert.ok(!body.includes("Next page"), 'junk: ' + "Next page");
  assert.ok(!body.includes("A blog about design"), 'junk: ' + "A blog about design");
});

test('unknown layout: vuepress', () => {
  const post = extractPost(PAGES.vuepress!, 'https://site.example/blog/vuepress/');
  const body = text(post.contentHtml);
  assert.equal(post.meta.title, "Vue 响应式原理");
  assert.equal(post.engine, "vuepress");
  assert.ok(body.includes("基于依赖收集"), 'missing: ' + "基于依赖收集");
  assert.ok(body.includes("异步批量执行的"), 'missing: ' + "异步批量执行的");
  assert.ok(!body.includes("在 GitHub 上编辑此页"), 'junk: ' + "在 GitHub 上编辑此页");
  assert.ok(!body.includes("第一篇"), 'junk: ' + "第一篇");
  assert.ok(!body.includes("上次更新"), 'junk: ' + "上次更新");
});

test('unknown layout: zola', () => {
  const post = extractPost(PAGES.zola!, 'https://site.example/blog/zola/');
  const body = text(post.contentHtml);
  assert.equal(post.meta.title, "Writing a parser in Rust");
  assert.equal(post.meta.date, "2023-02-11");
  assert.deepEqual(post.meta.tags, ["rust", "parsing"]);
  assert.ok(body.includes("Parsing is the first thing"), 'missing: ' + "Parsing is the first thing");
  assert.ok(body.includes("precedence climbing"), 'missing: ' + "precedence climbing");
  assert.ok(!body.includes("Built with Zola"), 'junk: ' + "Built with Zola");
  assert.ok(!body.includes("2023-02-11"), 'junk: ' + "2023-02-11");
  assert.ok(!body.includes("🔗"), 'junk: ' + "🔗");
  assert.ok(post.contentHtml.includes("<h2 id=\"tokens\">Tokens</h2>"), 'html: ' + "<h2 id=\"tokens\">Tokens</h2>");
  assert.ok(post.contentHtml.includes("<pre data-lang=\"rust\""), 'html: ' + "<pre data-lang=\"rust\"");
});
