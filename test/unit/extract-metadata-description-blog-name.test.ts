import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

const page = (description: string) => `<html><head><title>Ring buffers - Bench Blog</title>
<meta name="description" content="${description}"><meta property="og:site_name" content="Bench Blog"></head>
<body><article><h1 class="post-title">Ring buffers</h1><div class="post-body">
<p>The bridge batches the dirty bitmap when the ring is full, which keeps latency low under load.</p>
<p>Numbers such as 5 &gt; 3 survive escaping, and so do snake_case_names in running text.</p></div></article></body></html>`;

test('the blog name a theme appends to the description (once or twice) is not the post\'s summary', () => {
  assert.equal(extractPost(page('How the ring batches. - Bench Blog - Bench Blog'), 'http://blog.test/posts/ring.html').meta.description, 'How the ring batches.');
  assert.equal(extractPost(page('How the ring batches | Bench Blog'), 'http://blog.test/posts/ring.html').meta.description, 'How the ring batches');
});

test('a description that only mentions the blog name in its words keeps them', () => {
  assert.equal(extractPost(page('Why I started Bench Blog'), 'http://blog.test/posts/ring.html').meta.description, 'Why I started Bench Blog');
});

test('the blog\'s own description, suffixed the same way on the start page, is still not the post\'s', () => {
  const site = { title: 'Bench Blog', description: 'Notes on kernels. - Bench Blog - Bench Blog' };
  assert.equal(extractPost(page('Notes on kernels. - Bench Blog - Bench Blog'), 'http://blog.test/posts/ring.html', { site }).meta.description, undefined);
});
