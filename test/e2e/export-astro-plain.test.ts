// Astro and plain exports of the sample archive (no engine build: Astro is not installed for the tests):
// the files land where the target expects them, the front matter is valid YAML with the schema keys,
// every image and post link points at a file of the export.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import YAML from 'yaml';
import { exportArchive } from '../../src/export/index.js';
import { ROOT, readArchive, walk } from './archive-harness.js';

const SAMPLE = join(ROOT, 'fixtures', 'archive-sample');
const outs: string[] = [];
after(async () => {
  for (const out of outs) await rm(out, { recursive: true, force: true });
});

async function tempOut(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'bv-export-'));
  outs.push(out);
  return out;
}

test('astro: a content collection with schema-friendly front matter, images under src/assets, /blog/ links', async () => {
  const out = await tempOut();
  const report = await exportArchive(SAMPLE, { to: 'astro', out });
  const archived = await readArchive(SAMPLE);
  const dir = join(out, 'src', 'content', 'blog');
  const entries = (await readdir(dir)).filter((f) => f.endsWith('.md'));
  assert.equal(entries.length, archived.length);
  assert.equal(report.posts.length, archived.length);
  const slugs = new Set(entries.map((f) => f.replace(/\.md$/, '')));
  for (const entry of entries) {
    const text = await readFile(join(dir, entry), 'utf8');
    const m = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(text);
    assert.ok(m, `${entry}: no front matter`);
    const fm = YAML.parse(m[1], { version: '1.1' }) as Record<string, unknown>;
    assert.equal(typeof fm.title, 'string', `${entry}: title`);
    assert.equal(typeof fm.description, 'string', `${entry}: description`);
    assert.ok(!Number.isNaN(Date.parse(String(fm.pubDate))), `${entry}: pubDate ${fm.pubDate}`);
    assert.ok(archived.some((p) => p.fm.title === fm.title), `${entry}: title ${fm.title} is not an archived title`);
    if (fm.heroImage) assert.ok(existsSync(join(dir, String(fm.heroImage))), `${entry}: heroImage ${fm.heroImage}`);
    for (const [, src] of m[2].matchAll(/!\[[^\]]*\]\(([^)\s]+)|<img[^>]*src="([^"]+)"/g)) {
      if (src) assert.ok(existsSync(join(dir, decodeURIComponent(src))), `${entry}: image ${src} missing`);
    }
    for (const [, slug] of m[2].matchAll(/\]\(\/blog\/([^/)]+)\//g)) assert.ok(slugs.has(decodeURIComponent(slug)), `${entry}: link to /blog/${slug}/`);
    assert.doesNotMatch(m[2], /blog\.example\.com\/20/, `${entry}: an internal link was not rewritten`);
  }
  assert.ok(existsSync(join(out, 'src', 'assets', 'lantern-c75c74ec.png')));
});

test('plain: the archive copied as it is', async () => {
  const out = await tempOut();
  const report = await exportArchive(SAMPLE, { to: 'plain', out });
  const rel = async (root: string) => (await walk(root)).map((f) => relative(root, f).split(sep).join('/')).sort();
  assert.deepEqual(await rel(out), await rel(SAMPLE));
  for (const file of await rel(SAMPLE)) assert.ok((await readFile(join(out, file))).equals(await readFile(join(SAMPLE, file))), file);
  assert.equal(report.posts.length, 4);
  assert.equal(report.assetFiles, 3);
});

test('an output folder inside the archive is refused', async () => {
  await assert.rejects(exportArchive(SAMPLE, { to: 'hugo', out: join(SAMPLE, 'export') }), /must lie outside the archive/);
  await assert.rejects(exportArchive(SAMPLE, { to: 'nope' as 'hugo', out: dirname(SAMPLE) }), /unknown target "nope"/);
});
