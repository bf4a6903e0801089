import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndexPageCache, ReadIndexPage } from '../discover/index-walk.js';
import { atomicWrite } from '../store/atomic-write.js';
import { VERSION } from '../version.js';

const FILE = join('.blogvault', 'index-cache.json');

/**
 * The readings of index pages kept between runs in the archive. Only the pages a run used are kept,
 * and a new blogvault version starts afresh, since it may read pages differently.
 */
export class PersistentIndexCache implements IndexPageCache {
  private readonly used = new Map<string, ReadIndexPage>();

  private constructor(
    private readonly archiveDir: string,
    private readonly earlier: Map<string, ReadIndexPage>,
    private readonly text: string,
  ) {}

  static async load(archiveDir: string): Promise<PersistentIndexCache> {
    let earlier = new Map<string, ReadIndexPage>();
    let text = '';
    try {
      text = await readFile(join(archiveDir, FILE), 'utf8');
      const data = JSON.parse(text) as { version?: string; pages?: Record<string, ReadIndexPage> };
      if (data.version === VERSION && data.pages) earlier = new Map(Object.entries(data.pages));
    } catch {
      // No cache yet, or an unreadable one: the pages are simply read again.
    }
    return new PersistentIndexCache(archiveDir, earlier, text);
  }

  get(key: string): ReadIndexPage | undefined {
    const page = this.used.get(key) ?? this.earlier.get(key);
    if (page) this.used.set(key, page);
    return page;
  }

  set(key: string, page: ReadIndexPage): void {
    this.used.set(key, page);
  }

  async save(): Promise<void> {
    const pages = Object.fromEntries([...this.used].sort(([a], [b]) => (a < b ? -1 : 1)));
    const text = `${JSON.stringify({ version: VERSION, pages })}\n`;
    // An unchanged blog leaves the archive untouched, this file included.
    if (text !== this.text) await atomicWrite(join(this.archiveDir, FILE), text, { root: this.archiveDir });
  }
}
