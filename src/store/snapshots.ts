/** Raw HTML snapshots (--keep-html): gzip files named by the post URL's hash, so `rebuild` can re-extract offline. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readIfExists } from './archive-files.js';
import { atomicWrite } from './atomic-write.js';
import { resolveInside } from './filenames.js';

export const SNAPSHOT_DIR = '.blogvault/html';

/** Relative (posix) path of the snapshot of the post whose normalised URL is `key`. */
export function snapshotPath(key: string): string {
  return `${SNAPSHOT_DIR}/${createHash('sha256').update(key).digest('hex').slice(0, 16)}.html.gz`;
}

/** Deterministic: Node writes a zero mtime in the gzip header, so the same HTML gives the same bytes. */
export function compressSnapshot(html: string | Uint8Array): Buffer {
  return gzipSync(typeof html === 'string' ? Buffer.from(html, 'utf8') : html, { level: 9 });
}

export async function readSnapshotFile(file: string): Promise<Buffer | undefined> {
  try {
    return gunzipSync(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file}: unreadable snapshot (${(error as Error).message})`);
  }
}

/** Writes the snapshot of the post whose normalised URL is `key` unless the same bytes are there; returns its relative path. */
export async function writeSnapshot(outDir: string, key: string, html: string | Uint8Array, durable: boolean): Promise<string> {
  const file = snapshotPath(key);
  const target = resolveInside(outDir, file);
  const bytes = compressSnapshot(html);
  const existing = await readIfExists(target);
  if (!existing?.equals(bytes)) await atomicWrite(target, bytes, { durable, root: outDir });
  return file;
}
