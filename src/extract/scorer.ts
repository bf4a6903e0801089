import type { CheerioAPI } from 'cheerio';
import { hasChildren, type AnyNode, type Element } from 'domhandler';
import { textContent } from 'domutils';
import { classAndId, nonSpaceLength } from '../html/text.js';
import { query } from '../html/query.js';
import { factOf, pageFact } from '../html/parse.js';

/**
 * The generic content scorer for pages no rule knows: every paragraph-like block gives points to its
 * parent, grandparent and great-grandparent (more for long text and commas); containers get a bonus or
 * penalty from class/id hints and are discounted by their link density. The best container wins.
 */

const POSITIVE = /article|body|content|entry|h-entry|hentry|main|post|text|blog|story|markdown|prose|chapter/;
const NEGATIVE = /(^|[\s_-])(ad|ads|banner|combx|comment|comments|contact|foot|footer|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|navbar|menu|toc|header|popup|modal|cookie|subscribe|newsletter|breadcrumbs?)([\s_-]|$)/;

/** Containers whose paragraphs never count (comments, sidebars...), unless they also look like content. */
const UNLIKELY = /-ad-|banner|breadcrumbs|combx|comment|community|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|widget|respond|discussion/i;
const MAYBE_CONTENT = /and|article|body|column|content|main|shadow|post|entry/i;

const PARAGRAPHS = new Set(['p', 'pre', 'blockquote', 'td', 'dd', 'li', 'h2', 'h3', 'h4', 'figure', 'div', 'section']);
const BLOCK_CHILD = new Set(['p', 'div', 'section', 'article', 'pre', 'blockquote', 'table', 'ul', 'ol', 'dl', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'footer', 'aside', 'nav', 'main', 'form']);
const MEDIA = new Set(['img', 'picture', 'iframe', 'video', 'table', 'pre']);
const CONTAINERS = new Set(['td', 'div', 'section']);

const TAG_BASE: Record<string, number> = {
  article: 10, main: 8, div: 5, section: 3, pre: 3, td: 3, blockquote: 3,
  form: -3, ol: -3, ul: -3, dl: -3, li: -3, th: -5, aside: -20, nav: -25, header: -10, footer: -15,
};

function classWeight(el: Element): number {
  const hints = classAndId(el);
  let w = 0;
  if (NEGATIVE.test(hints)) w -= 25;
  if (POSITIVE.test(hints)) w += 25;
  if (el.attribs.itemprop === 'articleBody') w += 50;
  return w;
}

/** What an element holds, gathered for every element of the page in one pass. */
export interface ElementStats {
  /** Visible characters (not whitespace); script and style text does not count. */
  text: number;
  /** Of those, the characters inside links. */
  links: number;
  /** Images, videos, tables and code blocks, which carry content without text. */
  media: number;
  /** Commas and semicolons in all of its text (script text included, as Cheerio's `.text()` has it). */
  commas: number;
}

export type TextStats = Map<Element, ElementStats>;

const NO_STATS: ElementStats = { text: 0, links: 0, media: 0, commas: 0 };

/** The stats of an element (zeros for one outside the page's body). */
export const statsOf = (stats: TextStats, el: Element): ElementStats => stats.get(el) ?? NO_STATS;

const COMMA = /[,，、;]/g;
const commasIn = (text: string): number => text.match(COMMA)?.length ?? 0;

const TEXT_STATS = pageFact<TextStats>('text statistics');

export function textStats($: CheerioAPI): TextStats {
  return factOf($, TEXT_STATS, () => computeStats($));
}

/** An element being summed up: its own stats so far, and the next child to read. */
interface Frame {
  el: Element;
  link: boolean;
  own: ElementStats;
  next: number;
}

const frameOf = (el: Element, inLink: boolean): Frame => ({
  el,
  link: inLink || el.name === 'a',
  own: { text: 0, links: 0, media: MEDIA.has(el.name) ? 1 : 0, commas: 0 },
  next: 0,
});

/** Children before parents, with an explicit stack: a page may nest elements thousands deep. */
function computeStats($: CheerioAPI): TextStats {
  const stats: TextStats = new Map();
  const body = query($, 'body').get(0);
  const stack: Frame[] = body ? [frameOf(body, false)] : [];
  while (stack.length) {
    const frame = stack[stack.length - 1]!;
    const { el, link, own } = frame;
    let child: AnyNode | undefined;
    while ((child = el.children[frame.next]) !== undefined) {
      frame.next++;
      if (child.type === 'tag') break;
      if (child.type === 'text') {
        const n = nonSpaceLength(child.data);
        own.text += n;
        if (link) own.links += n;
        own.commas += commasIn(child.data);
      } else if (hasChildren(child)) {
        own.commas += commasIn(textContent(child));
      }
    }
    if (child?.type === 'tag') {
      stack.push(frameOf(child, link));
      continue;
    }
    stats.set(el, own);
    stack.pop();
    const parent = stack[stack.length - 1]?.own;
    if (parent) {
      parent.text += own.text;
      parent.links += own.links;
      parent.media += own.media;
      parent.commas += own.commas;
    }
  }
  return stats;
}

/** Share of an element's text that sits inside links. */
function linkDensity($: CheerioAPI, el: Element): number {
  const { text, links } = statsOf(textStats($), el);
  return text ? Math.min(1, links / text) : 0;
}

/** Weight of what an element holds: visible text plus media that carry content without text. */
export function contentWeight($: CheerioAPI, el: Element): number {
  const { text, media } = statsOf(textStats($), el);
  return text + 50 * media;
}

function isParagraphLike(el: Element): boolean {
  if (el.name !== 'div' && el.name !== 'section') return true;
  // A div counts as a paragraph only when it holds text directly rather than other blocks.
  return !el.children.some((c) => c.type === 'tag' && BLOCK_CHILD.has(c.name));
}

export interface ScoredPick {
  best: Element;
  /** Siblings of the best container that carry article content too (a body split into blocks). */
  siblings: Element[];
}

const SENTENCE_END = /[.!?。！？…"”)]$/;

/** Readability's sibling check: blocks next to the winner that read like more of the same article. */
function contentSiblings($: CheerioAPI, best: Element, scores: Map<Element, number>, bestScore: number): Element[] {
  const stats = textStats($);
  const threshold = Math.max(10, bestScore * 0.2);
  const siblings: Element[] = [];
  for (const sib of $(best).siblings().toArray()) {
    if (NEGATIVE.test(classAndId(sib)) || /^(nav|aside|header|footer|form|script|style)$/.test(sib.name)) continue;
    const { text, media } = statsOf(stats, sib);
    const density = linkDensity($, sib);
    const scored = (scores.get(sib) ?? -Infinity) * (1 - density) >= threshold;
    const prose = sib.name === 'p' || sib.name === 'blockquote';
    const paragraph = prose && text >= 80 && density < 0.25;
    const sentence = prose && text > 0 && text < 80 && density === 0 && SENTENCE_END.test($(sib).text().trim());
    const mediaOnly = media > 0 && density === 0 && text < 200;
    // Page builders repeat one block class for every text block of the article.
    const sameKind = !!best.attribs.class && sib.attribs.class === best.attribs.class && density < 0.5 && text + media > 0;
    if (scored || paragraph || sentence || mediaOnly || sameKind) siblings.push(sib);
  }
  return siblings;
}

/**
 * Paragraphs inside comment threads, sidebars and the like do not count; when that leaves nothing
 * (a page wrapped in an unlucky class), score again without the class filter, as Readability does.
 * A paragraph inside <aside>, <nav> or <footer> never counts, in either pass: the element says it is
 * page chrome whatever its classes, and on the page of an empty or one-line post the retry would
 * otherwise take the site footer for the article.
 */
export function scoreBest($: CheerioAPI): ScoredPick | undefined {
  return scoreWith($, true) ?? scoreWith($, false);
}

function scoreWith($: CheerioAPI, skipUnlikely: boolean): ScoredPick | undefined {
  const stats = textStats($);
  const scores = new Map<Element, number>();
  const unlikely = new Map<AnyNode, boolean>();
  const isUnlikely = (node: AnyNode | null): boolean => {
    if (!node || node.type !== 'tag') return false;
    const el = node as Element;
    if (el.name === 'body' || el.name === 'html') return false;
    let flag = unlikely.get(el);
    if (flag === undefined) {
      const hints = classAndId(el);
      flag = /^(aside|nav|footer)$/.test(el.name) || (skipUnlikely && UNLIKELY.test(hints) && !MAYBE_CONTENT.test(hints)) || isUnlikely(el.parent);
      unlikely.set(el, flag);
    }
    return flag;
  };
  for (const [el, { text: length, commas }] of stats) {
    if (length < 20 || !PARAGRAPHS.has(el.name) || !isParagraphLike(el) || isUnlikely(el)) continue;
    const points = 1 + commas + Math.min(Math.floor(length / 100), 3);
    // A cell or div that holds its text directly (old table layouts, <br>-separated posts) is itself
    // a candidate, ahead of its row or wrapper.
    if (CONTAINERS.has(el.name)) scores.set(el, (scores.get(el) ?? (TAG_BASE[el.name] ?? 0) + classWeight(el)) + points);
    let ancestor = el.parent;
    for (let level = 1; level <= 3 && ancestor && ancestor.type === 'tag'; level++) {
      const a = ancestor as Element;
      if (a.name === 'body' || a.name === 'html') break;
      scores.set(a, (scores.get(a) ?? (TAG_BASE[a.name] ?? 0) + classWeight(a)) + points / level);
      ancestor = a.parent;
    }
  }
  let best: Element | undefined;
  let bestScore = -Infinity;
  for (const [el, raw] of scores) {
    const score = raw * (1 - linkDensity($, el));
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  if (!best) return undefined;
  // Climb out of wrappers that hold nothing else, so the blocks beside the wrapper can be seen.
  let top = best;
  while (top.parent?.type === 'tag' && !/^(body|html)$/.test((top.parent as Element).name) && $(top.parent).children().length === 1) {
    top = top.parent as Element;
  }
  const siblings = contentSiblings($, top, scores, bestScore);
  return siblings.length ? { best: top, siblings } : { best, siblings: [] };
}
