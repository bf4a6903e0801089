// A hostile or broken page may nest elements (or JSON-LD arrays) twenty thousand deep: every walk over it
// must go on without "Maximum call stack size exceeded" and still find what the page holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPostLinks } from '../../src/discover/post-links.js';
import { readIndexPage } from '../../src/discover/index-walk.js';
import { extractPost } from '../../src/extract/index.js';

const DEPTH = 20_000;
const nest = (open: string, close: string, inner: string) => `${open.repeat(DEPTH)}${inner}${close.repeat(DEPTH)}`;

// The title link's text sits 20,000 spans down: the title-link selector `a:has(h1, ...)` searches all of it.
const INDEX = `<!doctype html><html><head><title>Deep index</title></head><body><main>
<article><h2><a href="/posts/deep/">${nest('<span>', '</span>', 'Deep post')}</a></h2><time datetime="2020-01-02">Jan 2</time></article>
<article><h2><a href="/posts/flat/">Flat post</a></h2></article>
${nest('<div>', '</div>', '<a rel="next" href="/page/2/">Older posts</a>')}
</main></body></html>`;

test('an index page nested 20,000 deep is read: its posts and its next page are found', () => {
  const links = findPostLinks(INDEX, 'https://deep.example/');
  assert.deepEqual(links, [
    { url: 'https://deep.example/posts/deep/', title: 'Deep post', date: '2020-01-02' },
    { url: 'https://deep.example/posts/flat/', title: 'Flat post' },
  ]);
  const reading = readIndexPage({ html: INDEX, url: 'https://deep.example/', scope: 'https://deep.example/', first: true });
  assert.deepEqual(reading.found, links);
  assert.deepEqual(reading.nextPages, ['https://deep.example/page/2/']);
});

test('a post nested 20,000 deep, with JSON-LD arrays nested as deep, is extracted', () => {
  const jsonLd = nest('[', ']', '{"@type":"BlogPosting","headline":"Deep headline","datePublished":"2021-03-04"}');
  const html = `<!doctype html><html><head><title>Page title</title><script type="application/ld+json">${jsonLd}</script></head><body>
<article>${nest('<div>', '</div>', '<p>Deep text survives, with enough words to be scored as a paragraph.</p><!-- a comment --><p></p>')}</article>
</body></html>`;
  const post = extractPost(html, 'https://deep.example/posts/deep/');
  assert.equal(post.meta.title, 'Deep headline');
  assert.equal(post.meta.date, '2021-03-04');
  assert.match(post.contentHtml, /Deep text survives, with enough words to be scored as a paragraph\./);
  assert.doesNotMatch(post.contentHtml, /a comment/);
});
