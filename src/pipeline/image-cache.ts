import type { Fetcher } from '../fetch/fetcher.js';
import { notAnImage } from '../fetch/image-check.js';
import type { ArchiveStore } from '../store/archive-store.js';
import { ArchiveWriteError } from '../store/atomic-write.js';
import { decodeDataImage } from './images.js';
import type { Reporter } from './reporter.js';
import type { RunSummary } from './summary.js';
import { reasonOf } from './errors.js';

/** Downloads each image once per run, reuses copies archived by earlier runs. */
export class ImageCache {
  private readonly pending = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly http: Fetcher,
    private readonly store: ArchiveStore,
    private readonly reporter: Reporter,
    private readonly summary: RunSummary,
  ) {}

  /** The archive path of the image at `src`; undefined when it could not be archived. */
  get(src: string, previous?: Record<string, string>): Promise<string | undefined> {
    let p = this.pending.get(src);
    if (!p) {
      p = this.download(src, previous?.[src]);
      this.pending.set(src, p);
    }
    return p;
  }

  private async download(src: string, previous: string | undefined): Promise<string | undefined> {
    if (previous && (await this.store.hasAsset(previous))) return previous;
    const inline = decodeDataImage(src);
    if (inline) {
      const refusal = await notAnImage(inline.bytes, inline.contentType);
      if (refusal) {
        this.summary.imagesFailed++;
        this.reporter.debug(`inline image: ${refusal}`);
        return undefined;
      }
      this.summary.images++;
      return this.store.saveAsset(inline.bytes, 'data:', inline.contentType);
    }
    try {
      const res = await this.http.fetch(src, { kind: 'asset' });
      const path = await this.store.saveAsset(res.body, src, res.contentType);
      this.summary.images++;
      return path;
    } catch (err) {
      if (err instanceof ArchiveWriteError) throw err;
      this.summary.imagesFailed++;
      this.reporter.debug(`image ${src}: ${reasonOf(err)}`);
      return undefined;
    }
  }
}
