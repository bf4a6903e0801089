// Issue 4: `--keep-html` keeps each post's HTML; `blogvault rebuild <dir>` re-extracts every post from
// those snapshots with no network and reproduces the archive byte for byte, restoring deleted posts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { requireBuild, runCli, tempOut, type ServedFixture } from './archive-harness.js';
import { JEKYLL_POSTS, archiveFiles, diffFiles, output, readManifest, serveJekyll, type FileState } from './incremental-harness.js';

let served: ServedFixture;
let out: string;
let archived: Map<string, FileState>;

before(async () => {
  requireBuild();
  served = await serveJekyll();
  out = await tempOut();
  const r = await runCli(['archive', `${served.url}/`, '--out', out, '--keep-html']);
  assert.equal(r.code, 0, output(r));
  archived = await archiveFiles(out);
  // From here on there is no blog to fetch from.
  await served.close();
});

after(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

test('--keep-html stores one compressed snapshot per post', async () => {
  const manifest = (await readManifest(out)).posts;
  const withSnapshot = Object.values(manifest).filter((p) => p.snapshot);
  assert.equal(withSnapshot.length, JEKYLL_POSTS);
  const snapshots = (await readdir(join(out, '.blogvault', 'html'))).filter((n) => n.endsWith('.html.gz'));
  assert.equal(snapshots.length, JEKYLL_POSTS);
});

test('rebuild with the server stopped reproduces every post and asset byte for byte', async () => {
  const r = await runCli(['rebuild', out]);
  assert.equal(r.code, 0, output(r));
  assert.match(r.stdout, new RegExp(`Rebuilt ${JEKYLL_POSTS} posts \\(0 changed\\)`), output(r));
  assert.deepEqual(diffFiles(archived, await archiveFiles(out)), { added: [], removed: [], changed: [] });
});

test('rebuild restores a deleted post file identically', async () => {
  const manifest = (await readManifest(out)).posts;
  const victims = Object.values(manifest).map((p) => p.file!).filter((f) => f === 'hello-jekyll.md' || f === 'coast-photos.md');
  assert.equal(victims.length, 2);
  for (const f of victims) await rm(join(out, f));
  const r = await runCli(['rebuild', out]);
  assert.equal(r.code, 0, output(r));
  assert.deepEqual(diffFiles(archived, await archiveFiles(out)), { added: [], removed: [], changed: [] });
  const after = (await readManifest(out)).posts;
  for (const p of Object.values(after)) assert.equal(p.status, 'archived', `${p.url}: ${p.status} ${p.error ?? ''}`);
});
