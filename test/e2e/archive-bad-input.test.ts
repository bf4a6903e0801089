// End to end: unusable input gets exit code 2 and one plain error line naming the URL, never a stack trace.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, readArchive, requireBuild, runCli, serveFixture, tempOut, type ServedFixture } from './archive-harness.js';

let served: ServedFixture;
const outs: string[] = [];

before(async () => {
  requireBuild();
  served = await serveFixture(join(ROOT, 'fixtures', 'jekyll-blog', 'site'));
});

after(async () => {
  await served?.close();
  await Promise.all(outs.map((o) => rm(o, { recursive: true, force: true })));
});

/** A port on 127.0.0.1 that nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

async function expectCleanFailure(url: string, shown = url): Promise<void> {
  const out = await tempOut();
  outs.push(out);
  const r = await runCli(['archive', url, '--out', out, '--retries', '1', '--timeout', '5']);
  const report = `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
  assert.equal(r.code, 2, report);
  assert.doesNotMatch(r.stderr, /^\s+at /m, `stack trace on stderr:\n${report}`);
  assert.doesNotMatch(`${r.stdout}${r.stderr}`, /^\s+at .+:\d+:\d+\)?$/m, `stack trace in the output:\n${report}`);
  const lines = r.stderr.split('\n').filter((l) => l.trim());
  const errorLine = lines.find((l) => l.includes(shown));
  assert.ok(errorLine, `no error line names ${shown}:\n${report}`);
  assert.ok(errorLine.replace(shown, '').replace(/[\s:'"`-]/g, '').length >= 6, `the error line gives no reason: ${errorLine}`);
  assert.deepEqual(await readArchive(out), [], 'posts were written for unusable input');
}

test('bad input: a malformed URL', async () => {
  await expectCleanFailure('http://exa mple.com/');
});

test('bad input: a URL with no scheme or host', async () => {
  await expectCleanFailure('not-a-url');
});

test('bad input: an unreachable host (closed port)', async () => {
  const port = await closedPort();
  await expectCleanFailure(`http://127.0.0.1:${port}/`, `127.0.0.1:${port}`);
});

test('bad input: an index that answers 404', async () => {
  await expectCleanFailure(`${served.url}/no-such-blog/`);
});

test('bad input: a start page that is not HTML', async () => {
  await expectCleanFailure(`${served.url}/assets/images/pipeline.png`);
});
