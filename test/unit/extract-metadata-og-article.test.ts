import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

// staticsite's default theme: OpenGraph article properties written as og:article:*, the body in a plain div.
const page = `<!DOCTYPE html><html lang="en" prefix="og: http://ogp.me/ns#"><head><meta charset="utf-8">
<meta name="keywords" content="qemu, performance, kernel"/><meta name="generator" content="staticsite"/>
<meta property="og:title" content="A Tour of PCI Enumeration">
<meta property="og:type" content="article" />
<meta property="og:article:published_time" content="2014-12-22T05:30:00+00:00" />
<meta property="og:article:tag" content="qemu" /><meta property="og:article:tag" content="performance" /><meta property="og:article:tag" content="kernel" />
<title>A Tour of PCI Enumeration</title></head><body>
<nav class="navbar"><a class="navbar-brand" href="/">Bench Blog</a></nav>
<main role="main" class="container"><div class="d-flex"><h1 class="display-4">A Tour of PCI Enumeration</h1></div>
<p>Call <code>ip netns exec blue bash</code> first; the virtqueue pins incoming packets before the next exit.</p>
<p>The ring buffer polls the MSI-X vector, which keeps latency low under heavy load on every host.</p></main>
</body></html>`;

test('og:article:published_time and og:article:tag count as the OpenGraph article properties', () => {
  const { meta } = extractPost(page, 'http://blog.test/posts/a-tour-of-pci-enumeration');
  assert.equal(meta.date, '2014-12-22T05:30:00Z');
  assert.deepEqual(meta.tags, ['qemu', 'performance', 'kernel']);
});
