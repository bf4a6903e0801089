// The index walk keeps pace with the posts: on a blog whose index pages answer at once and whose posts
// answer slowly, the walk does not list every post while the first ones are still being fetched (each
// post waiting in the queue is memory held on the main thread: issue 21, a 10,000-post blog).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import { requireBuild, runCli, tempOut } from './archive-harness.js';
import { startSlowBlog } from '../helpers/slow-blog.js';

test('the index walk waits while hundreds of the posts it found are not archived yet, and every post is archived', { timeout: 180_000 }, async () => {
  requireBuild();
  const pages = 50;
  const perPage = 10;
  const order: string[] = [];
  const server = await startSlowBlog({ pages, perPage, indexDelayMs: 0, postDelayMs: 15, onRequest: (path) => order.push(path) });
  const out = await tempOut();
  try {
    const result = await runCli(['archive', `${server.url}/`, '--out', out, '--no-images']);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const files = (await readdir(out, { recursive: true })).filter((f) => /^p\d+\.md$/.test(String(f).split('/').pop()!));
    assert.equal(files.length, pages * perPage);
    const last = order.indexOf(`/page/${pages}/`);
    assert.ok(last > 0, 'the last index page was fetched');
    const postsBefore = order.slice(0, last).filter((path) => path.startsWith('/posts/')).length;
    // Unpaced, the walk read all 50 pages while a few dozen posts were fetched; paced, it may run a
    // bounded number of posts (a hundred and some) ahead of those done.
    assert.ok(postsBefore >= pages * perPage - 200, `the last index page came after only ${postsBefore} of ${pages * perPage} posts`);
  } finally {
    await server.close();
    await rm(out, { recursive: true, force: true });
  }
});
