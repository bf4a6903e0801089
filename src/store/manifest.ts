/**
 * The manifest lists every post the archive knows: `.blogvault/manifest.json`, keyed by normalised
 * URL and sorted, rewritten atomically. Between rewrites, every change is appended to
 * `.blogvault/journal.jsonl` (one whole entry per line, so replaying is idempotent): appending costs
 * O(entry) per post instead of O(manifest), and a line handed to the kernel survives SIGKILL.
 */
import { closeSync, constants, fsync, openSync, writeSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { asWriteError, atomicWrite } from './atomic-write.js';

export type EntryStatus = 'archived' | 'failed' | 'missing';

export interface ManifestEntry {
  /** Source URL as given by the pipeline (the same string as the post's `url` front matter). */
  url: string;
  /** Post file relative to the archive folder (posix); absent for a post never written. */
  file?: string;
  status: EntryStatus;
  /** sha256 (hex) of the post file's bytes. */
  hash?: string;
  etag?: string;
  lastModified?: string;
  /**
   * sha256 (hex) of the page as fetched: a server that ignores conditional requests answers 200 with
   * the same bytes, and this lets the run skip extracting them again.
   */
  source?: string;
  /**
   * What the post was extracted and converted with (`extractionRules`): blogvault's version and the
   * options that shape a post file. A page whose bytes did not change is processed again when it differs.
   */
  rules?: string;
  title?: string;
  date?: string;
  /** Terms the blog's feed gave the post (a theme may show only one tag). */
  terms?: string[];
  /** Images the post references: source URL -> archive path (relative, posix). */
  assets?: Record<string, string>;
  /** Raw HTML snapshot (relative, posix), with --keep-html. */
  snapshot?: string;
  /** Reason of the last failure; kept on an archived entry whose refresh failed. */
  error?: string;
  /** Consecutive failed attempts; cleared by a success. */
  attempts?: number;
  /** When the entry last changed (content, status or failure): a run time, allowed here, never in post files. */
  updatedAt?: string;
}

/** Entry fields in the order they are written, so that the manifest's bytes depend on content only. */
const ENTRY_KEYS: (keyof ManifestEntry)[] = [
  'url',
  'file',
  'status',
  'hash',
  'etag',
  'lastModified',
  'source',
  'rules',
  'title',
  'date',
  'terms',
  'assets',
  'snapshot',
  'error',
  'attempts',
  'updatedAt',
];

export const MANIFEST_VERSION = 1;

export class ManifestError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
    this.name = 'ManifestError';
  }
}

function orderedEntry(entry: ManifestEntry): ManifestEntry {
  const out: Record<string, unknown> = {};
  for (const key of ENTRY_KEYS) {
    const value = entry[key];
    if (value === undefined || value === '') continue;
    if (typeof value === 'object' && Object.keys(value).length === 0) continue;
    out[key] = value;
  }
  return out as unknown as ManifestEntry;
}

/** Equal apart from updatedAt, whatever the key order: recording such a change would only churn the manifest. */
export function sameEntry(a: ManifestEntry, b: ManifestEntry): boolean {
  return JSON.stringify(orderedEntry({ ...a, updatedAt: undefined })) === JSON.stringify(orderedEntry({ ...b, updatedAt: undefined }));
}

function validEntry(value: unknown): value is ManifestEntry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.url === 'string' &&
    (e.file === undefined || typeof e.file === 'string') &&
    (e.status === 'archived' || e.status === 'failed' || e.status === 'missing')
  );
}

/** Serialises entries sorted by key (normalised URL); same entries, same bytes. */
export function serializeManifest(entries: Map<string, ManifestEntry>): string {
  return [...manifestText(entries)].join('');
}

/** Characters of manifest text handed to the writer at a time. */
const TEXT_CHUNK = 64 * 1024;

/**
 * The text of serializeManifest, byte for byte, in pieces: the manifest is written at the end of every
 * run, and built whole (a copy of every entry, then one string of them all) it was the run's largest
 * allocation, some 25 MB for 10,000 posts, taken when the heap is at its fullest.
 */
export function* manifestText(entries: Map<string, ManifestEntry>): Generator<string> {
  const head = `{\n  "version": ${MANIFEST_VERSION},\n  "generator": "blogvault",\n  "posts": {`;
  const keys = [...entries.keys()].sort();
  if (!keys.length) {
    yield `${head}}\n}\n`;
    return;
  }
  let text = head;
  for (let i = 0; i < keys.length; i++) {
    // One entry as JSON.stringify(…, null, 2) writes it two levels deep.
    const entry = JSON.stringify(orderedEntry(entries.get(keys[i]!)!), null, 2).replaceAll('\n', '\n    ');
    text += `${i ? ',' : ''}\n    ${JSON.stringify(keys[i])}: ${entry}`;
    if (text.length >= TEXT_CHUNK) {
      yield text;
      text = '';
    }
  }
  yield `${text}\n  }\n}\n`;
}

/** Reads manifest.json; a missing file is an empty manifest, a corrupt one an error (never silently dropped). */
export async function readManifest(file: string): Promise<Map<string, ManifestEntry>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  let data: { version?: unknown; posts?: unknown };
  try {
    data = JSON.parse(text) as typeof data;
  } catch (error) {
    throw new ManifestError(file, `not valid JSON (${(error as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ManifestError(file, 'not a blogvault manifest (expected a JSON object)');
  if (typeof data.version === 'number' && data.version > MANIFEST_VERSION) {
    throw new ManifestError(file, `written by a newer blogvault (manifest version ${data.version})`);
  }
  if (!data.posts || typeof data.posts !== 'object') throw new ManifestError(file, 'has no "posts" object');
  const entries = new Map<string, ManifestEntry>();
  for (const [key, value] of Object.entries(data.posts as Record<string, unknown>)) {
    if (validEntry(value)) entries.set(key, value);
  }
  return entries;
}

interface JournalRecord {
  key: string;
  entry: ManifestEntry;
}

/**
 * One journal line. A line torn by a failed append (disk full) has the next record glued to its
 * end: that record is still recovered from where it starts.
 */
function parseRecord(line: string): Partial<JournalRecord> | undefined {
  for (let start = 0; start >= 0; start = line.indexOf('{"key":', start + 1)) {
    try {
      return JSON.parse(line.slice(start)) as Partial<JournalRecord>;
    } catch {
      // Try the next record start in the line.
    }
  }
  return undefined;
}

/**
 * Applies the journal's records to `entries`; returns the keys it touched. A torn last line (power
 * loss mid-append) is skipped: the post file it described is recovered from its front matter.
 */
export async function replayJournal(file: string, entries: Map<string, ManifestEntry>): Promise<Set<string>> {
  const touched = new Set<string>();
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return touched;
    throw error;
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const record = parseRecord(line);
    if (!record || typeof record !== 'object') continue;
    if (typeof record.key === 'string' && validEntry(record.entry)) {
      entries.set(record.key, record.entry);
      touched.add(record.key);
    }
  }
  return touched;
}

/** Writes the manifest atomically, then empties the journal it now contains. */
export async function compactManifest(manifestFile: string, journalFile: string, entries: Map<string, ManifestEntry>, durable: boolean, root?: string): Promise<void> {
  await atomicWrite(manifestFile, manifestText(entries), { durable, root });
  // Only after the manifest is safely renamed: a crash in between replays records already applied.
  await rm(journalFile, { force: true });
}

/**
 * Append-only journal writer. Each record is one write(2) of a whole line, so a killed process
 * leaves complete lines; fsync is batched (at most one in flight, every `syncDelayMs`) because
 * durability across power loss is backed up by recovering post files from their front matter.
 */
export class Journal {
  private fd: number | undefined;
  private syncTimer: NodeJS.Timeout | undefined;
  private dirty = false;

  constructor(private readonly file: string, private readonly durable: boolean, private readonly syncDelayMs = 200) {}

  append(key: string, entry: ManifestEntry): void {
    try {
      // Never through a symbolic link: appending would write wherever it points.
      this.fd ??= openSync(this.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
      const line = Buffer.from(`${JSON.stringify({ key, entry: orderedEntry(entry) })}\n`);
      for (let written = 0; written < line.length; ) written += writeSync(this.fd, line, written);
    } catch (error) {
      throw asWriteError(this.file, error);
    }
    this.dirty = true;
    if (this.durable && !this.syncTimer) {
      this.syncTimer = setTimeout(() => this.sync(), this.syncDelayMs);
      this.syncTimer.unref();
    }
  }

  private sync(): void {
    this.syncTimer = undefined;
    if (this.fd === undefined || !this.dirty) return;
    this.dirty = false;
    fsync(this.fd, () => undefined);
  }

  close(): void {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
