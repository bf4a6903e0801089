import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type { Cheerio } from 'cheerio';
import type { Element } from 'domhandler';
import { cleanContent } from '../../src/extract/clean.js';
import { innerHtml } from '../../src/html/parse.js';

function clean(inner: string): string {
  const $ = load(`<html><body><div id="c">${inner}</div></body></html>`);
  const root = $('#c') as Cheerio<Element>;
  cleanContent($, root, { base: 'https://b.example/2020/post/' });
  return innerHtml(root.get(0)!).trim();
}

const TEXT = '<p>The bridge batches the dirty bitmap when the ring is full, which keeps latency low under load.</p>';

test('a rule left last once the "Last modified" line after it is removed goes too', () => {
  const out = clean(`${TEXT}<div><pre><code>make all</code></pre></div>\n<hr width="100%">\n<p style="color:#777;">Last modified on 2017-03-29</p>`);
  assert.doesNotMatch(out, /Last modified/);
  assert.doesNotMatch(out, /<hr/);
  assert.match(out, /dirty bitmap/);
  assert.match(out, /make all/);
});

test('a rule between two parts of the text stays', () => {
  const out = clean(`${TEXT}<hr>${TEXT.replace('bridge', 'switch')}`);
  assert.match(out, /<hr>/);
});
