// Issue 4: between runs the blog changes. An edited post changes only its own file (with --history the
// previous version is kept); a new post is added; a post gone from the blog is kept on disk, marked
// missing in the manifest and reported as no longer listed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readArchive, requireBuild, runCli, tempOut, walk, type CliResult, type ServedFixture } from './archive-harness.js';
import {
  JEKYLL_POSTS,
  STATIC,
  archiveFiles,
  describeRequests,
  diffFiles,
  editSite,
  entryOf,
  output,
  postRequests,
  readManifest,
  removePost,
  serveJekyll,
  touchedFiles,
  type FileState,
  type ManifestPost,
} from './incremental-harness.js';

const EDITED = '/2015/08/09/shell-tricks/';
const OLD_TEXT = 'A handful of one-liners that save me time on servers.';
const NEW_TEXT = 'A handful of one-liners that save me hours on servers, edited.';
const REMOVED = '/2015/07/26/hello-jekyll/';
const ADDED = '/2016/02/14/fresh-start/';

let served: ServedFixture;
let out: string;
let runs: CliResult[] = [];
let files: Map<string, FileState>[] = [];
let manifests: Record<string, ManifestPost>[] = [];
let reports: Record<string, unknown>[] = [];
let logMarks: number[] = [];
let strayTemp: string;

async function run(extra: string[] = []): Promise<void> {
  logMarks.push(served.server.log.length);
  const reportFile = join(out, '..', `${out.split('/').pop()}-report-${runs.length}.json`);
  const result = await runCli(['archive', `${served.url}/`, '--out', out, '--report', reportFile, ...STATIC, ...extra]);
  runs.push(result);
  reports.push(JSON.parse(await readFile(reportFile, 'utf8')) as Record<string, unknown>);
  await rm(reportFile, { force: true });
  files.push(await archiveFiles(out));
  manifests.push((await readManifest(out)).posts);
}

before(async () => {
  requireBuild();
  served = await serveJekyll();
  out = await tempOut();
  await run(['--history']);

  await editSite(served.root, `${EDITED}index.html`, (t) => t.replace(`<p>${OLD_TEXT}</p>`, `<p>${NEW_TEXT}</p>`));
  await run(['--history']);

  // What a run killed while saving a previous version would leave: the next run must clear it.
  const historyDir = (await walk(join(out, '.blogvault', 'history')))[0]!.replace(/\/[^/]+$/, '');
  strayTemp = join(historyDir, '.0123abcd.md.orig.a1b2c3d4e5f6.bvtmp');
  await writeFile(strayTemp, 'torn');

  // A new post on the first index page (a copy of the oldest one under a new permalink and title).
  await cp(join(served.root, REMOVED), join(served.root, ADDED), { recursive: true });
  await editSite(served.root, `${ADDED}index.html`, (t) =>
    t.split(REMOVED).join(ADDED).split('Hello, Jekyll').join('A Fresh Start').split('2015-07-26').join('2016-02-14').split('this first post explains why').join('a new post says hello again'),
  );
  await editSite(served.root, 'index.html', (t) =>
    t.replace(
      '<ul class="post-list posts">',
      `<ul class="post-list posts">\n    <li class="post">\n      <h2 class="post-title">&bull; <span class="post-date">14 Feb 2016</span> &raquo; <a class="post-link" href="${ADDED}">A Fresh Start</a></h2>\n    </li>\n`,
    ),
  );
  await removePost(served.root, 'page3/index.html', REMOVED);
  await run();
});

after(async () => {
  await served?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

const url = (path: string) => `${served.url}${path}`;
const fileOf = (path: string, run: number) => entryOf(manifests[run]!, url(path)).file!;

test('changing blog: every run succeeds', () => {
  for (const r of runs) assert.equal(r.code, 0, output(r));
  assert.equal([...files[0]!.keys()].filter((f) => f.endsWith('.md')).length, JEKYLL_POSTS);
});

test('edited post: only its file changes, every other file keeps its bytes and mtime', async () => {
  const file = fileOf(EDITED, 0);
  assert.deepEqual(diffFiles(files[0]!, files[1]!), { added: [], removed: [], changed: [file] });
  assert.deepEqual(touchedFiles(files[0]!, files[1]!), [file]);
  const text = files[1]!.get(file)!.bytes.toString('utf8');
  assert.ok(text.includes('save me hours on servers, edited.'), text);
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  assert.ok(!body.includes(OLD_TEXT), text);
  assert.deepEqual(reports[1]!.changed, [url(EDITED)]);
  assert.deepEqual(reports[1]!.new, []);
  assert.equal((reports[1]!.unchanged as string[]).length, JEKYLL_POSTS - 1);
  assert.match(runs[1]!.stdout, /\b0 new, 1 changed, 13 unchanged\b/, output(runs[1]!));
});

test('edited post: only the edited post was downloaded again; the others were 304s', () => {
  const posts = postRequests(served.server.log.slice(0, logMarks[2]), logMarks[1]);
  const full = posts.filter((r) => r.status === 200).map((r) => r.path);
  assert.deepEqual(full, [EDITED], describeRequests(posts));
});

test('edited post: --history keeps the previous version under .blogvault/history', async () => {
  const file = fileOf(EDITED, 0);
  const kept = (await walk(join(out, '.blogvault', 'history'))).filter((f) => f.includes(file.replace(/\.md$/, '')));
  assert.equal(kept.length, 1, `history holds ${kept.join(', ')}`);
  assert.ok((await readFile(kept[0]!)).equals(files[0]!.get(file)!.bytes), 'the history copy is not the previous version');
  const historyOutside = [...files[1]!.keys()].filter((f) => f.includes('history') || f.endsWith('.orig'));
  assert.deepEqual(historyOutside, [], 'history files must stay out of the posts');
});

test('new post: it is added, the other files are untouched', async () => {
  const added = fileOf(ADDED, 2);
  const diff = diffFiles(files[1]!, files[2]!);
  assert.deepEqual(diff, { added: [added], removed: [], changed: [] });
  assert.deepEqual(touchedFiles(files[1]!, files[2]!), []);
  assert.equal(entryOf(manifests[2]!, url(ADDED)).status, 'archived');
  const post = (await readArchive(out)).find((p) => p.file === added);
  assert.equal(post?.fm.title, 'A Fresh Start');
  assert.ok(post?.body.includes('a new post says hello again'), post?.body);
  assert.deepEqual(reports[2]!.new, [url(ADDED)]);
});

test('removed post: its file is kept, the manifest marks it missing, the run reports it', () => {
  const file = fileOf(REMOVED, 0);
  assert.ok(files[2]!.get(file)?.bytes.equals(files[0]!.get(file)!.bytes), `${file} was deleted or altered`);
  const entry = entryOf(manifests[2]!, url(REMOVED));
  assert.equal(entry.status, 'missing');
  assert.equal(entry.file, file);
  assert.equal(entry.hash, entryOf(manifests[0]!, url(REMOVED)).hash);
  assert.deepEqual(reports[2]!.vanished, [url(REMOVED)]);
  assert.match(runs[2]!.stdout, /1 archived posts? (is|are) no longer listed/, output(runs[2]!));
  assert.ok(!postRequests(served.server.log, logMarks[2]).some((r) => r.path === REMOVED), 'the removed post was requested');
  const others = Object.values(manifests[2]!).filter((p) => p.url !== url(REMOVED));
  assert.deepEqual(others.filter((p) => p.status !== 'archived').map((p) => p.url), []);
});

test('a temporary file left in the history folder by a killed run is removed by the next run', () => {
  assert.ok(!existsSync(strayTemp), `${strayTemp} is still there`);
});
