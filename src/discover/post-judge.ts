/**
 * Whether a page that only the feed or the sitemap named is a post (README: "Which pages are posts").
 * Pure: what the page's reading found, the page, and what the run knows already.
 */
import type { PostLink } from '../types.js';
import { normalizeUrl } from '../url/url.js';
import { nonPostReason } from './link-filters.js';
import { findPostLinks } from './post-links.js';
import { pathShape, withoutSection } from './sitemap.js';

/** Links to this many known posts make a page a list of posts (an archive, a tag page), not a post. */
const LISTING_LINKS = 5;

export interface KnownPages {
  /** Posts found so far, by normalised URL. */
  posts: ReadonlySet<string>;
  /** Index pages walked, by normalised URL. */
  indexPages: ReadonlySet<string>;
  /** Path shapes of the posts the index walk found (sitemap.ts `pathShape`). */
  shapes: ReadonlySet<string>;
}

export interface PageReading {
  /** The page gives its publication date itself (extraction's `dated`). */
  dated: boolean;
  /** Its canonical URL, if it declares one. */
  canonical?: string;
}

/**
 * A post: its URL is shaped like the posts the walk found (`/posts/x/`, not `/about/`: Hugo's feed
 * lists and dates every page; below its prefix when a language section's sitemap listed it), it is
 * not a site page by name, it gives its publication date (on the page, or in the feed's entry), it is
 * not a copy of a page already found (its final or canonical URL), and it is not a list of posts.
 */
export function isPost(reading: PageReading, link: PostLink, page: { finalUrl: string; text?: string }, known: KnownPages): boolean {
  const shaped = link.section ? withoutSection(link.url, link.section) : link.url;
  if ((known.shapes.size && !known.shapes.has(pathShape(shaped))) || nonPostReason(link.url)) return false;
  if (!reading.dated && !link.date) return false;
  const self = normalizeUrl(link.url);
  for (const url of [page.finalUrl, reading.canonical]) {
    const key = url && normalizeUrl(url);
    if (key && key !== self && (known.posts.has(key) || known.indexPages.has(key))) return false;
  }
  const listed = findPostLinks(page.text ?? '', page.finalUrl, undefined, { scope: new URL('/', page.finalUrl).href }).filter((l) => known.posts.has(normalizeUrl(l.url)));
  return listed.length < LISTING_LINKS;
}
