/**
 * Finds the link from a home page that shows only the latest few posts (or none) to the page listing all
 * of them ("42 more posts can be found in the archive", "View all posts", "归档", a "Blog" menu item).
 * eleventy-base-blog, the Astro blog starter and many hand-made blogs have no pagination at all: the full
 * list is one page away.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { absoluteUrl, normalizeUrl, sameOrigin } from '../url/url.js';
import { linkTarget } from './link-filters.js';
import { textOf } from '../html/text.js';
import { query } from '../html/query.js';
import { ALL_POSTS_WORDS, ARCHIVE_PATH, ARCHIVE_WORDS, BLOG_WORDS, EDGE_PUNCTUATION } from './vocabulary.js';

/** One signal that a link leads to the full post list; stronger rules score higher. */
interface ArchiveRule {
  name: string;
  score: number;
  matches(text: string, path: string): boolean;
}

const RULES: ArchiveRule[] = [
  { name: 'all posts wording', score: 4, matches: (text) => ALL_POSTS_WORDS.test(text) },
  { name: 'archive wording', score: 2, matches: (text) => ARCHIVE_WORDS.test(text) },
  { name: 'archive path', score: 1, matches: (_text, path) => ARCHIVE_PATH.test(path) },
  { name: 'blog section wording', score: 1, matches: (text) => BLOG_WORDS.test(text) },
];

/** Rules at least this strong name the page ("Archive", "All posts"); a path or a "Blog" menu item only hints. */
const NAMED_SCORE = 2;

/**
 * Same-origin links that lead to a list of all posts, best first (wording beats path; page order breaks
 * ties). Call it on the document before site chrome is removed: the archive is often a menu item.
 * `named`: only links whose wording names the full list.
 */
export function archiveLinksIn($: CheerioAPI, pageUrl: string, { named = false }: { named?: boolean } = {}): string[] {
  const base = absoluteUrl(query($, 'base[href]').attr('href'), pageUrl) ?? pageUrl;
  const self = normalizeUrl(pageUrl);
  const found = new Map<string, { url: string; score: number; order: number }>();
  query($, 'a[href]').each((order, el: Element) => {
    const href = absoluteUrl(el.attribs['href'], base);
    if (!href || !sameOrigin(href, pageUrl)) return;
    const url = linkTarget(href);
    const key = normalizeUrl(url);
    if (key === self) return;
    const text = textOf(el).replace(EDGE_PUNCTUATION, '') || (el.attribs['aria-label'] ?? el.attribs['title'] ?? '').trim();
    const path = new URL(url).pathname;
    const score = RULES.filter((r) => r.matches(text, path) && (!named || r.score >= NAMED_SCORE)).reduce((n, r) => n + r.score, 0);
    const known = found.get(key);
    if (score > 0 && (!known || known.score < score)) found.set(key, { url, score, order: known?.order ?? order });
  });
  return [...found.values()].sort((a, b) => b.score - a.score || a.order - b.order).map((c) => c.url);
}
