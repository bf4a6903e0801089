/**
 * Finds the posts an index page lists. Site chrome (headers, footers, navigation, sidebars and their
 * "recent posts" widgets) is set aside first; then each entry of the listing (an <article>, a `.post`
 * card, a list item...) gives one link: its "Read more" link, else its title link, else its first link
 * to a post-like page. Archive pages and title-only lists are read as repeated list items and headings.
 * Chrome: listing-chrome.ts; entries: listing-entries.ts; an entry's link, title and date: entry-links.ts;
 * which anchors may be posts: listing-anchors.ts; the words and selectors of all of them: vocabulary.ts.
 */
import type { CheerioAPI } from 'cheerio';
import { withPage } from '../html/parse.js';
import type { Overrides, PostLink } from '../types.js';
import { absoluteUrl, normalizeUrl } from '../url/url.js';
import { indexRootOf } from './page-urls.js';
import { excludeMatcher, rejectLink, linkTarget } from './link-filters.js';
import { ancestorsOf, elementsIn, isElement } from '../html/walk.js';
import { selectorSets } from '../html/query.js';
import { textOf } from '../html/text.js';
import { query } from '../html/query.js';
import { closestIn } from '../html/select.js';
import { candidateAnchors, isAnchor, type Ctx } from './listing-anchors.js';
import { attached, removeChrome } from './listing-chrome.js';
import { countInside, listingEntries, repeatedEntries, widenToOwnLink } from './listing-entries.js';
import { describe, entryLink } from './entry-links.js';
import { ENTRY, NOISE } from './vocabulary.js';
import { numericOrderOf } from '../text/dates.js';

export interface PostLinkOptions {
  /**
   * Links must be on this URL's origin and under its directory (the walk passes its start URL).
   * Default: the index root of the page (`/blog/page/3/` -> `/blog/`).
   */
  scope?: string;
}

/**
 * The post links an index page lists, in page order, deduplicated by normalised URL, fragments removed
 * (Hexo's "Read More" goes to `/post/#more`: that is the post). `overrides.postLink` (CSS selector of
 * the links or of elements holding them) replaces detection; `overrides.exclude` drops matching URLs.
 */
export function findPostLinks(html: string, pageUrl: string, overrides?: Overrides, options: PostLinkOptions = {}): PostLink[] {
  return withPage(html, ($) => postLinksIn($, pageUrl, overrides, options));
}

/** findPostLinks on a document already parsed. It removes the site chrome from that document. */
export function postLinksIn($: CheerioAPI, pageUrl: string, overrides?: Overrides, options: PostLinkOptions = {}): PostLink[] {
  const ctx: Ctx = {
    $,
    base: absoluteUrl(query($, 'base[href]').attr('href'), pageUrl) ?? pageUrl,
    pageUrl,
    scope: options.scope ?? indexRootOf(pageUrl),
    exclude: excludeMatcher(overrides?.exclude),
    judged: new Map(),
    sets: selectorSets($),
    order: numericOrderOf(query($, 'html').attr('lang')),
  };
  const links = overrides?.postLink ? overrideLinks(ctx, overrides.postLink) : detectLinks(ctx);
  return dedupe(links);
}

function overrideLinks(ctx: Ctx, selector: string): PostLink[] {
  const { $ } = ctx;
  const out: PostLink[] = [];
  for (const el of query($, selector).toArray().filter(isElement)) {
    const a = el.name === 'a' && el.attribs['href'] !== undefined ? el : (elementsIn(el, isAnchor)[0] ?? closestIn(el, 'a[href]'));
    const url = a && absoluteUrl(a.attribs['href'], ctx.base);
    if (!a || !url || rejectLink(url, ctx) === 'out of scope' || ctx.exclude?.(url)) continue;
    const target = linkTarget(url);
    if (normalizeUrl(target) === normalizeUrl(ctx.pageUrl)) continue;
    out.push({ url: target, ...describe(ctx, $(el).closest(ENTRY).toArray().find(isElement) ?? el, target, a) });
  }
  return out;
}

function detectLinks(ctx: Ctx): PostLink[] {
  const { $ } = ctx;
  query($, NOISE).remove();
  removeChrome(ctx);
  const named = [...ctx.sets(ENTRY)].filter(attached);
  const entriesUnder = countInside(named);
  const widened = [...new Set(named.map((el) => widenToOwnLink(ctx, el, entriesUnder)))];
  const entries = listingEntries(ctx, widened.filter((el) => candidateAnchors(ctx, el).length > 0));
  let picked = entries;
  if (entries.length <= 1) {
    // No entry markup, or one entry holding a whole list (an archive page inside one <article>).
    const repeated = repeatedEntries(ctx);
    const inside = entries.length ? repeated.filter((el) => ancestorsOf([el]).has(entries[0]!)) : repeated;
    if (entries.length === 0 || inside.length >= 3) picked = repeated;
  }
  const links = picked.map((el) => entryLink(ctx, el)).filter((l): l is PostLink => l !== undefined);
  if (links.length || picked.length) return links;
  // No structure at all (links separated by <br>, say): every post-like link left in the content.
  return candidateAnchors(ctx, $.root().get(0)!)
    .filter((a) => textOf(a).length > 1)
    .map((a) => ({ url: ctx.judged.get(a)!, ...describe(ctx, a, ctx.judged.get(a)!, a) }));
}

/** First occurrence wins; later duplicates only fill in a missing title or date. */
function dedupe(links: PostLink[]): PostLink[] {
  const byKey = new Map<string, PostLink>();
  for (const link of links) {
    const key = normalizeUrl(link.url);
    const known = byKey.get(key);
    if (!known) byKey.set(key, { ...link });
    else {
      known.title ??= link.title;
      known.date ??= link.date;
    }
  }
  return [...byKey.values()];
}
