import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type { Cheerio } from 'cheerio';
import type { Element } from 'domhandler';
import { cleanContent } from '../../src/extract/clean.js';
import { innerHtml } from '../../src/html/parse.js';
import { wordPartPattern } from '../../src/html/text.js';

function clean(inner: string): string {
  const $ = load(`<html><body><div id="c">${inner}</div></body></html>`);
  const root = $('#c') as Cheerio<Element>;
  cleanContent($, root, { base: 'https://b.example/2021/03/post.html' });
  return innerHtml(root.get(0)!).trim();
}

const BODY =
  '<div class="post-body"><p>The scheduler hands each worker a slice of the queue, so one slow job no longer holds up the rest of the batch.</p>' +
  '<p>Measured over a week of nightly runs, the longest batch went from forty minutes to twelve.</p></div>';

test('a BEM-named byline (block__element) is the meta line its words name', () => {
  const out = clean(
    '<div class="article__info"><ul class="right-col"><li><span>Jane Roe</span></li><li><span>3 Mar, 2021</span></li></ul></div>' + BODY,
  );
  assert.doesNotMatch(out, /Jane Roe/);
  assert.doesNotMatch(out, /3 Mar, 2021/);
  assert.match(out, /slice of the queue/);
});

test("a post's navigator block (previous/next post links) goes", () => {
  const out = clean(
    `${BODY}<div class="article__section-navigator"><div class="previous"><span>PREVIOUS</span><a href="/2021/02/older.html">An older post</a></div></div>`,
  );
  assert.doesNotMatch(out, /An older post/);
  assert.doesNotMatch(out, /PREVIOUS/);
  assert.match(out, /forty minutes/);
});

test('a doubled separator joins the parts of a word, a single one still does, other words stay apart', () => {
  const meta = wordPartPattern(['post-meta']);
  assert.match('post__meta', meta);
  assert.match('post--meta', meta);
  assert.match('post_meta', meta);
  assert.match('entry post-meta', meta);
  assert.doesNotMatch('post___meta', meta);
  assert.doesNotMatch('postmeta', meta);
  assert.doesNotMatch('post-metadata', meta);
});
