// Issue 20 #2: a --content selector matching an element whose own tag is content (a table) archives
// that element, as `inspect` shows it, instead of failing posts with an internal error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { gfmTables, readArchive, requireBuild, runCli, tempOut, type ServedFixture } from './archive-harness.js';
import { serveJekyll } from './incremental-harness.js';

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

test('--content table: the posts with a table are archived as that table, none fails', async () => {
  const r = await runCli(['archive', `${served.url}/`, '--out', out, '--content', 'table', '--render', 'never', '--json']);
  const report = JSON.parse(r.stdout) as { failed: { url: string; reason: string }[]; new: string[] };
  assert.deepEqual(report.failed, []);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /weak map|internal/i);
  const post = (await readArchive(out)).find((p) => p.file === 'lists-and-tables.md');
  assert.ok(post, 'lists-and-tables.md archived');
  const tables = gfmTables(post.body);
  assert.equal(tables.length, 1, post.body);
  assert.ok(tables[0].rows.length > 0, post.body);
  const inspect = await runCli(['inspect', `${served.url}/2015/09/02/lists-and-tables/`, '--content', 'table']);
  assert.equal(inspect.code, 0, inspect.stderr);
  assert.match(inspect.stdout, /table \(--content\)/);
});
