import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findUrls, maskCode, replaceUrls } from '../../src/export/markdown-scan.js';
import { detectUnmapped } from '../../src/export/unmapped.js';

test('maskCode blanks fenced blocks and code spans but keeps offsets and newlines', () => {
  const md = 'a `[x](y)` b\n```js\n[z](w)\n```\nc [k](l)';
  const masked = maskCode(md);
  assert.equal(masked.length, md.length);
  assert.equal(masked.split('\n').length, md.split('\n').length);
  assert.ok(!masked.includes('[x](y)') && !masked.includes('[z](w)'));
  assert.ok(masked.endsWith('c [k](l)'));
});

test('a fence closes only on the same character with at least its length', () => {
  const md = '````\n```\n[in](code)\n````\n[out](here)';
  assert.deepEqual(findUrls(md).map((s) => s.url), ['here']);
});

test('findUrls sees inline links, images, reference definitions and HTML attributes', () => {
  const md = [
    '![alt](assets/a.png "t") and [x](<with space.png>)',
    '[p](https://b.example/x_(y)) [esc](a\\_b.html)',
    '<img src="assets/c.png" srcset="assets/c.png 1x, assets/c2.png 2x"> <a href=\'/rel?a=1&amp;b=2\'>r</a>',
    '',
    '[ref]: https://b.example/ref/ "T"',
  ].join('\n');
  assert.deepEqual(
    findUrls(md).map((s) => [s.url, s.syntax]),
    [
      ['assets/a.png', 'markdown'],
      ['with space.png', 'angle'],
      ['https://b.example/x_(y)', 'markdown'],
      ['a_b.html', 'markdown'],
      ['assets/c.png', 'html'],
      ['assets/c.png', 'html'],
      ['assets/c2.png', 'html'],
      ['/rel?a=1&b=2', 'html'],
      ['https://b.example/ref/', 'markdown'],
    ],
  );
});

test('replaceUrls rewrites only what the callback maps and escapes for the syntax', () => {
  const md = '[a](x) [b](y) <img src="x"> [c](<x>)\n`[d](x)`';
  const out = replaceUrls(md, (url) => (url === 'x' ? 'new (1).png' : undefined));
  assert.equal(out, '[a](new%20%281%29.png) [b](y) <img src="new (1).png"> [c](<new (1).png>)\n`[d](x)`');
  assert.equal(replaceUrls('<a href="x">', () => 'a"b&c'), '<a href="a&quot;b&amp;c">');
});

test('detectUnmapped reports shortcodes, embeds and HTML blocks with their lines, not code', () => {
  const md = [
    'Intro {{< youtube abc >}} and {{% note %}}',
    '{% include x.html %} and {{ page.title }}',
    '[caption id="c1"]Photo[/caption]',
    '',
    '<div class="box">',
    '<iframe src="https://player.example/v/1"></iframe>',
    '</div>',
    '',
    '<blockquote class="twitter-tweet"><p>t</p></blockquote>',
    '```',
    '{% not reported %} <iframe src="no">',
    '```',
    'Inline `{{ code }}` is fine.',
  ].join('\n');
  const items = detectUnmapped(md).map((i) => `${i.line} ${i.kind} ${i.detail}`);
  assert.deepEqual(items, [
    '1 shortcode {{< youtube abc >}}',
    '1 shortcode {{% note %}}',
    '2 shortcode {% include x.html %}',
    '2 shortcode {{ page.title }}',
    '3 shortcode [caption id="c1"]',
    '3 shortcode [/caption]',
    '5 raw-html <div>',
    '6 embed <iframe> https://player.example/v/1',
    '9 embed twitter-tweet',
    '9 raw-html <blockquote>',
  ]);
});

test('plain Markdown has nothing unmapped', () => {
  assert.deepEqual(detectUnmapped('# Title\n\nText with [a link](https://x.example/) and ![img](assets/a.png).\n\n- list\n'), []);
});
