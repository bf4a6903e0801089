// Issue 4: `--since DATE` stops walking the index at the first page whose posts are all older (indexes
// are newest first), so later index pages are not fetched, and posts it did not reach are not marked
// missing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { requireBuild, runCli, tempOut, type CliResult, type ServedFixture } from './archive-harness.js';
import { JEKYLL_POSTS, archiveFiles, diffFiles, output, readManifest, serveJekyll, type ManifestPost } from './incremental-harness.js';

// Page 1 holds posts from 2016-01-03 to 2015-10-01, page 2 from 2015-09-18 to 2015-08-15, page 3 older.
const SINCE = '2015-10-05';

let served: ServedFixture;
let out: string;
let logStart: number;
let sinceRun: CliResult;
let manifest: Record<string, ManifestPost>;

before(async () => {
  requireBuild();
  served = await serveJekyll();
  out = await tempOut();
  const full = await runCli(['archive', `${served.url}/`, '--out', out]);
  assert.equal(full.code, 0, output(full));
  logStart = served.server.log.length;
  sinceRun = await runCli(['archive', `${served.url}/`, '--out', out, '--since', SINCE, '--json']);
  manifest = (await readManifest(out)).posts;
});

after(async () => {
  await served?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

const requested = () => served.server.log.slice(logStart).map((e) => new URL(e.path, 'http://x').pathname);

test('--since: the run succeeds', () => {
  assert.equal(sinceRun.code, 0, output(sinceRun));
});

test('--since: the index walk stops at the first page of older posts; the later page is not fetched', () => {
  const paths = requested();
  assert.ok(paths.includes('/'), paths.join('\n'));
  assert.ok(paths.includes('/page2/'), `page 2 (first page of older posts) was not read:\n${paths.join('\n')}`);
  assert.ok(!paths.includes('/page3/'), `page 3 was fetched although page 2 was all older than ${SINCE}:\n${paths.join('\n')}`);
  const oldest = ['/2015/08/09/shell-tricks/', '/2015/07/30/python-generators/', '/2015/07/26/hello-jekyll/'];
  assert.deepEqual(paths.filter((p) => oldest.includes(p)), [], 'posts listed only on page 3 were fetched');
});

test('--since: posts not reached are neither marked missing nor reported as vanished', () => {
  assert.equal(Object.keys(manifest).length, JEKYLL_POSTS);
  assert.deepEqual(Object.values(manifest).filter((p) => p.status !== 'archived').map((p) => `${p.url} ${p.status}`), []);
  const report = JSON.parse(sinceRun.stdout) as { vanished: string[]; failed: unknown[]; new: string[]; changed: string[] };
  assert.deepEqual(report.vanished, []);
  assert.deepEqual(report.failed, []);
  assert.deepEqual([...report.new, ...report.changed], []);
});

test('--since: the feed/sitemap cross-check does not report the posts older than DATE as missing from the index', () => {
  const report = JSON.parse(sinceRun.stdout) as { notInIndex: string[] };
  assert.deepEqual(report.notInIndex, []);
});

test('--since: a later full run still finds every post archived and nothing missing', async () => {
  const before = await archiveFiles(out);
  const r = await runCli(['archive', `${served.url}/`, '--out', out]);
  assert.equal(r.code, 0, output(r));
  assert.match(r.stdout, new RegExp(`0 new, 0 changed, ${JEKYLL_POSTS} unchanged`), output(r));
  assert.doesNotMatch(r.stdout, /no longer listed/, output(r));
  assert.deepEqual(diffFiles(before, await archiveFiles(out)), { added: [], removed: [], changed: [] });
});
