import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate } from '../../src/text/dates.js';
import { extractPost } from '../../src/extract/index.js';

test('asctime/ctime dates (C, Perl, `date`) keep their time and zone', () => {
  assert.equal(parseDate('Mon Dec 22 05:30:00 2014'), '2014-12-22T05:30:00');
  assert.equal(parseDate('Last edited Sun Feb  7 06:30:00 2016'), '2016-02-07T06:30:00');
  assert.equal(parseDate('Thu Feb 18 09:30:00 UTC 2016'), '2016-02-18T09:30:00Z');
  assert.equal(parseDate('Thu Feb 18 09:30 +0100 2016'), '2016-02-18T09:30:00+01:00');
  assert.equal(parseDate('Posted Mon Dec 22 05:30:00 CET 2014'), '2014-12-22T05:30:00');
});

test('an ikiwiki page: the date printed in its page footer is the post date', () => {
  const html = `<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><title>A Tour of PCI</title></head><body>
<div class="page">
<div class="pageheader"><div class="header"><span><span class="parentlinks"><a href="../../">Blog</a>/ <a href="../../">posts</a>/ </span>
<span class="title">A Tour of PCI</span></span></div></div>
<div id="pagebody"><div id="content" role="main">
<p>Call <code>ip netns exec blue bash</code> first; the virtqueue pins incoming packets before the next exit, every time.</p>
<p>The ring buffer batches the MSI-X vector when the ring is full, which keeps latency low under heavy load.</p>
</div></div>
<div id="footer" class="pagefooter" role="contentinfo"><div id="pageinfo">
<div class="tags">Tags: <a href="../../tags/kernel/" rel="tag">kernel</a> <a href="../../tags/qemu/" rel="tag">qemu</a></div>
<div class="pagedate">Last edited <span class="date">Mon Dec 22 05:30:00 2014</span>
<!-- Created <span class="date">Mon Dec 22 05:30:00 2014</span> --></div>
</div></div></div></body></html>`;
  const post = extractPost(html, 'http://blog.test/posts/a-tour-of-pci/');
  assert.equal(post.meta.date, '2014-12-22T05:30:00');
});
