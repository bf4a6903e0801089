/**
 * Calendar archive links of an index page: an archive widget listing "2016 › February (2)" as
 * /archive/2016/02/, /2016/02/ or /2016/. A home page that shows only the latest posts, with no pagination
 * and no "all posts" page (chronicle, Blogger's archive widget, hand-made blogs), reaches older posts only
 * through them.
 */
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { absoluteUrl, normalizeUrl, sameOrigin } from '../url/url.js';
import { linkTarget } from './link-filters.js';
import { query } from '../html/query.js';
import { CALENDAR_PREFIX } from './vocabulary.js';

const YEAR = /^(19|20)\d{2}$/;
const MONTH_OR_DAY = /^\d{1,2}$/;

/** 1 for a year page, 2 for a month, 3 for a day; 0 when the path is no calendar page. */
function calendarDepth(path: string): number {
  const segs = path.split('/').filter(Boolean).filter((s) => !/^index\.html?$/i.test(s));
  const i = segs.findIndex((s) => YEAR.test(s));
  if (i < 0 || i > 2 || !segs.slice(0, i).every((s) => CALENDAR_PREFIX.test(s))) return 0;
  const rest = segs.slice(i + 1);
  return rest.length <= 2 && rest.every((s) => MONTH_OR_DAY.test(s)) ? 1 + rest.length : 0;
}

/**
 * Same-origin calendar pages the page links to, in page order, at the finest level it offers by month or
 * year (day pages only when nothing coarser is linked). Empty unless there are at least two: one dated
 * link is a breadcrumb, not an archive.
 */
export function dateArchiveLinksIn($: CheerioAPI, pageUrl: string): string[] {
  const base = absoluteUrl(query($, 'base[href]').attr('href'), pageUrl) ?? pageUrl;
  const byDepth = new Map<number, Map<string, string>>();
  query($, 'a[href]').each((_, el: Element) => {
    const href = absoluteUrl(el.attribs['href'], base);
    if (!href || !sameOrigin(href, pageUrl)) return;
    const url = linkTarget(href);
    const depth = calendarDepth(new URL(url).pathname);
    if (!depth) return;
    const links = byDepth.get(depth) ?? new Map<string, string>();
    if (!links.has(normalizeUrl(url))) links.set(normalizeUrl(url), url);
    byDepth.set(depth, links);
  });
  const level = [2, 1, 3].find((d) => (byDepth.get(d)?.size ?? 0) >= 2);
  return level ? [...byDepth.get(level)!.values()] : [];
}
