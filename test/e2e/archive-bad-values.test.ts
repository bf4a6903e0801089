// End to end (issue 18): values that used to be taken silently or to crash. Bad option values and an
// empty --out are refused with one line and exit 2, before anything is written; a manifest holding
// `null` is reported as such; a disk that fills up mid-run (a small tmpfs in a private mount namespace)
// ends the run with one line naming the file and exit 3, and the next run loses nothing archived.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { BIN, readArchive, requireBuild, runCli, tempOut, type CliResult } from './archive-harness.js';
import { indexPage, postPage, sendHtml } from './faults-harness.js';

const POSTS = 12;
let server: TestServer;
const dirs: string[] = [];

before(async () => {
  requireBuild();
  server = await startStaticServer(tmpdir(), (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const items = Array.from({ length: POSTS }, (_, i) => ({ href: `/posts/p${i}/`, title: `Post ${i}`, date: '2024-02-02' }));
    if (path === '/') return sendHtml(res, indexPage('Values', items));
    const n = /^\/posts\/p(\d+)\/$/.exec(path)?.[1];
    // About 24 KB of Markdown each: a 160 KB disk holds a few of them.
    if (n !== undefined) return sendHtml(res, postPage(`Post ${n}`, '2024-02-02', Array.from({ length: 60 }, (_, k) => `<p>Paragraph ${k} of post ${n}: ${'lorem ipsum dolor sit amet '.repeat(14)}</p>`).join('')));
    return sendHtml(res, '<!doctype html><title>Not found</title>', 404);
  });
});

after(async () => {
  await server?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const show = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

async function scratch(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The CLI run in `cwd`, so that an archive written "here" would show. */
function runIn(cwd: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: '1', BLOGVAULT_DEBUG: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function assertOneLine(r: CliResult, pattern: RegExp): void {
  const lines = r.stderr.split('\n').filter((l) => l.trim());
  assert.equal(lines.length, 1, `expected one line on stderr\n${show(r)}`);
  assert.match(lines[0]!, pattern, show(r));
  assert.doesNotMatch(`${r.stdout}${r.stderr}`, /^\s+at |Cannot read properties/m, show(r));
}

describe('bad values', { concurrency: true }, () => {
  const cases: [string, string[], RegExp][] = [
    ['an empty --out', ['--out', ''], /^blogvault: --out must name a folder/],
    ['an --exclude regex that does not compile', ['--out', 'a', '--exclude', '/[/'], /^blogvault: --exclude \/\[\/: not a valid regular expression/],
    ['a negative --retries', ['--out', 'a', '--retries', '-1'], /^blogvault: --retries -1: must be at least 0 and at most 10$/],
    ['a --concurrency of 1e9', ['--out', 'a', '--concurrency', '1e9'], /^blogvault: --concurrency 1e9: must be at least 1 and at most 64$/],
    ['a fractional --concurrency', ['--out', 'a', '--concurrency', '2.5'], /^blogvault: --concurrency 2\.5: must be a whole number$/],
    ['a --timeout too long for a timer', ['--out', 'a', '--timeout', '1e9'], /^blogvault: --timeout 1e9: must be above 0 and at most 3600$/],
    ['a --max-bytes that is not a number', ['--out', 'a', '--max-bytes', 'lots'], /^blogvault: --max-bytes lots: not a number \(a size such as 20M, 512k or 1048576\)$/],
  ];
  for (const [name, args, message] of cases) {
    test(`${name} is refused with one line and exit 2, nothing written`, async () => {
      const cwd = await scratch('bv-cwd-');
      const r = await runIn(cwd, ['archive', `${server.url}/`, ...args]);
      assert.equal(r.code, 2, show(r));
      assertOneLine(r, message);
      assert.deepEqual(await readdir(cwd), [], 'files were written');
    });
  }

  test('a manifest holding null is named in one line, not "Cannot read properties of null"', async () => {
    const out = await tempOut();
    dirs.push(out);
    await mkdir(join(out, '.blogvault'));
    await writeFile(join(out, '.blogvault', 'manifest.json'), 'null\n');
    const r = await runCli(['archive', `${server.url}/`, '--out', out]);
    assert.equal(r.code, 2, show(r));
    assertOneLine(r, /manifest\.json: not a blogvault manifest \(expected a JSON object\)$/);
  });

  test('a journal line holding null is skipped', async () => {
    const out = await tempOut();
    dirs.push(out);
    await mkdir(join(out, '.blogvault'));
    await writeFile(join(out, '.blogvault', 'journal.jsonl'), 'null\n');
    const r = await runCli(['archive', `${server.url}/`, '--out', out]);
    assert.equal(r.code, 0, show(r));
    assert.equal((await readArchive(out)).length, POSTS);
  });
});

/** `unshare` can give this process a private mount namespace where it may mount a tmpfs. */
function canMountTmpfs(): boolean {
  const probe = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$0"', tmpdir()], { encoding: 'utf8' });
  return probe.status === 0;
}

test('a disk that fills up mid-run: one line naming the file, exit 3, and the next run loses nothing', async (t) => {
  if (!canMountTmpfs()) {
    t.skip('no user namespaces here to mount a small tmpfs in');
    return;
  }
  const mountPoint = await scratch('bv-full-');
  const copy = await scratch('bv-full-copy-');
  // The archive lives on a 160 KB tmpfs; what the run left there is copied out before the namespace ends.
  const script = 'mount -t tmpfs -o size=160k tmpfs "$1" || exit 99; node "$2" archive "$3" --out "$1/archive" --concurrency 2; code=$?; cp -a "$1/archive/." "$4/"; exit $code';
  // Asynchronously: the blog is served by this very process.
  const r = await new Promise<CliResult>((resolve) => {
    execFile('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', script, 'sh', mountPoint, BIN, `${server.url}/`, copy], { timeout: 60_000, env: { ...process.env, NO_COLOR: '1', BLOGVAULT_DEBUG: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
  assert.equal(r.code, 3, show(r));
  const lines = r.stderr.split('\n').filter((l) => l.trim() && !/^\[\d+\/\d+\]/.test(l));
  assert.equal(lines.length, 1, show(r));
  assert.match(lines[0]!, new RegExp(`^blogvault: ${mountPoint}/archive/\\S+: cannot write \\(no space left on device, ENOSPC\\); what was archived before is kept`), show(r));
  assert.doesNotMatch(r.stderr, /^\s+at /m, show(r));

  // What the full disk kept: every post file there is whole.
  const kept = await readArchive(copy);
  assert.ok(kept.length >= 1 && kept.length < POSTS, `${kept.length} posts fitted on the small disk\n${show(r)}`);
  for (const post of kept) assert.match(post.body, /Paragraph 59 of post \d+/, `${post.file} is torn`);

  // With room again, the next run archives the rest; the posts kept count as archived, byte for byte.
  const again = await runCli(['archive', `${server.url}/`, '--out', copy, '--json']);
  assert.equal(again.code, 0, show(again));
  const report = JSON.parse(again.stdout) as { new: string[]; unchanged: string[] };
  assert.equal(report.unchanged.length, kept.length, show(again));
  assert.equal(report.new.length, POSTS - kept.length, show(again));
  const all = await readArchive(copy);
  assert.equal(all.length, POSTS);
  for (const post of kept) assert.equal(all.find((p) => p.file === post.file)?.raw, post.raw, `${post.file} changed`);
  assert.ok(JSON.parse(await readFile(join(copy, '.blogvault', 'manifest.json'), 'utf8')).posts);
});
