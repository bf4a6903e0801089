// Issue 21: a first run fetches nothing twice — the post read to decide whether the blog needs a browser
// is archived from that reading, and robots.txt, read for its rules, also gives the sitemap's address.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { requireBuild, runCli, tempOut, type CliResult, type ServedFixture } from './archive-harness.js';
import { JEKYLL_POSTS, output, postRequests, serveJekyll } from './incremental-harness.js';

let served: ServedFixture;
let out: string;
let result: CliResult;

before(async () => {
  requireBuild();
  served = await serveJekyll();
  out = await tempOut();
  result = await runCli(['archive', `${served.url}/`, '--out', out]);
});

after(async () => {
  await served?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

test('first run in the default --render auto: every URL is requested once', () => {
  assert.equal(result.code, 0, output(result));
  const counts = new Map<string, number>();
  for (const e of served.server.log) counts.set(e.path, (counts.get(e.path) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], `requested more than once: ${twice.map(([p, n]) => `${p} x${n}`).join(', ')}`);
  assert.equal(counts.get('/robots.txt'), 1);
  assert.equal(postRequests(served.server.log).length, JEKYLL_POSTS);
});
