import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { charsetFromMarkup, decodeBody, detectCharset, normalizeCharset } from '../../src/fetch/decode.js';

interface EncodingCase {
  file: string;
  encoding: string;
  label: string;
  title: string;
  body: string;
}

const dir = new URL('../../fixtures/encodings/', import.meta.url);
const cases: EncodingCase[] = JSON.parse(readFileSync(new URL('cases.json', dir), 'utf8'));
const titleOf = (html: string) => html.match(/<title>([^<]*)<\/title>/)?.[1];

test('fixtures are really encoded in their legacy charset (not UTF-8)', () => {
  assert.ok(cases.length >= 4);
  for (const c of cases) {
    const bytes = readFileSync(new URL(c.file, dir));
    assert.notEqual(bytes.toString('utf8').includes(c.title), true, c.file);
  }
});

for (const header of [undefined, 'text/html', 'text/html; charset=ISO-8859-1', 'text/html; charset=utf-8']) {
  test(`legacy fixtures decode to the right Unicode title (Content-Type: ${header ?? 'none'})`, () => {
    for (const c of cases) {
      const { text } = decodeBody(readFileSync(new URL(c.file, dir)), header);
      assert.equal(titleOf(text), c.title, `${c.file} with ${header}`);
      assert.ok(text.includes(c.body), c.file);
    }
  });
}

test('a correct header charset is used when the document declares none', () => {
  const html = '<html><head><title>中文標題</title></head></html>';
  const { text, charset } = decodeBody(iconv.encode(html, 'big5'), 'text/html; charset=big5');
  assert.equal(text, html);
  assert.equal(charset.source, 'header');
});

test('a BOM wins over every declaration and is stripped', () => {
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="gbk"><title>Ünïcödé</title>')]);
  assert.equal(decodeBody(utf8, 'text/html; charset=windows-1252').text, '<meta charset="gbk"><title>Ünïcödé</title>');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<title>ŝ</title>', 'utf16le')]);
  assert.deepEqual(decodeBody(utf16).charset, { charset: 'utf-16le', source: 'bom' });
  assert.equal(decodeBody(utf16).text, '<title>ŝ</title>');
});

test('valid UTF-8 declared as Latin-1 (a server default) is still read as UTF-8', () => {
  const html = '<meta charset="utf-8"><title>Café — 博客</title>';
  const { text, charset } = decodeBody(Buffer.from(html), 'text/html; charset=iso-8859-1');
  assert.equal(text, html);
  assert.equal(charset.source, 'utf8-valid');
});

test('GBK body declared UTF-8 in the header follows the document\'s own <meta>', () => {
  const html = '<meta http-equiv="content-type" content="text/html;charset=GB2312"><title>下一页</title>';
  assert.equal(decodeBody(iconv.encode(html, 'gbk'), 'text/html; charset=UTF-8').text, html);
});

test('conflicting multi-byte declarations: the one that decodes without errors wins', () => {
  const html = '<meta charset="gbk"><title>簡體與繁體的博客归档文章标题</title>';
  const bytes = iconv.encode(html, 'gbk');
  for (const header of ['shift_jis', 'euc-kr']) {
    assert.deepEqual(detectCharset(bytes, `text/html; charset=${header}`), { charset: 'gb18030', source: 'meta' }, header);
    assert.equal(decodeBody(bytes, `text/html; charset=${header}`).text, html);
  }
  assert.deepEqual(detectCharset(bytes, 'text/html; charset=gb2312'), { charset: 'gb18030', source: 'header' });
});

test('XML declaration encoding is honoured for feeds', () => {
  const xml = '<?xml version="1.0" encoding="Shift_JIS"?><rss><title>日本語のフィード</title></rss>';
  assert.equal(decodeBody(iconv.encode(xml, 'shift_jis'), 'application/xml').text, xml);
  assert.deepEqual(charsetFromMarkup(Buffer.from(xml)), { label: 'Shift_JIS', source: 'xml' });
});

test('no declaration and invalid UTF-8: Windows-1252, never an exception', () => {
  const { text, charset } = decodeBody(Buffer.from([0x3c, 0x70, 0x3e, 0x93, 0x68, 0x69, 0x94, 0x20, 0x80]));
  assert.equal(text, '<p>“hi” €');
  assert.equal(charset.source, 'default');
});

test('unknown or absurd charset labels fall back instead of throwing', () => {
  assert.equal(normalizeCharset('x-no-such-charset'), undefined);
  assert.equal(normalizeCharset('"UTF-16"'), 'utf-8');
  assert.equal(normalizeCharset('Latin1'), 'windows-1252');
  assert.equal(normalizeCharset('ks_c_5601-1987'), 'cp949');
  const { text } = decodeBody(Buffer.from('<meta charset="x-bogus"><p>plain</p>'), 'text/html; charset=also-bogus');
  assert.equal(text, '<meta charset="x-bogus"><p>plain</p>');
});
