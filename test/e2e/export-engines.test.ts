// Exports the sample archive to Jekyll, Hugo and Hexo, builds each with the real engine and checks the
// built sites: every post with its title, date, text and images, internal links resolving, no 404.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportArchive } from '../../src/export/index.js';
import { ROOT, readArchive, type ArchivedPost } from './archive-harness.js';
import { buildSite, builtPosts, prepareSite, removeSite, requireEngine, resolveRef, tokenF1, type BuiltPage, type Engine } from '../engines/engines.js';

const SAMPLE = join(ROOT, 'fixtures', 'archive-sample');
const sites: string[] = [];
after(async () => {
  for (const site of sites) await removeSite(site);
});

/** The text a reader sees, from archive Markdown: link and image syntax, emphasis and HTML tags dropped. */
function readerText(markdown: string): string {
  return markdown
    .replace(/^```.*$/gm, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])/g, '$1')
    .replace(/^\[[^\]]+\]:.*$/gm, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[#*_`>]/g, ' ');
}

/** Local images the archive post shows: Markdown images and HTML img elements. */
function archiveImages(body: string): string[] {
  return [...body.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g), ...body.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
}

/** `[text](url)` and `[text][ref]` links of the archive post pointing at other posts of the archive. */
function internalLinks(post: ArchivedPost, byUrl: Map<string, ArchivedPost>): { text: string; to: ArchivedPost }[] {
  const defs = new Map([...post.body.matchAll(/^\[([^\]]+)\]:\s*(\S+)/gm)].map((m) => [m[1].toLowerCase(), m[2]]));
  const links: { text: string; to: ArchivedPost }[] = [];
  for (const m of post.body.matchAll(/(?<!!)\[([^\]]+)\](?:\(([^)\s]+)\)|\[([^\]]+)\])/g)) {
    const href = m[2] ?? defs.get(m[3].toLowerCase());
    if (!href) continue;
    const url = new URL(href, post.fm.url as string);
    const to = byUrl.get(`${url.host}${url.pathname}`.replace(/\/$/, ''));
    if (to) links.push({ text: m[1], to });
  }
  return links;
}

async function checkSite(engine: Engine, keepUrls: boolean): Promise<void> {
  await requireEngine(engine);
  const site = await prepareSite(engine);
  sites.push(site);
  const report = await exportArchive(SAMPLE, { to: engine, out: site, keepUrls });
  const archived = await readArchive(SAMPLE);
  assert.equal(report.posts.length, archived.length);
  const built = await buildSite(engine, site);
  const pages = await builtPosts(built);
  const byUrl = new Map(archived.map((p) => {
    const u = new URL(p.fm.url as string);
    return [`${u.host}${u.pathname}`.replace(/\/$/, ''), p];
  }));
  const pageOf = new Map<ArchivedPost, BuiltPage>();

  for (const post of archived) {
    const title = String(post.fm.title);
    const page = pages.find((p) => p.title === title);
    assert.ok(page, `${engine}: no built page titled ${JSON.stringify(title)} (have ${pages.map((p) => p.title).join(' | ')})`);
    pageOf.set(post, page);
    assert.equal(page.day, String(post.fm.date).slice(0, 10), `${engine} ${page.file}: date`);
    const f1 = tokenF1(readerText(post.body), page.bodyText);
    assert.ok(f1 >= 0.9, `${engine} ${page.file}: body text F1 ${f1.toFixed(3)} < 0.9\n${page.bodyText}`);
    const firstLine = readerText(post.body.trim().split('\n')[0]).replace(/\s+/g, ' ').trim();
    assert.ok(page.bodyText.includes(firstLine), `${engine} ${page.file}: first line missing: ${firstLine}`);

    const images = page.refs.filter((r) => r.attr === 'src' && !/^https?:/.test(r.value));
    const expected = archiveImages(post.body);
    assert.equal(images.length, expected.length, `${engine} ${page.file}: image count`);
    for (const [i, source] of expected.entries()) {
      const file = await resolveRef(built, page, images[i].value);
      assert.ok(file, `${engine} ${page.file}: image ${images[i].value} is a 404`);
      const original = await readFile(join(SAMPLE, post.file, '..', source));
      assert.deepEqual(await readFile(file), original, `${engine} ${page.file}: image ${images[i].value} is not ${source}`);
    }
    for (const ref of page.refs) {
      assert.notEqual(await resolveRef(built, page, ref.value), undefined, `${engine} ${page.file}: ${ref.attr}=${ref.value} is a 404`);
    }
  }

  for (const post of archived) {
    const page = pageOf.get(post)!;
    for (const link of internalLinks(post, byUrl)) {
      const anchor = page.refs.find((r) => r.attr === 'href' && r.text === link.text);
      assert.ok(anchor, `${engine} ${page.file}: link "${link.text}" missing`);
      const file = await resolveRef(built, page, anchor.value);
      assert.equal(file, join(built, pageOf.get(link.to)!.file), `${engine} ${page.file}: link "${link.text}" -> ${anchor.value} does not reach ${link.to.file}`);
    }
  }

  // Template syntax of other engines stays literal text instead of breaking the build.
  const embeds = pages.find((p) => p.title === 'Links, embeds and other things')!;
  assert.match(embeds.bodyText, /\{\{< youtube dQw4w9WgXcQ >\}\}/);
  assert.match(embeds.bodyText, /\{% include footer\.html %\}/);
  assert.match(pageOf.get(archived.find((p) => p.file === 'hello-world.md')!)!.bodyText, /a literal \{\{ curly \}\} pair/);

  const flagged = report.posts.find((p) => p.source === 'links-and-embeds.md')!;
  assert.deepEqual([...new Set(flagged.unmapped.map((u) => u.kind))].sort(), ['embed', 'raw-html', 'shortcode']);

  if (keepUrls) {
    // Old URLs stay reachable: the page itself (permalink) or a redirect to it (Hugo alias).
    for (const post of archived) {
      const oldPath = new URL(post.fm.url as string).pathname;
      const target = await resolveRef(built, pageOf.get(post)!, oldPath);
      assert.ok(target, `${engine}: old URL ${oldPath} is a 404`);
      const html = await readFile(target, 'utf8');
      if (engine === 'hugo' && target !== join(built, pageOf.get(post)!.file)) {
        assert.match(html, new RegExp(`http-equiv="refresh" content="0; url=[^"]*${pageOf.get(post)!.path}"`), `${engine}: alias ${oldPath}`);
      } else {
        assert.ok(html.includes('class="post-title"') && target === join(built, pageOf.get(post)!.file), `${engine}: ${oldPath} does not serve its post`);
      }
    }
  }
}

for (const engine of ['jekyll', 'hugo', 'hexo'] as const) {
  test(`export to ${engine}: the real engine builds every post, image and internal link`, () => checkSite(engine, false));
  test(`export to ${engine} --keep-urls: old URLs still reach each post`, () => checkSite(engine, true));
}
