import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

// A theme without og:site_name that titles every page "Page | Blog" and shows the post title in a plain <div>.
const page = (title: string) => `<html><head><title>${title}</title><meta property="og:title" content="${title}"></head><body>
<header><nav><a href="/">home</a> <a href="/blog">blog</a></nav></header>
<main><div class="text-2xl">Lighthouse keepers and their logs</div><div><time datetime="2024-03-02T00:00:00.000Z">March 2, 2024</time></div>
<article><h1>Why the logs mattered</h1><p>Every watch was written down, the weather and the ships passing, and those books now tell us how the coast changed.</p>
<p>Some keepers wrote more than the rules asked, and their notes read like diaries of a very quiet life.</p></article></main></body></html>`;

test('the blog name the start page title ends with ("Home | Blog") is cut from a declared "Post | Blog"', () => {
  const post = extractPost(page('Lighthouse keepers and their logs | Tide notes'), 'http://blog.test/blog/keepers', { site: { title: 'Home | Tide notes' } });
  assert.equal(post.meta.title, 'Lighthouse keepers and their logs');
});

test('a declared title sharing no part with the start page title stays whole', () => {
  const post = extractPost(page('Lighthouse keepers | their logs'), 'http://blog.test/blog/keepers', { site: { title: 'Home | Tide notes' } });
  assert.equal(post.meta.title, 'Lighthouse keepers | their logs');
});

test('a blog name holding a separator itself ("Home | Ann: Engineer and Modeller") is cut whole', () => {
  const post = extractPost(page('Lighthouse keepers and their logs | Ann Lee: Engineer and Modeller'), 'http://blog.test/blog/keepers', { site: { title: 'Home | Ann Lee: Engineer and Modeller' } });
  assert.equal(post.meta.title, 'Lighthouse keepers and their logs');
});
