// The checks every export test runs on a built site: each archived post has a page with its title,
// day, text and images; internal links reach the right page; nothing in a post body is a 404.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { exportArchive, type ExportReport } from '../../src/export/index.js';
import { readArchive, type ArchivedPost } from '../e2e/archive-harness.js';
import { buildSite, builtPosts, prepareSite, requireEngine, resolveRef, tokenF1, type BuiltPage, type Engine } from './engines.js';

/** The text a reader sees, from archive Markdown: link targets, image syntax, emphasis and tags dropped; code kept. */
export function readerText(markdown: string): string {
  return markdown
    .split(/^\s*(?:`{3,}|~{3,}).*$/m)
    .map((part, i) =>
      i % 2
        ? part
        : part
            .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
            .replace(/\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])/g, '$1')
            .replace(/^\s*\[[^\]]+\]:.*$/gm, '')
            .replace(/<\/?[a-z][^>]*>/gi, ' ')
            .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1')
            .replace(/[#*_`>|]/g, ' '),
    )
    .join(' ');
}

/** Local images the archive post shows: Markdown images and HTML img elements. */
export function archiveImages(body: string): string[] {
  return [...body.matchAll(/!\[[^\]]*\]\(<?([^)\s>]+)/g), ...body.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g)]
    .map((m) => m[1])
    .filter((src) => !/^(https?:)?\/\//.test(src));
}

export const urlKey = (url: string) => {
  const u = new URL(url);
  return `${u.host}${u.pathname}`.replace(/\/(index\.html)?$/, '');
};

/** `[text](url)` and `[text][ref]` links of the archive post pointing at other posts of the archive. */
export function internalLinks(post: ArchivedPost, byUrl: Map<string, ArchivedPost>): { text: string; to: ArchivedPost }[] {
  const defs = new Map([...post.body.matchAll(/^\s*\[([^\]]+)\]:\s*(\S+)/gm)].map((m) => [m[1].toLowerCase(), m[2]]));
  const links: { text: string; to: ArchivedPost }[] = [];
  for (const m of post.body.matchAll(/(?<!!)\[([^\]]+)\](?:\(<?([^)\s>]+)>?[^)]*\)|\[([^\]]+)\])/g)) {
    const href = m[2] ?? defs.get(m[3].toLowerCase());
    if (!href || href.startsWith('#')) continue;
    const to = byUrl.get(urlKey(new URL(href, post.fm.url as string).href));
    if (to) links.push({ text: readerText(m[1]).replace(/\s+/g, ' ').trim(), to });
  }
  return links;
}

export interface CheckedSite {
  report: ExportReport;
  site: string;
  built: string;
  archived: ArchivedPost[];
  pages: BuiltPage[];
  pageOf: Map<ArchivedPost, BuiltPage>;
}

/** Exports `archiveDir` into a fresh engine site (or an empty folder), builds it and checks every post of the archive. */
export async function exportBuildAndCheck(archiveDir: string, engine: Engine, keepUrls: boolean, sites: string[], empty = false): Promise<CheckedSite> {
  await requireEngine(engine);
  const site = await prepareSite(engine, empty);
  sites.push(site);
  const report = await exportArchive(archiveDir, { to: engine, out: site, keepUrls });
  const archived = await readArchive(archiveDir);
  assert.ok(archived.length > 0, `${archiveDir} has no posts`);
  assert.equal(report.posts.length, archived.length);
  const built = await buildSite(engine, site);
  const pages = await builtPosts(built);
  const byUrl = new Map(archived.map((p) => [urlKey(p.fm.url as string), p]));
  const pageOf = new Map<ArchivedPost, BuiltPage>();

  for (const post of archived) {
    const title = String(post.fm.title);
    const candidates = pages.filter((p) => p.title === title);
    assert.equal(candidates.length, 1, `${engine}: ${candidates.length} built pages titled ${JSON.stringify(title)} (have ${pages.map((p) => p.title).join(' | ')})`);
    const page = candidates[0];
    pageOf.set(post, page);
    assert.equal(page.day, String(post.fm.date).slice(0, 10), `${engine} ${page.file}: date`);
    const f1 = tokenF1(readerText(post.body), page.bodyText);
    assert.ok(f1 >= 0.9, `${engine} ${page.file}: body text F1 ${f1.toFixed(3)} < 0.9\n${page.bodyText}`);

    const images = page.refs.filter((r) => r.attr === 'src' && !/^(https?:)?\/\//.test(r.value));
    const expected = archiveImages(post.body);
    assert.equal(images.length, expected.length, `${engine} ${page.file}: image count`);
    for (const [i, source] of expected.entries()) {
      const file = await resolveRef(built, page, images[i].value);
      assert.ok(file, `${engine} ${page.file}: image ${images[i].value} is a 404`);
      const original = await readFile(join(archiveDir, posix.dirname(post.file), decodeURIComponent(source)));
      assert.ok((await readFile(file)).equals(original), `${engine} ${page.file}: image ${images[i].value} is not ${source}`);
    }
    for (const ref of page.refs) {
      assert.notEqual(await resolveRef(built, page, ref.value), undefined, `${engine} ${page.file}: ${ref.attr}=${ref.value} is a 404`);
    }
  }

  for (const post of archived) {
    const page = pageOf.get(post)!;
    for (const link of internalLinks(post, byUrl)) {
      const anchor = page.refs.find((r) => r.attr === 'href' && r.text.replace(/\s+/g, ' ') === link.text);
      assert.ok(anchor, `${engine} ${page.file}: link "${link.text}" missing`);
      const file = await resolveRef(built, page, anchor.value);
      assert.equal(file, join(built, pageOf.get(link.to)!.file), `${engine} ${page.file}: link "${link.text}" -> ${anchor.value} does not reach ${link.to.file}`);
    }
  }

  if (keepUrls) {
    // Old URLs stay reachable: the page itself (permalink) or a redirect to it (Hugo alias).
    for (const post of archived) {
      const page = pageOf.get(post)!;
      const oldPath = new URL(post.fm.url as string).pathname;
      const target = await resolveRef(built, page, oldPath);
      assert.ok(target, `${engine}: old URL ${oldPath} is a 404`);
      if (target === join(built, page.file)) continue;
      assert.equal(engine, 'hugo', `${engine}: ${oldPath} does not serve its post`);
      const refresh = /http-equiv="refresh" content="0; url=([^"]*)"/.exec(await readFile(target, 'utf8'))?.[1];
      assert.ok(refresh, `${engine}: ${oldPath} is neither the post nor a redirect`);
      assert.equal(decodeURIComponent(new URL(refresh, 'http://site.test/').pathname), page.path, `${engine}: alias ${oldPath}`);
    }
  }
  return { report, site, built, archived, pages, pageOf };
}
