/** Decides, once for every post of an export, its unique slug, its dates and how links find it. */
import { normalizeUrl } from '../url/url.js';
import { parseWallDate, wallDateFromInstant } from './dates.js';
import type { ArchivePost, PlannedPost, UnmappedItem } from './types.js';

/** Characters that make a slug unusable as a URL path segment or file name on some engine. */
const SLUG_UNSAFE = /[\s#?%&+\\/:*"<>|[\]{}]+/g;

export function slugFromSource(source: string): string {
  const stem = source.split('/').pop()!.replace(/\.md$/i, '');
  return stem.replace(SLUG_UNSAFE, '-').replace(/^[-.]+|-+$/g, '') || 'post';
}

function decodedPath(url: string): string {
  const path = new URL(url).pathname;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export interface Plan {
  posts: PlannedPost[];
  /** Items found while planning (a post without a date), by archive source. */
  notes: Map<string, UnmappedItem[]>;
}

export function planPosts(posts: ArchivePost[]): Plan {
  const taken = new Set<string>();
  const notes = new Map<string, UnmappedItem[]>();
  const planned = posts.map((post): PlannedPost => {
    const base = slugFromSource(post.source);
    let slug = base;
    // Engines differ on case sensitivity (Hugo lower-cases URLs): unique regardless of case.
    for (let n = 2; taken.has(slug.toLowerCase()); n++) slug = `${base}-${n}`;
    taken.add(slug.toLowerCase());
    let date = parseWallDate(post.meta.date) ?? parseWallDate(post.meta.updated);
    if (!date) {
      date = wallDateFromInstant(post.mtime);
      notes.set(post.source, [{ kind: 'missing-date', detail: `no date in the archive; used the file time ${post.mtime.toISOString()}` }]);
    }
    return { ...post, slug, date, updated: parseWallDate(post.meta.updated), oldPath: decodedPath(post.url) };
  });
  return { posts: planned, notes };
}

/** The key under which any spelling of a post URL (http/https, www, trailing slash, index.html) meets. */
export function urlKey(url: string): string | undefined {
  try {
    const normal = new URL(normalizeUrl(url));
    return `${normal.host.replace(/^www\./, '')}${normal.pathname}${normal.search}`;
  } catch {
    return undefined;
  }
}

/** Finds the post a link (absolute, or relative to the linking post) points at, and its fragment. */
export class PostIndex {
  private readonly byKey = new Map<string, PlannedPost>();
  private readonly hosts = new Set<string>();

  constructor(posts: PlannedPost[]) {
    for (const post of posts) {
      const host = URL.canParse(post.url) ? new URL(post.url).host.replace(/^www\./, '') : undefined;
      if (host) this.hosts.add(host);
      for (const url of [post.url, post.meta.canonical]) {
        const key = url ? urlKey(url) : undefined;
        if (key && !this.byKey.has(key)) this.byKey.set(key, post);
      }
    }
  }

  /** True when the link points at a page of the blog the archive came from. */
  onOldSite(href: string, from: PlannedPost): boolean {
    try {
      const url = new URL(href, from.url);
      return /^https?:$/.test(url.protocol) && this.hosts.has(url.host.replace(/^www\./, ''));
    } catch {
      return false;
    }
  }

  find(href: string, from: PlannedPost): { post: PlannedPost; fragment: string } | undefined {
    let absolute: URL;
    try {
      absolute = new URL(href, from.url);
    } catch {
      return undefined;
    }
    if (!/^https?:$/.test(absolute.protocol)) return undefined;
    const key = urlKey(absolute.href);
    const post = key ? this.byKey.get(key) : undefined;
    return post ? { post, fragment: absolute.hash } : undefined;
  }
}
