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
import { textOf } from '../html/text.js';
import { query } from '../html/query.js';
import { closestIn, selectFirst } from '../html/select.js';

type Direction = 'next' | 'prev';

/** What a link's own words say about its direction (after arrows and punctuation are trimmed). */
const NEXT_WORDS =
  /^(?:next|older|next page|next posts|older posts?|older entries|older articles|older stories|previous posts|previous entries|previous articles|earlier posts|(?:load |show |see |view )?more (?:posts|articles|entries|stories)|load more|show more|下一页|下页|下一頁|下頁|更早|更早的文章|较早的文章|更旧的文章|后一页|次のページ|次へ|다음|다음 페이지|suivant|page suivante|articles plus anciens|weiter|nächste seite|ältere beiträge|siguiente|entradas anteriores|entradas antiguas|próxima página|articoli meno recenti|oudere berichten|過去の投稿|較舊的文章|舊文章|以前的文章)$/i;
const PREV_WORDS =
  /^(?:prev|previous|previous page|newer|newer posts?|newer entries|newer articles|newer stories|上一页|上页|上一頁|上頁|更新的文章|较新的文章|前一页|前のページ|前へ|이전|이전 페이지|précédent|page précédente|articles plus récents|zurück|vorherige seite|neuere beiträge|anterior|entradas más recientes|entradas recientes|articoli più recenti|nieuwere berichten|新しい投稿|較新的文章)$/i;
const EDGE_WORDS = /^(?:first|last|first page|last page|首页|尾页|末页|最后一页|最後一頁)$/i;
const NEXT_ARROWS = /^[»›→⟶⇒>]+$/;
const PREV_ARROWS = /^[«‹←⟵⇐<]+$/;
const EDGE_PUNCTUATION = /^[\s«»‹›←→⟵⟶⇐⇒<>|·•.:…\-–—]+|[\s«»‹›←→⟵⟶⇐⇒<>|·•.:…\-–—]+$/g;

/** Class or id tokens of icon-only links and their wrappers (`extend next`, `nav-next`, `blog-pager-older-link`). */
const NEXT_TOKEN = /(?:^|[-_])(?:next|older)(?:[-_]|$)/i;
const PREV_TOKEN = /(?:^|[-_])(?:prev|previous|newer)(?:[-_]|$)/i;
const PAGINATION_CONTAINER = /pag(e|ing|ination)|pager|page-?nav|nav-links|navigation/i;
const CURRENT_PAGE = '.current, [aria-current], .active, .is-current, .is-active, .selected, .this-page';

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
  const stripped = text.replace(EDGE_PUNCTUATION, '');
  if (!stripped) return NEXT_ARROWS.test(text.replace(/\s/g, '')) ? 'next' : PREV_ARROWS.test(text.replace(/\s/g, '')) ? 'prev' : undefined;
  if (NEXT_WORDS.test(stripped)) return 'next';
  if (PREV_WORDS.test(stripped)) return 'prev';
  return undefined;
}

function tokenDirection(el: Element): Direction | undefined {
  const tokens = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`.split(/\s+/).filter(Boolean);
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
  if (labels.some((l) => l && EDGE_WORDS.test(l.replace(EDGE_PUNCTUATION, '')))) return undefined;
  const linkText = textOf(a);
  const text = wordDirection(linkText);
  if (text && linkText.replace(EDGE_PUNCTUATION, '')) return { direction: text, signal: 'text' };
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
 * Classes and attributes that hide or disable a link. Icarus keeps an invisible "Next" to /page/N+1/ on
 * the last page (Bulma `is-invisible`); Bootstrap disables it (`page-item disabled`). Responsive classes
 * such as `is-hidden-mobile` hide it on some screens only and do not count.
 */
const HIDDEN_CLASS = /^(?:is-invisible|invisible|hidden|is-hidden|d-none|disabled|is-disabled)$/i;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

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
