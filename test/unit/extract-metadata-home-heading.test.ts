import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

// chronicle's default theme: the only <h1> is the blog name linking home; the post title is a plain div, and
// the document title is "Blog: Post".
const page = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" dir="ltr"><head><meta http-equiv="Content-Type" content="text/html;charset=utf-8" />
<title>Bench Blog: Benchmarking Huge Pages</title></head><body>
<div class="title"><h1><a href="http://blog.test/">Bench Blog</a></h1></div>
<div class="entry">
  <div class="title">Benchmarking Huge Pages</div>
  <div class="date">18th February 2016</div>
  <div class="body"><p>Numbers such as 5 &gt; 3 and a &lt; b &amp; c survive escaping; so do snake_case_names.</p>
  <p>The bridge batches the dirty bitmap when the ring is full, which keeps latency low under load.</p></div>
  <div class="tags">Tags: <a href="http://blog.test/tags/docker">docker</a>.</div>
</div>
<div id="sidebar"><h2>Archive</h2><ul><li><a href="http://blog.test/archive/2016/02/">February (2)</a></li></ul></div>
</body></html>`;

test('the lone <h1> linking home is the blog name: the title comes from "Blog: Post"', () => {
  const { meta } = extractPost(page, 'http://blog.test/Benchmarking_Huge_Pages.html');
  assert.equal(meta.title, 'Benchmarking Huge Pages');
  assert.equal(meta.date, '2016-02-18');
});

test('a lone <h1> that is the post title still wins', () => {
  const html = page.replace('<h1><a href="http://blog.test/">Bench Blog</a></h1>', '<a href="http://blog.test/">Bench Blog</a>')
    .replace('<div class="title">Benchmarking Huge Pages</div>', '<h1>Benchmarking Huge Pages</h1>').replace('<title>Bench Blog: Benchmarking Huge Pages</title>', '<title>Huge pages</title>');
  assert.equal(extractPost(html, 'http://blog.test/Benchmarking_Huge_Pages.html').meta.title, 'Benchmarking Huge Pages');
});
