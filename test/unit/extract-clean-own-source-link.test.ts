import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type { Cheerio } from 'cheerio';
import type { Element } from 'domhandler';
import { cleanContent } from '../../src/extract/clean.js';
import { innerHtml } from '../../src/html/parse.js';

function clean(inner: string, url: string): string {
  const $ = load(`<html><body><div id="c">${inner}</div></body></html>`);
  const root = $('#c') as Cheerio<Element>;
  cleanContent($, root, { base: url });
  return innerHtml(root.get(0)!).trim();
}

const BODY = '<p>The glider walks one cell diagonally every four generations, which is what makes it look alive on the grid.</p>';

test("a link showing the post's own source file on a code host goes, whatever its words", () => {
  const out = clean(
    `${BODY}<aside aria-label="Source"><a class="from-sources" href="https://github.com/jo/site/blob/main/blog/2024-10-28-the-glider.md">Code source de cette page</a></aside>`,
    'https://jo.example/blog/the-glider/',
  );
  assert.doesNotMatch(out, /Code source/);
  assert.match(out, /four generations/);
});

test('a link to another source file stays: a list of the files a post talks about, a sentence naming one', () => {
  const files = '<ul><li><a href="https://github.com/jo/tool/blob/main/docs/config.md">config.md</a></li><li><a href="https://github.com/jo/tool/blob/main/README.md">README.md</a></li></ul>';
  const out = clean(`${BODY}${files}`, 'https://jo.example/blog/the-glider/');
  assert.match(out, /config\.md/);
  assert.match(out, /README\.md/);
});
