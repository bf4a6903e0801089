// End to end: archive the Jekyll-style fixture blog with the built CLI and check every post against
// fixtures/jekyll-blog/expected.json.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ROOT,
  archiveFixture,
  assetFiles,
  checkPost,
  matchPosts,
  type ArchivedFixture,
  type ArchivedPost,
  type CliResult,
  type ExpectedSite,
  type ServedFixture,
} from './archive-harness.js';

const FIXTURE = join(ROOT, 'fixtures', 'jekyll-blog');
const SITE = join(FIXTURE, 'site');

let served: ServedFixture;
let out: string;
let expected: ExpectedSite;
let result: CliResult;
let archived: ArchivedPost[];

let run: ArchivedFixture | undefined;

before(async () => {
  run = await archiveFixture(FIXTURE);
  ({ expected, served, out, result, archived } = run);
});

after(() => run?.close());

test('jekyll blog: the run succeeds and prints a summary', () => {
  assert.equal(result.code, 0, `exit code ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  const output = `${result.stdout}\n${result.stderr}`;
  assert.match(output, /archived/i, 'no summary line');
  assert.match(output, new RegExp(`\\b${expected.posts.length}\\b`), `the summary does not mention the ${expected.posts.length} posts:\n${output}`);
  assert.doesNotMatch(result.stderr, /^\s+at /m, 'stack trace on stderr');
});

test('jekyll blog: exactly the posts are archived (no tag, category, about, feed or sitemap pages)', () => {
  const matched = matchPosts(archived, expected, served.url);
  assert.equal(matched.size, expected.posts.length);
});

test('jekyll blog: the whole index was walked', () => {
  const fetched = new Set(served.server.log.map((e) => e.path));
  for (const page of ['/', '/page2/', '/page3/']) assert.ok(fetched.has(page), `index page ${page} was not fetched`);
});

test('jekyll blog: every post has its front matter, body, code, tables, lists and images', async () => {
  const matched = matchPosts(archived, expected, served.url);
  const absentEverywhere = ['Read more...', 'Subscribe via RSS', 'Tags:', 'A fixture blog for blogvault', 'jane@example.com', '«', '»'];
  for (const [exp, post] of matched) {
    await checkPost(post, exp, { origin: served.url, outDir: out, siteDir: SITE, absentEverywhere });
  }
});

test('jekyll blog: the Chinese slug is a readable file name', () => {
  const files = archived.map((p) => p.file);
  assert.ok(files.includes('中文标题.md'), `files: ${files.join(', ')}`);
  assert.ok(files.includes('容器网络.md'), `files: ${files.join(', ')}`);
});

test('jekyll blog: posts sharing a slug get a file each', () => {
  const notes = archived.filter((p) => /^notes(-[^/]+)?\.md$/.test(p.file));
  assert.equal(notes.length, 2, `files: ${archived.map((p) => p.file).join(', ')}`);
  assert.deepEqual(new Set(notes.map((p) => p.fm.title)), new Set(['Weekly Notes', 'Weekly Notes, Again']));
});

test('jekyll blog: an image used by two posts is stored once, and unused images are not fetched', async () => {
  const shared = await readFile(join(SITE, 'assets/images/pipeline.png'));
  const unused = await readFile(join(SITE, 'assets/images/unused.png'));
  const assets = await assetFiles(out);
  const contents = await Promise.all(assets.map((f) => readFile(f)));
  assert.equal(contents.filter((b) => b.equals(shared)).length, 1, `assets: ${assets.join(', ')}`);
  assert.equal(contents.filter((b) => b.equals(unused)).length, 0);
  assert.equal(assets.length, 3, `expected pipeline.png, lighthouse.png and coast.jpg only: ${assets.join(', ')}`);
});

test('jekyll blog: a manifest lists every post', async () => {
  const manifest = await readFile(join(out, '.blogvault', 'manifest.json'), 'utf8');
  for (const post of archived) assert.ok(manifest.includes(post.file), `${post.file} is not in the manifest`);
});
