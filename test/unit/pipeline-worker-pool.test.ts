import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPostProcessor } from '../../src/pipeline/worker-pool.js';
import { processPost } from '../../src/pipeline/process-post.js';

// Worker threads run the built worker (dist/post-worker.js, what the CLI starts); the test suite builds
// dist/ before it runs.
const builtWorker = new URL('../../dist/post-worker.js', import.meta.url);
assert.ok(existsSync(builtWorker), 'dist/ is built (npm run build) before the tests');
const createBuiltProcessor = (size: number, workerFile: URL = builtWorker) => createPostProcessor(size, workerFile);

const page = (n: number) => `<!doctype html><html lang="en"><head><title>Post ${n} | Blog</title>
<meta property="article:published_time" content="2020-01-0${n}T10:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><article><h1>Post ${n}</h1>
<p>Paragraph ${n} of the post, long enough to be the article body of this page.</p>
<pre><code class="language-js">const n = ${n};</code></pre></article><footer>© Blog</footer></body></html>`;

test('processPost extracts metadata and converts the body', () => {
  const post = processPost(page(1), 'https://blog.example.com/p1/');
  assert.equal(post.meta.title, 'Post 1');
  assert.equal(post.meta.date, '2020-01-01T10:00:00Z');
  assert.match(post.markdown, /Paragraph 1 of the post/);
  assert.match(post.markdown, /```js\nconst n = 1;\n```/);
  assert.doesNotMatch(post.markdown, /Home|© Blog/);
});

test('worker threads give the same results as the calling thread, for many posts at once', async () => {
  const pool = createBuiltProcessor(2);
  try {
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => pool.process(page(n), `https://blog.example.com/p${n}/`)));
    results.forEach((r, i) => assert.deepEqual(r, processPost(page(i + 1), `https://blog.example.com/p${i + 1}/`)));
  } finally {
    await pool.close();
  }
});

test('a closed pool refuses work, with workers and without', async () => {
  for (const pool of [createBuiltProcessor(1), createPostProcessor(0)]) {
    assert.equal((await pool.process(page(2), 'https://blog.example.com/p2/')).meta.title, 'Post 2');
    await pool.close();
    await assert.rejects(pool.process(page(2), 'https://blog.example.com/p2/'), /closed/);
  }
});

test('workers that die fail only the post they held, and a pool whose workers keep dying falls back to the calling thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bv-pool-'));
  const dying = join(dir, 'dying-worker.mjs');
  writeFileSync(dying, "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n");
  const pool = createBuiltProcessor(1, pathToFileURL(dying));
  try {
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => pool.process(page(n), `https://blog.example.com/p${n}/`)));
    const rejected = results.filter((r) => r.status === 'rejected');
    assert.equal(rejected.length, 4, 'one worker and three replacements died, each with its post');
    for (const r of rejected) assert.match(String((r as PromiseRejectedResult).reason), /exit code 3/);
    const last = results[4];
    assert.equal(last.status, 'fulfilled');
    assert.equal((last as PromiseFulfilledResult<Awaited<ReturnType<typeof processPost>>>).value.meta.title, 'Post 5');
  } finally {
    await pool.close();
  }
});

const indexPage = `<!doctype html><html><head><title>Blog</title></head><body><nav><a href="/about/">About</a></nav><main>
${[1, 2, 3].map((n) => `<article><h2><a href="/2020/01/0${n}/post-${n}/">Post ${n}</a></h2><p>Excerpt ${n}.</p><a href="/2020/01/0${n}/post-${n}/#more">Read more</a></article>`).join('\n')}
</main><a rel="next" href="/page/2/">Older posts</a></body></html>`;

test('index pages are read in the workers as on the calling thread, ahead of the posts already queued', async () => {
  const request = { html: indexPage, url: 'https://blog.example.com/', scope: 'https://blog.example.com/', first: true };
  const inline = createPostProcessor(0);
  const expected = await inline.readIndex(request);
  assert.deepEqual(expected.found.map((l) => l.url), [1, 2, 3].map((n) => `https://blog.example.com/2020/01/0${n}/post-${n}/`));
  assert.deepEqual(expected.nextPages, ['https://blog.example.com/page/2/']);
  await inline.close();

  const pool = createBuiltProcessor(2);
  try {
    const settled: string[] = [];
    // Enough queued posts that the other worker cannot finish them all while one worker reads the index
    // cold: the order the index is taken in is what is tested, not how fast a cold read is.
    const queued = Array.from({ length: 12 }, (_, i) => i + 1);
    const posts = queued.map((n) => pool.process(page(n % 9 || 1), `https://blog.example.com/p${n}/`).then(() => settled.push(`post ${n}`)));
    const index = pool.readIndex(request).then((reading) => {
      settled.push('index');
      return reading;
    });
    assert.deepEqual(await index, expected);
    await Promise.all(posts);
    assert.ok(settled.indexOf('index') < settled.indexOf('post 12'), settled.join(', '));
  } finally {
    await pool.close();
  }
});
