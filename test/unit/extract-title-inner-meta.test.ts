import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

const body = `<div class="post-body"><p>The bridge batches the dirty bitmap when the ring is full, which keeps latency low under load.</p>
<p>Numbers such as 5 &gt; 3 survive escaping, and so do snake_case_names in running text.</p></div>`;

test('a meta line nested inside the title element is not part of the title', () => {
  const html = `<html><head><title>Ring buffers</title></head><body><div class="post">
<div class="post-title">
  Ring buffers
  <div class="post-meta"><time itemprop="datePublished">2016-04-10 22:07</time></div>
</div>${body}</div></body></html>`;
  const { meta } = extractPost(html, 'http://blog.test/posts/ring-buffers/');
  assert.equal(meta.title, 'Ring buffers');
  assert.match(meta.date ?? '', /^2016-04-10/);
});

test('a title that is all date text keeps it', () => {
  const html = `<html><head><title>2016-04-10</title></head><body><div class="post">
<h1 class="post-title"><time>2016-04-10</time></h1>${body}</div></body></html>`;
  assert.equal(extractPost(html, 'http://blog.test/posts/2016-04-10/').meta.title, '2016-04-10');
});
