// Issue 4: file names must not depend on timing. Two posts share a slug (/2015/11/05/notes/ and
// /2015/10/01/notes/); whichever page answers first, the newer one (first in the index) is notes.md,
// so fresh archives of the same blog, and a killed run resumed, match an uninterrupted run's names.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { requireBuild, runCli, tempOut, type ServedFixture } from './archive-harness.js';
import { archiveFiles, diffFiles, entryOf, output, readManifest, serveJekyll } from './incremental-harness.js';

const NEWER = '/2015/11/05/notes/';
const OLDER = '/2015/10/01/notes/';

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

/** Archives the blog into a fresh folder with `slow` answered late; returns the post files by URL path. */
async function archiveWithSlow(slow: string) {
  served.server.setHandler(async (req) => {
    if (req.url === slow) await new Promise((r) => setTimeout(r, 1500));
    return false;
  });
  const out = await tempOut();
  outs.push(out);
  const r = await runCli(['archive', `${served.url}/`, '--out', out]);
  served.server.setHandler(undefined);
  assert.equal(r.code, 0, output(r));
  const posts = (await readManifest(out)).posts;
  return { out, newer: entryOf(posts, `${served.url}${NEWER}`).file, older: entryOf(posts, `${served.url}${OLDER}`).file };
}

test('posts sharing a slug get the same file names whichever answers first', async () => {
  const newerLate = await archiveWithSlow(NEWER);
  const olderLate = await archiveWithSlow(OLDER);
  assert.deepEqual([newerLate.newer, newerLate.older], ['notes.md', 'notes-2.md'], 'names follow the order the pages answered in');
  assert.deepEqual([olderLate.newer, olderLate.older], ['notes.md', 'notes-2.md']);
  assert.deepEqual(diffFiles(await archiveFiles(newerLate.out), await archiveFiles(olderLate.out)), { added: [], removed: [], changed: [] });
});
