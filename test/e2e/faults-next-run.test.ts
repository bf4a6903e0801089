// End to end (issue 5, "no silent loss"): what a failure that is not a post's own leaves behind. An index
// page that fails for good hides the posts it lists; an image that failed is kept as a remote link. Both
// must be visible in the exit code and the report, and the next run against the healed server must
// repair them.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, loadExpected, readArchive, requireBuild, runCli, tempOut, type CliResult } from './archive-harness.js';
import { parseReport, serveFaulty, type ServedFaulty } from './faults-harness.js';

const FIXTURE = join(ROOT, 'fixtures', 'jekyll-blog');
const cleanup: (() => Promise<void>)[] = [];
after(async () => {
  await Promise.all(cleanup.map((c) => c()));
});

async function setUp(failPaths: Record<string, number>): Promise<{ served: ServedFaulty; out: string; run: (...args: string[]) => Promise<CliResult> }> {
  requireBuild();
  const served = await serveFaulty(join(FIXTURE, 'site'), { failPaths });
  const out = await tempOut();
  cleanup.push(() => served.close(), () => rm(out, { recursive: true, force: true }));
  return { served, out, run: (...args) => runCli(['archive', `${served.url}/`, '--out', out, '--retries', '1', ...args]) };
}

const show = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

describe('next run', { concurrency: true }, () => {
  test(
    'an index page that fails for good makes the run partial (exit 1) and is named in the report',
    async () => {
      const expected = await loadExpected(FIXTURE);
      const { served, out, run } = await setUp({ '/page2/': 500 });
      const first = await run('--json');
      assert.equal(first.code, 1, show(first));
      assert.ok(first.stdout.includes(`${served.url}/page2/`), `the JSON report does not name the failed index page\n${show(first)}`);

      served.server.setHandler(undefined);
      const second = await run('--json');
      assert.equal(second.code, 0, show(second));
      assert.equal(parseReport(second.stdout).postsFound, expected.posts.length);
      assert.equal((await readArchive(out)).length, expected.posts.length);
    },
  );

  test('an image that failed is downloaded by the next run, although the post itself did not change', async () => {
    const { served, out, run } = await setUp({ '/assets/images/coast.jpg': 500 });
    const first = await run('--json');
    assert.equal(first.code, 0, show(first));
    assert.equal(parseReport(first.stdout).imagesFailed, 1, show(first));
    const coast = async () => (await readArchive(out)).find((p) => p.file === 'coast-photos.md')!.body;
    assert.match(await coast(), /!\[Rocky coast at dusk\]\(http:\/\/127\.0\.0\.1:\d+\/assets\/images\/coast\.jpg\)/, 'the failed image is not kept as a remote link');

    served.server.setHandler(undefined);
    const second = await run('--json');
    assert.equal(second.code, 0, show(second));
    assert.match(await coast(), /!\[Rocky coast at dusk\]\(assets\/coast-[0-9a-f]{8}\.jpg\)/, `the image was not archived by the next run\n${show(second)}`);
  });
});
