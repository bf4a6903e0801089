// End to end (issue 5): a blog in legacy charsets (fixtures/encodings-blog, written by its make.mjs with
// iconv-lite): GBK, Big5, Shift_JIS, EUC-KR and Windows-1252, declared in the HTTP header, in <meta
// charset>, only in <meta http-equiv>, by a BOM, or mis-declared in one place. The archive must be
// UTF-8 with the right titles and bodies: no replacement characters, no mojibake.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { ROOT, readArchive, requireBuild, runCli, tempOut, unescaped, walk, type ArchivedPost, type CliResult } from './archive-harness.js';

const FIXTURE = join(ROOT, 'fixtures', 'encodings-blog');

interface ExpectedPost {
  path: string;
  title: string;
  date: string;
  body: string;
  how: string;
}

let server: TestServer;
let out: string;
let result: CliResult;
let posts: ExpectedPost[];
let archived: ArchivedPost[];

before(async () => {
  requireBuild();
  posts = (JSON.parse(await readFile(join(FIXTURE, 'expected.json'), 'utf8')) as { posts: ExpectedPost[] }).posts;
  const headers = JSON.parse(await readFile(join(FIXTURE, 'headers.json'), 'utf8')) as Record<string, string>;
  // The pages go out byte for byte, with the Content-Type each case needs (the static server would say UTF-8).
  server = await startStaticServer(join(FIXTURE, 'site'), async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const type = headers[path];
    if (!type) return false;
    const body = await readFile(join(FIXTURE, 'site', path, 'index.html'));
    res.writeHead(200, { 'content-type': type, 'content-length': body.length }).end(body);
    return true;
  });
  out = await tempOut();
  result = await runCli(['archive', `${server.url}/`, '--out', out]);
  archived = await readArchive(out);
});

after(async () => {
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

test('encodings: the run succeeds and archives every post', () => {
  assert.equal(result.code, 0, `exit ${result.code}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`);
  const paths = archived.map((p) => new URL(p.fm.url as string).pathname).sort();
  assert.deepEqual(paths, posts.map((p) => p.path).sort());
});

test('encodings: every archive file is valid UTF-8 without replacement characters or mojibake', async () => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  for (const file of await walk(out)) {
    if (!file.endsWith('.md') && !file.endsWith('.json')) continue;
    const text = strict.decode(await readFile(file));
    assert.ok(!text.includes('\uFFFD'), `${file} holds U+FFFD`);
    // UTF-8 read as Latin-1 (Ã©, â€™), or legacy bytes read as Latin-1 (runs of accented capitals and C1 controls).
    assert.doesNotMatch(text, /Ã[\u0080-\u00bf]|â€|Â[\u00a0-\u00bf]|[\u0080-\u009f]/, `${file} looks like mojibake`);
  }
});

for (const exp of (JSON.parse(await readFile(join(FIXTURE, 'expected.json'), 'utf8')) as { posts: ExpectedPost[] }).posts) {
  test(`encodings: ${exp.how}`, () => {
    const post = archived.find((p) => new URL(p.fm.url as string).pathname === exp.path);
    assert.ok(post, `${exp.path} was not archived`);
    assert.equal(post.fm.title, exp.title, `${exp.path}: title`);
    assert.ok(unescaped(post.body).includes(exp.body), `${exp.path}: body lacks ${JSON.stringify(exp.body)}\n--- body ---\n${post.body}`);
    assert.equal(String(post.fm.date).slice(0, 10), exp.date, `${exp.path}: date`);
  });
}
