// Issue 20 #1: an extraction option changed on an existing archive (or another blogvault version)
// makes the next run process every kept post again, though the pages' bytes did not change, and says
// so once; a run with the same settings after it changes nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readArchive, requireBuild, runCli, tempOut, type ServedFixture } from './archive-harness.js';
import { JEKYLL_POSTS, readManifest, serveJekyll } from './incremental-harness.js';

let served: ServedFixture;
let out: string;
before(async () => {
  requireBuild();
  served = await serveJekyll();
  out = await tempOut();
});
after(async () => {
  await served?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

const bodies = async () => new Map((await readArchive(out)).map((p) => [p.file, p.body]));

test('a changed --content re-extracts the archived posts, and going back restores them', async () => {
  const first = await runCli(['archive', `${served.url}/`, '--out', out, '--render', 'never']);
  assert.equal(first.code, 0, first.stderr);
  const original = await bodies();
  assert.equal(original.size, JEKYLL_POSTS);

  // The heaviest paragraph only: every post's body shrinks.
  const narrowed = await runCli(['archive', `${served.url}/`, '--out', out, '--render', 'never', '--content', '.post-content > p', '--json']);
  assert.equal(narrowed.code, 0, narrowed.stderr);
  const report = JSON.parse(narrowed.stdout) as { changed: string[]; unchanged: string[] };
  assert.ok(report.changed.length >= JEKYLL_POSTS - 2, `posts re-extracted: ${report.changed.length} changed, ${report.unchanged.length} unchanged`);
  const notices = narrowed.stderr.split('\n').filter((l) => /extracted again/.test(l));
  assert.deepEqual(notices, [`--content changed since the last run: the ${JEKYLL_POSTS} archived posts are extracted again`]);
  const after = await bodies();
  const shorter = [...after].filter(([file, body]) => body.length < original.get(file)!.length);
  assert.ok(shorter.length >= JEKYLL_POSTS - 2, `${shorter.length} posts were narrowed to one paragraph`);

  // The settings are saved: `update` repeats them and finds nothing to do.
  const update = await runCli(['update', out, '--json']);
  assert.equal(update.code, 0, update.stderr);
  assert.equal((JSON.parse(update.stdout) as { changed: string[] }).changed.length, 0);
  assert.doesNotMatch(update.stderr, /extracted again/);

  const restored = await runCli(['archive', `${served.url}/`, '--out', out, '--render', 'never']);
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stderr, /--content changed since the last run/);
  assert.deepEqual(await bodies(), original);
});

test('posts archived by another blogvault version are processed again, once', async () => {
  const manifestFile = join(out, '.blogvault', 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { posts: Record<string, { rules?: string }> };
  const rules = Object.values(manifest.posts).map((p) => p.rules);
  assert.ok(rules.every((r) => r && r === rules[0]), `every post records what it was made with: ${rules.join(', ')}`);
  // What an archive made by an older version looks like: its posts were made with other rules.
  for (const post of Object.values(manifest.posts)) post.rules = '0.0.1+00000000';
  await writeFile(manifestFile, JSON.stringify(manifest, null, 2));

  const again = await runCli(['archive', `${served.url}/`, '--out', out, '--render', 'never']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, new RegExp(`archived by blogvault 0\\.0\\.1, this is [^:]+: the ${JEKYLL_POSTS} archived posts are extracted again`));
  const { posts } = await readManifest(out);
  assert.ok(Object.values(posts).every((p) => (p as { rules?: string }).rules === rules[0]));
  const quiet = await runCli(['archive', `${served.url}/`, '--out', out, '--render', 'never']);
  assert.doesNotMatch(quiet.stderr, /extracted again/);
});
