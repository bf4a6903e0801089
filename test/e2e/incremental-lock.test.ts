// Issue 4: one run per archive. A second run on an archive in use refuses at once with one clear line
// and exit code 2, without disturbing the first; a lock left by a killed run is taken over.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readArchive, requireBuild, runCli, tempOut, type ServedFixture } from './archive-harness.js';
import { JEKYLL_POSTS, STATIC, output, postFileCount, serveJekyll, spawnCli, tempFiles, waitFor } from './incremental-harness.js';

let served: ServedFixture;
const outs: string[] = [];

before(async () => {
  requireBuild();
  served = await serveJekyll();
});

after(async () => {
  await served?.close();
  for (const dir of outs) await rm(dir, { recursive: true, force: true });
});

test('two runs on the same archive: the second refuses with one line and exit 2, the first completes', async () => {
  const out = await tempOut();
  outs.push(out);
  const lock = join(out, '.blogvault', 'lock');
  // Post pages wait until the checks are done, so the first run certainly holds the lock meanwhile.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  served.server.setHandler(async (req) => {
    if (/^\/\d{4}\//.test(req.url ?? '')) await gate;
    return false;
  });
  const first = spawnCli(['archive', `${served.url}/`, '--out', out, ...STATIC]);
  // Settings are saved once the index is read: from then on `update` knows the folder is an archive.
  const settings = join(out, '.blogvault', 'settings.json');
  await waitFor(() => (existsSync(lock) && existsSync(settings)) || first.child.exitCode !== null, 'the first run to take the lock and save its settings');
  const second = await runCli(['archive', `${served.url}/`, '--out', out]);
  assert.equal(second.code, 2, output(second));
  assert.equal(second.stdout, '');
  const lines = second.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `not one line:\n${second.stderr}`);
  assert.match(lines[0]!, new RegExp(`in use by pid ${first.child.pid}\\b`), second.stderr);
  assert.ok(lines[0]!.includes(out), `the message does not name the archive: ${lines[0]}`);

  const update = await runCli(['update', out]);
  assert.equal(update.code, 2, `update on a locked archive:\n${output(update)}`);
  assert.match(update.stderr, /in use by pid/);

  assert.equal(first.child.exitCode, null, 'the first run ended before the checks');
  release();
  const done = await first.done;
  assert.equal(done.code, 0, output(done));
  assert.equal((await readArchive(out)).length, JEKYLL_POSTS);
  assert.ok(!existsSync(lock), 'lock left behind');
});

test('a lock left by a killed run is detected as stale and taken over', async () => {
  const out = await tempOut();
  outs.push(out);
  const lock = join(out, '.blogvault', 'lock');
  served.server.setHandler(async (req) => {
    if (/^\/\d{4}\//.test(req.url ?? '')) await new Promise((r) => setTimeout(r, 150));
    return false;
  });
  const killed = spawnCli(['archive', `${served.url}/`, '--out', out]);
  await waitFor(async () => (await postFileCount(out)) >= 2 || killed.child.exitCode !== null, '2 post files');
  killed.child.kill('SIGKILL');
  await killed.done;
  assert.ok(existsSync(lock), 'the killed run left no lock: nothing to take over');
  assert.equal((JSON.parse(await readFile(lock, 'utf8')) as { pid: number }).pid, killed.child.pid);

  const next = await runCli(['archive', `${served.url}/`, '--out', out]);
  assert.equal(next.code, 0, output(next));
  assert.equal((await readArchive(out)).length, JEKYLL_POSTS);
  assert.ok(!existsSync(lock), 'lock left behind');
  assert.deepEqual(await tempFiles(out), []);
});
