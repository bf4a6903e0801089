/** Small reads and names every part of the archive store shares. */
import { createHash } from 'node:crypto';
import { closeSync, constants, lstatSync, openSync, readFileSync } from 'node:fs';
import { normalizeUrl } from '../url/url.js';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
export const now = (): string => new Date().toISOString();

/** The manifest's key for a post: its normalised URL. */
export function keyOf(url: string): string {
  try {
    return normalizeUrl(url);
  } catch {
    throw new Error(`${url}: not a valid URL`);
  }
}

/**
 * Synchronous: archive files are small, and a read through the thread pool costs more than the read itself.
 * A symbolic link counts as no file: what it points at is not the archive's (it would be copied into history).
 */
export async function readIfExists(file: string): Promise<Buffer | undefined> {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP') return undefined;
    throw error;
  }
  try {
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Anything at `path`, including a dangling symlink, which existsSync would call free. */
export function pathTaken(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
