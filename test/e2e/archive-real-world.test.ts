// End to end: one small blog per defect class seen on real people's blogs (fixtures/real-world/, see
// its generate.mjs): each is served on 127.0.0.1, archived by the built CLI, and every post checked
// against expected.json — the posts found and no others, titles, dates, tags, categories, language,
// the text kept and the chrome left out, code blocks exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, archiveFixture, checkPost, matchPosts } from './archive-harness.js';

const CASES = join(ROOT, 'fixtures', 'real-world');
const names = readdirSync(CASES).filter((name) => existsSync(join(CASES, name, 'expected.json')));

test('real-world: every case folder is there', () => {
  assert.ok(names.length >= 25, `only ${names.length} cases in fixtures/real-world`);
});

for (const name of names) {
  test(`real-world: ${name}`, async () => {
    const run = await archiveFixture(join(CASES, name));
    try {
      const { result, expected, archived, served, out } = run;
      assert.equal(result.code, 0, `exit code ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
      if (expected.noBrowser) assert.doesNotMatch(result.stdout + result.stderr, /Rendering with Chromium/, 'the run switched to the browser');
      const matched = matchPosts(archived, expected, served.url);
      for (const [exp, post] of matched) {
        await checkPost(post, exp, { origin: served.url, outDir: out, siteDir: join(CASES, name, 'site') });
      }
    } finally {
      await run.close();
    }
  });
}
