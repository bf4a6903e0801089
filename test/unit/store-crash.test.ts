import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveStore, parsePostFile } from '../../src/store/archive-store.js';
import { tempDir as freshDir } from '../helpers/temp-dir.js';

const WRITER = join(import.meta.dirname, '..', 'helpers', 'store-crash-writer.ts');
const COUNT = 60;

/** Runs the writer and SIGKILLs it once it has reported `afterPosts` posts (or at the end). */
function runAndKill(dir: string, afterPosts: number, suffix = ''): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, String(COUNT), suffix], { stdio: ['ignore', 'pipe', 'inherit'] });
    let written = 0;
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('wrote ')) written++;
        if (written >= afterPosts || line === 'done') child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolvePromise(written) : reject(new Error(`writer exited without being killed (${signal})`))));
  });
}

/** The archive is consistent: every post file is listed with its hash, no file is listed that does not exist, no temp files. */
async function assertConsistent(dir: string): Promise<ArchiveStore> {
  const store = await ArchiveStore.open(dir);
  JSON.parse(readFileSync(join(dir, '.blogvault', 'manifest.json'), 'utf8'));
  const files = readdirSync(dir).filter((n) => n.endsWith('.md'));
  const listed = new Map(store.entries().filter((e) => e.file).map((e) => [e.file!, e]));
  for (const file of files) {
    const entry = listed.get(file);
    assert.ok(entry, `${file} is in the manifest`);
    const bytes = readFileSync(join(dir, file));
    assert.equal(entry.hash, createHash('sha256').update(bytes).digest('hex'), `${file} hash`);
    assert.equal(parsePostFile(bytes.toString('utf8')).url, entry.url);
  }
  for (const [file, entry] of listed) {
    if (entry.status === 'archived') assert.ok(files.includes(file), `${file} exists`);
  }
  for (const sub of ['.', 'assets', '.blogvault']) {
    assert.deepEqual(readdirSync(join(dir, sub)).filter((n) => n.endsWith('.bvtmp')), [], `no temp files in ${sub}`);
  }
  return store;
}

test('a writer killed with SIGKILL leaves a valid archive that the next run completes without duplicates', async () => {
  const dir = freshDir('crash');
  const killedAfter = await runAndKill(dir, 25);
  assert.ok(killedAfter >= 25);
  const store = await assertConsistent(dir);
  assert.equal(store.recovery.interrupted, true);
  // Every post the killed run reported is archived and will not need to be written again.
  const archived = store.entries().filter((e) => e.status === 'archived').length;
  assert.ok(archived >= killedAfter, `${archived} archived >= ${killedAfter} reported`);
  await store.close();

  // The next run resumes; it is killed only after writing everything (its lock is left behind, stale).
  await runAndKill(dir, COUNT);
  const finalStore = await assertConsistent(dir);
  await finalStore.close();
  const files = readdirSync(dir).filter((n) => n.endsWith('.md'));
  assert.equal(files.length, COUNT, 'one file per post, none duplicated');
  const urls = new Set(files.map((f) => parsePostFile(readFileSync(join(dir, f), 'utf8')).url));
  assert.equal(urls.size, COUNT);
  assert.equal(readdirSync(join(dir, 'assets')).length, 5, 'assets deduplicated across runs');
});

test('kills at several points all converge to the archive of an uninterrupted run', async () => {
  const clean = freshDir('clean');
  await runAndKill(clean, COUNT);
  const crashed = freshDir('crashed');
  for (const point of [1, 9, 30]) await runAndKill(crashed, point);
  await runAndKill(crashed, COUNT);
  await (await assertConsistent(clean)).close();
  await (await assertConsistent(crashed)).close();
  const snapshot = (dir: string) =>
    Object.fromEntries(
      [...readdirSync(dir).filter((n) => n.endsWith('.md')), ...readdirSync(join(dir, 'assets')).map((n) => `assets/${n}`)].map((n) => [n, readFileSync(join(dir, n), 'utf8')]),
    );
  assert.deepEqual(snapshot(crashed), snapshot(clean));
});
