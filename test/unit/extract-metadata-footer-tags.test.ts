import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

const body = `<p>Call <code>ip netns exec blue bash</code> first; the virtqueue pins incoming packets before the next exit, every time.</p>
<p>The ring buffer batches the MSI-X vector when the ring is full, which keeps latency low under heavy load.</p>`;

test('ikiwiki: rel="tag" links in the page footer are the post tags', () => {
  const html = `<!DOCTYPE html><html><head><title>A Tour of PCI</title></head><body><div class="page">
<div class="pageheader"><div class="header"><span class="title">A Tour of PCI</span></div></div>
<div id="pagebody"><div id="content" role="main">${body}</div></div>
<div id="footer" class="pagefooter" role="contentinfo"><div id="pageinfo">
<div class="tags">Tags: <a href="../../tags/kernel/" rel="tag">kernel</a> <a href="../../tags/qemu/" rel="tag">qemu</a></div>
<div class="pagedate">Last edited <span class="date">Mon Dec 22 05:30:00 2014</span></div>
</div></div></div></body></html>`;
  assert.deepEqual(extractPost(html, 'http://blog.test/posts/a-tour-of-pci/').meta.tags, ['kernel', 'qemu']);
});

test('a tag cloud widget in the site footer is not the post tags, even with rel="tag"', () => {
  const html = `<!DOCTYPE html><html><head><title>A Tour of PCI</title></head><body>
<main id="main"><article class="post"><h1 class="entry-title">A Tour of PCI</h1><div class="entry-content">${body}</div></article></main>
<footer id="colophon" class="site-footer" role="contentinfo"><aside class="widget-area"><section class="widget widget_tag_cloud">
<div class="tagcloud"><a href="/tag/kernel/" rel="tag">kernel</a> <a href="/tag/docker/" rel="tag">docker</a></div></section></aside>
<p>Proudly powered by WordPress</p></footer></body></html>`;
  assert.deepEqual(extractPost(html, 'http://blog.test/2014/12/22/a-tour-of-pci/').meta.tags, []);
});

test('tags in the post scope win over rel="tag" links in the site footer', () => {
  const html = `<!DOCTYPE html><html><head><title>A Tour of PCI</title></head><body>
<main><article class="post"><h1>A Tour of PCI</h1><div class="entry-content">${body}</div>
<footer class="entry-footer"><a href="/tags/qemu/">qemu</a></footer></article></main>
<footer><p>Browse: <a href="/tags/kernel/" rel="tag">kernel</a></p></footer></body></html>`;
  assert.deepEqual(extractPost(html, 'http://blog.test/posts/a-tour-of-pci/').meta.tags, ['qemu']);
});
