import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeMarkdownText, htmlToMarkdown } from '../../src/convert/index.js';

const md = (html: string): string => htmlToMarkdown(html, 'https://blog.example.com/posts/hello/');

test('prose stays readable: comparisons, ampersands, snake_case, numbers are not escaped', () => {
  assert.equal(
    md('<p>Numbers such as 5 &gt; 3 and a &lt; b &amp; c survive escaping; so do snake_case_names and 2 × 3 &#x3D; 6 and 1 * 2.</p>'),
    'Numbers such as 5 > 3 and a < b & c survive escaping; so do snake_case_names and 2 × 3 = 6 and 1 * 2.\n',
  );
});

test('text that would read as Markdown is escaped', () => {
  assert.equal(
    md('<p>Literal *stars* and _under_ and `ticks` and [text](not-a-link) and &lt;div&gt; and &amp;copy; and __init__.</p>'),
    'Literal \\*stars\\* and \\_under\\_ and \\`ticks\\` and \\[text\\](not-a-link) and \\<div> and \\&copy; and \\_\\_init\\_\\_.\n',
  );
  assert.equal(md('<p>1. not a list</p><p># not a heading</p><p>- not a bullet</p><p>&gt; not a quote</p>'), '1\\. not a list\n\n\\# not a heading\n\n\\- not a bullet\n\n\\> not a quote\n');
});

test('line-start escapes only where the text really starts a line', () => {
  assert.equal(md('<p><kbd>Ctrl</kbd>+<kbd>C</kbd> and <b>see</b>1. this</p>'), '<kbd>Ctrl</kbd>+<kbd>C</kbd> and **see**1. this\n');
  assert.equal(md('<ul><li>- dash item</li><li>2. numbered</li></ul>'), '- \\- dash item\n- 2\\. numbered\n');
  assert.equal(md('<p>before<br>- after a break</p>'), 'before\\\n\\- after a break\n');
  assert.equal(md('<blockquote><p># not a heading</p></blockquote>'), '> \\# not a heading\n');
  assert.equal(md('<table><tr><th>a</th></tr><tr><td>- x</td></tr></table>'), '| a |\n| --- |\n| - x |\n');
});

test('escapeMarkdownText: backslashes only before punctuation, footnote look-alikes, setext underlines', () => {
  assert.equal(escapeMarkdownText('C:\\path\\to and \\*'), 'C:\\path\\to and \\\\\\*');
  assert.equal(escapeMarkdownText('see [^1] and [1]'), 'see \\[^1\\] and [1]');
  assert.equal(md('<p><a href="/x">a] b</a> and [open and close]</p>'), '[a\\] b](https://blog.example.com/x) and [open and close]\n');
  assert.equal(escapeMarkdownText('==='), '\\===');
  assert.equal(escapeMarkdownText('~~gone~~'), '\\~\\~gone\\~\\~');
  assert.equal(escapeMarkdownText('about ~5 ms, 1 ~ 2'), 'about \\~5 ms, 1 ~ 2');
});

test('headings are ATX; permalink anchors (Hexo, Sphinx) and self-links are dropped', () => {
  const html =
    '<h1>Title <a class="headerlink" href="#title" title="Permalink">¶</a></h1><h2 id="x"><a href="#x" class="headerlink" title="x"></a>Sub head</h2>' +
    '<h3><a href="#y">Linked heading</a></h3><h4>C#</h4><h5>Ends with #</h5>' +
    '<h2 class="anchor" id="setup">Setup<a href="#setup" class="hash-link" aria-label="Direct link to Setup">\u200b</a></h2>';
  assert.equal(md(html), '# Title\n\n## Sub head\n\n### Linked heading\n\n#### C#\n\n##### Ends with \\#\n\n## Setup\n');
});

test('line breaks: backslash hard breaks, runs of <br> split paragraphs, edge <br>s dropped', () => {
  assert.equal(md('<p>Line one<br>line two<br></p><p>Para<br><br>next para</p><p><br>leading</p>'), 'Line one\\\nline two\n\nPara\n\nnext para\n\nleading\n');
});

test('links are absolute; fragments, mailto and titles kept; script links lose the link', () => {
  const html =
    '<p>See <a href="/about/">about</a>, <a href="#sec">section</a>, <a href="https://x.org/a b(c)">odd</a>, <a href="mailto:me@x.org">mail</a>, ' +
    '<a href="javascript:void(0)">js</a>, <a href="https://x.org/">https://x.org/</a> and <a href="page.html" title="A &quot;title&quot;">rel</a>.</p>';
  assert.equal(
    md(html),
    'See [about](https://blog.example.com/about/), [section](#sec), [odd](https://x.org/a%20b\\(c\\)), [mail](mailto:me@x.org), js, <https://x.org/> and [rel](https://blog.example.com/posts/hello/page.html "A \\"title\\"").\n',
  );
});

test('images: alt and title, absolute sources, local archive paths untouched, lazy sources and srcset', () => {
  const html =
    '<p><img src="/img/a.png" alt="An [image]" title="Tip"> <img src="../assets/b-1234abcd.png" alt="local"> ' +
    '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/lazy.jpg" alt="lazy"> <img srcset="/s.jpg 300w, /l.jpg 1200w" alt="set"></p>';
  assert.equal(
    md(html),
    '![An \\[image\\]](https://blog.example.com/img/a.png "Tip") ![local](../assets/b-1234abcd.png) ![lazy](https://blog.example.com/img/lazy.jpg) ![set](https://blog.example.com/l.jpg)\n',
  );
});

test('a <noscript> fallback replaces a placeholder image instead of doubling it', () => {
  assert.equal(md('<p><img class="lazyload" src="data:image/svg+xml,%3Csvg%3E" alt="ns"><noscript><img src="/real.jpg" alt="ns"></noscript></p>'), '![ns](https://blog.example.com/real.jpg)\n');
  assert.equal(md('<p><img data-src="/lazy.jpg" alt="x"><noscript><img src="/lazy.jpg" alt="x"></noscript></p>'), '![x](https://blog.example.com/lazy.jpg)\n');
});

test('linked image, figure with caption, hr, strikethrough, emphasis', () => {
  assert.equal(md('<p><a href="/big.png"><img src="/small.png" alt="thumb"></a></p>'), '[![thumb](https://blog.example.com/small.png)](https://blog.example.com/big.png)\n');
  assert.equal(md('<figure><img src="/fig.png" alt="Chart"><figcaption>Figure 1: <em>throughput</em></figcaption></figure>'), '![Chart](https://blog.example.com/fig.png)\n\nFigure 1: *throughput*\n');
  assert.equal(md('<p>x</p><hr><p>y</p>'), 'x\n\n---\n\ny\n');
  assert.equal(md('<p>text with <del>gone</del> and <s>old</s></p>'), 'text with ~~gone~~ and ~~old~~\n');
  assert.equal(md('<p>a<strong> bold </strong>b and <em>it</em>alic and in<em>word</em>s</p>'), 'a **bold** b and *it*alic and in*word*s\n');
});

test('output is clean: no leftover tags, no 3+ blank lines, no trailing spaces, one final newline', () => {
  const out = md('<div><span>One</span></div>\n\n<p>&nbsp;</p><p>&nbsp;</p><div><p>Two  </p></div><script>x()</script><style>p{}</style>');
  assert.equal(out, 'One\n\nTwo\n');
  assert.equal(md(''), '');
  assert.equal(md('<!doctype html><html><head><title>Page</title><meta charset=utf-8></head><body><article><p>Body</p></article></body></html>'), 'Body\n');
});

test('emphasis whose delimiters could not open or close stays HTML (punctuation inside, letters outside; CJK)', () => {
  assert.equal(
    md('<p><b>Update:</b>text, <strong>重要：</strong>中文, a <em>normal</em> word, in<em>word</em>s, x<strong><em>both</em></strong>y, <del>(gone)</del>z, <b>bold</b>.</p>'),
    '<strong>Update:</strong>text, <strong>重要：</strong>中文, a *normal* word, in*word*s, x***both***y, <del>(gone)</del>z, **bold**.\n',
  );
  assert.equal(md('<p><em>a</em><em>b</em></p>'), '<em>a</em><em>b</em>\n');
});

test('a text ending in ! before a link does not turn the link into an image', () => {
  assert.equal(md('<p>Wow!<a href="/x">link</a> and Wow! <img src="/i.png" alt="i"></p>'), 'Wow\\![link](https://blog.example.com/x) and Wow! ![i](https://blog.example.com/i.png)\n');
});

test('absurdly deep nesting keeps its text instead of overflowing the stack', () => {
  const depth = 3000;
  assert.equal(md(`${'<div><span>'.repeat(depth)}deep <b>text</b>${'</span></div>'.repeat(depth)}`), 'deep text\n');
});
