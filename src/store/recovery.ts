/**
 * Loading an archive's entries and repairing what a run killed at any instant left behind: the
 * journal replayed, post files the manifest missed adopted, lost files marked for refetching,
 * temporary files removed.
 */
import { existsSync, lstatSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { keyOf, now, readIfExists, sha256 } from './archive-files.js';
import { removeStaleTemps } from './atomic-write.js';
import { resolveInside } from './filenames.js';
import { parsePostFile, type ParsedPost } from './front-matter.js';
import { ASSETS_DIR, HISTORY_DIR, JOURNAL_FILE, MANIFEST_FILE, META_DIR, isInside } from './layout.js';
import { compactManifest, readManifest, replayJournal, type Journal, type ManifestEntry } from './manifest.js';
import type { PostFiles } from './post-files.js';
import { SNAPSHOT_DIR } from './snapshots.js';

/** What opening found of an earlier run that did not close cleanly. */
export interface RecoveryReport {
  /** The previous run ended without close() (killed, crashed). */
  interrupted: boolean;
  /**
   * URLs the unfinished runs since the last clean close recorded (their post files are in place):
   * already archived, a resuming run need not fetch them again. Carried into this run's journal, so
   * that a run killed again while resuming still hands them on.
   */
  journaled: string[];
  /** URLs of post files found on disk that the manifest did not list (died between file and journal), now adopted. */
  adopted: string[];
  /** URLs whose post file had disappeared from the archive; their entries now say 'failed' so they are fetched again. */
  lostFiles: string[];
  /** Temporary files of interrupted writes that were removed. */
  removedTemps: number;
}

/** The archive as the store holds it in memory, which loading fills and recovery repairs. */
export interface ArchiveState {
  /** Absolute path of the archive folder. */
  readonly outDir: string;
  /** Normalised URL -> entry. */
  readonly entries: Map<string, ManifestEntry>;
  readonly files: PostFiles;
  readonly recovery: RecoveryReport;
}

/** Reads the manifest and replays the journal of the runs that did not close. */
export async function loadEntries(state: ArchiveState): Promise<void> {
  const { outDir, entries, recovery } = state;
  for (const [key, entry] of await readManifest(join(outDir, MANIFEST_FILE))) entries.set(key, entry);
  const touched = await replayJournal(join(outDir, JOURNAL_FILE), entries);
  recovery.interrupted = existsSync(join(outDir, JOURNAL_FILE));
  recovery.journaled = [...touched].sort().map((key) => entries.get(key)!.url);
  for (const [key, entry] of entries) {
    if (entry.file) state.files.own(entry.file, key);
  }
}

/**
 * Post files the manifest does not know (the run died between renaming the file and journaling
 * it) are recognised by their `url` front matter and adopted, so they are neither lost nor
 * written again under a second name.
 */
export async function indexPostFiles(state: ArchiveState): Promise<void> {
  const { outDir, entries } = state;
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch {
    return;
  }
  for (const name of names.filter((n) => n.endsWith('.md') && !n.startsWith('.')).sort()) {
    if (state.files.taken(name)) continue;
    // Only regular files: a symlink may point anywhere, and adopting it would let writes follow it.
    if (!lstatSync(join(outDir, name)).isFile()) continue;
    const bytes = await readIfExists(join(outDir, name));
    if (!bytes) continue;
    let parsed: ParsedPost;
    try {
      parsed = parsePostFile(bytes.toString('utf8'), name);
    } catch {
      continue;
    }
    let key: string;
    try {
      key = keyOf(parsed.url);
    } catch {
      continue;
    }
    const prev = entries.get(key);
    if (prev?.file && prev.hash && existsSync(join(outDir, prev.file))) continue;
    const entry: ManifestEntry = {
      ...prev,
      url: parsed.url,
      file: name,
      status: 'archived',
      hash: sha256(bytes),
      title: parsed.meta.title || undefined,
      date: parsed.meta.date,
      error: undefined,
      attempts: undefined,
    };
    entries.set(key, { ...entry, updatedAt: now() });
    state.files.own(name, key);
    state.recovery.adopted.push(parsed.url);
  }
}

/** Repairs what an interrupted run left, then folds the repairs into manifest.json. */
export async function recover(state: ArchiveState, durable: boolean): Promise<void> {
  const { outDir, entries, recovery } = state;
  let removed = 0;
  // History keeps one folder per post: a run killed while saving a previous version leaves its temp there.
  const historyDirs = await readdir(join(outDir, HISTORY_DIR), { withFileTypes: true }).then(
    (found) => found.filter((e) => e.isDirectory()).map((e) => `${HISTORY_DIR}/${e.name}`),
    () => [] as string[],
  );
  for (const dir of ['.', META_DIR, ASSETS_DIR, SNAPSHOT_DIR, ...historyDirs]) {
    // A folder linked to somewhere else is not the archive's to clean.
    if (await isInside(outDir, dir)) removed += await removeStaleTemps(join(outDir, dir));
  }
  recovery.removedTemps = removed;
  await indexPostFiles(state);
  for (const [key, entry] of entries) {
    if (!entry.file || !entry.hash) continue;
    // Synchronous: nothing else is under way while the archive opens, and a stat through the thread
    // pool and a promise per post made opening a 1,000-post archive cost 50-90 ms of CPU more.
    if (fileExists(resolveInside(outDir, entry.file))) continue;
    // Validators would make the next fetch a 304 for a file that is gone: drop them (and the hash of
    // the lost bytes) and refetch. What describes the post (title, date, images, snapshot) stays, so
    // `rebuild` can restore the file without the network.
    entries.set(key, {
      ...entry,
      status: 'failed',
      hash: undefined,
      etag: undefined,
      lastModified: undefined,
      source: undefined,
      error: 'post file is missing from the archive',
      attempts: undefined,
      updatedAt: now(),
    });
    recovery.lostFiles.push(entry.url);
  }
  await verifyJournaled(state);
  if (recovery.interrupted || recovery.adopted.length || recovery.lostFiles.length) {
    await compactManifest(join(outDir, MANIFEST_FILE), join(outDir, JOURNAL_FILE), entries, durable, outDir);
  }
}

/** Whether `path` names something that exists, its symlinks followed (any error reads as no). */
function fileExists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/**
 * A post is journaled just before its file is renamed into place: a run killed in between left the
 * previous file (a missing one is a lost file, handled apart). Such an entry keeps the hash of the
 * bytes really there, loses its validators so the next fetch is unconditional, and is not resumed.
 */
async function verifyJournaled(state: ArchiveState): Promise<void> {
  const { outDir, entries, recovery } = state;
  const stale = new Set<string>();
  for (const url of recovery.journaled) {
    const key = keyOf(url);
    const entry = entries.get(key);
    if (entry?.status !== 'archived' || !entry.file || !entry.hash) continue;
    const bytes = await readIfExists(resolveInside(outDir, entry.file));
    if (!bytes || sha256(bytes) === entry.hash) continue;
    entries.set(key, { ...entry, hash: sha256(bytes), etag: undefined, lastModified: undefined, source: undefined, updatedAt: now() });
    stale.add(url);
  }
  if (stale.size) recovery.journaled = recovery.journaled.filter((url) => !stale.has(url));
}

/**
 * Re-journals what the interrupted runs archived: the compacted journal is gone, and this run may be
 * killed too. Returns whether it appended anything.
 */
export function carryOverJournaled(state: ArchiveState, journal: Journal): boolean {
  let appended = false;
  for (const url of state.recovery.journaled) {
    const key = keyOf(url);
    const entry = state.entries.get(key);
    if (entry?.status !== 'archived') continue;
    journal.append(key, entry);
    appended = true;
  }
  return appended;
}
