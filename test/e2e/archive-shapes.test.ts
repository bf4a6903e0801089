// End to end: every index shape of fixtures/shapes/ (title-only lists, card grids, whole posts, archive
// by year, numbered and ?page=N pagination, a blog under /blog/, WordPress classic and block themes, Hugo,
// Ghost, Docusaurus) is archived with every post found, nothing extra, and each post's metadata and body
// as its expected.json says.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ROOT,
  archiveFixture,
  checkPost,
  matchPosts,
  type ArchivedFixture,
  type ArchivedPost,
  type CliResult,
  type ExpectedSite,
  type ServedFixture,
} from './archive-harness.js';

const SHAPES = join(ROOT, 'fixtures', 'shapes');
const shapes = readdirSync(SHAPES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

for (const shape of shapes) {
  describe(`index shape: ${shape}`, () => {
    const siteDir = join(SHAPES, shape, 'site');
    let served: ServedFixture;
    let out: string;
    let expected: ExpectedSite;
    let result: CliResult;
    let archived: ArchivedPost[];

    let run: ArchivedFixture | undefined;

    before(async () => {
      run = await archiveFixture(join(SHAPES, shape));
      ({ expected, served, out, result, archived } = run);
    });

    after(() => run?.close());

    test('the run succeeds', () => {
      assert.equal(result.code, 0, `exit code ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
    });

    test('every post is found and nothing else is archived', () => {
      matchPosts(archived, expected, served.url);
    });

    test('each post has its metadata and body', async () => {
      const matched = matchPosts(archived, expected, served.url);
      for (const [exp, post] of matched) {
        await checkPost(post, exp, { origin: served.url, outDir: out, siteDir, absentEverywhere: expected.absentEverywhere });
      }
    });
  });
}
