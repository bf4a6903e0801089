import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PathEscapeError, postSlug, resolveInside, safeStem, truncateUtf8 } from '../../src/store/filenames.js';
import { assetBaseName, assetExtension, assetFileName } from '../../src/store/asset-names.js';

test('slug from the last meaningful path segment', () => {
  assert.equal(postSlug('https://b.example/2015/07/26/hello-world/'), 'hello-world');
  assert.equal(postSlug('https://b.example/2015/07/26/hello-world/index.html'), 'hello-world');
  assert.equal(postSlug('https://b.example/?p=123'), 'p-123');
  assert.equal(postSlug('https://b.example/posts/123.html'), '123');
  assert.equal(postSlug('https://b.example/post.php?id=7'), 'post-id-7');
  assert.equal(postSlug('https://b.example/blog/My%20Post'), 'My-Post');
});

test('non-Latin slugs stay readable and NFC', () => {
  assert.equal(postSlug('https://b.example/2020/%E4%BD%A0%E5%A5%BD%E4%B8%96%E7%95%8C/'), '你好世界');
  assert.equal(postSlug('https://b.example/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82'), 'привет');
  // "é" as e + combining accent (NFD) comes out precomposed.
  assert.equal(postSlug('https://b.example/cafe%CC%81'), 'caf\u00e9');
  // A broken escape is kept rather than failing the whole name.
  assert.equal(postSlug('https://b.example/100%-sure%E4%BD%A0'), '100%-sure你');
});

test('slug falls back to the title, then to "post"', () => {
  assert.equal(postSlug('https://b.example/', 'A Title: With/Slash'), 'A-Title-With-Slash');
  assert.equal(postSlug('https://b.example/'), 'post');
  assert.equal(postSlug('https://b.example/..%2F..%2F/'), 'post');
});

test('hostile names are made safe', () => {
  const hostile = ['../../etc/passwd', '/abs/path', 'a\0b', '..', '.', 'CON', 'con.txt', 'LPT1', 'nul', 'tab\there', 'end. . ', '.hidden', 'a\\b', 'x<>:"|?*y', '\u202e\u0007bell'];
  for (const raw of hostile) {
    const stem = safeStem(raw);
    assert.doesNotMatch(stem, /[/\\\0\u0000-\u001f]/, raw);
    assert.ok(!stem.startsWith('.'), `${raw} -> ${stem}`);
    assert.ok(!/[. ]$/.test(stem), `${raw} -> ${stem}`);
    assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem.split('.')[0]!), `${raw} -> ${stem}`);
    assert.ok(!stem.includes('..'), `${raw} -> ${stem}`);
  }
  assert.equal(safeStem('../../etc/passwd'), 'etc-passwd');
  assert.equal(safeStem('CON'), 'CON_');
  assert.equal(safeStem('con.txt'), 'con_.txt');
  assert.equal(safeStem('..'), '');
  assert.equal(safeStem('\u202eevil\u2066'), 'evil', 'bidi overrides removed');
  assert.equal(safeStem('می\u200cخواهم'), 'می\u200cخواهم', 'ZWNJ kept');
  assert.equal(postSlug('https://b.example/%2e%2e%2f%2e%2e%2fetc%2fpasswd'), 'etc-passwd');
  assert.equal(postSlug('https://b.example/AUX/'), 'AUX_');
});

test('long names are cut on a character boundary and stay unique', () => {
  const a = safeStem('长'.repeat(150));
  const b = safeStem('长'.repeat(149) + '短');
  assert.ok(Buffer.byteLength(a) <= 200);
  assert.notEqual(a, b);
  assert.match(a, /^长+-[0-9a-f]{8}$/);
  assert.equal(truncateUtf8('ab😀c', 5), 'ab');
  // Grapheme clusters (flag, family emoji) are never split.
  assert.equal(truncateUtf8('🇫🇷🇫🇷', 10), '🇫🇷');
  const latin = safeStem('x'.repeat(300));
  assert.ok(Buffer.byteLength(`${latin}-99.md`) <= 255);
});

test('resolveInside refuses anything outside the root', () => {
  const root = join(tmpdir(), 'bv-root');
  assert.equal(resolveInside(root, 'a/b.md'), join(root, 'a', 'b.md'));
  for (const bad of ['../x.md', '/etc/passwd', 'a/../../x', '', '.', 'a\0b']) {
    assert.throws(() => resolveInside(root, bad), PathEscapeError, bad);
  }
});

test('asset names: file name from the URL, extension from URL or content type', () => {
  const hash = 'abcdef0123456789';
  assert.equal(assetFileName('https://b.example/img/photo.JPG?w=100', hash), 'photo-abcdef01.jpg');
  assert.equal(assetFileName('https://b.example/image.php?id=3', hash, 'image/png'), 'image-abcdef01.png');
  assert.equal(assetFileName('https://b.example/', hash, 'image/webp'), 'asset-abcdef01.webp');
  assert.equal(assetFileName('https://b.example/blob', hash), 'blob-abcdef01.bin');
  assert.equal(assetBaseName('https://b.example/%2e%2e%2f%2e%2e%2fevil.png'), 'evil');
  assert.equal(assetBaseName('https://b.example/%E5%9B%BE%E7%89%87.png'), '图片');
  assert.equal(assetExtension('https://b.example/a.svg', 'text/html'), 'svg');
});
