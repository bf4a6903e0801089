// End to end (issue 18): symbolic links planted in an archive (.blogvault/html, .blogvault/history, a
// post's history folder, the journal, assets/) pointing outside it. A run writes nothing through them:
// the folder they point at stays empty, and what cannot be written is reported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { readArchive, requireBuild, runCli, tempOut, type CliResult } from './archive-harness.js';
import { indexPage, postPage, sendHtml } from './faults-harness.js';

let server: TestServer;
/** Bumped between runs: every post changes, so the second run writes history and snapshots. */
let edition = 1;
const dirs: string[] = [];
const SLUGS = ['alpha', 'beta', 'gamma'];
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

before(async () => {
  requireBuild();
  server = await startStaticServer(tmpdir(), (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return sendHtml(res, indexPage('Links', SLUGS.map((s) => ({ href: `/posts/${s}/`, title: `Post ${s}`, date: '2024-03-01' }))));
    const slug = /^\/posts\/(\w+)\/$/.exec(path)?.[1];
    if (slug) return sendHtml(res, postPage(`Post ${slug}`, '2024-03-01', `<p>Edition ${edition} of ${slug}.</p><p><img src="/img/${slug}-${edition}.png" alt="pic"></p>`));
    if (path.startsWith('/img/')) {
      // Distinct bytes per URL, so each edition stores new files.
      const body = Buffer.concat([PNG, Buffer.from(path)]);
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length }).end(body);
      return true;
    }
    return sendHtml(res, '<!doctype html><title>Not found</title>', 404);
  });
});

after(async () => {
  await server?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const show = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

async function scratch(): Promise<{ out: string; outside: string }> {
  const out = await tempOut();
  const outside = await mkdtemp(join(tmpdir(), 'bv-outside-'));
  dirs.push(out, outside);
  return { out, outside };
}

/** Every file under `dir`, recursively (links not followed). */
async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isDirectory()) found.push(join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name));
  }
  return found;
}

async function twoRuns(plant: (out: string, outside: string) => Promise<void>): Promise<{ second: CliResult; out: string; outside: string }> {
  const { out, outside } = await scratch();
  edition = 1;
  const first = await runCli(['archive', `${server.url}/`, '--out', out, '--keep-html', '--history']);
  assert.equal(first.code, 0, show(first));
  await plant(out, outside);
  edition = 2;
  const second = await runCli(['archive', `${server.url}/`, '--out', out, '--keep-html', '--history']);
  return { second, out, outside };
}

test('.blogvault/html and .blogvault/history linked outside: nothing is written there', async () => {
  const { second, out, outside } = await twoRuns(async (o, away) => {
    for (const dir of ['html', 'history']) {
      await rm(join(o, '.blogvault', dir), { recursive: true, force: true });
      await mkdir(join(away, dir));
      await symlink(join(away, dir), join(o, '.blogvault', dir));
    }
  });
  assert.deepEqual(await filesUnder(outside), [], `files written outside the archive\n${show(second)}`);
  assert.equal(second.code, 1, show(second));
  for (const slug of SLUGS) assert.match(second.stdout, new RegExp(`failed: .*/posts/${slug}/: refusing to write outside the archive`), show(second));
  // The posts of the first run are still there, unchanged.
  const posts = await readArchive(out);
  assert.equal(posts.length, 3);
  for (const post of posts) assert.match(post.body, /Edition 1 of/);
});

test('a post\'s own history folder linked outside: nothing is written there', async () => {
  const { second, out, outside } = await twoRuns(async (o, away) => {
    await mkdir(join(o, '.blogvault', 'history'), { recursive: true });
    await symlink(away, join(o, '.blogvault', 'history', 'beta'));
  });
  assert.deepEqual(await filesUnder(outside), [], `files written outside the archive\n${show(second)}`);
  assert.equal(second.code, 1, show(second));
  assert.match(second.stdout, /failed: .*\/posts\/beta\/: refusing to write outside the archive/, show(second));
  // The other posts were updated, their earlier versions kept inside the archive.
  const posts = await readArchive(out);
  assert.match(posts.find((p) => p.file === 'alpha.md')!.body, /Edition 2 of alpha/);
  assert.equal((await readdir(join(out, '.blogvault', 'history', 'alpha'))).length, 1);
});

test('the journal linked to a file outside: it is not appended to', async () => {
  const { out, outside } = await scratch();
  const victim = join(outside, 'victim.txt');
  await writeFile(victim, 'precious\n');
  await mkdir(join(out, '.blogvault'), { recursive: true });
  await symlink(victim, join(out, '.blogvault', 'journal.jsonl'));
  const result = await runCli(['archive', `${server.url}/`, '--out', out]);
  assert.equal(await readFile(victim, 'utf8'), 'precious\n', show(result));
  assert.doesNotMatch(result.stderr, /^\s+at /m, show(result));
});

test('assets/ linked outside: the run refuses before writing anything', async () => {
  const { out, outside } = await scratch();
  await symlink(outside, join(out, 'assets'));
  // --force: a folder holding only a link is not an archive; past that check, the link is refused.
  const result = await runCli(['archive', `${server.url}/`, '--out', out, '--force']);
  assert.equal(result.code, 2, show(result));
  assert.match(result.stderr, /refusing to write outside the archive .*: assets/, show(result));
  assert.deepEqual(await filesUnder(outside), []);
  assert.equal(existsSync(join(out, 'alpha.md')), false);
});
