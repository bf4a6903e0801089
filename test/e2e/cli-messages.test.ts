// Issue 20, messages: every bad command line, option value, profile, report path or folder gets one
// line naming what is wrong, and the documented exit code; nothing is fetched or left on disk before
// the input is known to be usable.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { BIN, ROOT, requireBuild, type CliResult } from './archive-harness.js';
import { indexPage, postPage, sendHtml } from './faults-harness.js';

let server: TestServer;
let url: string;
let requests = 0;
const dirs: string[] = [];

before(async () => {
  requireBuild();
  server = await startStaticServer(tmpdir(), (req, res) => {
    requests++;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/') return sendHtml(res, indexPage('Messages', [1, 2, 3].map((i) => ({ href: `/posts/p${i}/`, title: `Post ${i}`, date: '2024-03-0' + i }))));
    const n = /^\/posts\/p(\d)\/$/.exec(path)?.[1];
    if (n) return sendHtml(res, postPage(`Post ${n}`, `2024-03-0${n}`, `<p>Body of post ${n}, long enough to be an article. ${'Words and more words. '.repeat(20)}</p>`));
    return sendHtml(res, '<!doctype html><title>Not found</title>', 404);
  });
  url = `${server.url}/`;
});

after(async () => {
  await server?.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function scratch(prefix = 'bv-msg-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The CLI run in `cwd`, so that anything written "here" would show. */
function runIn(cwd: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 60_000, env: { ...process.env, NO_COLOR: '1', BLOGVAULT_DEBUG: '' } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

const show = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;

function assertOneLine(r: CliResult, pattern: RegExp): void {
  const lines = r.stderr.split('\n').filter((l) => l.trim());
  assert.equal(lines.length, 1, `expected one line on stderr\n${show(r)}`);
  assert.match(lines[0]!, pattern, show(r));
  assert.doesNotMatch(lines[0]!, /\(see [^)]*\).*\(see /, 'the pointer to --help is given once');
}

describe('one line and exit 2, nothing fetched or written', { concurrency: true }, () => {
  const cases: [string, () => string[], RegExp][] = [
    ['no command', () => [], /^blogvault: name a command: archive, update, inspect, .* \(see blogvault --help\)$/],
    ['archive without its URL', () => ['archive'], /^blogvault: archive: missing <url> \(usage: blogvault archive <url>\)$/],
    ['inspect without its URL', () => ['inspect'], /^blogvault: inspect: missing <url> /],
    ['an unknown option', () => ['archive', url, '--bogus-flag'], /^blogvault: archive: unknown option --bogus-flag \(see blogvault archive --help\)$/],
    ['a value not among the choices', () => ['archive', url, '--render', 'sometimes'], /^blogvault: --render sometimes: must be one of never, auto, always$/],
    ['a number that is not one', () => ['archive', url, '--concurrency', 'abc'], /^blogvault: --concurrency abc: not a number$/],
    ['an option without its value', () => ['archive', url, '--concurrency'], /^blogvault: --concurrency needs a value/],
    ['a size with an unknown unit', () => ['archive', url, '--max-bytes', '20X'], /^blogvault: --max-bytes 20X: not a number \(a size such as 20M/],
    ['a host and port without a scheme', () => ['inspect', 'localhost:47001/'], /^blogvault: localhost:47001\/: not a URL \(it has no http:\/\/ or https:\/\/\); did you mean http:\/\/localhost:47001\/\?$/],
    ['a host without a scheme', () => ['archive', 'blog.example.com'], /did you mean https:\/\/blog\.example\.com\?$/],
    ['a mistyped command', () => ['arhive', url], /^blogvault: unknown command arhive: did you mean archive\? \(see blogvault --help\)$/],
    ['an unknown command', () => ['frobnicate'], /^blogvault: unknown command frobnicate: the commands are archive, update, /],
    ['a missing profile', () => ['archive', url, '--profile', 'nope.yml'], /^blogvault: --profile .*nope\.yml: cannot read it \(no such file or folder \(ENOENT\)\)$/],
    ['an invalid --content selector', () => ['archive', url, '--content', '###'], /^blogvault: --content "###": not a usable CSS selector \(Expected name, found ###\)$/],
    ['an invalid --post-link selector', () => ['archive', url, '--post-link', 'a[href'], /^blogvault: --post-link "a\[href": not a usable CSS selector \(/],
    ['an invalid --title selector', () => ['inspect', url, '--title', ':nope'], /^blogvault: --title ":nope": not a usable CSS selector \(Unknown pseudo-class :nope\)$/],
    ['a report in a missing folder', () => ['archive', url, '--out', 'a', '--report', '/nonexistent-bv/r.json'], /^blogvault: --report \/nonexistent-bv\/r\.json: cannot write it \(no folder \/nonexistent-bv\)$/],
    ['update of a missing folder', () => ['update', 'nope'], /^blogvault: nope: no such folder$/],
    ['rebuild of a missing folder', () => ['rebuild', 'nope'], /^blogvault: nope: no such folder$/],
    ['rebuild of a folder that is not an archive', () => ['rebuild', '.'], /^blogvault: \.: not a blogvault archive \(no \.blogvault\/manifest\.json\)$/],
    ['export of a missing folder', () => ['export', 'nope', '--to', 'hugo', '--out', 'site'], /^blogvault: nope: no such folder$/],
    ['export without --to and --out', () => ['export', '.'], /^blogvault: export: --to and --out are required \(see blogvault export --help\)$/],
  ];
  for (const [name, args, message] of cases) {
    test(name, async () => {
      const cwd = await scratch();
      const before = requests;
      const r = await runIn(cwd, args());
      assert.equal(r.code, 2, show(r));
      assertOneLine(r, message);
      assert.deepEqual(await readdir(cwd), [], 'files were written');
      assert.equal(requests, before, 'the blog was asked before the input was checked');
    });
  }
});

test('a profile that is not valid YAML: its file, the problem and where, on one line', async () => {
  const cwd = await scratch();
  await writeFile(join(cwd, 'bad.yml'), 'content: [a\n  b: c\n');
  const r = await runIn(cwd, ['archive', url, '--profile', 'bad.yml']);
  assert.equal(r.code, 2, show(r));
  assertOneLine(r, /^blogvault: --profile .*bad\.yml: not valid YAML \(.* at line \d+, column \d+\)$/);
});

test('the index unreachable: one line naming it once, exit 2, and no empty archive left behind', async () => {
  const cwd = await scratch();
  const r = await runIn(cwd, ['archive', 'http://127.0.0.1:1/', '--out', 'new-archive', '--retries', '0']);
  assert.equal(r.code, 2, show(r));
  assertOneLine(r, /^blogvault: cannot read the blog index http:\/\/127\.0\.0\.1:1\/: connection refused/);
  assert.equal(r.stderr.split('http://127.0.0.1:1/').length, 2, 'the URL is named once');
  assert.deepEqual(await readdir(cwd), []);
  // An empty folder given as --out stays empty.
  await mkdir(join(cwd, 'empty'));
  const again = await runIn(cwd, ['archive', 'http://127.0.0.1:1/', '--out', 'empty', '--retries', '0']);
  assert.equal(again.code, 2, show(again));
  assert.deepEqual(await readdir(join(cwd, 'empty')), []);
  const inspect = await runIn(cwd, ['inspect', 'http://127.0.0.1:1/', '--retries', '0']);
  assert.equal(inspect.code, 2, show(inspect));
  assert.equal(inspect.stderr.split('http://127.0.0.1:1/').length, 2, `inspect names the URL once: ${inspect.stderr}`);
});

test('an --out that cannot be made fails at once (not a ten-minute spin) with one line', async () => {
  const cwd = await scratch();
  const r = await runIn(cwd, ['archive', url, '--out', '/proc/blogvault-nope']);
  assert.equal(r.code, 2, show(r));
  assertOneLine(r, /^blogvault: \/proc\/blogvault-nope: cannot create the archive folder \(ENOENT\)$/);
});

test('a folder holding other files asks for --force; with it, the posts go beside them', async () => {
  const cwd = await scratch();
  await mkdir(join(cwd, 'notes'));
  await writeFile(join(cwd, 'notes', 'todo.txt'), 'mine\n');
  const refused = await runIn(cwd, ['archive', url, '--out', 'notes']);
  assert.equal(refused.code, 2, show(refused));
  assertOneLine(refused, /^blogvault: notes holds files \(todo\.txt\) and is not a blogvault archive: give a new or empty folder, or add --force/);
  assert.deepEqual(await readdir(join(cwd, 'notes')), ['todo.txt']);
  const forced = await runIn(cwd, ['archive', url, '--out', 'notes', '--force']);
  assert.equal(forced.code, 0, show(forced));
  assert.equal(await readFile(join(cwd, 'notes', 'todo.txt'), 'utf8'), 'mine\n');
  assert.ok(existsSync(join(cwd, 'notes', 'p1.md')));
  // An archive is recognised as one: no --force needed again.
  const again = await runIn(cwd, ['archive', url, '--out', 'notes']);
  assert.equal(again.code, 0, show(again));
});

test('export of a folder that is not an archive exits 2', async () => {
  const cwd = await scratch();
  await mkdir(join(cwd, 'stuff'));
  await writeFile(join(cwd, 'stuff', 'readme.md'), '# not a post\n');
  const r = await runIn(cwd, ['export', 'stuff', '--to', 'hugo', '--out', 'site']);
  assert.equal(r.code, 2, show(r));
  assertOneLine(r, /^blogvault: stuff: not a blogvault archive/);
  assert.ok(!existsSync(join(cwd, 'site')));
});

test('-V prints the version; sizes take a unit', async () => {
  const cwd = await scratch();
  const version = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const v = await runIn(cwd, ['-V']);
  assert.equal(v.code, 0, show(v));
  assert.equal(v.stdout.trim(), version);
  const r = await runIn(cwd, ['archive', url, '--out', 'a', '--max-bytes', '20M', '-q']);
  assert.equal(r.code, 0, show(r));
  const settings = JSON.parse(await readFile(join(cwd, 'a', '.blogvault', 'settings.json'), 'utf8')) as { maxBytes: number };
  assert.equal(settings.maxBytes, 20 * 1024 * 1024);
});
