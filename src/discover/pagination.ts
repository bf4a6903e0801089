/**
 * Finds the link to the next (older) index page. Blogs list newest first, so "Older", "Next page" and
 * "Previous posts" go forward; "Newer" and "Previous page" go back. Each signal is a named rule with a
 * score; candidates come out best first.
 */
import type { CheerioAPI } from 'cheerio';
import { withPage } from '../html/parse.js';
import type { Element } from 'domhandler';
import type { Overrides } from '../types.js';
import { absoluteUrl, normalizeUrl, sameOrigin } from '../url/url.js';
import { indexRootOf, pageNumberOf } from './page-urls.js';
import { linkTarget } from './link-filters.js';
import { elementsIn, isElement } from '../html/walk.js';
import { classAndIdTokens, textOf } from '../html/text.js';
import { query } from '../html/query.js';
import { closestIn, selectFirst } from '../html/select.js';
import { CURRENT_PAGE, EDGE_WORDS, HIDDEN_CLASS, HIDDEN_STYLE, NEXT_ARROWS, NEXT_TOKEN, NEXT_WORDS, PAGE_LINK_EDGES, PAGINATION_CONTAINER, PREV_ARROWS, PREV_TOKEN, PREV_WORDS } from './vocabulary.js';

type Direction = 'next' | 'prev';

interface Candidate {
  url: string;
  score: number;
  order: number;
}

interface Context {
  $: CheerioAPI;
  anchors: Element[];
  base: string;
  pageUrl: string;
  overrides?: Overrides;
}

/** One way of finding next-page links: the href-bearing elements it vouches for. */
interface NextRule {
  name: string;
  /** 0: the score of the link's own strongest signal (SIGNAL_SCORES). */
  score: number;
  find(ctx: Context): Element[];
}

const words = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

function wordDirection(raw: string | undefined): Direction | undefined {
  const text = words(raw);
  if (!text) return undefined;
  const stripped = text.replace(PAGE_LINK_EDGES, '');
  if (!stripped) return NEXT_ARROWS.test(text.replace(/\s/g, '')) ? 'next' : PREV_ARROWS.test(text.replace(/\s/g, '')) ? 'prev' : undefined;
  if (NEXT_WORDS.test(stripped)) return 'next';
  if (PREV_WORDS.test(stripped)) return 'prev';
  return undefined;
}

function tokenDirection(el: Element): Direction | undefined {
  const tokens = classAndIdTokens(el);
  if (tokens.some((t) => PREV_TOKEN.test(t))) return 'prev';
  if (tokens.some((t) => NEXT_TOKEN.test(t))) return 'next';
  return undefined;
}

/**
 * The direction of a link by its strongest signal: rel, then its text, then aria-label/title, then
 * class/id tokens of the link or its wrapper. The first signal that speaks decides.
 */
function linkDirection(a: Element): { direction: Direction; signal: string } | undefined {
  const rel = (a.attribs['rel'] ?? '').toLowerCase().split(/\s+/);
  if (rel.includes('next')) return { direction: 'next', signal: 'rel' };
  if (rel.includes('prev') || rel.includes('previous')) return { direction: 'prev', signal: 'rel' };
  const image = elementsIn(a, (e) => e.name === 'img' && e.attribs['alt'] !== undefined)[0];
  // Always three strings, '' where there is none: an array that is sometimes empty changes shape, and
  // each change threw away this function's optimised code (eight recompilations per run of the bench).
  const labels = [words(a.attribs['aria-label']), words(a.attribs['title']), words(image?.attribs['alt'])];
  // "»»" labelled "Last" jumps to the end: a label beats arrows, and first/last links go nowhere useful.
  if (labels.some((l) => l && EDGE_WORDS.test(l.replace(PAGE_LINK_EDGES, '')))) return undefined;
  const linkText = textOf(a);
  const text = wordDirection(linkText);
  if (text && linkText.replace(PAGE_LINK_EDGES, '')) return { direction: text, signal: 'text' };
  const label = wordDirection(labels[0]) ?? wordDirection(labels[1]) ?? wordDirection(labels[2]);
  if (label) return { direction: label, signal: 'label' };
  if (text) return { direction: text, signal: 'arrow' };
  const own = tokenDirection(a);
  if (own) return { direction: own, signal: 'class' };
  const parent = a.parent;
  // The wrapper speaks for its link only when it holds no other: its tokens are read first, since
  // counting its links walks it, for every link of the page that says nothing itself.
  if (!parent || !isElement(parent)) return undefined;
  const wrapper = tokenDirection(parent);
  const onlyLink = () => elementsIn(parent, (e) => e.name === 'a' && e.attribs['href'] !== undefined).length === 1;
  return wrapper && onlyLink() ? { direction: wrapper, signal: 'class' } : undefined;
}

const SIGNAL_SCORES: Record<string, number> = { rel: 90, text: 80, label: 80, arrow: 70, class: 65 };

function currentPageNumber(ctx: Context): number {
  const { $ } = ctx;
  for (const el of query($, CURRENT_PAGE).toArray()) {
    const text = textOf(el);
    if (/^\d{1,6}$/.test(text) && isInPagination($, el)) return Number(text);
  }
  return pageNumberOf(ctx.pageUrl)?.number ?? 1;
}

function isInPagination($: CheerioAPI, el: Element): boolean {
  return $(el)
    .parents()
    .toArray()
    .slice(0, 4)
    .some((p) => p.tagName === 'nav' || PAGINATION_CONTAINER.test(`${$(p).attr('class') ?? ''} ${$(p).attr('id') ?? ''} ${$(p).attr('role') ?? ''}`));
}

const RULES: NextRule[] = [
  {
    name: 'override',
    score: 100,
    find: ({ $, overrides }) => {
      if (!overrides?.next) return [];
      return query($, overrides.next)
        .toArray()
        .map((el) => (el.attribs['href'] !== undefined ? el : (selectFirst(el, 'a[href]') ?? closestIn(el, 'a[href]'))))
        .filter((el): el is Element => el !== undefined && el.type === 'tag');
    },
  },
  {
    name: 'link rel=next',
    score: 90,
    find: ({ $ }) => query($, 'link[rel~="next" i][href]').toArray(),
  },
  {
    name: 'labelled link',
    score: 0,
    find: ({ $, anchors }) => anchors.filter((a) => linkDirection(a)?.direction === 'next'),
  },
  {
    name: 'numbered pagination',
    score: 60,
    find: (ctx) => {
      const { $ } = ctx;
      const wanted = String(currentPageNumber(ctx) + 1);
      return ctx.anchors.filter(
        (a) =>
          textOf(a) === wanted &&
          (isInPagination($, a) || /page-?(number|link|numbers)/i.test($(a).attr('class') ?? '') || pageNumberOf(absoluteUrl($(a).attr('href'), ctx.base) ?? ctx.base) !== undefined),
      );
    },
  },
  {
    name: 'page URL pattern',
    score: 50,
    find: (ctx) => {
      const { $ } = ctx;
      const current = pageNumberOf(ctx.pageUrl);
      const n = current?.number ?? 1;
      return ctx.anchors.filter((a) => {
        const url = absoluteUrl($(a).attr('href'), ctx.base);
        if (!url) return false;
        const found = pageNumberOf(url);
        if (!found || found.number !== n + 1 || (current && found.shape !== current.shape)) return false;
        // A bare `/2/` may be a post id anywhere else.
        return found.shape.name !== '/N/' || isInPagination($, a);
      });
    },
  },
];

/**
 * Candidate URLs for the next index page, best first: the --next override, rel=next, links labelled
 * Older/Next/下一页 or by arrows, icon links whose class says next, the number after the current page,
 * and links in the page-URL shape of the next page number. Links back to earlier pages are dropped.
 */
export function findNextPages(html: string, pageUrl: string, overrides?: Overrides): string[] {
  return withPage(html, ($) => nextPagesIn($, pageUrl, overrides));
}

/** findNextPages on a document already parsed (left unchanged). */
export function nextPagesIn($: CheerioAPI, pageUrl: string, overrides?: Overrides): string[] {
  const base = absoluteUrl(query($, 'base[href]').attr('href'), pageUrl) ?? pageUrl;
  const ctx: Context = { $, anchors: query($, 'a[href]').toArray(), base, pageUrl, overrides };
  const self = normalizeUrl(pageUrl);
  const current = pageNumberOf(pageUrl);
  const candidates = new Map<string, Candidate>();
  let order = 0;
  for (const rule of RULES) {
    for (const el of rule.find(ctx)) {
      if (isHidden(el)) continue;
      const url = absoluteUrl(el.attribs['href'], base);
      if (!url || !sameOrigin(url, pageUrl)) continue;
      const key = normalizeUrl(url);
      if (key === self || goesBack(url, pageUrl, current?.number ?? 1)) continue;
      const score = rule.score || SIGNAL_SCORES[linkDirection(el)?.signal ?? ''] || 0;
      const known = candidates.get(key);
      if (!known || known.score < score) candidates.set(key, { url: linkTarget(url), score, order: known?.order ?? order++ });
    }
  }
  return [...candidates.values()].sort((a, b) => b.score - a.score || a.order - b.order).map((c) => c.url);
}

/**
 * The highest-numbered index page the page links to in `next`'s URL shape and under its root, when it lies beyond `next`:
 * the "… 100" of a numbered pagination, which says how far the pages go. A bare `/N/` counts only
 * inside the pagination, where it cannot be a post id.
 */
export function lastPageIn($: CheerioAPI, pageUrl: string, next: string): string | undefined {
  const after = pageNumberOf(next);
  if (!after) return undefined;
  const root = indexRootOf(next);
  const base = absoluteUrl(query($, 'base[href]').attr('href'), pageUrl) ?? pageUrl;
  let last: { url: string; number: number } | undefined;
  for (const a of query($, 'a[href]').toArray()) {
    const url = absoluteUrl(a.attribs['href'], base);
    const found = url && sameOrigin(url, pageUrl) ? pageNumberOf(url) : undefined;
    if (!found || found.shape !== after.shape || found.number <= (last?.number ?? after.number) || isHidden(a) || indexRootOf(url!) !== root) continue;
    if (found.shape.name === '/N/' && !isInPagination($, a)) continue;
    last = { url: linkTarget(url!), number: found.number };
  }
  return last?.url;
}

/** The link or one of its three nearest wrappers is hidden or disabled. */
function isHidden(a: Element): boolean {
  let el: Element | null = a;
  for (let depth = 0; el && depth < 4; depth++) {
    const attrs = el.attribs;
    if (attrs['hidden'] !== undefined || attrs['aria-hidden'] === 'true' || attrs['aria-disabled'] === 'true') return true;
    if (HIDDEN_STYLE.test(attrs['style'] ?? '')) return true;
    if ((attrs['class'] ?? '').split(/\s+/).some((c) => HIDDEN_CLASS.test(c))) return true;
    el = el.parent && isElement(el.parent) ? el.parent : null;
  }
  return false;
}

/** A link to the first page or a page number at or below the current one is the way back, whatever its label says. */
function goesBack(url: string, pageUrl: string, currentNumber: number): boolean {
  if (currentNumber > 1 && normalizeUrl(url) === normalizeUrl(indexRootOf(pageUrl))) return true;
  const found = pageNumberOf(url);
  return found !== undefined && found.shape.name !== '/N/' && found.number <= currentNumber;
}
