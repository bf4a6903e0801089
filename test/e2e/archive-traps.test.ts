// End to end: markup that trips extractors (fixtures/traps/) comes out as issue 3 asks: lazy images
// archived once each, captions kept, embeds as links, footnotes, math as $…$, emoji as characters, gists
// as code, callouts as quotes, details kept, and no table of contents, share buttons or comments.
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
  type ExpectedPost,
  type ExpectedSite,
  type ServedFixture,
} from './archive-harness.js';

const FIXTURE = join(ROOT, 'fixtures', 'traps');
const SITE = join(FIXTURE, 'site');

let served: ServedFixture;
let out: string;
let expected: ExpectedSite;
let result: CliResult;
let archived: ArchivedPost[];
let matched: Map<ExpectedPost, ArchivedPost>;

let run: ArchivedFixture | undefined;

before(async () => {
  run = await archiveFixture(FIXTURE);
  ({ expected, served, out, result, archived } = run);
});

after(() => run?.close());

test('traps: the run succeeds and finds exactly the posts', () => {
  assert.equal(result.code, 0, `exit code ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  matched = matchPosts(archived, expected, served.url);
});

for (const slug of ['lazy-images', 'figures', 'embedded-video', 'footnotes', 'math', 'emoji', 'gist-embed', 'callouts', 'details', 'page-chrome', 'code-flavours']) {
  test(`traps: ${slug}`, async () => {
    const exp = expected.posts.find((p) => p.path === `/posts/${slug}/`);
    assert.ok(exp, `expected.json has no post ${slug}`);
    matched ??= matchPosts(archived, expected, served.url);
    const post = matched.get(exp);
    assert.ok(post, `${slug} was not archived`);
    await checkPost(post, exp, { origin: served.url, outDir: out, siteDir: SITE, absentEverywhere: expected.absentEverywhere });
  });
}

test('traps: placeholders, emoji images and videos are not stored as assets', async () => {
  const unwanted = ['img/placeholder.gif', 'emoji/72x72/1f600.png', 'emoji/unicode/1f680.png', 'emoji/svg/1f389.svg', 'media/clip.mp4'];
  const bytes = await Promise.all(unwanted.map((f) => readFile(join(SITE, f))));
  for (const file of await assetFiles(out)) {
    const content = await readFile(file);
    const hit = bytes.findIndex((b) => b.equals(content));
    assert.equal(hit, -1, `${file} holds ${unwanted[hit]}`);
  }
});
