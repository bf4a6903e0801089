import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import { htmlToMarkdown, treeToMarkdown } from '../../src/convert/index.js';
import { extractPostTree } from '../../src/extract/index.js';
import { innerHtml } from '../../src/html/parse.js';

const URL_ = 'https://blog.example.com/posts/hello/';

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...htmlFiles(path));
    else if (name.endsWith('.html')) out.push(path);
  }
  return out;
}

test('converting the extracted tree in place gives the same Markdown as parsing its HTML again, on every fixture page', () => {
  const pages = htmlFiles(new URL('../../fixtures', import.meta.url).pathname);
  assert.ok(pages.length > 50, `fixture pages found: ${pages.length}`);
  let withBody = 0;
  for (const page of pages) {
    const { content } = extractPostTree(readFileSync(page, 'utf8'), URL_);
    const html = innerHtml(content).trim();
    const fromTree = treeToMarkdown(content, URL_);
    assert.equal(fromTree, htmlToMarkdown(html, URL_), page);
    if (fromTree.trim()) withBody++;
  }
  assert.ok(withBody > 50);
});

test('the tree as it is: SVG and MathML keep their namespace, split text joins, comments stay out of the Markdown', () => {
  const html =
    '<div id="c"><p>See <span class="x">this</span> for details<!-- note --> now.</p>' +
    '<math><semantics><mi>x</mi><annotation encoding="application/x-tex">x^2</annotation></semantics></math>' +
    '<pre><code class="language-js">let a = 1;</code></pre><svg viewBox="0 0 1 1"><path d="M0"></path></svg></div>';
  const $ = load(html);
  $('span.x').remove();
  const root = $('#c');
  const inner = root.html() ?? '';
  const fromTree = treeToMarkdown(root.get(0)!, URL_);
  assert.equal(fromTree, htmlToMarkdown(inner, URL_));
  assert.match(fromTree, /See for details now\.[\s\S]*\$x\^2\$[\s\S]*```js\nlet a = 1;\n```/);
});

test('the tree as it is: names a DOM would refuse (hostile markup) are no obstacle', () => {
  const $ = load('<div id="c"><p x"y="1">kept <b a<b="2">bold</b></p></div>');
  assert.equal(treeToMarkdown($('#c').get(0)!, URL_), 'kept **bold**\n');
});
