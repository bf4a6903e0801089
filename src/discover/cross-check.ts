/** Comparing the index walk with the other sources of the post list. */
import type { PostLink } from '../types.js';
import { normalizeUrl } from '../url/url.js';

/**
 * Posts that `otherLinks` (feed, sitemap) list but the index walk did not find, by normalised URL,
 * each once, in the order of `otherLinks`.
 */
export function crossCheck(indexLinks: PostLink[], otherLinks: PostLink[]): PostLink[] {
  const known = new Set(indexLinks.map((l) => normalizeUrl(l.url)));
  const missing: PostLink[] = [];
  for (const link of otherLinks) {
    const key = normalizeUrl(link.url);
    if (known.has(key)) continue;
    known.add(key);
    missing.push(link);
  }
  return missing;
}
