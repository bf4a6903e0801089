import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emojiOf, htmlToMarkdown } from '../../src/convert/index.js';

const md = (html: string): string => htmlToMarkdown(html, 'https://blog.example.com/posts/hello/');

test('emoji images go back to their character (WordPress, Twemoji, GitHub)', () => {
  const html =
    '<p>Smile <img draggable="false" role="img" class="emoji" alt="😀" src="https://s.w.org/images/core/emoji/14.0.0/svg/1f600.svg"> and <img src="/wp-includes/images/smilies/icon_wink.gif" alt=";)" class="wp-smiley">' +
    ' and <g-emoji class="g-emoji" alias="tada" fallback-src="x.png">🎉</g-emoji> and <img class="emoji" title=":rocket:" alt=":rocket:" src="https://github.githubassets.com/images/icons/emoji/unicode/1f680.png" height="20"></p>';
  assert.equal(md(html), 'Smile 😀 and ;) and 🎉 and 🚀\n');
});

test('jemoji: a :shortcode: alt with a code-point file name gives the character; emojiOf ignores ordinary images', () => {
  assert.equal(md('<p>writes <img class="emoji" title=":rocket:" alt=":rocket:" src="https://github.githubassets.com/images/icons/emoji/unicode/1f680.png" height="20"> here</p>'), 'writes 🚀 here\n');
  assert.equal(emojiOf({ class: 'emoji', alt: ':flag-us:', src: '/emoji/1f1fa-1f1f8.svg' }), '🇺🇸');
  assert.equal(emojiOf({ class: 'aligncenter', alt: 'A photo', src: '/img/photo.png' }), undefined);
});

test('admonitions become a blockquote led by the bold title (MkDocs, Docusaurus, NexT, GitHub alerts)', () => {
  assert.equal(md('<div class="admonition warning"><p class="admonition-title">Be careful</p><p>Body text.</p></div>'), '> **Be careful**\n>\n> Body text.\n');
  assert.equal(
    md('<div class="theme-admonition theme-admonition-tip alert alert--success admonition_xJq3"><div class="admonitionHeading_Gvgb"><span class="admonitionIcon_Rf37"><svg viewBox="0 0 12 16"><path d="M6.5 0"></path></svg></span>tip</div><div class="admonitionContent_BuS1"><p>Use <code>npm ci</code>.</p></div></div>'),
    '> **Tip**\n>\n> Use `npm ci`.\n',
  );
  assert.equal(md('<div class="note info"><p>NexT note.</p></div>'), '> **Info**\n>\n> NexT note.\n');
  assert.equal(md('<div class="kg-card kg-callout-card kg-callout-card-blue"><div class="kg-callout-emoji">💡</div><div class="kg-callout-text">Ghost callout.</div></div>'), '> **💡**\n>\n> Ghost callout.\n');
  assert.equal(md('<div class="markdown-alert markdown-alert-important"><p class="markdown-alert-title"><svg class="octicon"></svg>Important</p><p>GH alert.</p></div>'), '> **Important**\n>\n> GH alert.\n');
});

test('details/summary stays a disclosure block with Markdown inside', () => {
  assert.equal(
    md('<details><summary>Click <b>me</b></summary><p>Hidden <em>text</em>.</p><pre><code class="language-js">x()</code></pre></details>'),
    '<details>\n<summary>Click me</summary>\n\nHidden *text*.\n\n```js\nx()\n```\n\n</details>\n',
  );
});

test('kbd, sub, sup and mark stay inline HTML; abbr keeps its text', () => {
  assert.equal(
    md('<p>Press <kbd>Ctrl</kbd> + <kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, <mark>marked</mark> and <abbr title="HyperText">HTML</abbr>.</p>'),
    'Press <kbd>Ctrl</kbd> + <kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup>, <mark>marked</mark> and HTML.\n',
  );
});

test('definition lists become term / ": definition" lines', () => {
  assert.equal(md('<dl><dt>Term</dt><dd>Definition one.</dd><dt>Other</dt><dd><p>Para def.</p><p>Second.</p></dd></dl>'), '**Term**\n: Definition one.\n\n**Other**\n: Para def.\n\n    Second.\n');
});

test('a link around blocks is pushed into them: a heading in a link prints ### [Title](url), a card links each block', () => {
  assert.equal(md('<a href="/x/"><h3>Title</h3></a><p>After.</p>'), '### [Title](https://blog.example.com/x/)\n\nAfter.\n');
  assert.equal(
    md('<a href="/card/"><h2>Card title</h2><p>The excerpt.</p><span>3 min</span></a>'),
    '## [Card title](https://blog.example.com/card/)\n\n[The excerpt.](https://blog.example.com/card/)\n\n[3 min](https://blog.example.com/card/)\n',
  );
  assert.equal(md('<p>Inline <a href="/y/">link</a> stays.</p>'), 'Inline [link](https://blog.example.com/y/) stays.\n');
  assert.equal(md('<a href="/big.png"><figure><img src="/small.png" alt="pic"><figcaption>Cap</figcaption></figure></a>'), '[![pic](https://blog.example.com/small.png)](https://blog.example.com/big.png)\n\n[Cap](https://blog.example.com/big.png)\n');
});
