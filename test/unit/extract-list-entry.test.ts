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

test('a series page holding a single entry is a listing: its heading and its "Read more" lead to the post; a post whose title links itself is not', () => {
  const entry = (title: string, href: string, more: string) => `<article class="post on-list"><h2 class="post-title"><a href="${href}">${title}</a></h2>
<div class="post-meta"><time>March 3, 2024</time></div>
<div class="post-content"><p>Wiring the pump to the relay board took an evening, and the first dry run flooded the saucer under the pot.</p></div>
<div><a class="button inline" href="${more}">[Read more]</a></div></article>`;
  const series = `<html><head><title>Series: Garden pumps</title></head><body><div class="content"><div class="posts"><h1>Series: Garden pumps</h1>
${entry('Watering the basil', '/posts/watering-the-basil/', '/posts/watering-the-basil/')}</div></div></body></html>`;
  assert.equal(extractPostTree(series, 'http://blog.test/series/garden-pumps/').listEntry, true);
  const post = `<html><head><title>Watering the basil</title></head><body><div class="content"><article class="post"><h1 class="post-title"><a href="/posts/watering-the-basil/">Watering the basil</a></h1>
<div class="post-content"><p>Wiring the pump to the relay board took an evening, and the first dry run flooded the saucer under the pot.</p><p>The second run went better once the timer was set.</p></div>
<div class="related"><h3><a href="/posts/tomatoes/">Tomatoes</a></h3><a href="/posts/tomatoes/">Read more</a></div></article></div></body></html>`;
  assert.equal(extractPostTree(post, 'http://blog.test/posts/watering-the-basil/').listEntry, false);
});

test('a series page holding a single card is a listing: an empty link stretched over the card leads to the post; a post is not', () => {
  const series = `<html><head><title>Pumps</title></head><body><header><a class="site-name" href="/">Garden notes</a></header><main class="main"><h1 class="main-title">Pumps</h1>
<article class="post-entry"><h2>Watering the basil</h2><time>Mar 3, 2024</time><a href="/post/watering-the-basil/"></a></article></main></body></html>`;
  assert.equal(extractPostTree(series, 'http://blog.test/series/pumps/').listEntry, true);
  const post = `<html><head><title>Watering the basil</title></head><body><header><a class="site-name" href="/">Garden notes</a></header><main class="main"><article class="post-single"><a href="/"></a>
<h1>Watering the basil</h1><h2>Wiring</h2><p>Wiring the pump to the relay board took an evening, and the first dry run flooded the saucer under the pot.</p>
<p>The second run went better once the timer was set, see <a href="/post/timers/">the timer post</a>.</p></article></main></body></html>`;
  assert.equal(extractPostTree(post, 'http://blog.test/post/watering-the-basil/').listEntry, false);
});

test('a short post with an icon link to another page of the blog (a feed, a tag) is still a post', () => {
  const post = `<html><head><title>Basil update</title></head><body><main class="main"><article class="post-single"><h1>Basil update</h1>
<a class="feed" href="/atom.xml"><i class="icon-rss"></i></a><p>The basil survived the heat wave.</p></article></main></body></html>`;
  assert.equal(extractPostTree(post, 'http://blog.test/post/basil-update/').listEntry, false);
});

test('a listing read whole as the article is a list: like cards whose linked titles lead to other pages are nearly all its text', () => {
  const tile = (slug: string, title: string, text: string) => `<div class="tile"><a href="/notes/${slug}/"><h2>${title}</h2></a>
<time datetime="2024-05-02">2 May 2024</time><p>${text}</p></div>`;
  const tiles = [
    tile('kiln', 'Firing the kiln', 'The first firing took nine hours and two bowls cracked at the rim.'),
    tile('glaze', 'Mixing a glaze', 'Ash from the orchard gave a green that nobody could make twice.'),
    tile('wheel', 'A second-hand wheel', 'The motor hums at low speed, which is when it is most useful.'),
  ].join('');
  const listing = `<html><head><title>Notes</title></head><body><main><h1>Notes</h1><div style="display:flex">${tiles}</div></main></body></html>`;
  assert.equal(extractPostTree(listing, 'http://blog.test/notes/').listEntry, true);
  const post = `<html><head><title>A year at the wheel</title></head><body><main><h1>A year at the wheel</h1>
${'<p>Throwing every evening for a year changed what I expect from clay, from the wheel and from the hour after work, and most of it was slower than I hoped.</p>'.repeat(4)}
<div style="display:flex">${tiles}</div></main></body></html>`;
  assert.equal(extractPostTree(post, 'http://blog.test/notes/a-year/').listEntry, false);
});
