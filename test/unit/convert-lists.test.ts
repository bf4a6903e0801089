import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../src/convert/index.js';

const md = (html: string): string => htmlToMarkdown(html, 'https://blog.example.com/posts/hello/');

test('nested lists mixing ul and ol are indented to each item\'s content column', () => {
  const html = '<ul><li>one<ul><li>nested <em>a</em></li><li>nested b<ol><li>deep 1</li><li>deep 2</li></ol></li></ul></li><li>two</li></ul>';
  assert.equal(md(html), '- one\n  - nested *a*\n  - nested b\n    1. deep 1\n    2. deep 2\n- two\n');
});

test('ordered lists honour start; a list under a number is indented three spaces', () => {
  assert.equal(md('<ol start="3"><li>three</li><li>four<ul><li>sub</li></ul></li></ol>'), '3. three\n4. four\n   - sub\n');
});

test('a ten-item ordered list indents continuation lines under two-digit markers', () => {
  const items = Array.from({ length: 10 }, (_, i) => (i === 9 ? '<li>ten<ul><li>x</li></ul></li>' : `<li>${i + 1}</li>`)).join('');
  assert.ok(md(`<ol>${items}</ol>`).endsWith('10. ten\n    - x\n'));
});

test('task list items (GitHub, Hugo/goldmark) become [x] / [ ]', () => {
  const gh = '<ul class="contains-task-list"><li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled checked> done</li><li class="task-list-item"><input type="checkbox" disabled> todo</li></ul>';
  assert.equal(md(gh), '- [x] done\n- [ ] todo\n');
  const loose = '<ul><li><p><input type="checkbox" checked="" disabled="">shipped</p></li></ul>';
  assert.equal(md(loose), '- [x] shipped\n');
});

test('loose list items keep their paragraphs', () => {
  assert.equal(md('<ul><li><p>loose one</p></li><li><p>loose two</p><p>more</p></li></ul>'), '- loose one\n\n- loose two\n\n  more\n');
});

test('nested blockquotes, with no trailing spaces on the blank quote lines', () => {
  assert.equal(md('<blockquote><p>outer</p><blockquote><p>inner</p></blockquote><p>after</p></blockquote>'), '> outer\n>\n> > inner\n>\n> after\n');
});

test('a list inside a blockquote', () => {
  assert.equal(md('<blockquote><p>Steps:</p><ol><li>a</li><li>b</li></ol></blockquote>'), '> Steps:\n>\n> 1. a\n> 2. b\n');
});
