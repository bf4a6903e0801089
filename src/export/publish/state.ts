/**
 * What `publish` remembers per target site, in the archive's `.blogvault/publish/`: which remote post
 * and media item each archive post and image became, and a hash of what was last sent, so a second run
 * updates in place, uploads nothing twice and leaves unchanged posts alone.
 */
import { InputError } from '../../pipeline/errors.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWrite } from '../../store/atomic-write.js';

export interface RemotePost {
  id: string | number;
  /** The post's public URL on the site. */
  url: string;
  /** sha256 of the last payload sent. */
  hash?: string;
}

export interface PublishState {
  site: string;
  posts: Record<string, RemotePost>;
  media: Record<string, { id?: string | number; url: string }>;
}

export function stateFile(archiveDir: string, target: string, site: string): string {
  const host = new URL(site).host.replace(/[^a-z0-9.-]+/gi, '_');
  return join(archiveDir, '.blogvault', 'publish', `${target}-${host}.json`);
}

export async function loadState(file: string, site: string): Promise<PublishState> {
  try {
    const data = JSON.parse(await readFile(file, 'utf8')) as PublishState;
    if (data.site === site && data.posts && data.media) return data;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`${file}: unreadable publish state (${(error as Error).message}); delete it to publish from scratch`);
  }
  return { site, posts: {}, media: {} };
}

export async function saveState(file: string, state: PublishState): Promise<void> {
  await atomicWrite(file, `${JSON.stringify(state, null, 2)}\n`);
}

export const payloadHash = (payload: unknown) => createHash('sha256').update(JSON.stringify(payload)).digest('hex');
