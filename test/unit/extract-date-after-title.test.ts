import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

// Title and byline are children of <main> beside the <article>; the body is a diary opening on a dated heading.
const page = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Things I learned this year</title></head><body>
<header class="site-header"><a class="site-name" href="/">Bench Notes</a><nav><a href="/about">About</a></nav></header>
<main><h1 class="post-title">Things I learned this year</h1>
<div class="post-info"><span>2022/01/19</span><ul class="tags"><li><a href="/tags/notes/">#notes</a></li></ul></div>
<article><h3 id="2022-01-17">2022-01-17</h3>
<p>Bundlers given an array of configurations build them all at once, so an order needs declared dependencies.</p>
<h3 id="2022-04-23">2022-04-23</h3>
<p>Sorting class names does not shrink the page, but repeated sequences compress better under gzip.</p>
</article></main></body></html>`;

test('the date line between the title and the article wins over the dated heading the body opens with', () => {
  const post = extractPost(page, 'http://blog.test/posts/things-i-learned.html');
  assert.equal(post.meta.date, '2022-01-19');
  assert.match(post.contentHtml, /2022-01-17/);
});
