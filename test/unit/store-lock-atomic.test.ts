import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { atomicWrite, removeStaleTemps, TEMP_SUFFIX } from '../../src/store/atomic-write.js';
import { ArchiveLock, HEARTBEAT_MISSES, HEARTBEAT_MS, LockError } from '../../src/store/lock.js';
import { ArchiveStore } from '../../src/store/archive-store.js';
import { tempDir as freshDir } from '../helpers/temp-dir.js';

const tempDir = () => freshDir('store');

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('atomic writes replace the file and leave no temporary files', async () => {
  const dir = tempDir();
  const file = join(dir, 'sub', 'a.md');
  await atomicWrite(file, 'one');
  await atomicWrite(file, Buffer.from('two'));
  await Promise.all(Array.from({ length: 20 }, (_, i) => atomicWrite(file, `v${i}`)));
  assert.match(readFileSync(file, 'utf8'), /^v\d+$/);
  assert.deepEqual(readdirSync(join(dir, 'sub')), ['a.md']);
});

test('stale temporary files are removed', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, `.a.md.123${TEMP_SUFFIX}`), 'partial');
  writeFileSync(join(dir, 'keep.md'), 'x');
  assert.equal(await removeStaleTemps(dir), 1);
  assert.deepEqual(readdirSync(dir), ['keep.md']);
});

test('a second open of the same archive is refused with a one-line message', async () => {
  const dir = tempDir();
  const first = await ArchiveStore.open(dir);
  await assert.rejects(ArchiveStore.open(dir), (error: unknown) => {
    assert.ok(error instanceof LockError);
    assert.match(error.message, new RegExp(`^archive .+ is in use by pid ${process.pid} since \\d{4}-\\d{2}-\\d{2}T`));
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
  await first.close();
  assert.ok(!existsSync(join(dir, '.blogvault', 'lock')));
  const second = await ArchiveStore.open(dir);
  await second.close();
});

test('a lock left by a dead process is taken over', async () => {
  const dir = tempDir();
  mkdirSync(join(dir, '.blogvault'));
  const pid = deadPid();
  writeFileSync(join(dir, '.blogvault', 'lock'), JSON.stringify({ pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z' }));
  const store = await ArchiveStore.open(dir);
  const owner = JSON.parse(readFileSync(join(dir, '.blogvault', 'lock'), 'utf8')) as { pid: number };
  assert.equal(owner.pid, process.pid);
  await store.close();
});

test('a lock held on another host is never assumed stale', () => {
  const dir = tempDir();
  const file = join(dir, 'lock');
  writeFileSync(file, JSON.stringify({ pid: deadPid(), hostname: 'elsewhere.invalid', startedAt: '2020-01-01T00:00:00.000Z' }));
  assert.throws(() => ArchiveLock.acquire(file, dir), /in use by pid \d+ on elsewhere\.invalid since 2020/);
});

test('a lock from another host is stale once its heartbeat stops, and not before', async () => {
  const dir = tempDir();
  const file = join(dir, 'lock');
  const foreign = { pid: process.pid, hostname: 'elsewhere.invalid', startedAt: new Date().toISOString(), heartbeatMs: HEARTBEAT_MS };
  writeFileSync(file, JSON.stringify(foreign));
  assert.throws(() => ArchiveLock.acquire(file, dir), /in use by pid \d+ on elsewhere\.invalid/, 'a fresh lock of a live owner elsewhere');
  // Touched last a little less, then a little more, than the misses allowed ago.
  const ago = (ms: number) => new Date(Date.now() - ms);
  utimesSync(file, ago(HEARTBEAT_MS * HEARTBEAT_MISSES - 5_000), ago(HEARTBEAT_MS * HEARTBEAT_MISSES - 5_000));
  assert.throws(() => ArchiveLock.acquire(file, dir), /in use/);
  utimesSync(file, ago(HEARTBEAT_MS * HEARTBEAT_MISSES + 5_000), ago(HEARTBEAT_MS * HEARTBEAT_MISSES + 5_000));
  const lock = ArchiveLock.acquire(file, dir);
  const owner = JSON.parse(readFileSync(file, 'utf8')) as { hostname: string; heartbeatMs: number };
  assert.equal(owner.hostname, hostname());
  assert.equal(owner.heartbeatMs, HEARTBEAT_MS);
  lock.release();
  assert.ok(!existsSync(file));
});

test('the owner of a lock touches it while it holds it', async () => {
  const dir = tempDir();
  const file = join(dir, 'lock');
  const lock = ArchiveLock.acquire(file, dir, 40);
  const old = new Date(Date.now() - 3_600_000);
  utimesSync(file, old, old);
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.ok(Date.now() - statSync(file).mtimeMs < 1_000, 'the heartbeat did not touch the lock');
  lock.release();
  assert.ok(!existsSync(file));
});

test('an unreadable fresh lock is respected; released locks are only ours', () => {
  const dir = tempDir();
  const file = join(dir, 'lock');
  writeFileSync(file, '');
  assert.throws(() => ArchiveLock.acquire(file, dir), /is locked \(unreadable lock file\)/);
  writeFileSync(file, JSON.stringify({ pid: deadPid(), hostname: hostname(), startedAt: 'x' }));
  const lock = ArchiveLock.acquire(file, dir);
  // Someone replaced the lock behind our back: release must not delete theirs.
  writeFileSync(file, JSON.stringify({ pid: 1, hostname: hostname(), startedAt: 'y' }));
  lock.release();
  assert.ok(existsSync(file));
});

test('atomic writes: many files at once into a new folder all land whole; a folder removed under a run is made again', async () => {
  const dir = tempDir();
  const names = Array.from({ length: 40 }, (_, i) => join(dir, 'posts', `p${i}.md`));
  await Promise.all(names.map((file, i) => atomicWrite(file, `post ${i}\n`.repeat(100))));
  names.forEach((file, i) => assert.equal(readFileSync(file, 'utf8'), `post ${i}\n`.repeat(100)));
  assert.equal(readdirSync(join(dir, 'posts')).length, 40);
  rmSync(join(dir, 'posts'), { recursive: true });
  await atomicWrite(names[0]!, 'again');
  assert.deepEqual(readdirSync(join(dir, 'posts')), ['p0.md']);
  assert.equal(readFileSync(names[0]!, 'utf8'), 'again');
});
