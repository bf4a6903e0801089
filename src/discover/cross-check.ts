/** Comparing the index walk with the other sources of the post list. */
import type { PostLink } from '../types.js';
import { normalizeUrl } from '../url/url.js';

/**
 * Posts that `otherLinks` (feed, sitemap) list but the index walk did not find, by normalised URL,
 * each once, in the order of `otherLinks`. A blog served under a base path (`startUrl` /blog/) whose
 * feed forgets it (Astro's rss() links without `base`: /x/ for the page at /blog/x/) lists the posts
 * the walk found under the base: those links name no other post, and fetching them only fails.
 */
export function crossCheck(indexLinks: PostLink[], otherLinks: PostLink[], startUrl?: string): PostLink[] {
  const known = new Set(indexLinks.map((l) => normalizeUrl(l.url)));
  const start = startUrl ? new URL(normalizeUrl(startUrl)) : undefined;
  const base = start && start.pathname !== '/' ? start.pathname : undefined;
  const underBase = (key: string) => {
    if (!start || !base) return false;
    const u = new URL(key);
    return u.origin === start.origin && u.pathname !== '/' && known.has(normalizeUrl(`${u.origin}${base}${u.pathname}${u.search}`));
  };
  const missing: PostLink[] = [];
  for (const link of otherLinks) {
    const key = normalizeUrl(link.url);
    if (known.has(key) || underBase(key)) continue;
    known.add(key);
    missing.push(link);
  }
  return missing;
}
