/**
 * Which post owns which file name. Names are compared by clashKey, so that two posts never share a
 * file on a case-insensitive or normalising file system; a name is reserved when postPath hands it out
 * and owned once an entry records it.
 */
import { clashKey, postSlug, resolveInside } from './filenames.js';
import { pathTaken } from './archive-files.js';

export class PostFiles {
  /** clashKey(file) -> normalised URL of the post that owns (or has reserved) the file. */
  private readonly owners = new Map<string, string>();
  /** Files handed out in this run but not yet recorded in an entry. */
  private readonly reserved = new Map<string, string>();

  constructor(private readonly outDir: string) {}

  /** True when some post owns or has reserved `file`. */
  taken(file: string): boolean {
    return this.owners.has(clashKey(file));
  }

  /** `file` is now recorded as the post's (normalised URL `key`). */
  own(file: string, key: string): void {
    this.owners.set(clashKey(file), key);
    this.reserved.delete(key);
  }

  /** The name handed out to `key` and not yet recorded, if any. */
  reservedFor(key: string): string | undefined {
    return this.reserved.get(key);
  }

  /**
   * A fresh name from the URL's slug that no other post, and no file already present, uses
   * (`-2`, `-3`...), reserved for `key`.
   */
  reserve(key: string, title: string | undefined): string {
    const slug = postSlug(key, title);
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

  /** Gives back the name reserved for `key`. */
  release(key: string): void {
    const file = this.reserved.get(key);
    if (!file) return;
    this.reserved.delete(key);
    if (this.owners.get(clashKey(file)) === key) this.owners.delete(clashKey(file));
  }
}
