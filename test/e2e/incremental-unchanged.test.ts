// Issue 4: a second run over an unchanged blog asks with conditional requests, gets 304s, and leaves
// every file of the archive as it was (bytes and mtimes); the summary and the JSON report say so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { requireBuild, runCli, tempOut, type CliResult, type ServedFixture } from './archive-harness.js';
import {
  JEKYLL_POSTS,
  archiveFiles,
  describeRequests,
  diffFiles,
  output,
  postRequests,
  readManifest,
  serveJekyll,
  touchedFiles,
  type FileState,
  type ManifestPost,
} from './incremental-harness.js';

let served: ServedFixture;
let out: string;
let reportDir: string;
let first: CliResult;
let second: CliResult;
let third: CliResult;
let filesAfterFirst: Map<string, FileState>;
let filesAfterSecond: Map<string, FileState>;
let manifestAfterFirst: Record<string, ManifestPost>;
let manifestAfterSecond: Record<string, ManifestPost>;
let secondLogStart: number;
let secondLogEnd: number;

before(async () => {
  requireBuild();
  served = await serveJekyll();
  out = await tempOut();
  reportDir = await tempOut();
  first = await runCli(['archive', `${served.url}/`, '--out', out]);
  filesAfterFirst = await archiveFiles(out);
  manifestAfterFirst = (await readManifest(out)).posts;
  // mtimes have a fine resolution, but let a rewrite show even on coarse file systems.
  await new Promise((r) => setTimeout(r, 50));
  secondLogStart = served.server.log.length;
  second = await runCli(['archive', `${served.url}/`, '--out', out]);
  secondLogEnd = served.server.log.length;
  filesAfterSecond = await archiveFiles(out);
  manifestAfterSecond = (await readManifest(out)).posts;
  third = await runCli(['archive', `${served.url}/`, '--out', out, '--json', '--report', join(reportDir, 'report.json')]);
});

after(async () => {
  await served?.close();
  for (const dir of [out, reportDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

test('unchanged blog: both runs succeed', () => {
  assert.equal(first.code, 0, output(first));
  assert.equal(second.code, 0, output(second));
  assert.equal(third.code, 0, output(third));
  assert.equal([...filesAfterFirst.keys()].filter((f) => f.endsWith('.md')).length, JEKYLL_POSTS);
});

test('unchanged blog: the second run leaves every post and asset byte-identical and untouched', () => {
  assert.deepEqual(diffFiles(filesAfterFirst, filesAfterSecond), { added: [], removed: [], changed: [] });
  assert.deepEqual(touchedFiles(filesAfterFirst, filesAfterSecond), [], 'files rewritten with the same bytes (mtime moved)');
});

test('unchanged blog: the manifest entries are unchanged (no churn of validators or times)', () => {
  assert.deepEqual(manifestAfterSecond, manifestAfterFirst);
});

test('unchanged blog: every post is asked for conditionally and answered 304; no image is downloaded', () => {
  const posts = postRequests(served.server.log.slice(0, secondLogEnd), secondLogStart);
  const conditional = posts.filter((r) => r.headers['if-none-match'] || r.headers['if-modified-since']);
  assert.equal(new Set(conditional.map((r) => r.path)).size, JEKYLL_POSTS, describeRequests(posts));
  for (const r of conditional) assert.equal(r.status, 304, describeRequests([r]));
  const images = served.server.log.slice(secondLogStart, secondLogEnd).filter((e) => e.path.startsWith('/assets/images/'));
  assert.deepEqual(images.map((e) => e.path), [], 'images downloaded again although their posts did not change');
});

test('unchanged blog: no post is downloaded in full (the default --render auto decides once per archive)', () => {
  const full = postRequests(served.server.log.slice(0, secondLogEnd), secondLogStart).filter((r) => r.status !== 304);
  assert.deepEqual(full.map((r) => r.path), [], describeRequests(full));
});

test('unchanged blog: the summary says 0 new, 0 changed, all unchanged', () => {
  assert.match(second.stdout, new RegExp(`\\b0 new, 0 changed, ${JEKYLL_POSTS} unchanged\\b`), output(second));
  assert.match(second.stdout, /\b0 failed\b/, output(second));
});

test('unchanged blog: --json prints the report on stdout and --report writes the same to a file', async () => {
  const printed = JSON.parse(third.stdout) as Record<string, unknown>;
  const written = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(written, printed);
  assert.deepEqual(printed.new, []);
  assert.deepEqual(printed.changed, []);
  assert.deepEqual(printed.failed, []);
  assert.deepEqual(printed.vanished, []);
  const urls = Object.values(manifestAfterFirst).map((p) => p.url).sort();
  assert.deepEqual([...(printed.unchanged as string[])].sort(), urls);
  assert.equal(printed.interrupted, false);
});
