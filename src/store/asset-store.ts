/** Images of an archive: stored once per content under assets/, whatever URL they came from. */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { assetFileName, hash8OfAssetName } from './asset-names.js';
import { atomicWrite } from './atomic-write.js';
import { resolveInside } from './filenames.js';
import { readIfExists, sha256 } from './archive-files.js';
import { ASSETS_DIR } from './layout.js';

export const DEFAULT_MAX_ASSET_BYTES = 25 * 1024 * 1024;

export class AssetTooLargeError extends Error {
  constructor(readonly url: string, readonly size: number, readonly max: number) {
    super(`${url}: asset is ${size} bytes, over the limit of ${max} bytes`);
    this.name = 'AssetTooLargeError';
  }
}

export interface AssetStoreOptions {
  durable: boolean;
  maxBytes: number;
  /** Called with every write started, so that the archive waits for it before closing. */
  track: <T>(write: Promise<T>) => Promise<T>;
}

export class AssetStore {
  /** sha256 -> the archive path of the bytes saved (or being saved) in this run. */
  private readonly byHash = new Map<string, Promise<string>>();
  /** hash8 -> file names in assets/ carrying it, from disk and from this run. */
  private readonly namesByHash8 = new Map<string, string[]>();

  constructor(private readonly outDir: string, private readonly options: AssetStoreOptions) {}

  /** Assets saved in this run. */
  get saved(): number {
    return this.byHash.size;
  }

  /** Learns the names already in assets/, so that bytes stored by an earlier run are found again. */
  async load(): Promise<void> {
    let names: string[] = [];
    try {
      names = await readdir(join(this.outDir, ASSETS_DIR));
    } catch {
      names = [];
    }
    for (const name of names) {
      const h8 = hash8OfAssetName(name);
      if (h8) this.addName(h8, name);
    }
  }

  /**
   * Stores an asset once per content: returns `assets/<name>-<hash8>.<ext>`; the same bytes from any
   * URL return the file already there (never rewritten).
   */
  save(bytes: Uint8Array, sourceUrl: string, contentType?: string): Promise<string> {
    if (bytes.byteLength > this.options.maxBytes) return Promise.reject(new AssetTooLargeError(sourceUrl, bytes.byteLength, this.options.maxBytes));
    const hash = sha256(bytes);
    let saved = this.byHash.get(hash);
    if (!saved) {
      saved = this.options.track(this.write(bytes, hash, sourceUrl, contentType));
      // A failed write must not poison later attempts for the same bytes.
      saved.catch(() => this.byHash.delete(hash));
      this.byHash.set(hash, saved);
    }
    return saved;
  }

  /** True when `path` (as returned by save, e.g. from an earlier run's entry) is a file in the archive. */
  async has(path: string): Promise<boolean> {
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

  private async write(bytes: Uint8Array, hash: string, sourceUrl: string, contentType?: string): Promise<string> {
    for (const name of this.namesByHash8.get(hash.slice(0, 8)) ?? []) {
      const existing = await readIfExists(resolveInside(this.outDir, `${ASSETS_DIR}/${name}`));
      if (existing && sha256(existing) === hash) return `${ASSETS_DIR}/${name}`;
    }
    let name = assetFileName(sourceUrl, hash, contentType);
    if (existsSync(resolveInside(this.outDir, `${ASSETS_DIR}/${name}`))) {
      // Same name and hash8, different bytes: a truncated-hash collision; the full hash tells them apart.
      name = name.replace(/-[0-9a-f]{8}\./, `-${hash}.`);
    }
    await atomicWrite(resolveInside(this.outDir, `${ASSETS_DIR}/${name}`), bytes, { durable: this.options.durable, root: this.outDir });
    this.addName(hash.slice(0, 8), name);
    return `${ASSETS_DIR}/${name}`;
  }

  private addName(h8: string, name: string): void {
    this.namesByHash8.set(h8, [...(this.namesByHash8.get(h8) ?? []), name]);
  }
}
