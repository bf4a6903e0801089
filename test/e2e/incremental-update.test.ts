// Issue 4: `blogvault update <dir>` repeats the run with the settings saved in the archive, for cron:
// silent when nothing changed, the summary when something did, exit 0 / 1 (a post failed) / 2 (not an
// archive).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArchive, requireBuild, runCli, tempOut, walk, type ServedFixture } from './archive-harness.js';
import {
  STATIC,
  archiveFiles,
  diffFiles,
  editSite,
  entryOf,
  output,
  postRequests,
  readManifest,
  serveJekyll,
  touchedFiles,
} from './incremental-harness.js';

const EDITED = '/2015/09/18/sql-window-functions/';
const BROKEN = '/2015/08/15/rust-vs-go/';

let served: ServedFixture;
let out: string;
let notArchive: string;

before(async () => {
  requireBuild();
  served = await serveJekyll();
  out = await tempOut();
  notArchive = await mkdtemp(join(tmpdir(), 'bv-not-archive-'));
  // Options that update must repeat: history on, no retries (the failing post below fails fast), and
  // --render never, so that the request counts below are one request per post.
  const r = await runCli(['archive', `${served.url}/`, '--out', out, '--history', '--retries', '0', ...STATIC]);
  assert.equal(r.code, 0, output(r));
});

after(async () => {
  await served?.close();
  for (const dir of [out, notArchive]) if (dir) await rm(dir, { recursive: true, force: true });
});

test('update on an unchanged blog: exit 0, nothing on stdout, no file touched', async () => {
  const before = await archiveFiles(out);
  const logStart = served.server.log.length;
  const r = await runCli(['update', out]);
  assert.equal(r.code, 0, output(r));
  assert.equal(r.stdout, '', `update printed something although nothing changed:\n${output(r)}`);
  assert.equal(r.stderr, '', `cron mails whatever a job prints, stderr included:\n${output(r)}`);
  const after = await archiveFiles(out);
  assert.deepEqual(diffFiles(before, after), { added: [], removed: [], changed: [] });
  assert.deepEqual(touchedFiles(before, after), []);
  // It really ran against the saved start URL, with conditional requests.
  const posts = postRequests(served.server.log, logStart);
  assert.equal(posts.length, 14);
  assert.ok(posts.every((p) => p.status === 304), 'update did not use conditional requests');
});

test('update after a post changed: exit 0, the summary on stdout, saved --history applied', async () => {
  await editSite(served.root, `${EDITED}index.html`, (t) => t.replace('Window functions rank rows without collapsing them.', 'Window functions rank rows and keep them all.'));
  const before = await archiveFiles(out);
  const r = await runCli(['update', out]);
  assert.equal(r.code, 0, output(r));
  assert.match(r.stdout, /\b0 new, 1 changed, 13 unchanged\b/, output(r));
  const file = entryOf((await readManifest(out)).posts, `${served.url}${EDITED}`).file!;
  assert.deepEqual(diffFiles(before, await archiveFiles(out)).changed, [file]);
  const history = await walk(join(out, '.blogvault', 'history')).catch(() => []);
  assert.equal(history.length, 1, 'the --history saved with the archive was not applied by update');
});

test('update when a post fails (500 every time): exit 1, the failure printed, the archived file kept', async () => {
  served.server.setHandler((req, res) => {
    if (req.url !== BROKEN) return false;
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('boom');
    return true;
  });
  const before = await archiveFiles(out);
  const r = await runCli(['update', out]);
  served.server.setHandler(undefined);
  assert.equal(r.code, 1, output(r));
  assert.match(r.stdout, /\b1 failed\b/, output(r));
  assert.ok(r.stdout.includes(`failed: ${served.url}${BROKEN}`), output(r));
  const after = await archiveFiles(out);
  assert.deepEqual(diffFiles(before, after), { added: [], removed: [], changed: [] });
  const entry = entryOf((await readManifest(out)).posts, `${served.url}${BROKEN}`);
  assert.equal(entry.status, 'archived', 'a post archived earlier must stay archived when a refresh fails');
  assert.match(entry.error ?? '', /500/);
  assert.equal((await readArchive(out)).length, 14);
});

test('update on a folder that is not an archive: exit 2 and one line saying so', async () => {
  await writeFile(join(notArchive, 'notes.md'), '# mine\n');
  for (const [dir, reason] of [[notArchive, /not a blogvault archive/], [join(notArchive, 'nowhere'), /nowhere: no such folder$/]] as const) {
    const r = await runCli(['update', dir]);
    assert.equal(r.code, 2, output(r));
    assert.equal(r.stdout, '');
    assert.match(r.stderr.trim(), new RegExp(`^blogvault: .*${reason.source}`), output(r));
    assert.equal(r.stderr.trim().split('\n').length, 1, output(r));
  }
});
