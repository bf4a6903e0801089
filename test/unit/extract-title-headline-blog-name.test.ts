import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

test('a JSON-LD headline that is the blog\'s name is no post title: the document title, without the name, is', () => {
  const html = `<html><head><title>Nullable types - Bench Blog</title><meta property="og:site_name" content="Bench Blog">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"Bench Blog","datePublished":"2009-06-25T10:00:00Z"}</script></head><body>
<header><nav><a class="title" href="/">Bench Blog</a></nav></header>
<main><div class="post-head">Nullable types</div><div class="post-text">
<p>Nullable value types let a struct hold no value at all, which the compiler checks at every use.</p>
<p>The question mark after the type name is shorthand for the generic wrapper the runtime provides.</p></div></main></body></html>`;
  assert.equal(extractPost(html, 'http://blog.test/2009/06/25/nullable-types/').meta.title, 'Nullable types');
});
