import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { extractPost } from '../../src/extract/index.js';
import { isMetaLine } from '../../src/extract/meta-line.js';
import type { Element } from 'domhandler';

// blag's bundled article template: title, a meta line in an <aside>, then the body, unwrapped, in <main>.
const blagPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="author" content="Bench Author"><meta name="description" content="Notes on kernels">
<title>A Tour of PCI Enumeration | Notes on kernels</title></head><body>
<header><h1><a href="/">Bench Blog</a></h1><nav><h2>Notes on kernels</h2><ul><li><a href="/">Blog</a></li><li><a href="/tags/">Tags</a></li></ul></nav></header>
<main>
  <h2>A Tour of PCI Enumeration</h2>
  <aside>
    <p>published on 2014-12-22
    · tagged with
        <a href="/tags/kernel.html">#kernel</a>,
        <a href="/tags/performance.html">#performance</a> and
        <a href="/tags/qemu.html">#qemu</a>
    </p>
  </aside>
  <p>Call <code>ip netns exec blue bash</code> first; the virtqueue pins incoming packets before the next exit.</p>
  <h2>How it works</h2>
  <p>The ring buffer polls the MSI-X vector, which keeps latency low under heavy load on every host.</p>
</main></body></html>`;

test('blag: the meta line in an <aside> gives the date and tags and leaves the body', () => {
  const post = extractPost(blagPage, 'http://blog.test/a-tour-of-pci-enumeration.html');
  assert.equal(post.meta.date, '2014-12-22');
  assert.deepEqual(post.meta.tags, ['kernel', 'performance', 'qemu']);
  assert.doesNotMatch(post.contentHtml, /published on|tagged with/);
  assert.match(post.contentHtml, /ring buffer polls/);
});

test('isMetaLine: a date with tag links is one; a sentence, a tag cloud or a dated post list is not', () => {
  const $ = load(`<div id="a">Posted on March 3, 2020 in <a href="/category/tools/">Tools</a> by Jane</div>
<p id="b">On March 3, 2020 we moved the <a href="/tags/kernel/">kernel</a> tree to a new host and rebuilt every package.</p>
<div id="c"><a href="/tags/a/">a</a> <a href="/tags/b/">b</a> <a href="/tags/c/">c</a></div>
<ul id="d"><li><a href="/2020/03/03/x/">Moving the tree</a> March 3, 2020</li></ul>`);
  const is = (id: string) => isMetaLine($, $(`#${id}`).get(0) as Element);
  assert.equal(is('a'), true);
  assert.equal(is('b'), false);
  assert.equal(is('c'), false);
  assert.equal(is('d'), false);
});

test('isMetaLine: a link whose own text holds the date is a reference, not a meta line', () => {
  const $ = load(`<ul><li id="e"><a href="https://forum.test/t/topic/42">Meetup 42, 2020-03-18: trying the generics draft</a></li></ul>
<p id="f"><a href="https://forum.test/topic/7">演讲第 7 期 2021-05-02 泛型入门</a></p>`);
  const is = (id: string) => isMetaLine($, $(`#${id}`).get(0) as Element);
  assert.equal(is('e'), false);
  assert.equal(is('f'), false);
});

test('a reading list linking a forum topic with a dated title adds no tag', () => {
  const page = `<!DOCTYPE html><html lang="en"><head><title>Why generics wait</title></head><body>
<main><article><h1>Why generics wait</h1><div class="post-content">
<p>The draft design keeps changing, and every revision answers the complaints of the one before it.</p>
<h2>Further reading</h2>
<ul><li><a href="https://forum.test/t/topic/42">Meetup 42, 2020-03-18: trying the generics draft</a></li>
<li><a href="https://docs.test/design/params.md">Type parameters draft</a></li></ul>
</div>
<footer class="post-info"><p><span class="tag"><a href="/tags/go">go</a></span></p><p>2020-11-12</p></footer>
</article></main></body></html>`;
  const post = extractPost(page, 'http://blog.test/posts/why-generics-wait/');
  assert.deepEqual(post.meta.tags, ['go']);
});
