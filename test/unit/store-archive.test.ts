import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { ArchiveStore, AssetTooLargeError, parsePostFile } from '../../src/store/archive-store.js';
import type { PostMeta } from '../../src/types.js';
import { tempDir as freshDir } from '../helpers/temp-dir.js';

const tempDir = () => freshDir('store');
const meta = (title: string, extra: Partial<PostMeta> = {}): PostMeta => ({ title, tags: [], categories: [], ...extra });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, relative, posix. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split(sep).join('/')],
  );
}

test('collisions get -2, -3 and keep their names across runs, whatever the order', async () => {
  const dir = tempDir();
  const a = 'https://b.example/2015/hello/';
  const b = 'https://b.example/2016/hello/';
  const c = 'https://b.example/2017/Hello';
  let store = await ArchiveStore.open(dir);
  assert.equal((await store.writePost({ url: a, meta: meta('A'), markdown: 'a' })).file, 'hello.md');
  assert.equal((await store.writePost({ url: b, meta: meta('B'), markdown: 'b' })).file, 'hello-2.md');
  // Case-insensitive file systems would merge Hello.md with hello.md.
  assert.equal((await store.writePost({ url: c, meta: meta('C'), markdown: 'c' })).file, 'Hello-3.md');
  await store.close();

  store = await ArchiveStore.open(dir);
  assert.equal(store.postPath(c), 'Hello-3.md');
  const results = [await store.writePost({ url: c, meta: meta('C'), markdown: 'c' }), await store.writePost({ url: b, meta: meta('B'), markdown: 'b' }), await store.writePost({ url: a, meta: meta('A'), markdown: 'a' })];
  assert.deepEqual(results.map((r) => [r.file, r.status]), [['Hello-3.md', 'unchanged'], ['hello-2.md', 'unchanged'], ['hello.md', 'unchanged']]);
  await store.close();
  assert.equal(parsePostFile(readFileSync(join(dir, 'hello.md'), 'utf8')).url, a);
  assert.equal(parsePostFile(readFileSync(join(dir, 'hello-2.md'), 'utf8')).url, b);
});

test('a file the archive does not own is never overwritten', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'readme.md'), 'mine');
  const store = await ArchiveStore.open(dir);
  const result = await store.writePost({ url: 'https://b.example/readme', meta: meta('R'), markdown: 'x' });
  await store.close();
  assert.equal(result.file, 'readme-2.md');
  assert.equal(readFileSync(join(dir, 'readme.md'), 'utf8'), 'mine');
});

test('a symlink in the archive is neither adopted nor followed', async () => {
  const parent = tempDir();
  const dir = join(parent, 'out');
  const { mkdirSync, symlinkSync } = await import('node:fs');
  mkdirSync(dir);
  const outside = join(parent, 'outside.md');
  const { renderPostFile } = await import('../../src/store/front-matter.js');
  writeFileSync(outside, renderPostFile(meta('Outside'), 'https://b.example/victim/', 'secret'));
  symlinkSync(outside, join(dir, 'victim.md'));
  symlinkSync(join(parent, 'nowhere.md'), join(dir, 'dangling.md'));
  const store = await ArchiveStore.open(dir);
  assert.deepEqual(store.recovery.adopted, []);
  const victim = await store.writePost({ url: 'https://b.example/victim/', meta: meta('V'), markdown: 'new' });
  const dangling = await store.writePost({ url: 'https://b.example/dangling/', meta: meta('D'), markdown: 'new' });
  await store.close();
  assert.deepEqual([victim.file, dangling.file], ['victim-2.md', 'dangling-2.md']);
  assert.match(readFileSync(outside, 'utf8'), /secret/);
  assert.ok(!existsSync(join(parent, 'nowhere.md')));
});

test('hostile URLs and titles never write outside the archive', async () => {
  const parent = tempDir();
  const dir = join(parent, 'out');
  const store = await ArchiveStore.open(dir);
  const urls = [
    'https://b.example/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'https://b.example/..%2F..%2Fescape.md',
    'https://b.example/%2Fabs%2Fpath',
    'https://b.example/a%00b',
    'https://b.example/CON',
    'https://b.example/nul.txt',
    'https://b.example/x/..',
    'https://b.example/y/%2e%2e%2e',
    'https://b.example/' + 'x'.repeat(300),
    'https://b.example/' + encodeURIComponent('题'.repeat(120)),
    'https://b.example/%E2%80%AEevil%07',
  ];
  const titles = ['../../etc/passwd', '/abs', 'a\0b', 'CON', '..', 'T'.repeat(300)];
  const files = new Set<string>();
  for (const [i, url] of urls.entries()) {
    const { file } = await store.writePost({ url, meta: meta(titles[i % titles.length]!), markdown: `post ${i}` });
    files.add(file);
    assert.ok(Buffer.byteLength(file) <= 255, file);
    assert.doesNotMatch(file, /[/\\\0\u0000-\u001f]|\.\./, file);
    assert.ok(resolve(dir, file).startsWith(resolve(dir) + sep), file);
  }
  for (const title of titles) {
    const { file } = await store.writePost({ url: `https://b.example/?p=${encodeURIComponent(title)}`, meta: meta(title), markdown: 't' });
    files.add(file);
  }
  await store.close();
  assert.equal(files.size, urls.length + titles.length, 'every post has its own file');
  assert.deepEqual(readdirSync(parent), ['out']);
  const top = readdirSync(dir).filter((n) => n.endsWith('.md'));
  assert.deepEqual(new Set(top), files);
  assert.ok(!top.some((n) => /^(con|nul)(\.|$)/i.test(n)), top.join(','));
});

test('identical input rewrites nothing; changed input is replaced, with history when asked', async () => {
  const dir = tempDir();
  const url = 'https://b.example/p/';
  let store = await ArchiveStore.open(dir, { history: true });
  const first = await store.writePost({ url, meta: meta('P', { date: '2015-07-26' }), markdown: 'v1', etag: '"1"' });
  await store.close();
  const path = join(dir, first.file);
  const bytes = readFileSync(path);
  const mtime = statSync(path).mtimeMs;
  const manifest = readFileSync(join(dir, '.blogvault', 'manifest.json'));
  await new Promise((r) => setTimeout(r, 20));

  store = await ArchiveStore.open(dir, { history: true });
  assert.equal((await store.writePost({ url, meta: meta('P', { date: '2015-07-26' }), markdown: 'v1', etag: '"1"' })).status, 'unchanged');
  await store.close();
  assert.equal(statSync(path).mtimeMs, mtime);
  assert.deepEqual(readFileSync(path), bytes);
  assert.deepEqual(readFileSync(join(dir, '.blogvault', 'manifest.json')), manifest, 'an unchanged run leaves the manifest byte-identical');

  store = await ArchiveStore.open(dir, { history: true });
  const second = await store.writePost({ url, meta: meta('P', { date: '2015-07-26' }), markdown: 'v2', etag: '"2"' });
  const third = await store.writePost({ url, meta: meta('P', { date: '2015-07-26' }), markdown: 'v3', etag: '"3"' });
  await store.close();
  assert.equal(second.status, 'changed');
  assert.equal(third.status, 'changed');
  assert.match(readFileSync(path, 'utf8'), /\nv3\n$/);
  const history = readdirSync(join(dir, '.blogvault', 'history', 'p')).sort();
  const v1Name = `${sha(bytes).slice(0, 8)}.md.orig`;
  assert.ok(history.includes(v1Name), history.join(','));
  assert.equal(history.length, 2);
  assert.deepEqual(readFileSync(join(dir, '.blogvault', 'history', 'p', v1Name)), bytes);
  const entry = (await ArchiveStore.openReadOnly(dir)).entry(url)!;
  assert.equal(entry.etag, '"3"');
  assert.equal(entry.hash, sha(readFileSync(path)));
});

test('assets are deduplicated by content, named from the URL, capped in size', async () => {
  const dir = tempDir();
  let store = await ArchiveStore.open(dir, { maxAssetBytes: 1000 });
  const png = Buffer.from('\x89PNG fake image bytes');
  const [a, b] = await Promise.all([store.saveAsset(png, 'https://b.example/img/Photo%201.png'), store.saveAsset(png, 'https://cdn.example/other.png')]);
  assert.equal(a, `assets/Photo-1-${sha(png).slice(0, 8)}.png`);
  assert.equal(b, a);
  const gif = await store.saveAsset(Buffer.from('GIF89a'), 'https://b.example/show.php?id=2', 'image/gif');
  assert.match(gif, /^assets\/show-[0-9a-f]{8}\.gif$/);
  await assert.rejects(store.saveAsset(Buffer.alloc(1001), 'https://b.example/huge.jpg'), (e: unknown) => e instanceof AssetTooLargeError && /huge\.jpg: asset is 1001 bytes/.test(e.message));
  await store.close();
  const mtime = statSync(join(dir, a)).mtimeMs;
  store = await ArchiveStore.open(dir);
  assert.equal(await store.saveAsset(png, 'https://b.example/again.png'), a, 'found again in a later run');
  assert.equal(await store.hasAsset(a), true);
  assert.equal(await store.hasAsset('assets/nope.png'), false);
  assert.equal(await store.hasAsset('../../etc/passwd'), false);
  assert.equal(await store.hasAsset('assets/../../../etc/passwd'), false);
  await store.close();
  assert.equal(statSync(join(dir, a)).mtimeMs, mtime);
  assert.deepEqual(readdirSync(join(dir, 'assets')).sort(), [a.slice(7), gif.slice(7)].sort());
});

test('failures: archived posts stay archived, new ones are failed and retried', async () => {
  const dir = tempDir();
  const old = 'https://b.example/old/';
  const fresh = 'https://b.example/fresh/';
  let store = await ArchiveStore.open(dir);
  await store.writePost({ url: old, meta: meta('Old'), markdown: 'x', etag: '"e"' });
  store.markFailed(old, 'HTTP 503');
  store.markFailed(fresh, 'timeout after 30000 ms');
  store.markFailed(fresh, 'HTTP 500');
  await store.close();
  store = await ArchiveStore.open(dir);
  assert.deepEqual({ ...store.entry(old), updatedAt: undefined, hash: undefined }, { url: old, file: 'old.md', status: 'archived', etag: '"e"', title: 'Old', error: 'HTTP 503', attempts: 1, updatedAt: undefined, hash: undefined });
  assert.deepEqual({ ...store.entry(fresh), updatedAt: undefined }, { url: fresh, status: 'failed', error: 'HTTP 500', attempts: 2, updatedAt: undefined });
  store.markNotModified(old, { etag: '"e2"' });
  assert.equal(store.entry(old)!.error, undefined);
  assert.equal(store.entry(old)!.etag, '"e2"');
  assert.throws(() => store.markNotModified(fresh), /fresh\/: marked not modified/);
  await store.writePost({ url: fresh, meta: meta('Fresh'), markdown: 'y' });
  assert.equal(store.entry(fresh)!.status, 'archived');
  assert.equal(store.entry(fresh)!.attempts, undefined);
  await store.close();
});

test('posts no longer listed become missing, keep their files, and come back', async () => {
  const dir = tempDir();
  const urls = ['https://b.example/a/', 'https://b.example/b/', 'https://b.example/c/'];
  let store = await ArchiveStore.open(dir);
  for (const url of urls) await store.writePost({ url, meta: meta(url), markdown: url });
  assert.deepEqual(store.markListed(['https://b.example/a', 'https://b.example/c/index.html#x']), ['https://b.example/b/']);
  await store.close();
  assert.ok(existsSync(join(dir, 'b.md')));
  store = await ArchiveStore.open(dir);
  assert.equal(store.entry(urls[1]!)!.status, 'missing');
  assert.deepEqual(store.markListed(urls), []);
  assert.equal(store.entry(urls[1]!)!.status, 'archived');
  await store.close();
});

test('settings and snapshots are stored for update and rebuild', async () => {
  const dir = tempDir();
  const store = await ArchiveStore.open(dir, { keepHtml: true });
  await store.saveSettings({ startUrl: 'https://b.example/', options: { concurrency: 4 } });
  const html = '<html><body><p>你好</p></body></html>';
  await store.writePost({ url: 'https://b.example/p/', meta: meta('P'), markdown: 'p', html, assets: { 'https://b.example/z.png': 'assets/z-1.png', 'https://b.example/a.png': 'assets/a-2.png' } });
  await store.recordRun({ startedAt: '2026-01-01T00:00:00Z', new: 1 });
  await store.close();
  assert.deepEqual(JSON.parse(readFileSync(join(dir, '.blogvault', 'last-run.json'), 'utf8')), { startedAt: '2026-01-01T00:00:00Z', new: 1 });
  assert.deepEqual(await ArchiveStore.loadSettings(dir), { startUrl: 'https://b.example/', options: { concurrency: 4 } });
  assert.equal(await ArchiveStore.loadSettings(tempDir()), undefined);
  const reader = await ArchiveStore.openReadOnly(dir);
  assert.equal((await reader.readSnapshot('https://b.example/p'))!.toString('utf8'), html);
  assert.deepEqual(reader.snapshots().map((s) => s.url), ['https://b.example/p/']);
  assert.match(reader.snapshots()[0]!.file, /^\.blogvault\/html\/[0-9a-f]{16}\.html\.gz$/);
  assert.equal((await reader.readPost('https://b.example/p/'))!.meta.title, 'P');
  assert.deepEqual(Object.keys(reader.entry('https://b.example/p/')!.assets!), ['https://b.example/a.png', 'https://b.example/z.png'], 'sorted for a deterministic manifest');
  assert.throws(() => reader.markFailed('https://b.example/p/', 'x'), /read-only/);
  await assert.rejects(ArchiveStore.openReadOnly(tempDir()), /not a blogvault archive/);
});

test('a post file written just before a crash is adopted, not duplicated', async () => {
  const dir = tempDir();
  let store = await ArchiveStore.open(dir);
  await store.writePost({ url: 'https://b.example/one/', meta: meta('One'), markdown: '1' });
  await store.close();
  // As if the run died after renaming two.md into place but before journaling it.
  const { renderPostFile } = await import('../../src/store/front-matter.js');
  writeFileSync(join(dir, 'two.md'), renderPostFile(meta('Two'), 'https://b.example/two/', '2'));
  store = await ArchiveStore.open(dir);
  assert.deepEqual(store.recovery.adopted, ['https://b.example/two/']);
  assert.equal(store.entry('https://b.example/two')!.status, 'archived');
  const again = await store.writePost({ url: 'https://b.example/two/', meta: meta('Two'), markdown: '2' });
  assert.deepEqual([again.file, again.status], ['two.md', 'unchanged']);
  await store.close();
  assert.deepEqual(walk(dir).filter((f) => f.endsWith('.md')).sort(), ['one.md', 'two.md']);
});

test('a post file deleted by hand is fetched again, under the same name', async () => {
  const dir = tempDir();
  let store = await ArchiveStore.open(dir);
  await store.writePost({ url: 'https://b.example/gone/', meta: meta('Gone'), markdown: 'g', etag: '"g"' });
  await store.close();
  const { rmSync } = await import('node:fs');
  rmSync(join(dir, 'gone.md'));
  store = await ArchiveStore.open(dir);
  assert.deepEqual(store.recovery.lostFiles, ['https://b.example/gone/']);
  const entry = store.entry('https://b.example/gone/')!;
  assert.equal(entry.status, 'failed');
  assert.equal(entry.etag, undefined, 'no validators: the next fetch must not be a 304');
  assert.equal((await store.writePost({ url: 'https://b.example/gone/', meta: meta('Gone'), markdown: 'g' })).file, 'gone.md');
  await store.close();
});

test('an archive path that is a file is refused with a clear message', async () => {
  const file = join(tempDir(), 'file');
  writeFileSync(file, 'x');
  await assert.rejects(ArchiveStore.open(file), /file: exists and is not a folder/);
});

test('settings saved again unchanged leave settings.json as it was; changed ones replace it', async () => {
  const dir = tempDir();
  const file = join(dir, '.blogvault', 'settings.json');
  const settings = { startUrl: 'https://b.example/', concurrency: 4 } as unknown as Parameters<ArchiveStore['saveSettings']>[0];
  let store = await ArchiveStore.open(dir);
  await store.writePost({ url: 'https://b.example/a/', meta: meta('A'), markdown: 'a' });
  await store.saveSettings(settings);
  await store.close();
  const first = statSync(file);
  store = await ArchiveStore.open(dir);
  await store.saveSettings({ ...settings });
  await store.close();
  assert.equal(statSync(file).ino, first.ino, 'the same bytes are not written again');
  store = await ArchiveStore.open(dir);
  await store.saveSettings({ ...settings, concurrency: 2 } as typeof settings);
  await store.close();
  assert.notEqual(statSync(file).ino, first.ino);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).concurrency, 2);
});
