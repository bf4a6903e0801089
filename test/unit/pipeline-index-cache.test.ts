import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PersistentIndexCache } from '../../src/pipeline/index-cache.js';
import { tempDir as freshDir } from '../helpers/temp-dir.js';

const reading = { nextPages: ['https://b.example/page/2/'], found: [{ url: 'https://b.example/p/1/', title: 'One' }], postScope: 'https://b.example/' };

test('readings survive to the next run; only those used are kept; an unchanged cache is not rewritten', async () => {
  const dir = freshDir('index-cache');
  const run1 = await PersistentIndexCache.load(dir);
  assert.equal(run1.get('k1'), undefined);
  run1.set('k1', reading);
  run1.set('k2', { ...reading, found: [] });
  await run1.save();

  const run2 = await PersistentIndexCache.load(dir);
  assert.deepEqual(run2.get('k1'), reading);
  await run2.save();
  const file = join(dir, '.blogvault', 'index-cache.json');
  const kept = JSON.parse(await readFile(file, 'utf8')) as { pages: Record<string, unknown> };
  assert.deepEqual(Object.keys(kept.pages), ['k1'], 'the reading no run used any more is dropped');

  const before = (await stat(file)).mtimeMs;
  const run3 = await PersistentIndexCache.load(dir);
  run3.get('k1');
  await run3.save();
  assert.equal((await stat(file)).mtimeMs, before);
});

test('a cache written by another version, or an unreadable one, is ignored', async () => {
  const dir = freshDir('index-cache');
  const run1 = await PersistentIndexCache.load(dir);
  run1.set('k1', reading);
  await run1.save();
  const file = join(dir, '.blogvault', 'index-cache.json');
  const data = JSON.parse(await readFile(file, 'utf8')) as { version: string };
  await writeFile(file, JSON.stringify({ ...data, version: '0.0.0-other' }));
  assert.equal((await PersistentIndexCache.load(dir)).get('k1'), undefined);
  await writeFile(file, '{ not json');
  assert.equal((await PersistentIndexCache.load(dir)).get('k1'), undefined);
});
