import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

const body = `<p>Moving a blog between generators is mostly a matter of front matter and templates, not of posts.</p>
<p>The permalinks must stay the same, or every old link from elsewhere ends on a missing page.</p>`;

test('a meta line of the date and plain "#tag" spans (no tag pages) gives the tags', () => {
  const html = `<html><head><title>Moving the blog - Bench Blog</title></head><body>
<header><nav><a class="title" href="/">Bench Blog</a> // <a href="/archives/">archives</a></nav></header>
<article><header><h1><a href="/2021/12/08/moving/">Moving the blog</a></h1>
<p>
  <span>2021-12-08</span>
  <span>#eleventy</span><span>#jekyll</span>
</p></header>
<div>${body}</div></article></body></html>`;
  const post = extractPost(html, 'http://blog.test/2021/12/08/moving/');
  assert.deepEqual(post.meta.tags, ['eleventy', 'jekyll']);
  assert.doesNotMatch(post.contentHtml, /#eleventy/);
});

test('hashtags in a paragraph of the text are not the post\'s tags', () => {
  const html = `<html><head><title>Moving the blog - Bench Blog</title></head><body>
<article><h1>Moving the blog</h1><p><span>2021-12-08</span> <span>#eleventy</span></p>
<p>On that day the hashtag <span>#eleventy</span> trended for an hour.</p>${body}</article></body></html>`;
  assert.deepEqual(extractPost(html, 'http://blog.test/2021/12/08/moving/').meta.tags, []);
});
