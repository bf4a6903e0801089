// Issue 4: Ctrl-C (SIGINT) mid-run stops cleanly: the posts in flight are finished, the summary is
// printed, the exit code is 130, the archive is valid (manifest folded, no lock, no temporary files),
// and the next run completes it without touching what the interrupted run wrote.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readArchive, requireBuild, runCli, tempOut, type CliResult, type ServedFixture } from './archive-harness.js';
import {
  JEKYLL_POSTS,
  archiveFiles,
  diffFiles,
  output,
  postFileCount,
  readManifest,
  serveJekyll,
  spawnCli,
  tempFiles,
  touchedFiles,
  waitFor,
  type FileState,
  type ManifestPost,
} from './incremental-harness.js';

let served: ServedFixture;
let out: string;
let interrupted: CliResult;
let filesAfterInterrupt: Map<string, FileState>;
let manifestAfterInterrupt: Record<string, ManifestPost>;
let resumed: CliResult;
let filesAfterResume: Map<string, FileState>;

before(async () => {
  requireBuild();
  served = await serveJekyll();
  // Slow posts, so that the interrupt comes while the run still has posts it has not fetched: it
  // fetches a few pages ahead of the posts being written (run-rules.ts postsInFlight).
  served.server.setHandler(async (req) => {
    if (/^\/\d{4}\//.test(req.url ?? '')) await new Promise((r) => setTimeout(r, 400));
    return false;
  });
  out = await tempOut();
  const run = spawnCli(['archive', `${served.url}/`, '--out', out]);
  await waitFor(async () => (await postFileCount(out)) >= 3 || run.child.exitCode !== null, '3 post files');
  run.child.kill('SIGINT');
  interrupted = await run.done;
  filesAfterInterrupt = await archiveFiles(out);
  manifestAfterInterrupt = (await readManifest(out)).posts;
  served.server.setHandler(undefined);
  resumed = await runCli(['archive', `${served.url}/`, '--out', out]);
  filesAfterResume = await archiveFiles(out);
});

after(async () => {
  await served?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

test('SIGINT: exit code 130 and the summary says the run was interrupted', () => {
  assert.equal(interrupted.code, 130, output(interrupted));
  assert.match(interrupted.stdout, /^Interrupted: .*\barchived \(\d+ new, 0 changed, 0 unchanged\)/m, output(interrupted));
  assert.doesNotMatch(interrupted.stderr, /^\s+at /m, 'stack trace on stderr');
});

test('SIGINT: the archive left is valid: manifest folded, no journal, no lock, no temporary files', async () => {
  assert.ok(!existsSync(join(out, '.blogvault', 'lock')), 'lock left behind');
  assert.ok(!existsSync(join(out, '.blogvault', 'journal.jsonl')), 'journal not folded into the manifest');
  assert.deepEqual(await tempFiles(out), []);
  const posts = [...filesAfterInterrupt.keys()].filter((f) => f.endsWith('.md'));
  assert.ok(posts.length >= 3 && posts.length < JEKYLL_POSTS, `${posts.length} post files after the interrupt`);
  const archived = Object.values(manifestAfterInterrupt).filter((p) => p.status === 'archived');
  assert.deepEqual(archived.map((p) => p.file).sort(), posts.sort(), 'manifest and post files disagree');
  const printed = Number(/(\d+) new/.exec(interrupted.stdout)?.[1]);
  assert.equal(printed, posts.length, 'the summary does not count the posts written (in-flight posts must be finished or not recorded)');
  for (const p of Object.values(manifestAfterInterrupt)) assert.notEqual(p.status, 'missing', `${p.url} marked missing by an interrupted run`);
});

test('SIGINT: the next run completes the archive and leaves the interrupted run\'s files alone', async () => {
  assert.equal(resumed.code, 0, output(resumed));
  const diff = diffFiles(filesAfterInterrupt, filesAfterResume);
  assert.deepEqual({ removed: diff.removed, changed: diff.changed }, { removed: [], changed: [] });
  assert.deepEqual(touchedFiles(filesAfterInterrupt, filesAfterResume), []);
  const urls = (await readArchive(out)).map((p) => p.fm.url as string);
  assert.equal(new Set(urls).size, JEKYLL_POSTS);
  assert.equal(urls.length, JEKYLL_POSTS);
  const newCount = Number(/(\d+) new/.exec(resumed.stdout)?.[1]);
  assert.equal(newCount, JEKYLL_POSTS - [...filesAfterInterrupt.keys()].filter((f) => f.endsWith('.md')).length, output(resumed));
});
