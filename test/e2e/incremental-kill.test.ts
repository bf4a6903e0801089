// Issue 4: a run killed with SIGKILL at any point leaves an archive the next run completes, and the
// result is byte-for-byte the archive an uninterrupted run makes: no torn or temporary files, no post
// twice, and the resumed run does not fetch again the posts the killed run had archived.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readArchive, requireBuild, runCli, tempOut, type ServedFixture } from './archive-harness.js';
import {
  JEKYLL_POSTS,
  STATIC,
  archiveFiles,
  describeRequests,
  diffFiles,
  output,
  postFileCount,
  postRequests,
  serveJekyll,
  spawnCli,
  tempFiles,
  waitFor,
  type FileState,
} from './incremental-harness.js';

/** Every post page is answered this much later, so that the tests can kill a run between two posts. */
const POST_DELAY_MS = 120;

let served: ServedFixture;
let reference: Map<string, FileState>;
let referenceOut: string;
const outs: string[] = [];

before(async () => {
  requireBuild();
  served = await serveJekyll();
  served.server.setHandler(async (req) => {
    if (/^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(new URL(req.url ?? '/', 'http://x').pathname)) await new Promise((r) => setTimeout(r, POST_DELAY_MS));
    return false;
  });
  referenceOut = await tempOut();
  const r = await runCli(['archive', `${served.url}/`, '--out', referenceOut, ...STATIC]);
  assert.equal(r.code, 0, output(r));
  reference = await archiveFiles(referenceOut);
  assert.equal([...reference.keys()].filter((f) => f.endsWith('.md')).length, JEKYLL_POSTS);
});

after(async () => {
  await served?.close();
  for (const dir of [referenceOut, ...outs]) if (dir) await rm(dir, { recursive: true, force: true });
});

interface Killed {
  out: string;
  /** Post files on disk right after the kill, by name. */
  atKill: Map<string, FileState>;
  /** Source URLs of those posts (their front matter). */
  archivedUrls: string[];
}

/** Starts a run into `out` and SIGKILLs it as soon as `ready()` holds. */
async function runAndKill(out: string, ready: () => Promise<boolean>, what: string, extra: string[] = []): Promise<Killed> {
  const run = spawnCli(['archive', `${served.url}/`, '--out', out, ...STATIC, ...extra]);
  await waitFor(async () => (await ready()) || run.child.exitCode !== null, what);
  run.child.kill('SIGKILL');
  const result = await run.done;
  assert.equal(result.code, -1, `the run ended before it could be killed (${what}):\n${output(result)}`);
  const atKill = new Map([...(await archiveFiles(out))].filter(([f]) => f.endsWith('.md')));
  const archivedUrls = (await readArchive(out)).map((p) => p.fm.url as string);
  return { out, atKill, archivedUrls };
}

/** Runs to completion into a killed archive and checks it against the uninterrupted run's. */
async function resumeAndCompare(killed: Killed, extra: string[] = []): Promise<void> {
  // A killed run's files are complete: each one present already has its final bytes.
  for (const [file, state] of killed.atKill) {
    assert.ok(reference.get(file)?.bytes.equals(state.bytes), `${file} left by the killed run differs from the uninterrupted run's`);
  }
  const logStart = served.server.log.length;
  const r = await runCli(['archive', `${served.url}/`, '--out', killed.out, ...STATIC, ...extra]);
  assert.equal(r.code, 0, output(r));
  const resumed = await archiveFiles(killed.out);
  assert.deepEqual(diffFiles(reference, resumed), { added: [], removed: [], changed: [] }, 'resumed archive differs from an uninterrupted one');
  assert.deepEqual(await tempFiles(killed.out), []);
  assert.ok(!existsSync(join(killed.out, '.blogvault', 'lock')), 'lock left behind');
  const urls = (await readArchive(killed.out)).map((p) => p.fm.url as string);
  assert.equal(new Set(urls).size, JEKYLL_POSTS, `duplicate posts: ${urls.join(', ')}`);

  const refetched = postRequests(served.server.log, logStart).filter((e) => killed.archivedUrls.includes(`${served.url}${e.path}`));
  assert.deepEqual(refetched.map((e) => e.path), [], `posts the killed run archived were fetched again:\n${describeRequests(refetched)}`);
  const manifest = JSON.parse(await readFile(join(killed.out, '.blogvault', 'manifest.json'), 'utf8')) as { posts: Record<string, { status: string }> };
  assert.deepEqual(
    Object.values(manifest.posts).filter((p) => p.status !== 'archived'),
    [],
    'every post is archived in the manifest after the resumed run',
  );
  assert.equal(Object.keys(manifest.posts).length, JEKYLL_POSTS);
}

for (const after of [1, 5, 10]) {
  test(`SIGKILL after ${after} post file(s), then a full run: identical to an uninterrupted archive`, async () => {
    const out = await tempOut();
    outs.push(out);
    const killed = await runAndKill(out, async () => (await postFileCount(out)) >= after, `${after} post files`);
    assert.ok(killed.atKill.size >= after && killed.atKill.size < JEKYLL_POSTS, `killed with ${killed.atKill.size} post files`);
    await resumeAndCompare(killed);
  });
}

test('SIGKILL before any post is written (index just read), then a full run: identical archive', async () => {
  const out = await tempOut();
  outs.push(out);
  const logStart = served.server.log.length;
  const killed = await runAndKill(out, async () => served.server.log.slice(logStart).some((e) => e.path === '/page2/'), 'the second index page request');
  await resumeAndCompare(killed);
});

test('SIGKILL twice in a row (after 3, then after 9 post files), then a full run: identical archive', async () => {
  const out = await tempOut();
  outs.push(out);
  await runAndKill(out, async () => (await postFileCount(out)) >= 3, '3 post files');
  const second = await runAndKill(out, async () => (await postFileCount(out)) >= 9, '9 post files');
  await resumeAndCompare(second);
});

test('SIGKILL with --keep-html after 6 post files, then a full run: identical archive, one snapshot per post, rebuild agrees', async () => {
  const out = await tempOut();
  outs.push(out);
  const killed = await runAndKill(out, async () => (await postFileCount(out)) >= 6, '6 post files', ['--keep-html']);
  await resumeAndCompare(killed, ['--keep-html']);
  const snapshots = (await readdir(join(out, '.blogvault', 'html'))).filter((n) => !n.startsWith('.'));
  assert.equal(snapshots.length, JEKYLL_POSTS, snapshots.join(', '));
  const rebuilt = await runCli(['rebuild', out]);
  assert.equal(rebuilt.code, 0, output(rebuilt));
  assert.match(rebuilt.stdout, new RegExp(`Rebuilt ${JEKYLL_POSTS} posts \\(0 changed\\)`), output(rebuilt));
  assert.deepEqual(diffFiles(reference, await archiveFiles(out)), { added: [], removed: [], changed: [] });
});

test('killed between journaling a post and renaming its file into place: the post is fetched again, nothing is lost', async () => {
  const out = await tempOut();
  outs.push(out);
  const r = await runCli(['archive', `${served.url}/`, '--out', out, ...STATIC]);
  assert.equal(r.code, 0, output(r));
  const manifest = JSON.parse(await readFile(join(out, '.blogvault', 'manifest.json'), 'utf8')) as { posts: Record<string, Record<string, unknown>> };
  const [changedKey, changed] = Object.entries(manifest.posts).find(([, p]) => p.file === 'rust-vs-go.md')!;
  const [newKey, fresh] = Object.entries(manifest.posts).find(([, p]) => p.file === 'shell-tricks.md')!;
  // What the journal holds when a run dies after the record and before the rename: the new hash for a
  // changed post whose old file is still there, and a new post whose file never arrived.
  const lines = [
    { key: changedKey, entry: { ...changed, hash: 'f'.repeat(64), etag: '"next"' } },
    { key: newKey, entry: { ...fresh, hash: 'e'.repeat(64), etag: '"next"' } },
  ];
  await writeFile(join(out, '.blogvault', 'journal.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await rm(join(out, 'shell-tricks.md'));
  const logStart = served.server.log.length;
  const resumed = await runCli(['archive', `${served.url}/`, '--out', out, ...STATIC]);
  assert.equal(resumed.code, 0, output(resumed));
  const fetched = postRequests(served.server.log, logStart).filter((e) => e.status === 200).map((e) => e.path).sort();
  assert.deepEqual(fetched, ['/2015/08/09/shell-tricks/', '/2015/08/15/rust-vs-go/'], 'both posts must be fetched again, unconditionally');
  assert.deepEqual(diffFiles(reference, await archiveFiles(out)), { added: [], removed: [], changed: [] });
  const after = JSON.parse(await readFile(join(out, '.blogvault', 'manifest.json'), 'utf8')) as { posts: Record<string, Record<string, unknown>> };
  assert.equal(after.posts[changedKey]!.hash, changed.hash);
  assert.equal(after.posts[newKey]!.hash, fresh.hash);
});
