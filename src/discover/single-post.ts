/**
 * Whether the page given as the blog's index is one post rather than a list of them: a user pasting a
 * post's address instead of the blog's should get that post, not "no posts found" or a walk along the
 * post's prev/next links.
 */
import type { CheerioAPI } from 'cheerio';
import { query } from '../html/query.js';

const POSTING = /^(blogposting|article|newsarticle|techarticle|socialmediaposting|liveblogposting)$/i;

/** The page's own JSON-LD types: top-level nodes and `@graph` members, not a blog's nested `blogPost` list. */
function ownTypes(text: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const nodes: unknown[] = Array.isArray(data) ? data : [data];
  const graph = nodes.flatMap((n) => (n && typeof n === 'object' && Array.isArray((n as Record<string, unknown>)['@graph']) ? ((n as Record<string, unknown>)['@graph'] as unknown[]) : []));
  return [...nodes, ...graph].flatMap((n) => {
    const t = n && typeof n === 'object' ? (n as Record<string, unknown>)['@type'] : undefined;
    return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
  });
}

/**
 * What marks the page as a single post (`og:type article`...), or undefined. The site's root is never
 * one: a blog's home page may show its latest post whole.
 */
export function singlePostMarkIn($: CheerioAPI, url: string): string | undefined {
  if (new URL(url).pathname === '/') return undefined;
  if (/^article$/i.test(query($, 'meta[property="og:type" i]').first().attr('content')?.trim() ?? '')) return 'og:type article';
  if (query($, 'meta[property="article:published_time" i]').length) return 'article:published_time';
  for (const el of query($, 'script[type="application/ld+json" i]').toArray()) {
    const posting = ownTypes($(el).text()).find((t) => POSTING.test(t));
    if (posting) return `JSON-LD ${posting}`;
  }
  return undefined;
}
