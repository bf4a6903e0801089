import { test } from 'node:test';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { hexoDate, jekyllDate, parseWallDate, rfc3339Date } from '../../src/export/dates.js';
import { exportPost } from '../../src/export/export-post.js';
import { LAYOUTS } from '../../src/export/layouts/index.js';
import { descriptionFromBody } from '../../src/export/layouts/astro.js';
import { escapeHugoShortcodes } from '../../src/export/layouts/hugo.js';
import { PostIndex, planPosts, slugFromSource } from '../../src/export/plan.js';
import type { ArchivePost, ExportOptions, LayoutTarget } from '../../src/export/types.js';

function archivePost(source: string, url: string, meta: Partial<ArchivePost['meta']>, markdown = 'Body.\n'): ArchivePost {
  return { source, url, meta: { title: 'T', tags: [], categories: [], ...meta }, markdown, mtime: new Date('2020-01-02T03:04:05Z') };
}

const POSTS = [
  archivePost('first.md', 'https://old.example/2015/07/26/first/', {
    title: 'Colons: "quotes" & #hash',
    date: '2015-07-26T10:30:00+02:00',
    updated: '2015-08-01T00:00:00Z',
    tags: ['yes', '2015'],
    categories: ['a', 'b'],
    image: 'assets/hero-1234abcd.png',
  }, [
    '![pic](assets/pic-1234abcd.png) [second](http://www.old.example/notes/second.html#part)',
    '[self](#top) [out](https://elsewhere.example/) [rel](/notes/second.html)',
    '![gone](assets/missing-00000000.png) `[code](https://old.example/notes/second.html)`',
    'Prose {{ var }} and {{< hugo >}}.',
    '[about](https://old.example/about/)',
  ].join('\n')),
  archivePost('notes/second.md', 'https://old.example/notes/second.html', { title: '中文：标题', date: '2016-02-29' }, '<img src="../assets/pic-1234abcd.png">\n'),
];
const FILES = new Set(['first.md', 'notes/second.md', 'assets/pic-1234abcd.png', 'assets/hero-1234abcd.png']);

function run(to: LayoutTarget, options: Partial<ExportOptions> = {}) {
  const { posts } = planPosts(POSTS);
  const opts: ExportOptions = { to, out: '/out', ...options };
  const bySource = new Map(posts.map((p) => [p.source, p]));
  const [first, second] = posts.map((p) => exportPost(p, LAYOUTS[to], new PostIndex(posts), FILES, opts, bySource));
  const split = (content: string) => {
    const m = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(content)!;
    // Read as the engines do: YAML 1.1 (Psych, js-yaml with timestamps, go-yaml).
    return { fm: YAML.parse(m[1], { version: '1.1' }) as Record<string, unknown>, raw: m[1], body: m[2] };
  };
  return { first: { ...first, ...split(first.content) }, second: { ...second, ...split(second.content) } };
}

test('dates keep the wall clock and offset in each engine format', () => {
  const d = parseWallDate('2015-07-26T10:30:00+02:00')!;
  assert.equal(jekyllDate(d), '2015-07-26 10:30:00 +0200');
  assert.equal(rfc3339Date(d), '2015-07-26T10:30:00+02:00');
  assert.equal(hexoDate(d), '2015-07-26 10:30:00');
  assert.equal(jekyllDate(parseWallDate('2015-07-26T10:30Z')!), '2015-07-26 10:30:00 +0000');
  assert.equal(rfc3339Date(parseWallDate('2015-07-26')!), '2015-07-26');
  assert.equal(hexoDate(parseWallDate('2015-07-26')!), '2015-07-26 00:00:00');
  assert.equal(parseWallDate('July 26'), undefined);
});

test('slugs come from the file name, made URL-safe and unique regardless of case', () => {
  assert.equal(slugFromSource('a/b/Hello World#1.md'), 'Hello-World-1');
  const { posts, notes } = planPosts([archivePost('x/Post.md', 'https://o.example/1', {}), archivePost('y/post.md', 'https://o.example/2', {})]);
  assert.deepEqual(posts.map((p) => p.slug), ['Post', 'post-2']);
  assert.equal(posts[0].date.year, '2020');
  assert.equal(notes.get('x/Post.md')?.[0].kind, 'missing-date');
});

test('jekyll: dated file, Liquid links and asset tags, raw-protected prose, YAML-safe front matter', () => {
  const { first, second } = run('jekyll', { keepUrls: true });
  assert.equal(first.file, '_posts/2015-07-26-first.md');
  assert.equal(second.file, '_posts/2016-02-29-second.md');
  const { date: _date, last_modified_at: _updated, ...rest } = first.fm;
  assert.deepEqual(rest, {
    layout: 'post',
    title: 'Colons: "quotes" & #hash',
    tags: ['yes', '2015'],
    categories: ['a', 'b'],
    image: '/assets/hero-1234abcd.png',
    permalink: '/2015/07/26/first/',
  });
  // Bare, in the format Jekyll's docs use, so Psych reads a timestamp.
  assert.match(first.raw, /^date: 2015-07-26 10:30:00 \+0200$/m);
  assert.match(first.raw, /^last_modified_at: 2015-08-01 00:00:00 \+0000$/m);
  assert.equal(second.fm.title, '中文：标题');
  assert.equal(second.fm.permalink, '/notes/second.html');
  // Only the stretch of text holding template syntax is wrapped in raw; the tags we wrote stay live.
  assert.ok(
    first.body.startsWith(
      '![pic]({% link assets/pic-1234abcd.png %}) [second]({% post_url 2016-02-29-second %}#part)\n' +
        '[self](#top) [out](https://elsewhere.example/) [rel]({% post_url 2016-02-29-second %}{% raw %})',
    ),
  );
  assert.ok(first.body.includes('`[code](https://old.example/notes/second.html)`'), 'code is left alone');
  assert.ok(first.body.includes('Prose {{ var }} and {{< hugo >}}.\n[about](https://old.example/about/){% endraw %}'));
  assert.equal(second.body, '<img src="{% link assets/pic-1234abcd.png %}">\n');
  assert.deepEqual(first.assets.sort(), ['assets/hero-1234abcd.png', 'assets/pic-1234abcd.png']);
  assert.equal(first.internalLinks, 2);
  assert.deepEqual(
    first.unmapped.filter((u) => !u.line).map((u) => `${u.kind}: ${u.detail}`),
    ['missing-asset: assets/missing-00000000.png is not in the archive', 'old-site-link: https://old.example/about/ is not an archived post'],
  );
});

test('jekyll without --keep-urls writes no permalink and no raw block when the text needs none', () => {
  const { second } = run('jekyll');
  assert.equal(second.fm.permalink, undefined);
  assert.ok(!second.body.includes('{% raw %}'));
});

test('hugo: page bundle, relref links, bundle-relative images, escaped shortcodes, aliases', () => {
  const { first, second } = run('hugo', { keepUrls: true });
  assert.equal(first.file, 'content/posts/first/index.md');
  assert.match(first.raw, /^date: 2015-07-26T10:30:00\+02:00$/m);
  assert.match(first.raw, /^lastmod: 2015-08-01T00:00:00Z$/m);
  assert.deepEqual(first.fm.aliases, ['/2015/07/26/first/']);
  assert.deepEqual(first.fm.images, ['hero-1234abcd.png']);
  assert.deepEqual(second.fm.aliases, ['/notes/second.html']);
  assert.ok(first.body.startsWith('![pic](pic-1234abcd.png) [second]({{< relref "/posts/second/index.md" >}}#part)'));
  assert.ok(first.body.includes('Prose {{ var }} and {{</* hugo */>}}.'));
  assert.equal(second.body, '<img src="pic-1234abcd.png">\n');
});

test('hexo: asset folder names, plain paths, nested-safe categories, Nunjucks disabled only when needed', () => {
  const { first, second } = run('hexo');
  assert.equal(first.file, 'source/_posts/first.md');
  assert.match(first.raw, /^date: 2015-07-26 10:30:00$/m);
  assert.deepEqual(first.fm.categories, [['a'], ['b']]);
  assert.equal(first.fm.disableNunjucks, true);
  assert.equal(second.fm.disableNunjucks, undefined);
  assert.ok(first.body.startsWith('![pic](pic-1234abcd.png) [second](/2016/02/29/second/#part)'));
  // HTML is not touched by Hexo's asset resolution: relative to the page, whose assets sit beside it.
  assert.equal(second.body, '<img src="pic-1234abcd.png">\n');
  const kept = run('hexo', { keepUrls: true });
  assert.equal(kept.second.fm.permalink, '/notes/second.html');
  assert.equal(kept.second.body, '<img src="second/pic-1234abcd.png">\n');
  assert.ok(kept.first.body.includes('[second](/notes/second.html#part)'));
});

test('hugo: a shortcode opener without its closer cannot stop the build', () => {
  assert.equal(escapeHugoShortcodes('a {{< b\n\n{{< c >}} `{{% d %}}`'), 'a &#123;&#123;< b\n\n{{</* c */>}} `{{%/* d */%}}`');
});

test('astro: collection entry with the starter schema keys and images under src/assets', () => {
  const { first, second } = run('astro');
  assert.equal(first.file, 'src/content/blog/first.md');
  assert.deepEqual(Object.keys(first.fm), ['title', 'description', 'pubDate', 'updatedDate', 'tags', 'categories', 'heroImage']);
  assert.equal(first.fm.heroImage, '../../assets/hero-1234abcd.png');
  assert.match(first.raw, /^pubDate: 2015-07-26T10:30:00\+02:00$/m);
  assert.ok(first.body.startsWith('![pic](../../assets/pic-1234abcd.png) [second](/blog/second/#part)'));
  assert.equal(LAYOUTS.astro.assetFile(planPosts(POSTS).posts[0], 'assets/pic-1234abcd.png'), 'src/assets/pic-1234abcd.png');
  assert.equal(second.fm.description, '');
});

test('descriptionFromBody gives readable text, cut on a word', () => {
  assert.equal(descriptionFromBody('# Head\n\nSome *bold* [link](x) text.\n\n```\ncode\n```\n'), 'Head Some bold link text.');
  const long = descriptionFromBody('word '.repeat(100), 30);
  assert.ok(long.length <= 30 && long.endsWith('…') && !long.includes('wor…'));
});
