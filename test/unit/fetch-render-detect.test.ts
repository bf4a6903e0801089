import { test } from 'node:test';
import assert from 'node:assert/strict';
import { needsRendering } from '../../src/fetch/render-detect.js';

const page = (body: string, head = '<script src="/app.js"></script>') =>
  `<!doctype html><html><head><title>Blog</title>${head}</head><body>${body}</body></html>`;

const LONG_TEXT = 'This is a paragraph of a real, server-rendered blog post with plenty of words in it. '.repeat(10);

test('an empty React/Vue/Next mount point needs rendering', () => {
  for (const root of ['<div id="root"></div>', '<div id="app">  </div>', '<div id="__next"><!-- ssr off --></div>', '<div id="app"><div class="spinner"></div>Loading…</div>']) {
    const verdict = needsRendering(page(root));
    assert.equal(verdict.render, true, root);
    assert.match(verdict.reason ?? '', /empty app root/);
  }
});

test('a filled mount point (server-side rendered) does not', () => {
  const html = page(`<div id="__next"><article><h1>Title</h1><p>${LONG_TEXT}</p></article></div>`);
  assert.deepEqual(needsRendering(html), { render: false });
});

test('a Chinese-only mount point is content, not a spinner', () => {
  const html = page('<div id="app"><p>这是服务器渲染的中文文章。</p></div>');
  assert.equal(needsRendering(html).render, false);
});

test('a <noscript> asking for JavaScript on a near-empty page needs rendering', () => {
  const html = page('<noscript>You need to enable JavaScript to run this app.</noscript><main class="shell"></main>');
  const verdict = needsRendering(html);
  assert.equal(verdict.render, true);
  assert.match(verdict.reason ?? '', /noscript/);
  assert.equal(needsRendering(page('<noscript>请启用 JavaScript 以浏览本站</noscript><div class="x"></div>')).render, true);
});

test('a Disqus "enable JavaScript to view comments" notice on a full post does not', () => {
  const html = page(`<article><h1>Post</h1><p>${LONG_TEXT}</p></article><noscript>Please enable JavaScript to view the comments powered by Disqus.</noscript>`);
  assert.deepEqual(needsRendering(html, { contentTextLength: LONG_TEXT.length }), { render: false });
});

test('an index with scripts and no post links needs rendering; one with links does not', () => {
  const html = page(`<header><nav><a href="/about/">About</a></nav></header><main class="posts"></main><footer>${LONG_TEXT}</footer>`);
  const verdict = needsRendering(html, { postLinks: 0 });
  assert.equal(verdict.render, true);
  assert.match(verdict.reason ?? '', /no post links/);
  assert.equal(needsRendering(html, { postLinks: 7 }).render, false);
});

test('a post whose static article text is tiny needs rendering', () => {
  const html = page(`<header>${LONG_TEXT}</header><article class="post"></article>`);
  const verdict = needsRendering(html, { contentTextLength: 12 });
  assert.equal(verdict.render, true);
  assert.match(verdict.reason ?? '', /12 characters/);
  assert.equal(needsRendering(html, { contentTextLength: 2400 }).render, false);
});

test('without scripts rendering cannot help, whatever is missing', () => {
  const noScripts = page('<div id="root"></div>', '');
  assert.deepEqual(needsRendering(noScripts, { postLinks: 0, contentTextLength: 0 }), { render: false });
  const jsonOnly = page('<div id="root"></div>', '<script type="application/ld+json">{"@type":"Blog"}</script>');
  assert.equal(needsRendering(jsonOnly, { postLinks: 0 }).render, false);
});

test('module and inline scripts count as scripts', () => {
  assert.equal(needsRendering(page('<div id="app"></div>', '<script type="module" src="/main.js"></script>')).render, true);
  assert.equal(needsRendering(page('<div id="app"></div><script>render()</script>', '')).render, true);
});

test('a static blog page with scripts and content is left to the HTTP path', () => {
  const html = page(`<div id="app"><header><a href="/">Home</a></header><article><h1>Hello</h1><p>${LONG_TEXT}</p></article></div>`);
  assert.deepEqual(needsRendering(html, { postLinks: 10, contentTextLength: LONG_TEXT.length }), { render: false });
});
