/** Where each part of an archive lives, and making its folders without ever leaving it. */
import { existsSync } from 'node:fs';
import { mkdir, realpath, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { forgetDirsUnder } from './atomic-write.js';
import { PathEscapeError } from './filenames.js';

export const META_DIR = '.blogvault';
export const ASSETS_DIR = 'assets';
export const HISTORY_DIR = `${META_DIR}/history`;
export const MANIFEST_FILE = `${META_DIR}/manifest.json`;
export const JOURNAL_FILE = `${META_DIR}/journal.jsonl`;
export const SETTINGS_FILE = `${META_DIR}/settings.json`;
export const LOCK_FILE = `${META_DIR}/lock`;
export const LAST_RUN_FILE = `${META_DIR}/last-run.json`;

export class ArchiveError extends Error {
  constructor(readonly archive: string, reason: string) {
    super(`${archive}: ${reason}`);
    this.name = 'ArchiveError';
  }
}

/**
 * Makes `dir` and its missing parents one level at a time, returning those it made, outermost first.
 * Node's recursive mkdir never returns on some paths (`/proc/x`: it retries the parent forever).
 */
async function makeFolders(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.unshift(d);
  const made: string[] = [];
  for (const d of missing) {
    try {
      await mkdir(d);
      made.push(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return made;
}

/**
 * Creates the archive folders and refuses ones that resolve (through symlinks) outside the archive.
 * Returns the folders it made, outermost first, so that a run that records nothing can remove them.
 */
export async function prepareFolders(outDir: string): Promise<string[]> {
  let created: string[];
  try {
    created = await makeFolders(outDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new ArchiveError(outDir, 'exists and is not a folder');
    throw new ArchiveError(outDir, `cannot create the archive folder (${code ?? (error as Error).message})`);
  }
  if (!(await stat(outDir)).isDirectory()) throw new ArchiveError(outDir, 'exists and is not a folder');
  const root = await realpath(outDir);
  for (const dir of [META_DIR, ASSETS_DIR]) {
    const path = join(outDir, dir);
    created.push(...(await makeFolders(path)));
    const real = await realpath(path);
    if (!real.startsWith(root + sep)) throw new PathEscapeError(root, relative(outDir, path));
  }
  return created;
}

/** Removes the folders a run made (outermost first), so that a run that recorded no post leaves no empty archive. */
export async function discardCreated(created: string[]): Promise<void> {
  const roots = created.filter((dir, i) => !created.slice(0, i).some((outer) => dir.startsWith(outer + sep)));
  for (const dir of roots) {
    await rm(dir, { recursive: true, force: true });
    forgetDirsUnder(dir);
  }
}

/** True when `dir` (relative) exists and resolves, through any links, inside the archive folder. */
export async function isInside(outDir: string, dir: string): Promise<boolean> {
  try {
    const [root, real] = await Promise.all([realpath(outDir), realpath(join(outDir, dir))]);
    return real === root || real.startsWith(root + sep);
  } catch {
    return false;
  }
}
