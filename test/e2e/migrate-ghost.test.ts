// Issue 22, Ghost: the fixture blog archived, exported to Ghost's import format and imported by Ghost
// itself (the Admin API's db import, as Settings → Import does), then published through the Admin API
// into an emptied Ghost; each time archived again from Ghost by blogvault and compared post for post.
// Publishing again changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { ROOT, readArchive, requireBuild, runCli, serveFixture, tempOut, type ArchivedPost } from './archive-harness.js';
import { tokenF1 } from '../engines/engines.js';
import { archiveImages, readerText } from '../engines/site-checks.js';
import { compareArchives } from '../platforms/compare.js';
import { startGhost, type GhostSite } from '../platforms/ghost.js';

const SITE = join(ROOT, 'fixtures', 'jekyll-blog', 'site');
const outs: string[] = [];
let first: string;
let original: ArchivedPost[];
let ghost: GhostSite | undefined;

before(async () => {
  requireBuild();
  const served = await serveFixture(SITE);
  try {
    first = await tempOut();
    outs.push(first);
    const result = await runCli(['archive', `${served.url}/`, '--out', first]);
    assert.equal(result.code, 0, `archiving the fixture blog failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    await served.close();
  }
  original = await readArchive(first);
  ghost = await startGhost();
}, { timeout: 300_000 });

after(async () => {
  await ghost?.stop();
  for (const dir of outs) await rm(dir, { recursive: true, force: true });
});

interface GhostPostRow {
  id: string;
  slug: string;
  title: string;
  updated_at: string;
  html: string;
}

async function ghostPosts(): Promise<GhostPostRow[]> {
  const response = await ghost!.staff('posts/?limit=all&formats=html&filter=status:published');
  assert.ok(response.ok, `listing Ghost's posts: HTTP ${response.status}`);
  return ((await response.json()) as { posts: GhostPostRow[] }).posts;
}

async function archiveGhost(): Promise<{ dir: string; posts: ArchivedPost[] }> {
  const dir = await tempOut();
  outs.push(dir);
  const archived = await runCli(['archive', `${ghost!.url}/`, '--out', dir], 300_000);
  assert.equal(archived.code, 0, `archiving the Ghost site failed:\n${archived.stdout}\n${archived.stderr}`);
  return { dir, posts: await readArchive(dir) };
}

test('export --to ghost: the import file holds every post, and Ghost imports it with its images; archived again, every post comes back', { timeout: 600_000 }, async () => {
  const out = await tempOut();
  outs.push(out);
  const result = await runCli(['export', first, '--to', 'ghost', '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  const data = JSON.parse(await readFile(join(out, 'ghost-import.json'), 'utf8')).db[0].data;
  assert.equal(data.posts.length, original.length);
  for (const post of original) {
    const item = data.posts.find((p: { title: string }) => p.title === post.fm.title);
    assert.ok(item, `${post.file}: not in the import file`);
    assert.equal(Date.parse(item.published_at), Date.parse(String(post.fm.date)), `${post.file}: published_at`);
    const tagIds = data.posts_tags.filter((t: { post_id: string }) => t.post_id === item.id).map((t: { tag_id: string }) => t.tag_id);
    const tags = data.tags.filter((t: { id: string }) => tagIds.includes(t.id)).map((t: { name: string }) => t.name.toLowerCase()).sort();
    const want = [...new Set([...((post.fm.tags as string[]) ?? []), ...((post.fm.categories as string[]) ?? [])].map((t) => t.toLowerCase()))].sort();
    assert.deepEqual(tags, want, `${post.file}: tags (categories included)`);
    const $ = cheerio.load(item.html);
    const f1 = tokenF1(readerText(post.body).replace(/^\s*\d+[.)]\s/gm, ' '), $.root().text());
    assert.ok(f1 >= 0.99, `${post.file}: html F1 ${f1.toFixed(4)}`);
    const srcs = $('img').map((_, el) => $(el).attr('src')).get();
    assert.equal(srcs.length, archiveImages(post.body).length, `${post.file}: images`);
    for (const src of srcs) {
      assert.match(src, /^\/content\/images\/\d{4}\/\d{2}\//, `${post.file}: ${src} is not laid out for Ghost's image import`);
      assert.ok((await readFile(join(out, src))).length > 0, `${post.file}: ${src} was not written`);
    }
  }

  const form = new FormData();
  form.append('importfile', new Blob([await readFile(join(out, 'ghost-import.zip'))], { type: 'application/zip' }), 'ghost-import.zip');
  const imported = await ghost!.staff('db/', { method: 'POST', body: form });
  assert.ok(imported.ok, `Ghost's import: HTTP ${imported.status} ${await imported.text()}`);
  // Ghost imports in a background job: wait (bounded) until every post is there.
  const deadline = Date.now() + 120_000;
  while ((await ghostPosts()).length < original.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
  assert.equal((await ghostPosts()).length, original.length, 'Ghost did not import every post within 2 minutes');

  const again = await archiveGhost();
  await compareArchives(first, original, again.dir, again.posts, { categoriesAsTags: true });
});

test('publish --to ghost through the Admin API into an empty Ghost: archived again, every post comes back; publishing again changes nothing', { timeout: 600_000 }, async () => {
  const emptied = await ghost!.staff('db/', { method: 'DELETE' });
  assert.equal(emptied.status, 204, `emptying Ghost: HTTP ${emptied.status}`);
  assert.equal((await ghostPosts()).length, 0);

  const env = { BLOGVAULT_GHOST_ADMIN_KEY: ghost!.adminKey };
  process.env.BLOGVAULT_GHOST_ADMIN_KEY = env.BLOGVAULT_GHOST_ADMIN_KEY;
  const published = await runCli(['publish', first, '--to', 'ghost', '--site', ghost!.url], 300_000);
  assert.equal(published.code, 0, `publish failed:\n${published.stdout}\n${published.stderr}`);
  assert.match(published.stdout, new RegExp(`${original.length} created or updated, 0 unchanged; 3 images`));
  const again = await archiveGhost();
  await compareArchives(first, original, again.dir, again.posts, { categoriesAsTags: true });

  const before = (await ghostPosts()).map((p) => `${p.id} ${p.slug} ${p.updated_at}`).sort();
  const second = await runCli(['publish', first, '--to', 'ghost', '--site', ghost!.url], 300_000);
  assert.equal(second.code, 0, `second publish failed:\n${second.stdout}\n${second.stderr}`);
  assert.match(second.stdout, new RegExp(`0 created or updated, ${original.length} unchanged`));
  assert.deepEqual((await ghostPosts()).map((p) => `${p.id} ${p.slug} ${p.updated_at}`).sort(), before, 'the second publish changed posts');

  // The redirect map leads each old post URL to its Ghost URL.
  const redirects = JSON.parse(await readFile(join(first, '.blogvault', 'publish', `ghost-${new URL(ghost!.url).host.replace(':', '_')}-redirects`, 'redirects.json'), 'utf8')) as { from: string; to: string }[];
  for (const post of original) {
    const oldPath = new URL(String(post.fm.url)).pathname;
    const rule = redirects.find((r) => new RegExp(r.from).test(oldPath));
    assert.ok(rule, `no redirect for ${oldPath}`);
    const page = await fetch(rule.to);
    assert.equal(page.status, 200, `${oldPath} -> ${rule.to}: HTTP ${page.status}`);
    assert.equal(cheerio.load(await page.text())('h1').first().text().trim(), String(post.fm.title), `${oldPath} -> ${rule.to} is not the post`);
  }
});

test('publish --to ghost without a key fails with one line and exit code 2', async () => {
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const { BLOGVAULT_GHOST_ADMIN_KEY: _key, ...env } = process.env;
    import('node:child_process').then(({ execFile }) =>
      execFile(process.execPath, [join(ROOT, 'bin', 'blogvault.js'), 'publish', first, '--to', 'ghost', '--site', ghost!.url], { env }, (err, _out, stderr) =>
        resolve({ code: err ? (err.code as number) : 0, stderr: String(stderr) }),
      ),
    );
  });
  assert.equal(result.code, 2);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /BLOGVAULT_GHOST_ADMIN_KEY/);
});
