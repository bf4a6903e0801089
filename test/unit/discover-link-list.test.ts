import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { isLinkList } from '../../src/discover/link-list.js';

const PAGE = 'http://e.test/notes/series/';
const linkList = (content: string, pageUrl = PAGE) => isLinkList(load(`<div id="c">${content}</div>`)('#c').get(0)!, pageUrl);
const card = (slug: string, title: string) =>
  `<a href="/notes/series/${slug}/"><div class="thumb" style="background-image:url(/x.jpg)"></div><img src="/notes/series/${slug}/cover.jpg" alt=""><div class="t">${title}</div><div><time datetime="2023-04-02">2 April 2023</time>·812 words·4 mins</div><span>Tagname</span></a>`;

test("a section's page of post cards, under a year heading, is a list of links", () => {
  assert.equal(linkList(`<h2>2023</h2><section>${card('one', 'First of the series')}${card('two', 'Second of the series')}${card('three', 'Third one')}</section>`), true);
  // A plain list of titles with their dates outside the links is one too.
  assert.equal(linkList(`<ul><li><a href="/a/">Alpha and its title</a> <time>2021-01-02</time></li><li><a href="/b/">Beta and its title</a> <time>2021-02-03</time></li></ul>`), true);
});

test('a post that links to the others of its series has prose of its own: not a list of links', () => {
  const post = `<p>This series builds a small tool in several steps. Each part stands alone, but reading them in order helps.</p><ul><li><a href="/notes/series/one/">Part one: the setup</a></li><li><a href="/notes/series/two/">Part two: the parser</a></li><li><a href="/notes/series/three/">Part three: the output</a></li></ul><p>In this part we look at the error messages and how to make them useful.</p>`;
  assert.equal(linkList(post), false);
});

test('images, code or a table outside the links, one link only, other sites, files and the page itself are not a listing', () => {
  const two = '<a href="/a/">Previous part of the comic</a> <a href="/b/">Next part of the comic</a>';
  assert.equal(linkList(`<p><img src="/comic.png" alt="a drawing"></p><p>${two}</p>`), false, 'a comic page with its previous/next links');
  assert.equal(linkList(`<pre><code>make all</code></pre>${two}`), false);
  assert.equal(linkList(`<table><tr><td>1</td></tr></table>${two}`), false);
  assert.equal(linkList('<p><a href="/a/">The only other page linked from here</a></p>'), false);
  assert.equal(linkList('<p><a href="https://other.test/a/">A page elsewhere</a> <a href="https://other.test/b/">Another elsewhere</a></p>'), false);
  assert.equal(linkList('<p><a href="/files/slides.pdf">Slides of the talk</a> <a href="/files/code.zip">Code of the talk</a></p>'), false);
  assert.equal(linkList(`<p><a href="${PAGE}">This page</a> <a href="${PAGE}#top">Top of it</a></p>`), false);
  // Links whose text is an image only (a gallery of thumbnails) are not entries of a list.
  assert.equal(linkList('<p><a href="/p/1/"><img src="/1.jpg"></a><a href="/p/2/"><img src="/2.jpg"></a></p>'), false);
});
