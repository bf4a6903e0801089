/**
 * The archive on disk: post files, assets, manifest, settings, snapshots. One ArchiveStore per run
 * holds the archive's lock; every file goes through atomicWrite, every manifest change through the
 * journal, so a run killed at any instant leaves an archive the next run opens and resumes.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, lstatSync, openSync, readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, realpath, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { normalizeUrl } from '../url/url.js';
import type { Overrides, PostMeta } from '../types.js';
import { assetFileName, hash8OfAssetName } from './asset-names.js';
import { atomicWrite, forgetDirsUnder, removeStaleTemps } from './atomic-write.js';
import { PathEscapeError, clashKey, postSlug, resolveInside } from './filenames.js';
import { parsePostFile, renderPostFile, type ParsedPost } from './front-matter.js';
import { ArchiveLock } from './lock.js';
import { Journal, compactManifest, readManifest, replayJournal, sameEntry, type ManifestEntry } from './manifest.js';
import { SNAPSHOT_DIR, compressSnapshot, readSnapshotFile, snapshotPath } from './snapshots.js';

export { LockError } from './lock.js';
export { PathEscapeError } from './filenames.js';
export { parsePostFile, renderPostFile } from './front-matter.js';
export type { ManifestEntry, EntryStatus } from './manifest.js';

export const META_DIR = '.blogvault';
export const ASSETS_DIR = 'assets';
export const HISTORY_DIR = `${META_DIR}/history`;
const MANIFEST_FILE = `${META_DIR}/manifest.json`;
const JOURNAL_FILE = `${META_DIR}/journal.jsonl`;
const SETTINGS_FILE = `${META_DIR}/settings.json`;
const LOCK_FILE = `${META_DIR}/lock`;
const LAST_RUN_FILE = `${META_DIR}/last-run.json`;

export const DEFAULT_MAX_ASSET_BYTES = 25 * 1024 * 1024;

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

export interface WritePostInput {
  url: string;
  meta: PostMeta;
  markdown: string;
  etag?: string;
  lastModified?: string;
  /** sha256 of the fetched page, recorded so the next run can tell an unchanged page without a 304. */
  source?: string;
  /** ManifestEntry.rules: what the post was extracted with. */
  rules?: string;
  /** Images the Markdown references: source URL -> archive path (as returned by saveAsset), for reuse by later runs. */
  assets?: Record<string, string>;
  /** The fetched HTML, stored as a snapshot when the store was opened with keepHtml. */
  html?: string | Uint8Array;
  /** The feed's terms for the post, kept so that `rebuild` extracts what the run did. */
  terms?: string[];
}

export type WriteStatus = 'new' | 'changed' | 'unchanged';

export interface WritePostResult {
  status: WriteStatus;
  /** Post file relative to the archive folder (posix). */
  file: string;
  hash: string;
}

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

/** What `update` needs to repeat a run: the start URL and the run's options (whatever the CLI saved). */
export interface ArchiveSettings {
  startUrl: string;
  history?: boolean;
  keepHtml?: boolean;
  overrides?: Overrides;
  [key: string]: unknown;
}

export class AssetTooLargeError extends Error {
  constructor(readonly url: string, readonly size: number, readonly max: number) {
    super(`${url}: asset is ${size} bytes, over the limit of ${max} bytes`);
    this.name = 'AssetTooLargeError';
  }
}

export class ArchiveError extends Error {
  constructor(readonly archive: string, reason: string) {
    super(`${archive}: ${reason}`);
    this.name = 'ArchiveError';
  }
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
const now = (): string => new Date().toISOString();

function keyOf(url: string): string {
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

async function readIfExists(file: string): Promise<Buffer | undefined> {
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
function pathTaken(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function sortedRecord(record: Record<string, string> | undefined): Record<string, string> | undefined {
  const keys = Object.keys(record ?? {}).sort();
  return keys.length ? Object.fromEntries(keys.map((k) => [k, record![k]!])) : undefined;
}

export class ArchiveStore {
  /** Absolute path of the archive folder. */
  readonly outDir: string;
  readonly recovery: RecoveryReport = { interrupted: false, journaled: [], adopted: [], lostFiles: [], removedTemps: 0 };

  private readonly entryMap = new Map<string, ManifestEntry>();
  /** clashKey(file) -> normalised URL of the post that owns (or has reserved) the file. */
  private readonly owners = new Map<string, string>();
  /** Files handed out by postPath in this run but not yet recorded in an entry. */
  private readonly reserved = new Map<string, string>();
  private readonly assetsByHash = new Map<string, Promise<string>>();
  private readonly assetNamesByHash8 = new Map<string, string[]>();
  private readonly postQueues = new Map<string, Promise<unknown>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private journal: Journal | undefined;
  private journalDirty = false;
  private lock: ArchiveLock | undefined;
  private closed = false;
  private readonly durable: boolean;
  /** Folders this run made (outermost first): removed again when it closes with nothing recorded. */
  private created: string[] = [];

  private constructor(outDir: string, private readonly options: ArchiveStoreOptions, private readonly readOnly: boolean) {
    this.outDir = resolve(outDir);
    this.durable = options.durable ?? true;
  }

  /** Opens (creating if needed) the archive at `outDir` for a run: takes the lock, loads and repairs the manifest. */
  static async open(outDir: string, options: ArchiveStoreOptions = {}): Promise<ArchiveStore> {
    const store = new ArchiveStore(outDir, options, false);
    await store.prepareFolders();
    store.lock = ArchiveLock.acquire(join(store.outDir, LOCK_FILE), outDir);
    try {
      await store.load();
      await store.recover();
      store.journal = new Journal(join(store.outDir, JOURNAL_FILE), store.durable);
      store.carryOverJournaled();
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
    await store.indexPostFiles();
    return store;
  }

  /** The settings saved by the archive's last run; undefined when `outDir` has none (not an archive). */
  static async loadSettings<T extends Pick<ArchiveSettings, 'startUrl'> = ArchiveSettings>(outDir: string): Promise<T | undefined> {
    const file = join(resolve(outDir), SETTINGS_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
    let settings: T;
    try {
      settings = JSON.parse(text) as T;
    } catch (error) {
      throw new ArchiveError(outDir, `.blogvault/settings.json is not valid JSON (${(error as Error).message})`);
    }
    if (typeof settings?.startUrl !== 'string') throw new ArchiveError(outDir, '.blogvault/settings.json has no startUrl');
    return settings;
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

  /**
   * The post file (relative, posix) for `url`: the one the manifest already gives it, else a fresh
   * name from the URL's slug that no other post, and no file already present, uses (`-2`, `-3`...).
   * Stable across runs once the post is recorded.
   */
  /** Gives back a file name postPath handed out for a page that turned out not to be a post. */
  release(url: string): void {
    const key = keyOf(url);
    const file = this.reserved.get(key);
    if (!file || this.entryMap.has(key)) return;
    this.reserved.delete(key);
    if (this.owners.get(clashKey(file)) === key) this.owners.delete(clashKey(file));
  }

  postPath(url: string, meta?: Pick<PostMeta, 'title'>): string {
    const key = keyOf(url);
    const known = this.entryMap.get(key)?.file ?? this.reserved.get(key);
    if (known) return known;
    const slug = postSlug(key, meta?.title);
    for (let n = 1; ; n++) {
      const file = n === 1 ? `${slug}.md` : `${slug}-${n}.md`;
      const clash = clashKey(file);
      if (this.owners.has(clash)) continue;
      // A file we do not own (the user's README.md, another tool's output) is never overwritten.
      if (pathTaken(resolveInside(this.outDir, file))) continue;
      this.owners.set(clash, key);
      this.reserved.set(key, file);
      return file;
    }
  }

  /**
   * Writes a post: 'new' when its file did not exist, 'unchanged' (nothing written) when the
   * rendered bytes equal the file's, 'changed' otherwise (previous version kept with `history`).
   */
  writePost(input: WritePostInput): Promise<WritePostResult> {
    this.assertWritable();
    const key = keyOf(input.url);
    const previous = this.postQueues.get(key) ?? Promise.resolve();
    const task = previous.catch(() => undefined).then(() => this.doWritePost(key, input));
    this.postQueues.set(key, task);
    return this.track(task).finally(() => {
      if (this.postQueues.get(key) === task) this.postQueues.delete(key);
    });
  }

  private async doWritePost(key: string, input: WritePostInput): Promise<WritePostResult> {
    const file = this.postPath(input.url, input.meta);
    const target = resolveInside(this.outDir, file);
    const bytes = Buffer.from(renderPostFile(input.meta, input.url, input.markdown), 'utf8');
    const hash = sha256(bytes);
    const existing = await readIfExists(target);
    const status: WriteStatus = !existing ? 'new' : existing.equals(bytes) ? 'unchanged' : 'changed';
    if (status === 'changed' && this.options.history) {
      const stem = file.replace(/\.md$/, '');
      const keep = resolveInside(this.outDir, `${HISTORY_DIR}/${stem}/${sha256(existing!).slice(0, 8)}.md.orig`);
      if (!existsSync(keep)) await atomicWrite(keep, existing!, { durable: this.durable, root: this.outDir });
    }
    const prev = this.entryMap.get(key);
    let snapshot = prev?.snapshot;
    // Before the post file: a post file on disk always has the snapshot it was made from.
    if (this.options.keepHtml && input.html !== undefined) snapshot = await this.writeSnapshot(key, input.html);
    const entry: ManifestEntry = {
      url: input.url,
      file,
      status: 'archived',
      hash,
      etag: input.etag,
      lastModified: input.lastModified,
      source: input.source,
      rules: input.rules,
      title: input.meta.title || undefined,
      date: input.meta.date,
      terms: input.terms?.length ? input.terms : undefined,
      assets: sortedRecord(input.assets),
      snapshot,
    };
    if (status === 'unchanged') {
      this.record(key, entry, prev);
      return { status, file, hash };
    }
    // Journaled before the rename, so that a run killed at any instant leaves no post file its manifest
    // does not fully describe (images, snapshot, validators); a record whose rename never happened is
    // found on opening by its hash (see verifyJournaled) and the post fetched again.
    let recorded = false;
    try {
      await atomicWrite(target, bytes, {
        durable: this.durable,
        root: this.outDir,
        beforeRename: () => {
          this.record(key, entry, prev);
          recorded = true;
        },
      });
    } catch (error) {
      if (recorded) this.record(key, prev ?? { url: input.url, file, status: 'failed', error: (error as Error).message }, this.entryMap.get(key));
      throw error;
    }
    return { status, file, hash };
  }

  /**
   * The page did not change (a 304, or the same bytes as `source` recorded): the archived file stands;
   * validators refreshed, any failure cleared.
   */
  markNotModified(url: string, validators: { etag?: string; lastModified?: string; source?: string } = {}): void {
    this.assertWritable();
    const key = keyOf(url);
    const prev = this.entryMap.get(key);
    if (!prev?.file || !prev.hash) throw new Error(`${url}: marked not modified, but the archive has no file for it`);
    this.record(key, {
      ...prev,
      status: 'archived',
      etag: validators.etag ?? prev.etag,
      lastModified: validators.lastModified ?? prev.lastModified,
      source: validators.source ?? prev.source,
      error: undefined,
      attempts: undefined,
    }, prev);
  }

  /**
   * Records a failure. A post archived earlier keeps its file and its status (the error and attempt
   * count are noted); a post never archived becomes 'failed' with the reason, so the next run retries it.
   */
  markFailed(url: string, reason: string): void {
    this.assertWritable();
    const key = keyOf(url);
    const prev = this.entryMap.get(key);
    const attempts = (prev?.attempts ?? 0) + 1;
    const kept = prev && prev.status !== 'failed' && prev.hash;
    const entry: ManifestEntry = kept
      ? { ...prev, error: reason, attempts }
      : { url: prev?.url ?? url, file: prev?.file, status: 'failed', error: reason, attempts };
    this.record(key, entry, prev);
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

  /**
   * Stores an asset once per content: returns `assets/<name>-<hash8>.<ext>`; the same bytes from any
   * URL return the file already there (never rewritten).
   */
  saveAsset(bytes: Uint8Array, sourceUrl: string, contentType?: string): Promise<string> {
    this.assertWritable();
    const max = this.options.maxAssetBytes ?? DEFAULT_MAX_ASSET_BYTES;
    if (bytes.byteLength > max) return Promise.reject(new AssetTooLargeError(sourceUrl, bytes.byteLength, max));
    const hash = sha256(bytes);
    let saved = this.assetsByHash.get(hash);
    if (!saved) {
      saved = this.track(this.doSaveAsset(bytes, hash, sourceUrl, contentType));
      // A failed write must not poison later attempts for the same bytes.
      saved.catch(() => this.assetsByHash.delete(hash));
      this.assetsByHash.set(hash, saved);
    }
    return saved;
  }

  private async doSaveAsset(bytes: Uint8Array, hash: string, sourceUrl: string, contentType?: string): Promise<string> {
    for (const name of this.assetNamesByHash8.get(hash.slice(0, 8)) ?? []) {
      const existing = await readIfExists(resolveInside(this.outDir, `${ASSETS_DIR}/${name}`));
      if (existing && sha256(existing) === hash) return `${ASSETS_DIR}/${name}`;
    }
    let name = assetFileName(sourceUrl, hash, contentType);
    if (existsSync(resolveInside(this.outDir, `${ASSETS_DIR}/${name}`))) {
      // Same name and hash8, different bytes: a truncated-hash collision; the full hash tells them apart.
      name = name.replace(/-[0-9a-f]{8}\./, `-${hash}.`);
    }
    await atomicWrite(resolveInside(this.outDir, `${ASSETS_DIR}/${name}`), bytes, { durable: this.durable, root: this.outDir });
    const h8 = hash.slice(0, 8);
    this.assetNamesByHash8.set(h8, [...(this.assetNamesByHash8.get(h8) ?? []), name]);
    return `${ASSETS_DIR}/${name}`;
  }

  /** Stores the raw HTML of a post (gzip) and records it on the post's entry; returns its relative path. */
  async saveSnapshot(url: string, html: string | Uint8Array): Promise<string> {
    this.assertWritable();
    const key = keyOf(url);
    const file = await this.track(this.writeSnapshot(key, html));
    const prev = this.entryMap.get(key);
    if (prev && prev.snapshot !== file) this.record(key, { ...prev, snapshot: file }, prev);
    return file;
  }

  private async writeSnapshot(key: string, html: string | Uint8Array): Promise<string> {
    const file = snapshotPath(key);
    const target = resolveInside(this.outDir, file);
    const bytes = compressSnapshot(html);
    const existing = await readIfExists(target);
    if (!existing?.equals(bytes)) await atomicWrite(target, bytes, { durable: this.durable, root: this.outDir });
    return file;
  }

  /** True when `path` (as returned by saveAsset, e.g. from an earlier run's entry) is a file in the archive. */
  async hasAsset(path: string): Promise<boolean> {
    if (!path.startsWith(`${ASSETS_DIR}/`)) return false;
    let target: string;
    try {
      target = resolveInside(this.outDir, path);
    } catch {
      return false;
    }
    return stat(target).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  /** Keeps the summary of this run (times, counts) as `.blogvault/last-run.json`, apart from the manifest so that quiet runs leave it untouched. */
  async recordRun(summary: object): Promise<void> {
    this.assertWritable();
    await this.track(atomicWrite(join(this.outDir, LAST_RUN_FILE), `${JSON.stringify(summary, null, 2)}\n`, { durable: this.durable, root: this.outDir }));
  }

  async saveSettings(settings: ArchiveSettings): Promise<void> {
    this.assertWritable();
    await this.track(atomicWrite(join(this.outDir, SETTINGS_FILE), `${JSON.stringify(settings, null, 2)}\n`, { durable: this.durable, root: this.outDir }));
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
    if (this.entryMap.size === 0 && this.assetsByHash.size === 0 && this.created.length) await this.discardCreated();
  }

  /** A run that recorded no post (the index could not be read, no post found) leaves no empty archive behind. */
  private async discardCreated(): Promise<void> {
    const roots = this.created.filter((dir, i) => !this.created.slice(0, i).some((outer) => dir.startsWith(outer + sep)));
    for (const dir of roots) {
      await rm(dir, { recursive: true, force: true });
      forgetDirsUnder(dir);
    }
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
    const stamped = { ...entry, updatedAt: now() };
    // Journaled first: an append that fails (disk full) leaves the entry as the manifest knows it.
    this.journal!.append(key, stamped);
    this.journalDirty = true;
    this.entryMap.set(key, stamped);
    if (stamped.file) {
      this.owners.set(clashKey(stamped.file), key);
      this.reserved.delete(key);
    }
  }

  /**
   * A post is journaled just before its file is renamed into place: a run killed in between left the
   * previous file (a missing one is a lost file, handled apart). Such an entry keeps the hash of the
   * bytes really there, loses its validators so the next fetch is unconditional, and is not resumed.
   */
  private async verifyJournaled(): Promise<void> {
    const stale = new Set<string>();
    for (const url of this.recovery.journaled) {
      const key = keyOf(url);
      const entry = this.entryMap.get(key);
      if (entry?.status !== 'archived' || !entry.file || !entry.hash) continue;
      const bytes = await readIfExists(resolveInside(this.outDir, entry.file));
      if (!bytes || sha256(bytes) === entry.hash) continue;
      this.entryMap.set(key, { ...entry, hash: sha256(bytes), etag: undefined, lastModified: undefined, source: undefined, updatedAt: now() });
      stale.add(url);
    }
    if (stale.size) this.recovery.journaled = this.recovery.journaled.filter((url) => !stale.has(url));
  }

  /** Re-journals what the interrupted runs archived: the compacted journal is gone, and this run may be killed too. */
  private carryOverJournaled(): void {
    for (const url of this.recovery.journaled) {
      const key = keyOf(url);
      const entry = this.entryMap.get(key);
      if (entry?.status !== 'archived') continue;
      this.journal!.append(key, entry);
      this.journalDirty = true;
    }
  }

  /** True when `dir` (relative) exists and resolves, through any links, inside the archive folder. */
  private async isInside(dir: string): Promise<boolean> {
    try {
      const [root, real] = await Promise.all([realpath(this.outDir), realpath(join(this.outDir, dir))]);
      return real === root || real.startsWith(root + sep);
    } catch {
      return false;
    }
  }

  /** Creates the archive folders and refuses ones that resolve (through symlinks) outside the archive. */
  private async prepareFolders(): Promise<void> {
    try {
      this.created = await makeFolders(this.outDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTDIR') throw new ArchiveError(this.outDir, 'exists and is not a folder');
      throw new ArchiveError(this.outDir, `cannot create the archive folder (${code ?? (error as Error).message})`);
    }
    if (!(await stat(this.outDir)).isDirectory()) throw new ArchiveError(this.outDir, 'exists and is not a folder');
    const root = await realpath(this.outDir);
    for (const dir of [META_DIR, ASSETS_DIR]) {
      const path = join(this.outDir, dir);
      this.created.push(...(await makeFolders(path)));
      const real = await realpath(path);
      if (!real.startsWith(root + sep)) throw new PathEscapeError(root, relative(this.outDir, path));
    }
  }

  private async load(): Promise<void> {
    for (const [key, entry] of await readManifest(join(this.outDir, MANIFEST_FILE))) this.entryMap.set(key, entry);
    const touched = await replayJournal(join(this.outDir, JOURNAL_FILE), this.entryMap);
    this.recovery.interrupted = existsSync(join(this.outDir, JOURNAL_FILE));
    this.recovery.journaled = [...touched].sort().map((key) => this.entryMap.get(key)!.url);
    for (const [key, entry] of this.entryMap) {
      if (entry.file) this.owners.set(clashKey(entry.file), key);
    }
    let assetNames: string[] = [];
    try {
      assetNames = await readdir(join(this.outDir, ASSETS_DIR));
    } catch {
      assetNames = [];
    }
    for (const name of assetNames) {
      const h8 = hash8OfAssetName(name);
      if (h8) this.assetNamesByHash8.set(h8, [...(this.assetNamesByHash8.get(h8) ?? []), name]);
    }
  }

  /**
   * Post files the manifest does not know (the run died between renaming the file and journaling
   * it) are recognised by their `url` front matter and adopted, so they are neither lost nor
   * written again under a second name.
   */
  private async indexPostFiles(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.outDir);
    } catch {
      return;
    }
    for (const name of names.filter((n) => n.endsWith('.md') && !n.startsWith('.')).sort()) {
      if (this.owners.has(clashKey(name))) continue;
      // Only regular files: a symlink may point anywhere, and adopting it would let writes follow it.
      if (!lstatSync(join(this.outDir, name)).isFile()) continue;
      const bytes = await readIfExists(join(this.outDir, name));
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
      const prev = this.entryMap.get(key);
      if (prev?.file && prev.hash && existsSync(join(this.outDir, prev.file))) continue;
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
      this.entryMap.set(key, { ...entry, updatedAt: now() });
      this.owners.set(clashKey(name), key);
      this.recovery.adopted.push(parsed.url);
    }
  }

  private async recover(): Promise<void> {
    let removed = 0;
    // History keeps one folder per post: a run killed while saving a previous version leaves its temp there.
    const historyDirs = await readdir(join(this.outDir, HISTORY_DIR), { withFileTypes: true }).then(
      (entries) => entries.filter((e) => e.isDirectory()).map((e) => `${HISTORY_DIR}/${e.name}`),
      () => [] as string[],
    );
    for (const dir of ['.', META_DIR, ASSETS_DIR, SNAPSHOT_DIR, ...historyDirs]) {
      // A folder linked to somewhere else is not the archive's to clean.
      if (await this.isInside(dir)) removed += await removeStaleTemps(join(this.outDir, dir));
    }
    this.recovery.removedTemps = removed;
    await this.indexPostFiles();
    for (const [key, entry] of this.entryMap) {
      if (!entry.file || !entry.hash) continue;
      const exists = await stat(resolveInside(this.outDir, entry.file)).then(
        () => true,
        () => false,
      );
      if (exists) continue;
      // Validators would make the next fetch a 304 for a file that is gone: drop them (and the hash of
      // the lost bytes) and refetch. What describes the post (title, date, images, snapshot) stays, so
      // `rebuild` can restore the file without the network.
      this.entryMap.set(key, {
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
      this.recovery.lostFiles.push(entry.url);
    }
    await this.verifyJournaled();
    if (this.recovery.interrupted || this.recovery.adopted.length || this.recovery.lostFiles.length) {
      await compactManifest(join(this.outDir, MANIFEST_FILE), join(this.outDir, JOURNAL_FILE), this.entryMap, this.durable, this.outDir);
    }
  }
}
