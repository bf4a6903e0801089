// End to end with the built CLI: JavaScript-rendered blogs are archived through headless Chromium with
// the same fidelity as static ones, and `--render auto` uses the browser for them and only for them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFile, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ROOT,
  checkPost,
  loadExpected,
  matchPosts,
  readArchive,
  requireBuild,
  runCli,
  serveFixture,
  tempOut,
  type CliResult,
  type ServedFixture,
} from './archive-harness.js';

const SPA = join(ROOT, 'fixtures', 'spa-blog');
const SCROLL = join(ROOT, 'fixtures', 'infinite-scroll');
const STATIC = join(ROOT, 'fixtures', 'jekyll-blog', 'site');

interface Run {
  served: ServedFixture;
  out: string;
  result: CliResult;
}

const runs: Run[] = [];

async function archive(site: string, ...flags: string[]): Promise<Run> {
  const served = await serveFixture(site);
  const out = await tempOut();
  const result = await runCli(['archive', `${served.url}/`, '--out', out, ...flags]);
  const run = { served, out, result };
  runs.push(run);
  return run;
}

async function lastRun(out: string): Promise<{ renderer: string; failed: unknown[] }> {
  return JSON.parse(await readFile(join(out, '.blogvault', 'last-run.json'), 'utf8'));
}

/** The pages the browser rendered, from the events --verbose prints. */
function renderedUrls(r: CliResult): string[] {
  return [...`${r.stdout}${r.stderr}`.matchAll(/browser: (\{"type":"rendered".*\})$/gm)].map((m) => (JSON.parse(m[1]!) as { url: string }).url);
}

function output(r: CliResult): string {
  return `exit code ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
}

before(() => requireBuild());

after(async () => {
  for (const run of runs) {
    await run.served.close();
    await rm(run.out, { recursive: true, force: true });
  }
});

test('spa-blog, --render auto: the browser is chosen and every post is archived in full', async () => {
  const expected = await loadExpected(SPA);
  const { served, out, result } = await archive(SPA, '--verbose');
  assert.equal(result.code, 0, output(result));
  assert.match(`${result.stdout}${result.stderr}`, /Rendering with Chromium \(empty app root #app\)/, output(result));
  // Every post is an empty shell without its scripts.
  assert.equal(renderedUrls(result).length, expected.posts.length + 1, output(result));
  assert.equal((await lastRun(out)).renderer, 'browser');
  const matched = matchPosts(await readArchive(out), expected, served.url);
  for (const [exp, post] of matched) {
    await checkPost(post, exp, { origin: served.url, outDir: out, siteDir: SPA, absentEverywhere: expected.absentEverywhere });
  }
  const paths = served.server.log.map((e) => e.path);
  for (const page of ['/api/posts-2.json', '/api/posts-3.json']) assert.ok(paths.includes(page), `"Load more" never fetched ${page}`);
  assert.deepEqual(paths.filter((p) => /^\/(fonts|media)\//.test(p)), [], 'the browser downloaded fonts or media');
  // Every page of the blog loads the same script and style sheet: fetched once for the run, not per post.
  assert.deepEqual(['/app.js', '/app.css'].map((file) => paths.filter((p) => p === file).length), [1, 1], 'a script or style sheet was fetched again');
});

test('spa-blog, --render always --concurrency 1: the same archive', async () => {
  const expected = await loadExpected(SPA);
  const { served, out, result } = await archive(SPA, '--render', 'always', '--concurrency', '1');
  assert.equal(result.code, 0, output(result));
  assert.equal((await lastRun(out)).renderer, 'browser');
  const archived = await readArchive(out);
  const matched = matchPosts(archived, expected, served.url);
  assert.equal(matched.size, expected.posts.length);
  const rust = archived.find((p) => p.file === 'rust-static-site.md');
  assert.ok(rust, `files: ${archived.map((p) => p.file).join(', ')}`);
  assert.equal(rust.fm.title, '用 Rust 写一个静态博客生成器');
  assert.match(rust.body, /^```rust\nfn main\(\) -> std::io::Result<\(\)> \{$/m);
});

test('infinite-scroll, --render auto: the index is scrolled to the end and every static post archived, without rendering it', async () => {
  const expected = await loadExpected(SCROLL);
  const { served, out, result } = await archive(SCROLL, '--verbose');
  assert.equal(result.code, 0, output(result));
  assert.match(`${result.stdout}${result.stderr}`, /Rendering with Chromium/);
  const matched = matchPosts(await readArchive(out), expected, served.url);
  assert.equal(matched.size, expected.posts.length);
  for (const [exp, post] of matched) {
    await checkPost(post, exp, { origin: served.url, outDir: out, siteDir: SCROLL, absentEverywhere: expected.absentEverywhere });
  }
  assert.ok(served.server.log.some((e) => e.path === '/feed/page-3.json'), 'the last batch was never loaded');
  // The posts' static HTML has their text: only the index, built by scripts, needs the browser.
  assert.deepEqual(renderedUrls(result), [`${served.url}/`], output(result));
});

test('spa-blog whose "Load more" leaves the site: the index is unreadable (exit 2), and the posts its first screen showed end first, archived', async () => {
  const served = await serveFixture(SPA);
  // Clicking the button sends the page to another site: the expanded index cannot be taken.
  await appendFile(join(served.root, 'app.js'), `\ndocument.addEventListener('click', (e) => { if (e.target.closest('.load-more')) location.href = 'http://elsewhere.invalid/'; }, true);\n`);
  const out = await tempOut();
  const result = await runCli(['archive', `${served.url}/`, '--out', out]);
  runs.push({ served, out, result });
  assert.equal(result.code, 2, output(result));
  assert.match(result.stderr, /cannot read the blog index .*redirected off the site to http:\/\/elsewhere\.invalid\//, output(result));
  const expected = await loadExpected(SPA);
  const archived = await readArchive(out);
  assert.equal(archived.length, 5, `the first screen lists 5 posts; archived: ${archived.map((p) => p.file).join(', ')}`);
  for (const [exp, post] of matchPosts(archived, { ...expected, posts: expected.posts.filter((e) => archived.some((p) => p.fm.url === new URL(e.path, served.url).href)) }, served.url)) {
    await checkPost(post, exp, { origin: served.url, outDir: out, siteDir: SPA, absentEverywhere: expected.absentEverywhere });
  }
});

test('a static blog, --render auto: no browser', async () => {
  const { out, result } = await archive(STATIC);
  assert.equal(result.code, 0, output(result));
  assert.doesNotMatch(`${result.stdout}${result.stderr}`, /Chromium/);
  assert.equal((await lastRun(out)).renderer, 'http');
});
