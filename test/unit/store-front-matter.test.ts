import { test } from 'node:test';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { parsePostFile, renderFrontMatter, renderPostFile } from '../../src/store/front-matter.js';
import type { PostMeta } from '../../src/types.js';

const URL = 'https://b.example/2015/07/26/hello-world/';

test('keys come in the documented order, empty values omitted, dates unquoted', () => {
  const meta = {
    image: 'https://b.example/i.png',
    lang: 'en',
    tags: ['b', 'a'],
    categories: [],
    title: 'Hello',
    date: '2015-07-26T10:30:00Z',
    updated: '2015-07-27',
    author: '',
    description: 'd',
  } as PostMeta;
  const text = renderFrontMatter(meta, URL);
  assert.equal(
    text,
    [
      '---',
      'title: Hello',
      'date: 2015-07-26T10:30:00Z',
      'updated: 2015-07-27',
      'tags:',
      '  - b',
      '  - a',
      'description: d',
      `url: ${URL}`,
      'lang: en',
      'image: https://b.example/i.png',
      '---',
      '',
    ].join('\n'),
  );
});

const tricky = [
  'Hello: world',
  'C# and F#: a #hashtag',
  "It's \"quoted\"",
  '@mention at start',
  '*star at start',
  '- dash at start',
  '[bracketed] {braced}',
  '中文标题：冒号',
  'yes',
  'No',
  'on',
  '2015-07-26',
  '123',
  '0x1F',
  'null',
  '~',
  '%percent',
  '!tag',
  '&anchor',
  '| pipe',
  '> folded',
  'trailing colon:',
  'tab\there',
  'back\\slash',
  "'single' start",
  'line one\nline two',
  'emoji 😀 and ZWJ 👨‍👩‍👧',
  '---',
  '...',
];

test('tricky titles round-trip through parsePostFile and stay strings for YAML 1.1 readers', () => {
  for (const title of tricky) {
    const meta: PostMeta = { title, tags: [title, 'plain'], categories: ['分类'], author: title, date: '2015-07-26' };
    const text = renderPostFile(meta, URL, '# Body\n\ntext');
    const parsed = parsePostFile(text);
    assert.equal(parsed.meta.title, title, JSON.stringify(title));
    assert.deepEqual(parsed.meta.tags, [title, 'plain']);
    assert.deepEqual(parsed.meta.categories, ['分类']);
    assert.equal(parsed.meta.author, title);
    assert.equal(parsed.meta.date, '2015-07-26');
    assert.equal(parsed.url, URL);
    assert.equal(parsed.markdown, '# Body\n\ntext\n');
    // A YAML 1.1 reader (Jekyll's Psych, Hexo's js-yaml) must also see the title as a string.
    const frontMatter = text.split('\n---\n')[0]!.slice(4);
    const v11 = YAML.parse(frontMatter, { version: '1.1' }) as Record<string, unknown>;
    assert.equal(v11.title, title, `1.1: ${JSON.stringify(title)}`);
  }
});

test('rendering is deterministic and normalises the body', () => {
  const meta: PostMeta = { title: 'T', tags: [], categories: [] };
  const a = renderPostFile(meta, URL, '\r\n\nline\r\nnext   \n\n\n');
  const b = renderPostFile({ ...meta }, URL, '\r\n\nline\r\nnext   \n\n\n');
  assert.equal(a, b);
  assert.equal(a, `---\ntitle: T\nurl: ${URL}\n---\n\nline\nnext\n`);
  assert.equal(renderPostFile(meta, URL, '  \n'), `---\ntitle: T\nurl: ${URL}\n---\n`);
});

test('a non-ISO date is quoted rather than guessed', () => {
  const text = renderFrontMatter({ title: 'T', date: 'yesterday: maybe', tags: [], categories: [] }, URL);
  assert.match(text, /^date: "yesterday: maybe"$/m);
});

test('extra metadata keys follow the documented ones, sorted', () => {
  const text = renderFrontMatter({ title: 'T', tags: [], categories: [], zeta: 'z', alpha: 'a' } as PostMeta, URL);
  assert.equal(text, `---\ntitle: T\nurl: ${URL}\nalpha: a\nzeta: z\n---\n`);
});

test('parsePostFile reads files written by other tools', () => {
  const crlf = '\ufeff---\r\ntitle: "X"\r\ntags: a, b\r\nurl: https://b.example/x\r\n...\r\nBody\r\n';
  const parsed = parsePostFile(crlf);
  assert.equal(parsed.meta.title, 'X');
  assert.deepEqual(parsed.meta.tags, ['a', 'b']);
  assert.equal(parsed.url, 'https://b.example/x');
  assert.equal(parsed.markdown, 'Body\n');
  const bare = parsePostFile('# Just markdown\n');
  assert.equal(bare.url, '');
  assert.equal(bare.markdown, '# Just markdown\n');
  assert.throws(() => parsePostFile('---\ntitle: x\nno end'), /not closed/);
  assert.throws(() => parsePostFile('---\ntitle: [x\n---\n', 'bad.md'), /bad\.md: invalid front matter/);
});

/** What YAML 1.1 and YAML 1.2 readers make of a rendered front matter block. */
function readBoth(frontMatter: string): [Record<string, unknown>, Record<string, unknown>] {
  const yamlText = frontMatter.replace(/^---\n/, '').replace(/---\n$/, '');
  return [YAML.parse(yamlText, { version: '1.1' }) as Record<string, unknown>, YAML.parse(yamlText, { version: '1.2' }) as Record<string, unknown>];
}

test('every value reads back as exactly the same string or list under YAML 1.1 and 1.2 readers (fuzzed)', () => {
  const known = ['0o17', '0O17', '0o8', '1e3', '1E3', '+1e3', '-2e-5', '1_000', '0b101', '.5', '5.', '+.inf', '-.Inf', '.NaN', '.nan', '0x1F', '017', '1:20', '190:20:30', '0.', 'Null', 'NULL', 'TRUE', 'False', '~', '<<', '=', '2001-12-14t21:59:43.10-05:00', '2015-07-26', '12e03', 'o17', 'e3'];
  // Number-like pieces, so that the generator hits the corners where 1.1 and 1.2 disagree.
  const pieces = ['0', '1', '7', '9', 'o', 'O', 'x', 'b', 'e', 'E', '.', '+', '-', '_', ':', 'inf', 'nan', 'a', ' ', '#', '"', "'", 'é', '中'];
  let seed = 18;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const values = [...known];
  for (let i = 0; i < 20000; i++) values.push(Array.from({ length: 1 + random(6) }, () => pieces[random(pieces.length)]).join(''));
  for (const value of values.filter((v) => v.trim())) {
    const [v11, v12] = readBoth(renderFrontMatter({ title: value, description: value, tags: [value, '1e3'] } as PostMeta, URL));
    for (const [version, read] of [['1.1', v11], ['1.2', v12]] as const) {
      assert.equal(read.title, value, `${version}: title ${JSON.stringify(value)}`);
      assert.equal(read.description, value, `${version}: description ${JSON.stringify(value)}`);
      assert.deepEqual(read.tags, [value, '1e3'], `${version}: tags ${JSON.stringify(value)}`);
    }
  }
});

test('values written without the YAML library are byte for byte what YAML.stringify writes', () => {
  const yaml = (key: string, value: unknown) => YAML.stringify({ [key]: value }, { version: '1.1', lineWidth: 0, indentSeq: true });
  const tricky = ['Call f() first; it [mostly] works, "quoted" & 100% <safe>!', 'yes', 'No', 'ON', 'off', 'true', 'null', 'y', 'N', '~', 'e9', 'E+10', 'e_1', '1.5', '0x1F', '1:20', '.inf', 'a: b', 'a #b', 'a:', 'x:y', 'a  b', 'b ', "it's", 'Hello World', 'on-call', '随笔', 'It works 🚀 even with emoji and “curly quotes”.', '“Quoted” first', 'Ünïcödé: yes', '中文：标题', 'é:', '\u00a0lead', 'zero\u200bwidth'];
  // Non-ASCII: letters, curly quotes, an emoji (a surrogate pair), spaces, a lone surrogate, C1 controls,
  // U+2028, the BOM and a noncharacter, which YAML escapes or a 1.1 reader breaks lines on.
  const alphabet = [...'abyZnoe019 -_.,/()+=?&%~:#;\'"!*@[]{}|<>`$^\\\té中“”🚀\u00a0\u3000\u0085\u009f\u2028\ufeff\uffff', '\ud800'];
  let seed = 7;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const values = [...tricky, 'http://h.example:8080/a/b?c=d&e=%20f#top'];
  for (let i = 0; i < 20000; i++) values.push(Array.from({ length: 1 + random(10) }, () => alphabet[random(alphabet.length)]).join(''));
  for (const value of values.filter((v) => v.trim())) {
    assert.equal(renderFrontMatter({ title: value }, URL), `---\n${yaml('title', value)}${yaml('url', URL)}---\n`, JSON.stringify(value));
    assert.equal(renderFrontMatter({ tags: [value, 'x'] }, URL), `---\n${yaml('tags', [value, 'x'])}${yaml('url', URL)}---\n`, JSON.stringify(value));
  }
  // Extra keys are the extractor's; one that 1.1 reads as a boolean or number is quoted like a value.
  for (const key of ['on', 'y', 'no', 'null', 'e9', 'series', 'x_1']) {
    assert.equal(renderFrontMatter({ [key]: 'v' } as never, URL), `---\n${yaml('url', URL)}${yaml(key, 'v')}---\n`, key);
  }
});
