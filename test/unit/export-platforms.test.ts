import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { markdownToBlocks, markdownToLexical } from '../../src/export/html.js';
import { PostIndex, planPosts } from '../../src/export/plan.js';
import { buildGhostImport, ghostSlug } from '../../src/export/platforms/ghost-json.js';
import type { LoadedArchive } from '../../src/export/platforms/shared.js';
import { buildWxr } from '../../src/export/platforms/wordpress-wxr.js';
import { ghostToken } from '../../src/export/publish/ghost.js';
import type { ArchivePost } from '../../src/export/types.js';

function archive(): LoadedArchive {
  const posts: ArchivePost[] = [
    {
      source: 'first.md',
      url: 'https://old.example/2015/07/26/first/',
      meta: { title: 'A <b> & "c"', date: '2015-07-26T10:30:00+02:00', author: 'Jane Doe', tags: ['Go', 'go'], categories: ['Notes'], description: 'Sum', image: 'assets/hero-11111111.png' },
      markdown: '![pic](assets/pic-22222222.png) see [second](https://old.example/中文/) end.\n\n<!-- raw ]]> kept -->\n\n- a\n  1. b\n',
      mtime: new Date(0),
    },
    { source: '中文.md', url: 'https://old.example/中文/', meta: { title: '中文', date: '2016-02-29', tags: [], categories: [] }, markdown: 'Text.\n', mtime: new Date(0) },
  ];
  const { posts: planned, notes } = planPosts(posts);
  return {
    dir: '/archive',
    posts: planned,
    notes,
    index: new PostIndex(planned),
    files: new Set(['first.md', '中文.md', 'assets/pic-22222222.png', 'assets/hero-11111111.png']),
    bySource: new Map(planned.map((p) => [p.source, p])),
    history: { images: new Map([['https://old.example/img/pic.png', 'assets/pic-22222222.png']]), unarchived: [] },
  };
}

test('WXR: posts with HTML titles, instants, one term per name, original URL, and attachments the body points at', () => {
  const { xml, media } = buildWxr(archive(), {});
  const rss = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, isArray: (n) => ['item', 'category', 'wp:postmeta'].includes(n) }).parse(xml).rss;
  assert.equal(rss.channel['wp:wxr_version'], '1.2');
  const [pic, hero, first, second] = rss.channel.item;
  assert.deepEqual([pic['wp:post_type'], hero['wp:post_type'], first['wp:post_type'], second['wp:post_type']], ['attachment', 'attachment', 'post', 'post']);
  assert.equal(first.title, 'A &lt;b&gt; &amp; "c"');
  assert.equal(first['wp:post_date'], '2015-07-26 10:30:00');
  assert.equal(first['wp:post_date_gmt'], '2015-07-26 08:30:00');
  // No offset in the archive: the site's own zone applies, as the importer reads an empty GMT date.
  assert.equal(second['wp:post_date_gmt'], '0000-00-00 00:00:00');
  assert.deepEqual(first.category.map((c: Record<string, string>) => `${c.domain}:${c.nicename}:${c['#text']}`), ['category:notes:Notes', 'post_tag:go:Go']);
  const meta = Object.fromEntries(first['wp:postmeta'].map((m: Record<string, string>) => [m['wp:meta_key'], m['wp:meta_value']]));
  assert.equal(meta._blogvault_original_url, 'https://old.example/2015/07/26/first/');
  assert.equal(meta._thumbnail_id, hero['wp:post_id']);
  // The CDATA survives a "]]>" in the text; the image points at the URL the importer downloads.
  assert.match(first['content:encoded'], /<!-- raw \]\]> kept -->/);
  assert.match(first['content:encoded'], /<img src="https:\/\/old\.example\/img\/pic\.png"/);
  assert.match(first['content:encoded'], /href="\/\?name=%E4%B8%AD%E6%96%87"/);
  assert.equal(pic['wp:attachment_url'], 'https://old.example/img/pic.png');
  assert.equal(pic['wp:post_parent'], first['wp:post_id']);
  assert.equal(media.find((m) => m.asset === 'assets/hero-11111111.png')!.source, undefined, 'no old URL known for the hero image');
  assert.equal(buildWxr(archive(), { mediaUrl: 'https://cdn.example/m/' }).media[1].source, 'https://cdn.example/m/2015/07/hero-11111111.png');
});

test('Ghost import: Ghost slugs, categories first among tags, authors, images under content/images, Lexical and HTML bodies', () => {
  const { json, images } = buildGhostImport(archive());
  const data = JSON.parse(json).db[0].data;
  assert.deepEqual(data.posts.map((p: { slug: string }) => p.slug), ['first', 'zhong-wen']);
  assert.equal(data.posts[0].published_at, '2015-07-26T08:30:00.000Z');
  assert.equal(data.posts[0].feature_image, '/content/images/2015/07/hero-11111111.png');
  assert.match(data.posts[0].html, /<img src="\/content\/images\/2015\/07\/pic-22222222\.png"/);
  assert.match(data.posts[0].html, /href="\/zhong-wen\/"/);
  const lexical = JSON.parse(data.posts[0].lexical);
  assert.equal(lexical.root.children[2].type, 'html');
  assert.match(lexical.root.children[2].html, /<ul>\s*<li>a<ol>/);
  assert.deepEqual(data.tags.map((t: { name: string }) => t.name), ['Notes', 'Go']);
  assert.deepEqual(data.posts_tags.map((t: { sort_order: number }) => t.sort_order), [0, 1]);
  assert.equal(data.users[0].name, 'Jane Doe');
  assert.equal(data.posts_authors.length, 1);
  assert.deepEqual(images.map((i) => i.file).sort(), ['content/images/2015/07/hero-11111111.png', 'content/images/2015/07/pic-22222222.png']);
  assert.equal(buildGhostImport(archive()).json, json, 'the same archive gives the same bytes');
});

test("Ghost's slug rule: ASCII transliteration, reserved characters as single dashes, lower case", () => {
  assert.equal(ghostSlug('中文标题'), 'zhong-wen-biao-ti');
  assert.equal(ghostSlug('Hello, World! £5'), 'hello-world-5');
  assert.equal(ghostSlug("It's (a) test."), 'its-a-test');
  assert.equal(ghostSlug('***'), 'post');
});

test('the Ghost Admin API token: HS256 with the key id as kid, audience /admin/, five minutes', () => {
  const token = ghostToken('abc123:00ff', Date.UTC(2020, 0, 1));
  const [head, body, signature] = token.split('.');
  assert.deepEqual(JSON.parse(Buffer.from(head, 'base64url').toString()), { alg: 'HS256', typ: 'JWT', kid: 'abc123' });
  assert.deepEqual(JSON.parse(Buffer.from(body, 'base64url').toString()), { iat: 1577836800, exp: 1577837100, aud: '/admin/' });
  assert.equal(signature, createHmac('sha256', Buffer.from('00ff', 'hex')).update(`${head}.${body}`).digest('base64url'));
  assert.throws(() => ghostToken('no-secret'), /<id>:<secret>/);
});

test('WordPress blocks: paragraphs and headings as core blocks, the rest as Custom HTML', () => {
  const blocks = markdownToBlocks('## Two\n\n### Three\n\nText with [ref][r].\n\n```js\na < b\n```\n\n[r]: https://x.example/\n');
  assert.equal(
    blocks,
    '<!-- wp:heading -->\n<h2>Two</h2>\n<!-- /wp:heading -->\n\n<!-- wp:heading {"level":3} -->\n<h3>Three</h3>\n<!-- /wp:heading -->\n\n' +
      '<!-- wp:paragraph -->\n<p>Text with <a href="https://x.example/">ref</a>.</p>\n<!-- /wp:paragraph -->\n\n' +
      '<!-- wp:html -->\n<pre><code class="language-js">a &lt; b\n</code></pre>\n<!-- /wp:html -->\n',
  );
  assert.equal(JSON.parse(markdownToLexical('')).root.children.length, 0);
});
