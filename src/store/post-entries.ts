/** What writing, refetching or failing a post makes of its manifest entry: pure, so that each rule reads alone. */
import type { PostMeta } from '../types.js';
import type { ManifestEntry } from './manifest.js';

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

/** What a fetch answered, kept so that the next run can ask for the page conditionally. */
export interface Validators {
  etag?: string;
  lastModified?: string;
  source?: string;
}

function sortedRecord(record: Record<string, string> | undefined): Record<string, string> | undefined {
  const keys = Object.keys(record ?? {}).sort();
  return keys.length ? Object.fromEntries(keys.map((k) => [k, record![k]!])) : undefined;
}

/** The entry of a post just written to `file` (whose bytes hash to `hash`). */
export function archivedEntry(input: WritePostInput, file: string, hash: string, snapshot: string | undefined): ManifestEntry {
  return {
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
}

/** The archived file stands: validators refreshed, any failure cleared. */
export function notModifiedEntry(prev: ManifestEntry, validators: Validators): ManifestEntry {
  return {
    ...prev,
    status: 'archived',
    etag: validators.etag ?? prev.etag,
    lastModified: validators.lastModified ?? prev.lastModified,
    source: validators.source ?? prev.source,
    error: undefined,
    attempts: undefined,
  };
}

/**
 * A post archived earlier keeps its file and its status (the error and attempt count are noted); a
 * post never archived becomes 'failed' with the reason, so the next run retries it.
 */
export function failedEntry(prev: ManifestEntry | undefined, url: string, reason: string): ManifestEntry {
  const attempts = (prev?.attempts ?? 0) + 1;
  const kept = prev && prev.status !== 'failed' && prev.hash;
  return kept
    ? { ...prev, error: reason, attempts }
    : { url: prev?.url ?? url, file: prev?.file, status: 'failed', error: reason, attempts };
}
