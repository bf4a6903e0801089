/**
 * Every archive file is replaced atomically: a reader (or a run killed half-way) sees either the old
 * bytes or the new ones, never a torn file.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsync, mkdirSync, openSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { PathEscapeError } from './filenames.js';

/** Suffix of temporary files; anything left with it after a crash is garbage from a dead run. */
export const TEMP_SUFFIX = '.bvtmp';

export interface AtomicWriteOptions {
  /** fsync the file and its directory (default true). Off only where durability across power loss does not matter (tests). */
  durable?: boolean;
  /**
   * Called once the data is safely in the temporary file, just before it replaces `file`: a record
   * made here (a journal line) is on disk before the file is, so no crash leaves a file unaccounted for.
   */
  beforeRename?: () => void | Promise<void>;
  /**
   * The archive folder `file` belongs to: each folder between it and the file is made one level at a
   * time and must resolve inside it, so a symbolic link planted in the archive never carries a write out.
   */
  root?: string;
}

/** A file of the archive could not be written (disk full, read-only, no permission): the run cannot go on. */
export class ArchiveWriteError extends Error {
  constructor(
    readonly file: string,
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`${file}: cannot write (${describeWriteFailure(code, cause)})`, { cause });
    this.name = 'ArchiveWriteError';
  }
}

const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EFBIG: 'file too large',
  EMFILE: 'too many open files',
};

function describeWriteFailure(code: string | undefined, cause: unknown): string {
  const known = code && WRITE_FAILURES[code];
  return known ? `${known}, ${code}` : (cause as Error)?.message ?? String(cause);
}

/** A file-system error of a write to `file` as an ArchiveWriteError naming it; other errors unchanged. */
export function asWriteError(file: string, error: unknown): unknown {
  if (error instanceof ArchiveWriteError || error instanceof PathEscapeError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? new ArchiveWriteError(file, code, error) : error;
}

const fsyncFd = promisify(fsync);

/** Directories made (or found) by this process: an archive run writes thousands of files into a handful. */
const knownDirs = new Set<string>();

/** Folders under `root` were removed: they must be made again before the next write into them. */
export function forgetDirsUnder(root: string): void {
  for (const dir of knownDirs) if (dir === root || dir.startsWith(root + sep)) knownDirs.delete(dir);
}

function ensureDir(dir: string, root: string | undefined): void {
  if (knownDirs.has(dir)) return;
  if (root === undefined) mkdirSync(dir, { recursive: true });
  else makeInside(root, dir);
  knownDirs.add(dir);
}

/** Makes `dir` under `root` level by level, refusing any level that resolves (through links) outside `root`. */
function makeInside(root: string, dir: string): void {
  const rel = relative(root, dir);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new PathEscapeError(root, rel);
  const realRoot = realpathSync(root);
  let current = root;
  for (const part of rel.split(sep).filter(Boolean)) {
    current = join(current, part);
    try {
      mkdirSync(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!realpathSync(current).startsWith(realRoot + sep)) throw new PathEscapeError(root, relative(root, current));
  }
}

async function syncDirNow(dir: string): Promise<void> {
  const fd = openSync(dir, 'r');
  try {
    await fsyncFd(fd);
  } catch (error) {
    // Some file systems refuse fsync on directories; the rename itself is still atomic there.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    closeSync(fd);
  }
}

/** A directory fsync not started yet, which every rename made before it starts may share. */
const queuedDirSyncs = new Map<string, Promise<void>>();

/**
 * fsync of `dir` covering every rename done in it so far. Posts are written several at a time into the
 * same folder: one fsync after a batch of renames makes them all durable, instead of one fsync each.
 */
function syncDir(dir: string): Promise<void> {
  let queued = queuedDirSyncs.get(dir);
  if (!queued) {
    queued = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      queuedDirSyncs.delete(dir);
      return syncDirNow(dir);
    });
    queuedDirSyncs.set(dir, queued);
  }
  return queued;
}

/**
 * Opens a new temporary file next to `file`. Small writes and renames are synchronous: on a local disk
 * they take microseconds, far less than a trip through libuv's thread pool; only fsync waits for the disk.
 */
function openTemp(file: string, root: string | undefined): { fd: number; temp: string } {
  const dir = dirname(file);
  // Dot-prefixed so that tools walking the archive for posts skip it while it exists.
  const temp = join(dir, `.${basename(file).slice(0, 80)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  ensureDir(dir, root);
  try {
    return { fd: openSync(temp, 'wx', 0o644), temp };
  } catch (error) {
    // The folder went away under a running archive (removed by hand): make it again, once.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    knownDirs.delete(dir);
    ensureDir(dir, root);
    return { fd: openSync(temp, 'wx', 0o644), temp };
  }
}

/**
 * Writes `data` to `file` via a temporary file in the same directory, fsync, rename, fsync of the
 * directory. The rename replaces a symbolic link at `file` rather than writing through it. File-system
 * failures are thrown as ArchiveWriteErrors naming `file`. Large texts may come in pieces, written in turn.
 */
export async function atomicWrite(file: string, data: string | Uint8Array | Iterable<string>, options: AtomicWriteOptions = {}): Promise<void> {
  try {
    await writeThenRename(file, data, options);
  } catch (error) {
    throw asWriteError(file, error);
  }
}

async function writeThenRename(file: string, data: string | Uint8Array | Iterable<string>, options: AtomicWriteOptions): Promise<void> {
  const durable = options.durable ?? true;
  const pieces = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
  const { fd, temp } = openTemp(file, options.root);
  try {
    for (const piece of pieces) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      for (let written = 0; written < bytes.byteLength; ) written += writeSync(fd, bytes, written);
    }
    if (durable) await fsyncFd(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    await options.beforeRename?.();
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (durable) await syncDir(dirname(file));
}

/** Removes temporary files a killed run left in `dir` (not recursive). Call only while holding the lock. */
export async function removeStaleTemps(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const stale = names.filter((n) => n.startsWith('.') && n.endsWith(TEMP_SUFFIX));
  await Promise.all(stale.map((n) => unlink(join(dir, n)).catch(() => undefined)));
  return stale.length;
}
