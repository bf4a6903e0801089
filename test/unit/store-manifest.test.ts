import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Journal, ManifestError, compactManifest, readManifest, replayJournal, serializeManifest, type ManifestEntry } from '../../src/store/manifest.js';
import { ArchiveStore } from '../../src/store/archive-store.js';
import { tempDir as freshDir } from '../helpers/temp-dir.js';

const tempDir = () => freshDir('manifest');
const entry = (url: string, extra: Partial<ManifestEntry> = {}): ManifestEntry => ({ url, file: 'f.md', status: 'archived', ...extra });

test('the manifest is sorted by URL with a fixed key order, whatever the insertion order', () => {
  const a = new Map([
    ['https://b.example/z', { updatedAt: 't', status: 'archived', url: 'https://b.example/z', file: 'z.md' } as ManifestEntry],
    ['https://b.example/a', entry('https://b.example/a', { hash: 'h', etag: '"e"' })],
  ]);
  const b = new Map([...a].reverse());
  assert.equal(serializeManifest(a), serializeManifest(b));
  const parsed = JSON.parse(serializeManifest(a)) as { posts: Record<string, ManifestEntry> };
  assert.deepEqual(Object.keys(parsed.posts), ['https://b.example/a', 'https://b.example/z']);
  assert.deepEqual(Object.keys(parsed.posts['https://b.example/z']!), ['url', 'file', 'status', 'updatedAt']);
});

test('the manifest written in pieces is the same text as the whole object pretty-printed, empty or not', async () => {
  const whole = (entries: Map<string, ManifestEntry>) => {
    const posts: Record<string, ManifestEntry> = {};
    for (const key of [...entries.keys()].sort()) posts[key] = JSON.parse(JSON.stringify(entries.get(key)));
    return `${JSON.stringify({ version: 1, generator: 'blogvault', posts }, null, 2)}\n`;
  };
  // Enough entries for several pieces, with nested values and text that JSON escapes.
  const many = new Map<string, ManifestEntry>();
  for (let i = 0; i < 600; i++) {
    const url = `https://b.example/${String(i).padStart(4, '0')}/`;
    many.set(url, entry(url, { title: `Post "${i}"\n\u00e9 \\ ${'x'.repeat(100)}`, terms: ['a', `t${i}`], assets: { [`img-${i}.png`]: 'h' } }));
  }
  for (const entries of [new Map<string, ManifestEntry>(), many]) {
    const dir = tempDir();
    await compactManifest(join(dir, 'manifest.json'), join(dir, 'journal.jsonl'), entries, false);
    const written = readFileSync(join(dir, 'manifest.json'), 'utf8');
    const ordered = new Map([...entries].map(([k, v]) => [k, JSON.parse(serializeManifest(new Map([[k, v]]))).posts[k] as ManifestEntry]));
    assert.equal(written, whole(ordered));
    assert.equal(serializeManifest(entries), written);
  }
  assert.ok(whole(many).length > 3 * 64 * 1024, 'the test manifest spans several pieces');
});

test('the journal replays over the manifest; a torn line loses only itself', async () => {
  const dir = tempDir();
  const journalFile = join(dir, 'journal.jsonl');
  const journal = new Journal(journalFile, true);
  journal.append('k1', entry('u1', { title: 'first' }));
  journal.append('k1', entry('u1', { title: 'second' }));
  journal.close();
  // A torn record (disk full mid-append) with the next record glued to it, then garbage.
  const torn = JSON.stringify({ key: 'k2', entry: entry('u2') }).slice(0, 25);
  writeFileSync(journalFile, `${readFileSync(journalFile, 'utf8')}${torn}${JSON.stringify({ key: 'k3', entry: entry('u3') })}\nnot json\n`);
  const entries = new Map([['k0', entry('u0')]]);
  const touched = await replayJournal(journalFile, entries);
  assert.deepEqual([...touched].sort(), ['k1', 'k3']);
  assert.equal(entries.get('k1')!.title, 'second');
  assert.ok(entries.has('k0'));
  await compactManifest(join(dir, 'manifest.json'), journalFile, entries, true);
  assert.ok(!existsSync(journalFile));
  assert.deepEqual([...(await readManifest(join(dir, 'manifest.json'))).keys()].sort(), ['k0', 'k1', 'k3']);
});

test('a corrupt manifest is an error, never silently replaced', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, '.blogvault'));
  writeFileSync(join(dir, '.blogvault', 'manifest.json'), '{"version":1,"posts":');
  await assert.rejects(ArchiveStore.open(dir), (e: unknown) => e instanceof ManifestError && /manifest\.json: not valid JSON/.test(e.message));
  assert.equal(readFileSync(join(dir, '.blogvault', 'manifest.json'), 'utf8'), '{"version":1,"posts":');
  // The failed open released its lock.
  assert.ok(!existsSync(join(dir, '.blogvault', 'lock')));
  writeFileSync(join(dir, '.blogvault', 'manifest.json'), '{"version":99,"posts":{}}');
  await assert.rejects(ArchiveStore.open(dir), /newer blogvault/);
});

test('a lock taken before the last boot is stale even if its pid is alive now', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, '.blogvault'));
  // pid 1 is always alive; the lock's start time predates any plausible boot.
  writeFileSync(join(dir, '.blogvault', 'lock'), JSON.stringify({ pid: 1, hostname: hostname(), startedAt: '1999-01-01T00:00:00.000Z' }));
  const store = await ArchiveStore.open(dir);
  await store.close();
  writeFileSync(join(dir, '.blogvault', 'lock'), JSON.stringify({ pid: 1, hostname: hostname(), startedAt: new Date().toISOString() }));
  await assert.rejects(ArchiveStore.open(dir), /in use by pid 1 since/);
});
