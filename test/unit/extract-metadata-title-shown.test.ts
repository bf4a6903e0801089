import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

const body = `<div class="story"><p>Numbers such as 5 &gt; 3 and a &lt; b &amp; c survive escaping; so do snake_case_names.</p>
<p>The bridge batches the dirty bitmap when the ring is full, which keeps latency low under load.</p></div>`;

test('chronicle "blocky": the document title has a hard-coded "Blog: " prefix; the part shown in <legend> wins', () => {
  const html = `<html><head><title>Blog: Benchmarking Huge Pages</title></head><body>
<div class="title"><h1><a href="http://blog.test/">Bench Blog</a></h1></div>
<table width="100%"><tr><td valign="top"><fieldset><legend>Benchmarking Huge Pages</legend>${body}</fieldset></td></tr></table></body></html>`;
  assert.equal(extractPost(html, 'http://blog.test/Benchmarking_Huge_Pages.html').meta.title, 'Benchmarking Huge Pages');
});

test('chronicle "copyrighteous": the theme name prefixes the document title; the post title is a span', () => {
  const html = `<html><head><title>copyrighteous: Benchmarking Huge Pages</title></head><body><div id='content'>
<div id='title'><span class="title"><a href="http://blog.test/">Bench Blog</a><br /></span></div>
<div class="blosxomFirstDayDiv"><span class="blosxomDate">18th February 2016</span>
<div class="storybox"><span class="blosxomTitle">Benchmarking Huge Pages</span>${body}</div></div></div></body></html>`;
  assert.equal(extractPost(html, 'http://blog.test/Benchmarking_Huge_Pages.html').meta.title, 'Benchmarking Huge Pages');
});

test('a title with a colon that the page shows whole stays whole', () => {
  const html = `<html><head><title>Rust: a love letter</title></head><body><main><div class="headline">Rust: a love letter</div>${body}</main></body></html>`;
  assert.equal(extractPost(html, 'http://blog.test/rust/').meta.title, 'Rust: a love letter');
});

test('blag: "Post | description" with both halves on the page keeps the usual cut', () => {
  const html = `<html><head><title>A Tour of PCI | Notes on kernels</title></head><body>
<header><h1><a href="/">Bench Blog</a></h1><nav><h2>Notes on kernels</h2></nav></header>
<main><h2>A Tour of PCI</h2>${body}</main></body></html>`;
  assert.equal(extractPost(html, 'http://blog.test/a-tour-of-pci.html').meta.title, 'A Tour of PCI');
});

test('a declared title holding the author\'s literal markup still agrees with the heading that renders it', () => {
  // Jekyll themes print `page.title` raw into <title> and og:title, so "<code>" is text there and markup in the <h1>.
  const html = `<html><head><title>Why is <code>window</code> a global? - My notes | Bench Blog</title>
<meta property="og:title" content="Why is <code>window</code> a global? - My notes | Bench Blog"></head><body>
<nav><a class="navbar-brand" href="/">Bench Blog</a></nav>
<header class="intro-header"><div class="post-heading"><h1>Why is <code>window</code> a global?</h1>
<span class="meta">Posted on April 6, 2017</span></div></header>
<article><div class="post-container">${body}</div></article></body></html>`;
  assert.equal(extractPost(html, 'http://blog.test/2017/04/06/window-global/').meta.title, 'Why is window a global?');
});

test('a title-class wrapper holding the heading and the date line gives the heading only', () => {
  const html = `<html><head><title>Setting up a file server - Bench Blog</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"Setting up a file server"}</script></head><body>
<div class="post"><div class="post-content"><div class="post-title"><h1>Setting up a file server</h1>
<div class="info"><span class="date">2021/7/9</span></div></div>${body}</div></div></body></html>`;
  assert.equal(extractPost(html, 'http://blog.test/post/file-server/').meta.title, 'Setting up a file server');
});

test('the title block\'s date line under the heading goes with the heading', () => {
  const html = `<html><head><title>Setting up a file server - Bench Blog</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":"Setting up a file server"}</script></head><body>
<div class="post"><div class="post-content"><div class="post-title"><h1>Setting up a file server</h1>
<div class="info"><span class="date">2021/7/9</span><span class="reading-time"></span></div></div>${body}</div></div></body></html>`;
  const post = extractPost(html, 'http://blog.test/post/file-server/');
  assert.doesNotMatch(post.contentHtml, /2021\/7\/9/);
  assert.match(post.contentHtml, /Numbers such as 5/);
});

test('VitePress: the zero-width space in the heading\'s permalink is not part of the title read from the heading', () => {
  const html = `<html><head><title>Notes | On the road | Code | Life | Photos</title></head><body><div class="vp-doc"><main>
<h1 id="notes-on-the-road" tabindex="-1">Notes | On the road <a class="header-anchor" href="#notes-on-the-road" aria-label="Permalink to &quot;Notes | On the road&quot;">&#8203;</a></h1>${body}</main></div></body></html>`;
  assert.equal(extractPost(html, 'http://blog.test/posts/notes').meta.title, 'Notes | On the road');
});
