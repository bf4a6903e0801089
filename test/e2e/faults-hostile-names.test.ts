// End to end (issue 5): a blog whose post URLs and titles would make dangerous file names — traversal
// (`..%2F`, `..%5C`, `%2e%2e%2f`), an absolute path, Windows device names, names over 255 bytes, NUL and
// control characters, bidi overrides, characters Windows forbids, hidden and trailing-dot names. Nothing
// may be written outside --out (the whole parent temp folder is scanned), and every name is safe.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { readArchive, requireBuild, runCli, walk, type ArchivedPost, type CliResult } from './archive-harness.js';
import { indexPage, parseReport, postPage, readManifest, sendHtml, type JsonReport } from './faults-harness.js';

const token = randomBytes(6).toString('hex');
const ABSOLUTE = `/tmp/bv-hostile-abs-${token}`;

/** Path segment as it appears in the link (already percent-encoded where needed) and the title shown. */
const HOSTILE: { segment: string; title: string }[] = [
  { segment: '..%2F..%2Fetc%2Fpasswd', title: '../../etc/passwd' },
  { segment: '..%5C..%5C..%5Cwindows%5Cwin.ini', title: '..\\..\\..\\windows\\win.ini' },
  { segment: '%2e%2e%2f%2e%2e%2fdotdot', title: '%2e%2e%2f traversal' },
  { segment: encodeURIComponent(ABSOLUTE), title: ABSOLUTE },
  { segment: 'CON', title: 'CON' },
  { segment: 'aux.txt', title: 'AUX' },
  { segment: 'lpt1', title: 'lpt1' },
  { segment: 'x'.repeat(300), title: `${'long title '.repeat(30)}end` },
  { segment: encodeURIComponent('長'.repeat(100)), title: '長'.repeat(100) },
  { segment: '%00nul%01ctrl%1Besc%7Fdel', title: 'control \u0001\u0007\u001b characters' },
  { segment: '%E2%80%AEgpj.exe', title: 'bidi \u202egpj.exe' },
  { segment: 'a%3Ab%2Ac%3Fd%7Ce%22f%3Cg%3Eh', title: 'a:b*c?d|e"f<g>h' },
  { segment: '.hidden', title: '.hidden' },
  { segment: 'trailing.%20.', title: 'trailing dot. ' },
];
const DATE = (i: number) => `2021-05-${String(28 - i).padStart(2, '0')}`;

let server: TestServer;
let parent: string;
let out: string;
let result: CliResult;
let report: JsonReport;
let archived: ArchivedPost[];

before(async () => {
  requireBuild();
  const items = HOSTILE.map((h, i) => ({ href: `/posts/${h.segment}/`, title: h.title, date: DATE(i) }));
  server = await startStaticServer(tmpdir(), (req, res) => {
    const raw = req.url ?? '/';
    if (raw === '/') return sendHtml(res, indexPage('Hostile names', items));
    const i = items.findIndex((it) => it.href === raw || new URL(it.href, 'http://x').pathname === raw);
    if (i >= 0) return sendHtml(res, postPage(HOSTILE[i].title, DATE(i), `<p>Body of hostile post number ${i}.</p>`));
    return sendHtml(res, '<!doctype html><title>Not found</title>', 404);
  });
  // The archive sits deep in a private folder: a traversal that escaped it would still land in `parent`.
  parent = await mkdtemp(join(tmpdir(), 'bv-hostile-'));
  out = join(parent, 'a', 'b', 'c', 'archive');
  await mkdir(out, { recursive: true });
  result = await runCli(['archive', `${server.url}/`, '--out', out, '--json']);
  report = parseReport(result.stdout);
  archived = await readArchive(out);
});

after(async () => {
  await server?.close();
  if (parent) await rm(parent, { recursive: true, force: true });
  await rm(ABSOLUTE, { recursive: true, force: true });
  await rm(`${ABSOLUTE}.md`, { force: true });
});

const shown = () => `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;

test('hostile names: every post is archived', () => {
  assert.equal(result.code, 0, shown());
  assert.equal(report.postsFound, HOSTILE.length, shown());
  assert.equal(report.new.length, HOSTILE.length, shown());
  assert.equal(archived.length, HOSTILE.length);
});

test('hostile names: nothing is written outside --out', async () => {
  const outside = (await walk(parent)).filter((f) => !f.startsWith(out + sep));
  assert.deepEqual(outside, []);
  // Folders created outside --out count too (the a/b/c chain is ours).
  const dirs: string[] = [];
  const scan = async (dir: string) => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const full = join(dir, e.name);
      if (full === out) continue;
      dirs.push(relative(parent, full));
      await scan(full);
    }
  };
  await scan(parent);
  assert.deepEqual(dirs.sort(), ['a', join('a', 'b'), join('a', 'b', 'c')]);
  assert.ok(!existsSync(ABSOLUTE) && !existsSync(`${ABSOLUTE}.md`), `${ABSOLUTE} was written`);
});

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

test('hostile names: every file name is safe on Linux, macOS and Windows', async () => {
  for (const full of await walk(out)) {
    const rel = relative(out, full).split(sep);
    if (rel[0] === '.blogvault') continue;
    for (const name of rel) {
      const where = `${rel.join('/')} (${JSON.stringify(name)})`;
      assert.ok(Buffer.byteLength(name) <= 255, `${where}: ${Buffer.byteLength(name)} bytes`);
      assert.doesNotMatch(name, /[\u0000-\u001f\u007f<>:"\\|?*]/, `${where}: forbidden character`);
      assert.doesNotMatch(name, /[\u202a-\u202e\u2066-\u2069]/, `${where}: bidi control`);
      assert.ok(!name.startsWith('.'), `${where}: hidden file`);
      assert.doesNotMatch(name, /[. ]$/, `${where}: trailing dot or space`);
      assert.doesNotMatch(name.split('.')[0], WINDOWS_RESERVED, `${where}: Windows device name`);
    }
  }
  const files = archived.map((p) => p.file);
  assert.equal(new Set(files.map((f) => f.toLowerCase())).size, files.length, `file names clash: ${files.join(', ')}`);
});

test('hostile names: the manifest only names files inside the archive', async () => {
  for (const e of await readManifest(out)) {
    assert.ok(e.file, `${e.url}: no file`);
    assert.ok(!e.file.startsWith('/') && !e.file.split('/').includes('..') && !e.file.includes('\\'), `${e.url}: file ${e.file}`);
    assert.ok(existsSync(join(out, e.file)), `${e.url}: ${e.file} does not exist`);
  }
});

test('hostile names: front matter keeps each source URL and the readable part of each title', () => {
  for (const [i, h] of HOSTILE.entries()) {
    const url = new URL(`/posts/${h.segment}/`, server.url).href;
    const post = archived.find((p) => p.fm.url === url);
    assert.ok(post, `no post has url ${url}; urls: ${archived.map((p) => p.fm.url).join(' ')}`);
    const visible = h.title.replace(/[\u0000-\u001f\u007f\u202a-\u202e]/g, '').replace(/\s+/g, ' ').trim();
    const title = String(post.fm.title).replace(/[\u0000-\u001f\u007f\u202a-\u202e]/g, '').replace(/\s+/g, ' ').trim();
    assert.equal(title, visible, `${url}: title`);
    assert.ok(post.body.includes(`hostile post number ${i}`), `${url}: body\n${post.body}`);
  }
});
