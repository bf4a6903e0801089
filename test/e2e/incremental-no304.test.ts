// Issue 4: many servers ignore conditional requests and answer 200 with the same page. The second run
// must still see that nothing changed (same bytes as last time): no file rewritten, everything
// reported unchanged; a post that did change is still picked up.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { requireBuild, runCli, tempOut, type CliResult, type ServedFixture } from './archive-harness.js';
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
  serveJekyll,
  touchedFiles,
  type FileState,
  type ManifestPost,
} from './incremental-harness.js';

const EDITED = '/2015/09/02/lists-and-tables/';

let served: ServedFixture;
let out: string;
let files: Map<string, FileState>[] = [];
let manifests: Record<string, ManifestPost>[] = [];
let runs: CliResult[] = [];
let marks: number[] = [];

async function run(): Promise<void> {
  marks.push(served.server.log.length);
  runs.push(await runCli(['archive', `${served.url}/`, '--out', out, ...STATIC]));
  files.push(await archiveFiles(out));
  manifests.push((await readManifest(out)).posts);
}

before(async () => {
  requireBuild();
  served = await serveJekyll();
  // A server that never answers 304: conditional headers are dropped before the file is served.
  served.server.setHandler((req) => {
    delete req.headers['if-none-match'];
    delete req.headers['if-modified-since'];
    return false;
  });
  out = await tempOut();
  await run();
  await run();
  await editSite(served.root, `${EDITED}index.html`, (t) => t.replace('This post exercises the block structures Markdown has to keep.', 'This post exercises block structures, now revised.'));
  await run();
  marks.push(served.server.log.length);
});

after(async () => {
  await served?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

test('no 304s: every run succeeds and the second one is answered with full pages', () => {
  for (const r of runs) assert.equal(r.code, 0, output(r));
  const second = postRequests(served.server.log.slice(0, marks[2]), marks[1]);
  assert.equal(second.length, JEKYLL_POSTS, describeRequests(second));
  assert.ok(second.every((e) => e.status === 200), describeRequests(second));
});

test('no 304s: an unchanged page changes no file and no manifest entry', () => {
  assert.deepEqual(diffFiles(files[0]!, files[1]!), { added: [], removed: [], changed: [] });
  assert.deepEqual(touchedFiles(files[0]!, files[1]!), []);
  assert.deepEqual(manifests[1], manifests[0]);
  assert.match(runs[1]!.stdout, new RegExp(`0 new, 0 changed, ${JEKYLL_POSTS} unchanged`), output(runs[1]!));
});

test('no 304s: a page that did change is still archived again, alone', () => {
  const file = entryOf(manifests[2]!, `${served.url}${EDITED}`).file!;
  assert.deepEqual(diffFiles(files[1]!, files[2]!), { added: [], removed: [], changed: [file] });
  assert.ok(files[2]!.get(file)!.bytes.toString('utf8').includes('now revised'));
  assert.match(runs[2]!.stdout, new RegExp(`0 new, 1 changed, ${JEKYLL_POSTS - 1} unchanged`), output(runs[2]!));
});
