/**
 * Every archive file is replaced atomically: a reader (or a run killed half-way) sees either the old
 * bytes or the new ones, never a torn file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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
}

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems refuse fsync on directories; the rename itself is still atomic there.
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `file` via a temporary file in the same directory, fsync, rename, fsync of the directory. */
export async function atomicWrite(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const durable = options.durable ?? true;
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  // Dot-prefixed so that tools walking the archive for posts skip it while it exists.
  const temp = join(dir, `.${basename(file).slice(0, 80)}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    if (durable) await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await options.beforeRename?.();
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  if (durable) await syncDir(dir);
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
