import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IndexPageCache, ReadIndexPage } from '../discover/index-walk.js';
import { atomicWrite } from '../store/atomic-write.js';
import { VERSION } from '../version.js';
import type { StartPage } from './run-start.js';

const FILE = join('.blogvault', 'index-cache.json');

/** Readings of one kind by key: those of the last run, and those this run used, which alone are kept. */
class Readings<T> {
  private readonly used = new Map<string, T>();

  constructor(private readonly earlier: Map<string, T>) {}

  get(key: string): T | undefined {
    const reading = this.used.get(key) ?? this.earlier.get(key);
    if (reading) this.used.set(key, reading);
    return reading;
  }

  set(key: string, reading: T): void {
    this.used.set(key, reading);
  }

  kept(): Record<string, T> {
    return Object.fromEntries([...this.used].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/**
 * The readings of index pages kept between runs in the archive, and of the start page, which the run
 * reads for more than its posts (run-start.ts). Only the pages a run used are kept, and a new
 * blogvault version starts afresh, since it may read pages differently.
 */
export class PersistentIndexCache implements IndexPageCache {
  private constructor(
    private readonly archiveDir: string,
    private readonly pages: Readings<ReadIndexPage>,
    private readonly starts: Readings<StartPage>,
    private readonly text: string,
  ) {}

  static async load(archiveDir: string): Promise<PersistentIndexCache> {
    let pages: Record<string, ReadIndexPage> = {};
    let start: Record<string, StartPage> = {};
    let text = '';
    try {
      text = await readFile(join(archiveDir, FILE), 'utf8');
      const data = JSON.parse(text) as { version?: string; pages?: Record<string, ReadIndexPage>; start?: Record<string, StartPage> };
      if (data.version === VERSION) ({ pages = {}, start = {} } = data);
    } catch {
      // No cache yet, or an unreadable one: the pages are simply read again.
    }
    return new PersistentIndexCache(archiveDir, new Readings(new Map(Object.entries(pages))), new Readings(new Map(Object.entries(start))), text);
  }

  get(key: string): ReadIndexPage | undefined {
    return this.pages.get(key);
  }

  set(key: string, page: ReadIndexPage): void {
    this.pages.set(key, page);
  }

  startPage(key: string): StartPage | undefined {
    return this.starts.get(key);
  }

  setStartPage(key: string, start: StartPage): void {
    this.starts.set(key, start);
  }

  async save(): Promise<void> {
    const start = this.starts.kept();
    const text = `${JSON.stringify({ version: VERSION, pages: this.pages.kept(), ...(Object.keys(start).length ? { start } : {}) })}\n`;
    // An unchanged blog leaves the archive untouched, this file included.
    if (text !== this.text) await atomicWrite(join(this.archiveDir, FILE), text, { root: this.archiveDir });
  }
}
