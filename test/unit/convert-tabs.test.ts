import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../src/convert/index.js';

const md = (html: string): string => htmlToMarkdown(html, 'https://blog.example.com/posts/hello/');

test('tabs named by aria-controls: each panel under its own label, whatever the order of the panels', () => {
  const html =
    '<div class="tabs"><div role="tablist"><button role="tab" aria-controls="p-lua" aria-selected="true">Lua</button><button role="tab" aria-controls="p-js">JavaScript</button></div>' +
    '<section id="p-js" role="tabpanel" hidden><p>The JS version.</p></section><section id="p-lua" role="tabpanel"><p>The Lua version.</p></section></div>';
  assert.equal(md(html), 'The JS version.\n\n**Lua**\n\nThe Lua version.\n'.replace('The JS', '**JavaScript**\n\nThe JS'));
});

test('a tab list whose tabs and panels do not pair up is left as a list', () => {
  const html =
    '<div class="tabs"><ul role="tablist"><li role="tab">One</li><li role="tab">Two</li><li role="tab">Three</li></ul>' +
    '<div role="tabpanel"><p>First.</p></div><div role="tabpanel" hidden><p>Second.</p></div></div>';
  assert.equal(md(html), '- One\n- Two\n- Three\n\nFirst.\n\nSecond.\n');
});
