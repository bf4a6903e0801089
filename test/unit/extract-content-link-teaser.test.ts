import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

test('an excerpt inside the next-post link is not the article, even when its class is the engine\'s', () => {
  const html = `<html><head><meta name="generator" content="Hexo 7.3.0"><title>Ring buffers - Bench Blog</title></head><body>
<article class="post" id="post"><h1 class="title">Ring buffers</h1>
<div id="post-body" itemprop="articleBody"><h2>Why rings</h2>
<p>The bridge batches the dirty bitmap when the ring is full, which keeps latency low under load.</p>
<p>Numbers such as 5 &gt; 3 survive escaping, and so do snake_case_names in running text.</p></div>
<div class="prev-next"><a class="next" href="/posts/arenas.html"><p class="title">Arenas</p>
<p class="content">An arena hands out memory from one block and frees it all at once...</p></a></div>
</article></body></html>`;
  const post = extractPost(html, 'http://blog.test/posts/ring-buffers.html');
  assert.match(post.contentHtml, /dirty bitmap/);
  assert.doesNotMatch(post.contentHtml, /arena hands out/);
});
