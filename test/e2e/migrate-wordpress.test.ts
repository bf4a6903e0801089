// Issue 22, WordPress: the fixture blog archived, published to a real WordPress (Debian's package on
// MariaDB and PHP, started by the test) and archived again from WordPress by blogvault comes back post
// for post; publishing again changes nothing; the redirect map leads every old URL to its post; the WXR
// export holds every post, term, author and image of the archive.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { decodeHTML } from 'entities';
import { XMLParser } from 'fast-xml-parser';
import { ROOT, readArchive, requireBuild, runCli, serveFixture, tempOut, type ArchivedPost } from './archive-harness.js';
import { tokenF1 } from '../engines/engines.js';
import { archiveImages, readerText } from '../engines/site-checks.js';
import { compareArchives, untexturized } from '../platforms/compare.js';
import { startWordpress, type WordpressSite } from '../platforms/wordpress.js';

const SITE = join(ROOT, 'fixtures', 'jekyll-blog', 'site');
const outs: string[] = [];
let first: string;
let original: ArchivedPost[];
let oldOrigin: string;
let wp: WordpressSite | undefined;

before(async () => {
  requireBuild();
  const served = await serveFixture(SITE);
  try {
    first = await tempOut();
    outs.push(first);
    oldOrigin = served.url;
    const result = await runCli(['archive', `${served.url}/`, '--out', first]);
    assert.equal(result.code, 0, `archiving the fixture blog failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    await served.close();
  }
  original = await readArchive(first);
  wp = await startWordpress();
}, { timeout: 300_000 });

after(async () => {
  await wp?.stop();
  for (const dir of outs) await rm(dir, { recursive: true, force: true });
});

const publish = (extra: string[] = []) =>
  runCli(['publish', first, '--to', 'wordpress', '--site', wp!.url, '--user', wp!.user, ...extra], 300_000);

/** What a publish run could change: every post and attachment with its content and modification time, and the terms. */
const snapshot = () =>
  wp!.sql(
    "SELECT ID, post_type, post_name, post_modified_gmt, MD5(post_content), post_parent FROM wordpress.wp_posts WHERE post_type IN ('post','attachment') ORDER BY ID;" +
      'SELECT term_id, name, slug FROM wordpress.wp_terms ORDER BY term_id; SELECT COUNT(*) FROM wordpress.wp_users;',
  );

test('publish --to wordpress, then archiving the WordPress site gives back every post: title, date, terms, text, images, links', { timeout: 600_000 }, async () => {
  process.env.BLOGVAULT_WP_APP_PASSWORD = wp!.password;
  const published = await publish();
  assert.equal(published.code, 0, `publish failed:\n${published.stdout}\n${published.stderr}`);
  assert.match(published.stdout, new RegExp(`Published ${original.length} posts .*: ${original.length} created or updated, 0 unchanged; 3 images`));

  // Each image uploaded once, attached to a post.
  const attachments = (await wp!.sql("SELECT post_parent FROM wordpress.wp_posts WHERE post_type = 'attachment'")).trim().split('\n');
  assert.equal(attachments.length, new Set(original.flatMap((p) => archiveImages(p.body).map((src) => src.split('/').pop()))).size);
  assert.ok(attachments.every((parent) => Number(parent) > 0), 'every image is attached to a post');

  const again = await tempOut();
  outs.push(again);
  const archived = await runCli(['archive', `${wp!.url}/`, '--out', again], 300_000);
  assert.equal(archived.code, 0, `archiving the WordPress site failed:\n${archived.stdout}\n${archived.stderr}`);
  await compareArchives(first, original, again, await readArchive(again), { texturized: true });
  // Stored as written: only the display is texturized.
  const titles = (await wp!.sql("SELECT post_title FROM wordpress.wp_posts WHERE post_type = 'post'")).trim().split('\n').map((t) => decodeHTML(t));
  assert.deepEqual(titles.sort(), original.map((p) => String(p.fm.title)).sort());
});

test('publish --to wordpress a second time changes nothing, and without its state finds the posts instead of duplicating them', { timeout: 600_000 }, async () => {
  const before = await snapshot();
  const second = await publish();
  assert.equal(second.code, 0, `second publish failed:\n${second.stdout}\n${second.stderr}`);
  assert.match(second.stdout, new RegExp(`0 created or updated, ${original.length} unchanged`));
  assert.equal(await snapshot(), before, 'the second publish changed the site');

  // The state kept in the archive lost: posts are found by slug and media by name, nothing is added.
  await rm(join(first, '.blogvault', 'publish'), { recursive: true, force: true });
  const third = await publish();
  assert.equal(third.code, 0, `publish without state failed:\n${third.stdout}\n${third.stderr}`);
  const count = async (type: string) => Number(await wp!.sql(`SELECT COUNT(*) FROM wordpress.wp_posts WHERE post_type = '${type}'`));
  assert.equal(await count('post'), original.length);
  assert.equal(await count('attachment'), 3);
});

test('publish --to wordpress writes a redirect map: every old post and image URL leads to its new URL on WordPress', { timeout: 300_000 }, async () => {
  const dir = (await readFile(join(first, '.blogvault', 'publish', `wordpress-${new URL(wp!.url).host.replace(':', '_')}-redirects`, 'redirects.csv'), 'utf8')).trim().split('\n');
  const rules = new Map(dir.map((line) => line.split(',')).map(([from, to]) => [from, to]));
  for (const post of original) {
    const oldPath = new URL(String(post.fm.url)).pathname;
    for (const variant of [oldPath, oldPath.replace(/\/$/, ''), `${oldPath}index.html`]) {
      const target = rules.get(variant);
      // WordPress keeps the fixture's /YYYY/MM/DD/slug/ permalinks: the old path is the new one.
      if (target === undefined && variant === oldPath) continue;
      assert.ok(target, `no redirect for ${variant}`);
      const page = await fetch(target);
      assert.equal(page.status, 200, `${variant} -> ${target}: HTTP ${page.status}`);
      assert.equal(untexturized(cheerio.load(await page.text())('h1.entry-title').text().trim()), String(post.fm.title), `${variant} -> ${target} is not the post`);
    }
  }
  const images = [...rules].filter(([from]) => /\.(png|jpe?g)$/.test(from));
  assert.equal(images.length, 3, `image redirects: ${JSON.stringify(images)}`);
  for (const [from, to] of images) {
    const bytes = Buffer.from(await (await fetch(to)).arrayBuffer());
    const archived = original.flatMap((p) => archiveImages(p.body)).find((src) => src.startsWith(`assets/${from.split('/').pop()!.replace(/\.\w+$/, '')}`));
    assert.ok(archived, `${from}: no archived image of that name`);
    assert.ok(bytes.equals(await readFile(join(first, archived))), `${from} -> ${to} does not serve the image`);
  }
});

test('export --to wordpress writes a WXR 1.2 file with every post, its dates, author, terms, original URL and images', async () => {
  const out = await tempOut();
  outs.push(out);
  const result = await runCli(['export', first, '--to', 'wordpress', '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', cdataPropName: false as never, parseTagValue: false, isArray: (name) => ['item', 'category', 'wp:postmeta', 'wp:author', 'wp:tag'].includes(name) });
  const rss = parser.parse(await readFile(join(out, 'wordpress.xml'), 'utf8')).rss;
  assert.equal(rss.channel['wp:wxr_version'], '1.2');
  const items = rss.channel.item as Record<string, any>[];
  const posts = items.filter((i) => i['wp:post_type'] === 'post');
  const attachments = items.filter((i) => i['wp:post_type'] === 'attachment');
  assert.equal(posts.length, original.length);
  const meta = (item: Record<string, any>, key: string) => (item['wp:postmeta'] as { 'wp:meta_key': string; 'wp:meta_value': string }[]).find((m) => m['wp:meta_key'] === key)?.['wp:meta_value'];
  for (const post of original) {
    const where = `${post.file}`;
    const item = posts.find((i) => meta(i, '_blogvault_original_url') === post.fm.url);
    assert.ok(item, `${where}: no item with its original URL`);
    assert.equal(decodeHTML(item.title), post.fm.title, `${where}: title (HTML, as WordPress stores titles)`);
    assert.equal(item.link, post.fm.url, `${where}: link`);
    const instant = new Date(String(post.fm.date)).toISOString().slice(0, 19).replace('T', ' ');
    assert.equal(item['wp:post_date_gmt'], instant, `${where}: post_date_gmt`);
    assert.equal(item['wp:status'], 'publish');
    const terms = (item.category ?? []) as { domain: string; '#text': string }[];
    assert.deepEqual(terms.filter((t) => t.domain === 'category').map((t) => t['#text']).sort(), [...((post.fm.categories as string[]) ?? [])].sort(), `${where}: categories`);
    assert.deepEqual(terms.filter((t) => t.domain === 'post_tag').map((t) => t['#text']).sort(), [...((post.fm.tags as string[]) ?? [])].sort(), `${where}: tags`);
    if (post.fm.author) {
      const author = (rss.channel['wp:author'] as Record<string, string>[]).find((a) => a['wp:author_login'] === item['dc:creator']);
      assert.equal(author?.['wp:author_display_name'], post.fm.author, `${where}: author`);
    }
    const $ = cheerio.load(item['content:encoded']);
    // An HTML list shows its numbers without having them in its text.
    const f1 = tokenF1(readerText(post.body).replace(/^\s*\d+[.)]\s/gm, ' '), $.root().text());
    assert.ok(f1 >= 0.99, `${where}: content F1 ${f1.toFixed(4)}`);
    // Images point at the attachment's URL, which the importer downloads and then rewrites in the post.
    const srcs = $('img').map((_, el) => $(el).attr('src')).get();
    assert.equal(srcs.length, archiveImages(post.body).length, `${where}: images`);
    for (const src of srcs) {
      const attachment = attachments.find((a) => a['wp:attachment_url'] === src);
      assert.ok(attachment, `${where}: image ${src} is no attachment's URL`);
      assert.ok(src.startsWith(oldOrigin), `${where}: ${src} is not the image's old URL`);
      assert.ok(posts.some((p) => p['wp:post_id'] === attachment['wp:post_parent']), `${where}: attachment ${src} has no parent post`);
    }
  }
  assert.equal(attachments.length, 3);
  for (const a of attachments) {
    const file = join(out, 'media', meta(a, '_wp_attached_file')!);
    assert.ok((await readFile(file)).length > 0, `${file} was not written`);
  }
});
