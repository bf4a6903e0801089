import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../src/convert/index.js';

const md = (html: string): string => htmlToMarkdown(html, 'https://blog.example.com/posts/hello/');

test('a table with thead and alignment becomes a GFM table', () => {
  const html =
    '<table><thead><tr><th align="left">Backend</th><th style="text-align: right">Throughput (MB/s)</th><th align="center">Supported</th></tr></thead>' +
    '<tbody><tr><td align="left">vhost-blk</td><td align="right">185</td><td align="center">no</td></tr><tr><td align="left">virtio-fs</td><td align="right">409</td><td align="center">部分</td></tr></tbody></table>';
  assert.equal(md(html), '| Backend | Throughput (MB/s) | Supported |\n| :--- | ---: | :---: |\n| vhost-blk | 185 | no |\n| virtio-fs | 409 | 部分 |\n');
});

test('first row of th cells without thead is the header; inline formatting and links stay in cells', () => {
  const html = '<table><tbody><tr><th>Name</th><th>Value</th></tr><tr><td><strong>bold</strong> and <em>em</em></td><td><a href="/x">link</a></td></tr></tbody></table>';
  assert.equal(md(html), '| Name | Value |\n| --- | --- |\n| **bold** and *em* | [link](https://blog.example.com/x) |\n');
});

test('a header-less table gets an empty header row; every pipe in a cell is escaped', () => {
  const html = '<table><tr><td>a</td><td>b</td></tr><tr><td>c|d</td><td><code>x || y</code></td></tr></table>';
  assert.equal(md(html), '|     |     |\n| --- | --- |\n| a | b |\n| c\\|d | `x \\|\\| y` |\n');
});

test('blocks inside data cells are joined with <br>: paragraphs, list items, code lines', () => {
  const html =
    '<table><thead><tr><th>Feature</th><th>Notes</th></tr></thead><tbody><tr><td>Lists</td><td><ul><li>one</li><li>two</li></ul></td></tr>' +
    '<tr><td>Paras</td><td><p>first</p><p>second</p></td></tr><tr><td>Code</td><td><pre><code>ls -l\nls -a</code></pre></td></tr><tr><td>Break</td><td>x<br>y</td></tr></tbody></table>';
  assert.equal(
    md(html),
    '| Feature | Notes |\n| --- | --- |\n| Lists | • one<br>• two |\n| Paras | first<br>second |\n| Code | `ls -l`<br>`ls -a` |\n| Break | x<br>y |\n',
  );
});

test('a layout table is unwrapped into its cells instead of being destroyed', () => {
  const html = '<table style="width:100%"><tr><td><h2>Left</h2><p>Intro</p></td><td><p>Right side</p></td></tr></table>';
  assert.equal(md(html), '## Left\n\nIntro\n\nRight side\n');
  const single = '<table><tr><td><p>Only cell, with <b>text</b>.</p></td></tr></table>';
  assert.equal(md(single), 'Only cell, with **text**.\n');
});

test('Blogger image-and-caption tables and picture-beside-text tables are layout', () => {
  const blogger =
    '<table align="center" cellpadding="0" cellspacing="0" class="tr-caption-container"><tbody><tr><td style="text-align: center;"><a href="https://blogger.googleusercontent.com/big.png">' +
    '<img border="0" src="https://blogger.googleusercontent.com/s320/pic.png" width="320" /></a></td></tr><tr><td class="tr-caption" style="text-align: center;">The caption</td></tr></tbody></table>';
  assert.equal(md(blogger), '[![](https://blogger.googleusercontent.com/s320/pic.png)](https://blogger.googleusercontent.com/big.png)\n\nThe caption\n');
  assert.equal(md('<table><tr><td><img src="/a.png" alt="a"></td><td><p>Text beside the picture.</p></td></tr></table>'), '![a](https://blog.example.com/a.png)\n\nText beside the picture.\n');
});

test('a data table nested in a layout table survives as a table', () => {
  const html = '<table><tr><td><table><tr><th>k</th><th>v</th></tr><tr><td>1</td><td>2</td></tr></table></td><td>Sidebar</td></tr></table>';
  assert.equal(md(html), '| k | v |\n| --- | --- |\n| 1 | 2 |\n\nSidebar\n');
});

test('colspan cells are padded so rows keep their column count', () => {
  const html = '<table><tr><th>a</th><th>b</th><th>c</th></tr><tr><td colspan="2">wide</td><td>z</td></tr></table>';
  assert.equal(md(html), '| a | b | c |\n| --- | --- | --- |\n| wide |  | z |\n');
});

test('a thead of two rows: the first is the header, the second the first body row (one delimiter row)', () => {
  const html = '<table><thead><tr><th>Model</th><th>Score</th></tr><tr><th>(name)</th><th>(%)</th></tr></thead><tbody><tr><td>A</td><td>90</td></tr></tbody></table>';
  assert.equal(md(html), '| Model | Score |\n| --- | --- |\n| (name) | (%) |\n| A | 90 |\n');
});

test('rowspan cells: the rows they cover get an empty cell so their own cells stay in their columns', () => {
  const html =
    '<table><tr><th>Group</th><th>Name</th><th>Short</th></tr>' +
    '<tr><td rowspan="2">cluster</td><td>nodes</td><td>no</td></tr><tr><td>namespaces</td><td>ns</td></tr>' +
    '<tr><td>workload</td><td>pods</td><td rowspan="2">po</td></tr><tr><td>jobs</td><td>job</td></tr></table>';
  assert.equal(md(html), '| Group | Name | Short |\n| --- | --- | --- |\n| cluster | nodes | no |\n|  | namespaces | ns |\n| workload | pods | po |\n| jobs | job |  |\n');
});
