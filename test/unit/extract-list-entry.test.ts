import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPostTree } from '../../src/extract/index.js';

const card = (slug: string, title: string, text: string) => `<article class="card card--thumb" itemscope itemtype="http://schema.org/BlogPosting">
<div class="card-wrap"><div class="card-header"><h1 class="card-title" itemprop="headline"><a href="/${slug}/">${title}</a></h1>
<div class="card-meta"><time datetime="2019-01-01">1 January 2019</time></div></div>
<div class="card-excerpt" itemprop="articleBody">${text}<p><a href="/${slug}/">Continue</a></p></div></div></article>`;

test('a section page whose article is read from its first card is one entry of a list', () => {
  const page = `<html><head><title>Posts</title></head><body><main><div class="list">
${card('census-names', 'How common is your name', 'The census collected first names, and the counts per decade show how fashions in naming come and go over the years.')}
${card('fire-risk', 'Fire risk by formula', 'A daily index adds up the days without rain and weighs them by the humidity at noon to rate the risk of fire.')}
${card('migration', 'Who moved where', 'Moves between states over two decades show which capitals grew by newcomers and which kept their own people.')}
</div></main></body></html>`;
  assert.equal(extractPostTree(page, 'http://blog.test/post/').listEntry, true);
});

test('a post is no list entry: its sections link nothing from their headings, related cards sit beside it', () => {
  const sections = ['Setup', 'Measure', 'Results'].map((h) => `<section class="step"><h2>${h}</h2><p>Each step of the study repeats the same trial with a new seed and a longer warm-up than the one before it.</p></section>`).join('');
  const post = `<html><head><title>A study in three steps</title></head><body><main><article class="post"><h1 class="post-title">A study in three steps</h1>
<div class="post-body">${sections}</div></article>
<div class="related">${card('census-names', 'How common is your name', 'Names.')}${card('fire-risk', 'Fire risk by formula', 'Fire.')}${card('migration', 'Who moved where', 'Moves.')}</div></main></body></html>`;
  assert.equal(extractPostTree(post, 'http://blog.test/a-study/').listEntry, false);
});
