// A post that is only an embed (slides, a chart) gives the sidebar column beside it most of the page's
// text: the sidebar still goes, and the embed stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

const sidebar = `<div class="col sidebar-container"><h5>PALS</h5><ul class="list-inline">
<li><a href="https://one.example/">Harbour Notes by Ann</a></li><li><a href="https://two.example/">Ferry Log of Ben</a></li>
<li><a href="https://three.example/">Tide Tables and Other Stories</a></li><li><a href="https://four.example/">The Lighthouse Keeper</a></li></ul></div>`;

test('the sidebar column after a post that is only an embed goes', () => {
  const html = `<html><head><title>Crossing chart - Bench Blog</title></head><body>
<header><h1>Crossing chart</h1><span class="meta">Posted on May 1, 2024</span></header>
<article><div class="container"><div class="row">
<div class="col post-container"><iframe src="https://blog.test/crossing-chart/" style="width: 100%"></iframe></div>
${sidebar}</div></div></article></body></html>`;
  const post = extractPost(html, 'http://blog.test/2024/05/01/crossing-chart/');
  assert.match(post.contentHtml, /<iframe/);
  assert.doesNotMatch(post.contentHtml, /PALS|Lighthouse Keeper/);
});

test('a sidebar-classed block holding the post\'s paragraphs is not taken for chrome', () => {
  const html = `<html><head><title>Tide notes - Bench Blog</title></head><body>
<article><div class="row"><div class="col intro"><img src="/tide.png" alt="tide"></div>
<div class="col sidebar-layout"><p>The tide turns twice a day, and the ferry timetable follows it closely all year round.</p>
<p>In winter the evening crossing is often cancelled when the wind comes from the north-east.</p></div></div></article></body></html>`;
  assert.match(extractPost(html, 'http://blog.test/2024/05/02/tide-notes/').contentHtml, /tide turns twice a day/);
});
