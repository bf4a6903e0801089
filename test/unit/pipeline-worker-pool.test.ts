import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPostProcessor } from '../../src/pipeline/worker-pool.js';
import { processPost } from '../../src/pipeline/process-post.js';
import { PageError, reasonOf } from '../../src/pipeline/errors.js';
import { tempDir as freshDir } from '../helpers/temp-dir.js';

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
  const dir = freshDir('pool');
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

test('index pages are read in the workers as on the calling thread', async () => {
  const request = { html: indexPage, url: 'https://blog.example.com/', scope: 'https://blog.example.com/', first: true };
  const inline = createPostProcessor(0);
  const expected = await inline.readIndex(request);
  assert.deepEqual(expected.found.map((l) => l.url), [1, 2, 3].map((n) => `https://blog.example.com/2020/01/0${n}/post-${n}/`));
  assert.deepEqual(expected.nextPages, ['https://blog.example.com/page/2/']);
  await inline.close();

  const pool = createBuiltProcessor(2);
  try {
    const posts = [1, 2, 3].map((n) => pool.process(page(n), `https://blog.example.com/p${n}/`));
    assert.deepEqual(await pool.readIndex(request), expected);
    await Promise.all(posts);
  } finally {
    await pool.close();
  }
});

test('index pages all go to one worker, ahead of the posts queued, and posts to every worker', async () => {
  const dir = freshDir('pool');
  const reporting = join(dir, 'reporting-worker.mjs');
  // Answers each job with the thread that ran it and the job's rank on that thread, after a few
  // milliseconds of work so that both workers are busy while jobs queue up.
  writeFileSync(
    reporting,
    "import { parentPort, threadId } from 'node:worker_threads';\nlet rank = 0;\n" +
      "parentPort.on('message', (req) => { const end = Date.now() + 5; while (Date.now() < end); parentPort.postMessage({ id: req.id, ok: true, result: { threadId, rank: ++rank } }); });\n",
  );
  type Ran = { threadId: number; rank: number };
  const pool = createBuiltProcessor(2, pathToFileURL(reporting));
  const readIndex = (n: number) => pool.readIndex({ html: indexPage, url: `https://blog.example.com/page/${n}/`, scope: 'https://blog.example.com/', first: false }) as Promise<unknown> as Promise<Ran>;
  try {
    const posts = Array.from({ length: 10 }, (_, i) => pool.process(page(1), `https://blog.example.com/p${i}/`) as Promise<unknown> as Promise<Ran>);
    const first = await readIndex(2);
    // Each worker had taken two posts (one running, one queued) when the index page came; the index
    // page went to its worker next, ahead of the eight posts still waiting.
    assert.equal(first.rank, 3);
    const more = await Promise.all([3, 4, 5, 6, 7, 8].map(readIndex));
    assert.deepEqual(new Set(more.map((r) => r.threadId)), new Set([first.threadId]));
    assert.equal(new Set((await Promise.all(posts)).map((r) => r.threadId)).size, 2, 'posts ran on both workers');
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an error in a worker keeps its class, stage, URL and stack across the thread boundary', async () => {
  const pool = createBuiltProcessor(1);
  try {
    // An index page whose URL is not one: reading it throws a TypeError inside the worker.
    const failure = await pool.readIndex({ html: '<html><body><a href="/x/">x</a></body></html>', url: 'not a url', scope: 'http://b.test/', first: false }).then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(failure instanceof PageError, `a PageError, not ${String(failure)}`);
    assert.equal(failure.stage, 'index');
    assert.equal(failure.url, 'not a url');
    assert.equal(failure.kind, 'TypeError');
    assert.match(failure.stack ?? '', /readIndexPage|index-walk|post-worker/);
    assert.match(reasonOf(failure), /^index failed: TypeError: /);
  } finally {
    await pool.close();
  }
});
