import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absoluteUrl, inScope, normalizeUrl, sameOrigin } from '../../src/url/url.js';

test('absoluteUrl resolves against the base and refuses what is not a page address', () => {
  assert.equal(absoluteUrl(' ../b/c.html ', 'https://blog.example.com/a/x/'), 'https://blog.example.com/a/b/c.html');
  assert.equal(absoluteUrl('//cdn.example.com/i.png', 'http://blog.example.com/'), 'http://cdn.example.com/i.png');
  for (const href of [undefined, '', '  ', 'javascript:void(0)', 'MAILTO:a@b.example', 'tel:123', 'data:image/png;base64,AA']) {
    assert.equal(absoluteUrl(href, 'https://blog.example.com/'), undefined, String(href));
  }
  assert.equal(absoluteUrl('http://[bad', 'https://blog.example.com/'), undefined);
  assert.equal(absoluteUrl('post/', 'not a base'), undefined);
});

test('answers are remembered per question: the same href under another base, or asked again, stays right', () => {
  for (let round = 0; round < 3; round++) {
    assert.equal(absoluteUrl('p/', 'https://a.example/x/'), 'https://a.example/x/p/');
    assert.equal(absoluteUrl('p/', 'https://b.example/y/'), 'https://b.example/y/p/');
    assert.equal(absoluteUrl('post/', 'not a base'), undefined);
    assert.equal(normalizeUrl('HTTPS://Blog.Example.com/a/index.html?utm_source=x#top'), 'https://blog.example.com/a');
    assert.equal(sameOrigin('https://a.example/x', 'https://a.example:443/y'), true);
    assert.equal(sameOrigin('https://a.example/x', 'http://a.example/x'), false);
    assert.equal(sameOrigin('nonsense', 'https://a.example/'), false);
    assert.equal(inScope('https://a.example/blog/2020/p/', 'https://a.example/blog/'), true);
    assert.equal(inScope('https://a.example/blog/2020/p/', 'https://a.example/blog/index.html'), true);
    assert.equal(inScope('https://a.example/shop/', 'https://a.example/blog/'), false);
    assert.equal(inScope('nonsense', 'https://a.example/blog/'), false);
  }
  assert.throws(() => normalizeUrl('nonsense'));
});

test('past the table bound, answers are still right', () => {
  for (let i = 0; i < 25000; i++) {
    const base = `https://blog.example.com/${i}/`;
    assert.equal(absoluteUrl('../x', base), 'https://blog.example.com/x');
    assert.equal(normalizeUrl(`${base}index.html`), `https://blog.example.com/${i}`);
    assert.equal(inScope(`${base}p/`, base), true);
  }
});
