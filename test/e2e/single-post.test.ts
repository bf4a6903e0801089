// Issue 20 #4: a post's own URL given as the blog's index archives that one post and says so, rather
// than walking its prev/next links or finding no posts; `inspect` and `archive` exit alike on a page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuild, runCli, serveFixture, tempOut, type ServedFixture } from './archive-harness.js';
import { serveJekyll } from './incremental-harness.js';

let jekyll: ServedFixture;
let empty: ServedFixture;
let emptySite: string;
const outs: string[] = [];
before(async () => {
  requireBuild();
  jekyll = await serveJekyll();
  // A page that lists no post and has no feed or sitemap.
  emptySite = await mkdtemp(join(tmpdir(), 'bv-empty-site-'));
  await writeFile(join(emptySite, 'index.html'), '<!doctype html><html><head><title>Hello</title></head><body><p>Nothing here yet.</p></body></html>');
  empty = await serveFixture(emptySite);
});
after(async () => {
  await jekyll?.close();
  await empty?.close();
  for (const dir of [emptySite, ...outs]) if (dir) await rm(dir, { recursive: true, force: true });
});

test('archive of one post URL archives that post only, and says why', async () => {
  const out = await tempOut();
  outs.push(out);
  const post = `${jekyll.url}/2015/07/26/hello-jekyll/`;
  const result = await runCli(['archive', post, '--out', out]);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual((await readdir(out)).filter((f) => f.endsWith('.md')), ['hello-jekyll.md']);
  assert.match(result.stderr, new RegExp(`${post} is a single post \\(og:type article\\), not the blog's index: archiving this post only`));
  assert.match(result.stdout, /1 posts found, 1 archived \(1 new/);

  const inspect = await runCli(['inspect', post]);
  assert.equal(inspect.code, 0, inspect.stderr);
  assert.match(inspect.stdout, /a single post \(og:type article\)/);
  assert.match(inspect.stdout, /title: +Hello, Jekyll/);
});

test('a page with no post: archive and inspect both exit 1', async () => {
  const out = await tempOut();
  outs.push(out);
  const archive = await runCli(['archive', `${empty.url}/`, '--out', out]);
  assert.equal(archive.code, 1, archive.stderr);
  assert.match(archive.stderr, /no posts found at/);
  const inspect = await runCli(['inspect', `${empty.url}/`]);
  assert.equal(inspect.code, 1, inspect.stderr);
  assert.match(inspect.stdout, /No post links found/);
});

test('a page whose posts only the feed lists: archive and inspect both find them (exit 0)', async () => {
  const out = await tempOut();
  outs.push(out);
  const archive = await runCli(['archive', `${jekyll.url}/about/`, '--out', out]);
  assert.equal(archive.code, 0, archive.stderr);
  const inspect = await runCli(['inspect', `${jekyll.url}/about/`]);
  assert.equal(inspect.code, 0, inspect.stderr);
  assert.match(inspect.stdout, /Sample post: /);
});
