import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../src/convert/index.js';

const md = (html: string): string => htmlToMarkdown(html, 'https://blog.example.com/posts/hello/');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

test('a span standing for an external link (base64 address in data-url, read by script) is that link', () => {
  const html = `<p>The <span class="exturl" data-url="${b64('https://tools.example.org/guide?id=7')}">guide<i class="ic i-link-alt"></i></span> lists every step.</p>`;
  assert.equal(md(html), 'The [guide](https://tools.example.org/guide?id=7) lists every step.\n');
});

test('a data-url that holds no web address leaves the span as text', () => {
  assert.equal(md(`<p>A <span data-url="${b64('just words')}">label</span> here.</p>`), 'A label here.\n');
  assert.equal(md('<p>A <span data-url="not base64!">label</span> here.</p>'), 'A label here.\n');
});
