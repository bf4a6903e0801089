/**
 * Writing a post's file: the previous version kept with `history`, the snapshot before the file, and
 * the entry journaled just before the rename, so that a run killed at any instant leaves no post file
 * its manifest does not fully describe.
 */
import { existsSync } from 'node:fs';
import { readIfExists, sha256 } from './archive-files.js';
import { atomicWrite } from './atomic-write.js';
import { resolveInside } from './filenames.js';
import { renderPostFile } from './front-matter.js';
import { HISTORY_DIR } from './layout.js';
import type { ManifestEntry } from './manifest.js';
import { archivedEntry, type WritePostInput, type WritePostResult, type WriteStatus } from './post-entries.js';
import { writeSnapshot } from './snapshots.js';

/** What writing a post needs of the store. */
export interface PostWriteContext {
  outDir: string;
  durable: boolean;
  history: boolean;
  keepHtml: boolean;
  entry(key: string): ManifestEntry | undefined;
  /** Applies an entry change and journals it. */
  record(key: string, entry: ManifestEntry, prev: ManifestEntry | undefined): void;
}

/**
 * Writes the post whose normalised URL is `key` to `file`: 'new' when the file did not exist,
 * 'unchanged' (nothing written) when the rendered bytes equal the file's, 'changed' otherwise.
 */
export async function writePostFile(ctx: PostWriteContext, key: string, file: string, input: WritePostInput): Promise<WritePostResult> {
  const target = resolveInside(ctx.outDir, file);
  const bytes = Buffer.from(renderPostFile(input.meta, input.url, input.markdown), 'utf8');
  const hash = sha256(bytes);
  const existing = await readIfExists(target);
  const status: WriteStatus = !existing ? 'new' : existing.equals(bytes) ? 'unchanged' : 'changed';
  if (status === 'changed' && ctx.history) await keepPrevious(ctx, file, existing!);
  const prev = ctx.entry(key);
  let snapshot = prev?.snapshot;
  // Before the post file: a post file on disk always has the snapshot it was made from.
  if (ctx.keepHtml && input.html !== undefined) snapshot = await writeSnapshot(ctx.outDir, key, input.html, ctx.durable);
  const entry = archivedEntry(input, file, hash, snapshot);
  if (status === 'unchanged') {
    ctx.record(key, entry, prev);
    return { status, file, hash };
  }
  // Journaled before the rename, so that a run killed at any instant leaves no post file its manifest
  // does not fully describe (images, snapshot, validators); a record whose rename never happened is
  // found on opening by its hash (see verifyJournaled) and the post fetched again.
  let recorded = false;
  try {
    await atomicWrite(target, bytes, {
      durable: ctx.durable,
      root: ctx.outDir,
      beforeRename: () => {
        ctx.record(key, entry, prev);
        recorded = true;
      },
    });
  } catch (error) {
    if (recorded) ctx.record(key, prev ?? { url: input.url, file, status: 'failed', error: (error as Error).message }, ctx.entry(key));
    throw error;
  }
  return { status, file, hash };
}

/** The version a changed post replaces, kept under HISTORY_DIR once per content. */
async function keepPrevious(ctx: PostWriteContext, file: string, previous: Buffer): Promise<void> {
  const stem = file.replace(/\.md$/, '');
  const keep = resolveInside(ctx.outDir, `${HISTORY_DIR}/${stem}/${sha256(previous).slice(0, 8)}.md.orig`);
  if (!existsSync(keep)) await atomicWrite(keep, previous, { durable: ctx.durable, root: ctx.outDir });
}
