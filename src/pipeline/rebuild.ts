import { posix } from 'node:path';
import { ArchiveStore } from '../store/archive-store.js';
import { collectImageUrls, decodeDataImage, rewriteImageUrls } from './images.js';
import { processPost } from './process-post.js';
import { withFeedTerms } from '../extract/taxonomy.js';
import { preciseDate } from '../text/dates.js';
import { DEFAULT_SETTINGS, extractionRules, type ArchiveSettings } from './options.js';
import { VERSION } from '../version.js';

export interface RebuildResult {
  rebuilt: number;
  changed: number;
  /** Archived posts that have no HTML snapshot (archived without --keep-html). */
  missing: string[];
}

/**
 * Re-extract every archived post from its kept HTML, with no network: images map to the copies the
 * original run archived, so a better extractor can be applied to an old archive.
 */
export async function runRebuild(dir: string): Promise<RebuildResult> {
  const saved = await ArchiveStore.loadSettings<ArchiveSettings>(dir);
  const overrides = saved?.overrides ?? DEFAULT_SETTINGS.overrides;
  const rules = extractionRules({ overrides, images: saved?.images ?? DEFAULT_SETTINGS.images }, VERSION);
  const store = await ArchiveStore.open(dir, { history: saved?.history ?? false, keepHtml: true });
  const result: RebuildResult = { rebuilt: 0, changed: 0, missing: [] };
  try {
    for (const entry of store.entries()) {
      // A failed post has no snapshot unless its file was archived and then lost: rebuild restores it.
      if (entry.status === 'failed' && !entry.snapshot) continue;
      const html = await store.readSnapshot(entry.url);
      if (html === undefined) {
        result.missing.push(entry.url);
        continue;
      }
      const processed = processPost(html.toString('utf8'), entry.url, { overrides, site: saved?.site });
      // As in the archive run, a title or date the page lacks came from the index link, and tags the feed
      // named: the manifest kept them.
      const date = preciseDate(processed.meta.date, entry.date);
      const meta = { ...withFeedTerms(processed.meta, entry.terms), title: processed.meta.title || entry.title || '', ...(date ? { date } : {}) };
      const file = store.postPath(entry.url, meta);
      const assets = entry.assets ?? {};
      const local = new Map(Object.entries(assets).map(([src, path]) => [src, posix.relative(posix.dirname(file), path)]));
      for (const src of collectImageUrls(processed.markdown)) {
        const inline = decodeDataImage(src);
        if (inline) local.set(src, posix.relative(posix.dirname(file), await store.saveAsset(inline.bytes, 'data:', inline.contentType)));
      }
      const markdown = rewriteImageUrls(processed.markdown, local);
      const written = await store.writePost({ url: entry.url, meta, markdown, etag: entry.etag, lastModified: entry.lastModified, source: entry.source, rules, assets, terms: entry.terms });
      result.rebuilt++;
      if (written.status !== 'unchanged') result.changed++;
    }
  } finally {
    await store.close();
  }
  return result;
}
