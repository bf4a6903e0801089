/**
 * The archive on disk: post files, assets, manifest, settings, snapshots. One ArchiveStore per run
 * holds the archive's lock; every file goes through atomicWrite, every manifest change through the
 * journal, so a run killed at any instant leaves an archive the next run opens and resumes. Loading
 * and repairs live in recovery.ts, images in asset-store.ts, file names in post-files.ts.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PostMeta } from '../types.js';
import { keyOf, now, readIfExists } from './archive-files.js';
import { AssetStore, DEFAULT_MAX_ASSET_BYTES } from './asset-store.js';
import { atomicWrite } from './atomic-write.js';
import { resolveInside } from './filenames.js';
import { parsePostFile, type ParsedPost } from './front-matter.js';
import { ArchiveError, JOURNAL_FILE, LAST_RUN_FILE, LOCK_FILE, MANIFEST_FILE, SETTINGS_FILE, discardCreated, prepareFolders } from './layout.js';
import { ArchiveLock } from './lock.js';
import { Journal, compactManifest, sameEntry, type ManifestEntry } from './manifest.js';
import { PostFiles } from './post-files.js';
import { failedEntry, notModifiedEntry, type Validators, type WritePostInput, type WritePostResult } from './post-entries.js';
import { writePostFile, type PostWriteContext } from './post-writer.js';
import { carryOverJournaled, indexPostFiles, loadEntries, recover, type ArchiveState, type RecoveryReport } from './recovery.js';
import { loadSettings, type ArchiveSettings } from './settings.js';
import { readSnapshotFile, snapshotPath, writeSnapshot } from './snapshots.js';

export { LockError } from './lock.js';
export { PathEscapeError } from './filenames.js';
export { parsePostFile, renderPostFile } from './front-matter.js';
export type { ManifestEntry, EntryStatus } from './manifest.js';
export { ASSETS_DIR, ArchiveError, HISTORY_DIR, META_DIR } from './layout.js';
export { AssetTooLargeError, DEFAULT_MAX_ASSET_BYTES } from './asset-store.js';
export type { RecoveryReport } from './recovery.js';
export type { ArchiveSettings } from './settings.js';
export type { WritePostInput, WritePostResult, WriteStatus } from './post-entries.js';

export interface ArchiveStoreOptions {
  /** Keep the previous version of a changed post under .blogvault/history/. */
  history?: boolean;
  /** Store raw HTML passed to writePost as a gzip snapshot. */
  keepHtml?: boolean;
  /** saveAsset refuses larger assets (AssetTooLargeError). */
  maxAssetBytes?: number;
  /** fsync files, directories and the journal (default true). */
  durable?: boolean;
}

export class ArchiveStore {
  /** Absolute path of the archive folder. */
  readonly outDir: string;
  readonly recovery: RecoveryReport = { interrupted: false, journaled: [], adopted: [], lostFiles: [], removedTemps: 0 };

  private readonly entryMap = new Map<string, ManifestEntry>();
  private readonly files: PostFiles;
  private readonly assets: AssetStore;
  private readonly state: ArchiveState;
  private readonly postWrites: PostWriteContext;
  private readonly postQueues = new Map<string, Promise<unknown>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private journal: Journal | undefined;
  private journalDirty = false;
  private lock: ArchiveLock | undefined;
  private closed = false;
  private readonly durable: boolean;
  /** Folders this run made (outermost first): removed again when it closes with nothing recorded. */
  private created: string[] = [];

  private constructor(outDir: string, options: ArchiveStoreOptions, private readonly readOnly: boolean) {
    this.outDir = resolve(outDir);
    this.durable = options.durable ?? true;
    this.files = new PostFiles(this.outDir);
    this.assets = new AssetStore(this.outDir, {
      durable: this.durable,
      maxBytes: options.maxAssetBytes ?? DEFAULT_MAX_ASSET_BYTES,
      track: (write) => this.track(write),
    });
    this.state = { outDir: this.outDir, entries: this.entryMap, files: this.files, recovery: this.recovery };
    this.postWrites = {
      outDir: this.outDir,
      durable: this.durable,
      history: options.history ?? false,
      keepHtml: options.keepHtml ?? false,
      entry: (key) => this.entryMap.get(key),
      record: (key, entry, prev) => this.record(key, entry, prev),
    };
  }

  /** Opens (creating if needed) the archive at `outDir` for a run: takes the lock, loads and repairs the manifest. */
  static async open(outDir: string, options: ArchiveStoreOptions = {}): Promise<ArchiveStore> {
    const store = new ArchiveStore(outDir, options, false);
    store.created = await prepareFolders(store.outDir);
    store.lock = ArchiveLock.acquire(join(store.outDir, LOCK_FILE), outDir);
    try {
      await store.load();
      await recover(store.state, store.durable);
      store.journal = new Journal(join(store.outDir, JOURNAL_FILE), store.durable);
      if (carryOverJournaled(store.state, store.journal)) store.journalDirty = true;
    } catch (error) {
      store.lock.release();
      throw error;
    }
    return store;
  }

  /** Opens an existing archive for reading (export, rebuild, inspect): no lock, no writes. */
  static async openReadOnly(outDir: string): Promise<ArchiveStore> {
    const store = new ArchiveStore(outDir, {}, true);
    if (!existsSync(join(store.outDir, MANIFEST_FILE)) && !existsSync(join(store.outDir, JOURNAL_FILE))) {
      throw new ArchiveError(outDir, 'not a blogvault archive (no .blogvault/manifest.json)');
    }
    await store.load();
    await indexPostFiles(store.state);
    return store;
  }

  /** The settings saved by the archive's last run; undefined when `outDir` has none (not an archive). */
  static loadSettings<T extends Pick<ArchiveSettings, 'startUrl'> = ArchiveSettings>(outDir: string): Promise<T | undefined> {
    return loadSettings<T>(outDir);
  }

  // ---- reading ----

  entry(url: string): ManifestEntry | undefined {
    const entry = this.entryMap.get(keyOf(url));
    return entry && { ...entry };
  }

  /** All entries, sorted by normalised URL. */
  entries(): ManifestEntry[] {
    return [...this.entryMap.keys()].sort().map((key) => ({ ...this.entryMap.get(key)! }));
  }

  /** Reads back an archived post file. */
  async readPost(url: string): Promise<ParsedPost | undefined> {
    const file = this.entryMap.get(keyOf(url))?.file;
    if (!file) return undefined;
    const bytes = await readIfExists(resolveInside(this.outDir, file));
    return bytes && parsePostFile(bytes.toString('utf8'), file);
  }

  async readSnapshot(url: string): Promise<Buffer | undefined> {
    return readSnapshotFile(resolveInside(this.outDir, snapshotPath(keyOf(url))));
  }

  /** Posts that have a raw HTML snapshot, for `rebuild`. */
  snapshots(): { url: string; file: string }[] {
    return this.entries()
      .filter((e) => e.snapshot)
      .map((e) => ({ url: e.url, file: e.snapshot! }));
  }

  // ---- writing ----

  /** Gives back a file name postPath handed out for a page that turned out not to be a post. */
  release(url: string): void {
    const key = keyOf(url);
    if (this.entryMap.has(key)) return;
    this.files.release(key);
  }

  /**
   * The post file (relative, posix) for `url`: the one the manifest already gives it, else a fresh
   * name from the URL's slug that no other post, and no file already present, uses (`-2`, `-3`...).
   * Stable across runs once the post is recorded.
   */
  postPath(url: string, meta?: Pick<PostMeta, 'title'>): string {
    const key = keyOf(url);
    return this.entryMap.get(key)?.file ?? this.files.reservedFor(key) ?? this.files.reserve(key, meta?.title);
  }

  /**
   * Writes a post: 'new' when its file did not exist, 'unchanged' (nothing written) when the
   * rendered bytes equal the file's, 'changed' otherwise (previous version kept with `history`).
   */
  writePost(input: WritePostInput): Promise<WritePostResult> {
    this.assertWritable();
    const key = keyOf(input.url);
    const previous = this.postQueues.get(key) ?? Promise.resolve();
    const task = previous.catch(() => undefined).then(() => writePostFile(this.postWrites, key, this.postPath(input.url, input.meta), input));
    this.postQueues.set(key, task);
    return this.track(task).finally(() => {
      if (this.postQueues.get(key) === task) this.postQueues.delete(key);
    });
  }

  /**
   * The page did not change (a 304, or the same bytes as `source` recorded): the archived file stands;
   * validators refreshed, any failure cleared.
   */
  markNotModified(url: string, validators: Validators = {}): void {
    this.assertWritable();
    const key = keyOf(url);
    const prev = this.entryMap.get(key);
    if (!prev?.file || !prev.hash) throw new Error(`${url}: marked not modified, but the archive has no file for it`);
    this.record(key, notModifiedEntry(prev, validators), prev);
  }

  /**
   * Records a failure. A post archived earlier keeps its file and its status (the error and attempt
   * count are noted); a post never archived becomes 'failed' with the reason, so the next run retries it.
   */
  markFailed(url: string, reason: string): void {
    this.assertWritable();
    const key = keyOf(url);
    const prev = this.entryMap.get(key);
    this.record(key, failedEntry(prev, url, reason), prev);
  }

  /**
   * Tells the store which posts the blog lists now (call only after a complete walk of the index).
   * Archived posts absent from `urls` become 'missing' (their files are kept); missing posts listed
   * again become 'archived'. Returns the URLs of all missing posts.
   */
  markListed(urls: Iterable<string>): string[] {
    this.assertWritable();
    const listed = new Set<string>();
    for (const url of urls) listed.add(keyOf(url));
    const missing: string[] = [];
    for (const key of [...this.entryMap.keys()].sort()) {
      const prev = this.entryMap.get(key)!;
      if (prev.status === 'archived' && !listed.has(key)) this.record(key, { ...prev, status: 'missing' }, prev);
      else if (prev.status === 'missing' && listed.has(key)) this.record(key, { ...prev, status: 'archived' }, prev);
      if (this.entryMap.get(key)!.status === 'missing') missing.push(this.entryMap.get(key)!.url);
    }
    return missing;
  }

  /** Stores an asset once per content (see AssetStore.save); returns its archive path, `assets/...`. */
  saveAsset(bytes: Uint8Array, sourceUrl: string, contentType?: string): Promise<string> {
    this.assertWritable();
    return this.assets.save(bytes, sourceUrl, contentType);
  }

  /** Stores the raw HTML of a post (gzip) and records it on the post's entry; returns its relative path. */
  async saveSnapshot(url: string, html: string | Uint8Array): Promise<string> {
    this.assertWritable();
    const key = keyOf(url);
    const file = await this.track(writeSnapshot(this.outDir, key, html, this.durable));
    const prev = this.entryMap.get(key);
    if (prev && prev.snapshot !== file) this.record(key, { ...prev, snapshot: file }, prev);
    return file;
  }

  /** True when `path` (as returned by saveAsset, e.g. from an earlier run's entry) is a file in the archive. */
  hasAsset(path: string): Promise<boolean> {
    return this.assets.has(path);
  }

  /** Keeps the summary of this run (times, counts) as `.blogvault/last-run.json`, apart from the manifest so that quiet runs leave it untouched. */
  async recordRun(summary: object): Promise<void> {
    this.assertWritable();
    await this.track(atomicWrite(join(this.outDir, LAST_RUN_FILE), `${JSON.stringify(summary, null, 2)}\n`, { durable: this.durable, root: this.outDir }));
  }

  async saveSettings(settings: ArchiveSettings): Promise<void> {
    this.assertWritable();
    const file = join(this.outDir, SETTINGS_FILE);
    const text = `${JSON.stringify(settings, null, 2)}\n`;
    // A rerun mostly saves what it read: writing the same bytes again cost every nightly run a durable
    // write (two fsyncs, 5 ms here) and the file a new mtime.
    const save = async () => {
      if ((await readIfExists(file))?.toString('utf8') !== text) await atomicWrite(file, text, { durable: this.durable, root: this.outDir });
    };
    await this.track(save());
  }

  /** Waits for pending writes, folds the journal into manifest.json, releases the lock. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.readOnly) return;
    try {
      await Promise.allSettled([...this.inFlight]);
      this.journal?.close();
      if (this.journalDirty) {
        await compactManifest(join(this.outDir, MANIFEST_FILE), join(this.outDir, JOURNAL_FILE), this.entryMap, this.durable, this.outDir);
      }
    } finally {
      this.lock?.release();
    }
    if (this.entryMap.size === 0 && this.assets.saved === 0 && this.created.length) await discardCreated(this.created);
  }

  // ---- internals ----

  private assertWritable(): void {
    if (this.readOnly) throw new ArchiveError(this.outDir, 'opened read-only');
    if (this.closed) throw new ArchiveError(this.outDir, 'store is closed');
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    promise.then(
      () => this.inFlight.delete(promise),
      () => this.inFlight.delete(promise),
    );
    return promise;
  }

  /** Applies an entry change and appends it to the journal, unless nothing but the time would change. */
  private record(key: string, entry: ManifestEntry, prev: ManifestEntry | undefined): void {
    if (prev && sameEntry(prev, entry)) return;
    // Object.assign adds the fields one by one along V8's shared transitions: every entry of a shape
    // shares one hidden class. `{ ...entry, updatedAt }` gave each entry a hidden class of its own (a
    // map and descriptor array, 430 bytes; 3.9 MB of the main thread's heap at 9,000 posts).
    const stamped: ManifestEntry = Object.assign({}, entry, { updatedAt: now() });
    // Journaled first: an append that fails (disk full) leaves the entry as the manifest knows it.
    this.journal!.append(key, stamped);
    this.journalDirty = true;
    this.entryMap.set(key, stamped);
    if (stamped.file) this.files.own(stamped.file, key);
  }

  private async load(): Promise<void> {
    await loadEntries(this.state);
    await this.assets.load();
  }
}
