import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findNextPages, lastPageIn } from '../../src/discover/pagination.js';
import { indexRootOf, numberedPageUrl, pageNumberOf } from '../../src/discover/page-urls.js';
import { withPage } from '../../src/html/parse.js';

const page = (body: string, head = '') => `<!doctype html><html><head>${head}</head><body><main><article><h2><a href="/2015/07/26/a/">A</a></h2></article></main>${body}</body></html>`;
const next = (body: string, url: string, head = '') => findNextPages(page(body, head), url)[0];

test('Jekyll minima: "Older" goes forward, "Newer" back', () => {
  const html = `<nav class="pagination"><a class="pagination-item newer" href="/">Newer</a><a class="pagination-item older" href="/page3/">Older</a></nav>`;
  assert.deepEqual(findNextPages(page(html), 'http://b.test/page2/'), ['http://b.test/page3/']);
});

test('Hexo landscape: rel=next "Next »" beats the page numbers; "« Prev" is never taken', () => {
  const html = `<nav id="page-nav"><a class="extend prev" rel="prev" href="/">&laquo; Prev</a><a class="page-number" href="/">1</a><span class="page-number current">2</span><a class="page-number" href="/page/3/">3</a><a class="page-number" href="/page/5/">5</a><a class="extend next" rel="next" href="/page/3/">Next &raquo;</a></nav>`;
  assert.deepEqual(findNextPages(page(html), 'http://b.test/page/2/'), ['http://b.test/page/3/']);
});

test('Hexo: an "Older »" link with class "extend next" and no rel', () => {
  const html = `<nav id="page-nav"><a class="extend next" href="/page/2/">Older &raquo;</a></nav>`;
  assert.equal(next(html, 'http://b.test/'), 'http://b.test/page/2/');
});

test('NexT: icon-only link found by rel, by aria-label, or by class alone', () => {
  const icon = '<i class="fa fa-angle-right"></i>';
  assert.equal(next(`<nav class="pagination"><a class="extend next" rel="next" title="Next page" aria-label="Next page" href="/page/3/">${icon}</a></nav>`, 'http://b.test/page/2/'), 'http://b.test/page/3/');
  assert.equal(next(`<div><a aria-label="Next page" href="/page/3/">${icon}</a><a aria-label="Previous page" href="/">${icon}</a></div>`, 'http://b.test/page/2/'), 'http://b.test/page/3/');
  assert.equal(next(`<div><a class="nav-prev" href="/x/">${icon}</a><a class="nav-next" href="/y/">${icon}</a></div>`, 'http://b.test/'), 'http://b.test/y/');
  assert.equal(next(`<div><span class="pagination-next"><a href="/z/">${icon}</a></span></div>`, 'http://b.test/'), 'http://b.test/z/');
});

test('WordPress: the "Older posts" link sits in .nav-previous; the "Newer posts" link in .nav-next is the way back', () => {
  const html = `<nav class="navigation posts-navigation"><div class="nav-links"><div class="nav-previous"><a href="/page/3/"><span class="meta-nav">&larr;</span> Older posts</a></div><div class="nav-next"><a href="/">Newer posts <span class="meta-nav">&rarr;</span></a></div></div></nav>`;
  assert.deepEqual(findNextPages(page(html), 'http://b.test/page/2/'), ['http://b.test/page/3/']);
});

test('WordPress defaults: "Next Page »" is older, "« Previous Page" newer', () => {
  const html = `<div class="navigation"><div class="alignleft"><a href="/?paged=3">Next Page &raquo;</a></div><div class="alignright"><a href="/?paged=1">&laquo; Previous Page</a></div></div>`;
  assert.deepEqual(findNextPages(page(html), 'http://b.test/?paged=2'), ['http://b.test/?paged=3']);
});

test('Blogger: the blog-pager older link, by its text or by its id and class alone', () => {
  const pager = (older: string) =>
    `<div class="blog-pager" id="blog-pager"><span id="blog-pager-newer-link"><a class="blog-pager-newer-link" href="/search?updated-max=2016-01-01T00:00:00Z" id="Blog1_blog-pager-newer-link">Newer Posts</a></span><span id="blog-pager-older-link"><a class="blog-pager-older-link" href="/search?updated-max=2015-07-01T10:00:00-07:00&amp;max-results=7" id="Blog1_blog-pager-older-link">${older}</a></span><a class="home-link" href="/">Home</a></div>`;
  const want = 'http://x.blogspot.test/search?updated-max=2015-07-01T10:00:00-07:00&max-results=7';
  assert.equal(next(pager('Older Posts'), 'http://x.blogspot.test/'), want);
  assert.equal(next(pager('<img src="/arrow.png">'), 'http://x.blogspot.test/'), want);
});

test('Ghost: <link rel="next"> in the head, or Casper\'s "Older Posts →"', () => {
  assert.equal(next('', 'http://g.test/', '<link rel="next" href="http://g.test/page/2/">'), 'http://g.test/page/2/');
  const casper = `<nav class="pagination"><a class="newer-posts" href="/">&larr; Newer Posts</a><span class="page-number">Page 2 of 3</span><a class="older-posts" href="/page/3/">Older Posts &rarr;</a></nav>`;
  assert.deepEqual(findNextPages(page(casper), 'http://g.test/page/2/'), ['http://g.test/page/3/']);
});

test('Hugo: "»" labelled Next wins over "»»" labelled Last; first/last links are never next', () => {
  const html = `<ul class="pagination"><li class="page-item"><a class="page-link" href="/" aria-label="First">&laquo;&laquo;</a></li><li class="page-item"><a class="page-link" href="/" aria-label="Previous">&laquo;</a></li><li class="page-item active"><a class="page-link" aria-current="page" href="/page/2/">2</a></li><li class="page-item"><a class="page-link" href="/page/3/">3</a></li><li class="page-item"><a class="page-link" href="/page/3/" aria-label="Next">&raquo;</a></li><li class="page-item"><a class="page-link" href="/page/9/" aria-label="Last">&raquo;&raquo;</a></li></ul>`;
  assert.deepEqual(findNextPages(page(html), 'http://h.test/page/2/'), ['http://h.test/page/3/']);
});

test('numbered pagination with no labels: the link after the current number', () => {
  const html = `<div class="wp-pagenavi"><span class="pages">Page 1 of 4</span><span class="current">1</span><a class="page larger" href="/blog/page/2/">2</a><a class="page larger" href="/blog/page/3/">3</a></div>`;
  assert.deepEqual(findNextPages(page(html), 'http://b.test/blog/'), ['http://b.test/blog/page/2/']);
  const bold = `<div class="pages"><a href="/list?page=1">1</a> <b>2</b> <a href="/list?page=3">3</a> <a href="/list?page=4">4</a></div>`;
  assert.equal(next(bold, 'http://b.test/list?page=2'), 'http://b.test/list?page=3');
});

test('?page=N, /pageN/ and sub-path /blog/page/N/ recognised from the URL shape alone', () => {
  assert.equal(next(`<p><a href="?page=1">first</a> <a href="?page=3">more</a></p>`, 'http://b.test/?page=2'), 'http://b.test/?page=3');
  assert.equal(next(`<p><a href="/page3/">more</a></p>`, 'http://b.test/page2/'), 'http://b.test/page3/');
  assert.equal(next(`<p><a href="/blog/">start</a> <a href="/blog/page/3/">go on</a></p>`, 'http://b.test/blog/page/2/'), 'http://b.test/blog/page/3/');
  assert.equal(next(`<p><a href="/blog/page/2/">go on</a></p>`, 'http://b.test/blog/'), 'http://b.test/blog/page/2/');
});

test('Chinese: 下一页 forward, 上一页 back; 更早 also forward', () => {
  const html = `<div class="pager"><a href="/page/1/">上一页</a><a href="/page/3/">下一页 &raquo;</a></div>`;
  assert.deepEqual(findNextPages(page(html), 'http://c.test/page/2/'), ['http://c.test/page/3/']);
  assert.equal(next(`<div><a href="/older/">更早</a></div>`, 'http://c.test/'), 'http://c.test/older/');
});

test('links back to the first page or an earlier number are dropped whatever their label', () => {
  assert.deepEqual(findNextPages(page(`<div><a href="/page/1/">Next</a><a href="/">Older</a></div>`), 'http://b.test/page/3/'), []);
});

test('"Read more »" and other arrows in running text are not pagination', () => {
  assert.deepEqual(findNextPages(page(`<p><a href="/2015/07/26/a/">Read more &raquo;</a> <a href="/about/">About →</a></p>`), 'http://b.test/'), []);
});

test('--next selector (of the link or of its container) comes first', () => {
  const html = `<div class="load-older"><a href="/archive?before=123">Load older stories</a></div><a rel="next" href="/page/2/">Next</a>`;
  assert.deepEqual(findNextPages(page(html), 'http://b.test/', { next: '.load-older' }), ['http://b.test/archive?before=123', 'http://b.test/page/2/']);
});

test('other origins and the page itself are never candidates', () => {
  assert.deepEqual(findNextPages(page(`<a rel="next" href="http://elsewhere.test/page/2/">Next</a><a href="#top">Next</a>`), 'http://b.test/'), []);
});

test('page URL shapes: numbers and roots', () => {
  assert.equal(pageNumberOf('http://b.test/blog/page/7/')?.number, 7);
  assert.equal(pageNumberOf('http://b.test/page12/')?.number, 12);
  assert.equal(pageNumberOf('http://b.test/?paged=4')?.number, 4);
  assert.equal(pageNumberOf('http://b.test/2015/07/'), undefined);
  assert.equal(indexRootOf('http://b.test/blog/page/3/'), 'http://b.test/blog/');
  assert.equal(indexRootOf('http://b.test/list?page=3'), 'http://b.test/list');
});

test('Pelican: "»" to /index2.html, and from there to /index3.html', () => {
  assert.equal(next(`<p class="paginator">Page 1 / 3 <a href="/index2.html">&raquo;</a></p>`, 'http://p.test/'), 'http://p.test/index2.html');
  assert.deepEqual(findNextPages(page(`<p class="paginator"><a href="/index.html">&laquo;</a> Page 2 / 3 <a href="/index3.html">&raquo;</a></p>`), 'http://p.test/index2.html'), ['http://p.test/index3.html']);
});

test('WordPress block theme: query pagination "Next Page" and numbers', () => {
  const html = `<nav class="wp-block-query-pagination" aria-label="Pagination"><a href="/?query-0-page=1" class="wp-block-query-pagination-previous">Previous Page</a><div class="wp-block-query-pagination-numbers"><a class="page-numbers" href="/?query-0-page=1">1</a><span aria-current="page" class="page-numbers current">2</span><a class="page-numbers" href="/?query-0-page=3">3</a></div><a href="/?query-0-page=3" class="wp-block-query-pagination-next">Next Page</a></nav>`;
  assert.deepEqual(findNextPages(page(html), 'http://wp.test/?query-0-page=2'), ['http://wp.test/?query-0-page=3']);
});

test('/N/ pages: followed from a pagination block, not from running text', () => {
  assert.equal(next(`<div class="pager"><a href="/blog/2/">more</a></div>`, 'http://n.test/blog/'), 'http://n.test/blog/2/');
  assert.equal(next(`<div class="pager"><a href="/blog/3/">more</a></div>`, 'http://n.test/blog/2/'), 'http://n.test/blog/3/');
  assert.deepEqual(findNextPages(page(`<p>See <a href="/blog/2/">this</a>.</p>`), 'http://n.test/blog/'), []);
});

test('Icarus last page: the invisible "Next" to a page that does not exist is no next page; a responsive class hides nothing', () => {
  const nav = (nextClass: string) =>
    `<nav class="pagination" role="navigation" aria-label="pagination"><div class="pagination-previous"><a href="/page/4/">Previous</a></div><div class="pagination-next ${nextClass}"><a href="/page/6/">Next</a></div><ul class="pagination-list is-hidden-mobile"><li><a class="pagination-link" href="/">1</a></li><li><span class="pagination-ellipsis">&hellip;</span></li><li><a class="pagination-link" href="/page/4/">4</a></li><li><a class="pagination-link is-current" href="/page/5/">5</a></li></ul></nav>`;
  assert.deepEqual(findNextPages(page(nav('is-invisible is-hidden-mobile')), 'http://i.test/page/5/'), []);
  assert.deepEqual(findNextPages(page(nav('is-hidden-mobile')), 'http://i.test/page/5/'), ['http://i.test/page/6/']);
});

test('Bootstrap: a disabled "Next" page item is no next page', () => {
  const html = `<ul class="pagination"><li class="page-item"><a class="page-link" href="/page/2/">Previous</a></li><li class="page-item active"><span class="page-link">3</span></li><li class="page-item disabled"><a class="page-link" href="/page/4/" tabindex="-1" aria-disabled="true">Next</a></li></ul>`;
  assert.deepEqual(findNextPages(page(html), 'http://bs.test/page/3/'), []);
});

test('lastPageIn: the highest page the pagination links to in the next page\'s shape; none for other shapes or hidden links', () => {
  const last = (body: string, url: string, nextUrl: string) => withPage(page(body), ($) => lastPageIn($, url, nextUrl));
  const nav = `<nav class="pagination"><a href="/">1</a><span class="current">2</span><a href="/page/3/">3</a><span>…</span><a href="/page/40/">40</a><a href="/page/3/" rel="next">Next</a></nav>`;
  assert.equal(last(nav, 'http://b.test/page/2/', 'http://b.test/page/3/'), 'http://b.test/page/40/');
  // Another shape (a tag's pages), another origin, a hidden link: none says how far these pages go.
  const others = `<aside><a href="/tags/a/page/90/">90</a><a href="https://other.test/page/70/">70</a><a href="/page/50/" hidden>50</a></aside><nav class="pagination"><a href="/page/3/" rel="next">Next</a></nav>`;
  assert.equal(last(others, 'http://b.test/page/2/', 'http://b.test/page/3/'), undefined);
  // A bare /N/ outside the pagination may be a post id.
  assert.equal(last('<p><a href="/77/">a post</a></p><nav class="pagination"><a href="/3/">Next</a></nav>', 'http://b.test/2/', 'http://b.test/3/'), undefined);
});

test('numberedPageUrl: another page of the series only when the two known pages differ in their number alone', () => {
  assert.equal(numberedPageUrl('http://b.test/blog/page/2/', 'http://b.test/blog/page/12/', 5), 'http://b.test/blog/page/5/');
  assert.equal(numberedPageUrl('http://b.test/?page=2&lang=en', 'http://b.test/?page=9&lang=en', 3), 'http://b.test/?page=3&lang=en');
  // The first "2" (in the host) does not make the last page; the page number's does.
  assert.equal(numberedPageUrl('http://127.0.0.2/page/2/', 'http://127.0.0.2/page/8/', 4), 'http://127.0.0.2/page/4/');
  assert.equal(numberedPageUrl('http://b.test/page/2/', 'http://b.test/en/page/9/', 3), undefined);
  assert.equal(numberedPageUrl('http://b.test/page/2/', 'http://b.test/?page=9', 3), undefined);
});
