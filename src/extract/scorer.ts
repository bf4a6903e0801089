import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { classAndId } from './dom.js';

/**
 * The generic content scorer for pages no rule knows: every paragraph-like block gives points to its
 * parent, grandparent and great-grandparent (more for long text and commas); containers get a bonus or
 * penalty from class/id hints and are discounted by their link density. The best container wins.
 */

const POSITIVE = /article|body|content|entry|h-entry|hentry|main|post|text|blog|story|markdown|prose|chapter/;
const NEGATIVE = /(^|[\s_-])(ad|ads|banner|combx|comment|comments|contact|foot|footer|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|nav|navbar|menu|toc|header|popup|modal|cookie|subscribe|newsletter|breadcrumbs?)([\s_-]|$)/;

const BLOCKS = 'p, pre, blockquote, td, dd, li, h2, h3, h4, figure, div, section';
const BLOCK_CHILD = new Set(['p', 'div', 'section', 'article', 'pre', 'blockquote', 'table', 'ul', 'ol', 'dl', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'footer', 'aside', 'nav', 'main', 'form']);

const TAG_BASE: Record<string, number> = {
  article: 10, main: 8, div: 5, section: 3, pre: 3, td: 3, blockquote: 3,
  form: -3, ol: -3, ul: -3, dl: -3, li: -3, th: -5, aside: -20, nav: -25, header: -10, footer: -15,
};

export function classWeight(el: Element): number {
  const hints = classAndId(el);
  let w = 0;
  if (NEGATIVE.test(hints)) w -= 25;
  if (POSITIVE.test(hints)) w += 25;
  if (el.attribs.itemprop === 'articleBody') w += 50;
  return w;
}

/** Length of text inside links divided by all text length. */
export function linkDensity($el: Cheerio<AnyNode>): number {
  const total = $el.get().reduce((n, el) => n + textLength(el), 0);
  if (!total) return 0;
  let links = 0;
  $el.find('a').each((_, a) => {
    links += textLength(a);
  });
  return Math.min(1, links / total);
}

function textLength(node: AnyNode): number {
  if (node.type === 'script' || node.type === 'style') return 0;
  if (node.type === 'text') return node.data.replace(/\s+/g, '').length;
  if ('children' in node) return node.children.reduce((n, c) => n + textLength(c), 0);
  return 0;
}

/** Weight of what an element holds: visible text plus media that carry content without text. */
export function contentWeight($el: Cheerio<Element>): number {
  return $el.text().replace(/\s+/g, ' ').trim().length + 50 * $el.find('img, picture, iframe, video, table, pre').length;
}

function isParagraphLike(el: Element): boolean {
  if (el.name !== 'div' && el.name !== 'section') return true;
  // A div counts as a paragraph only when it holds text directly rather than other blocks.
  return !el.children.some((c) => c.type === 'tag' && BLOCK_CHILD.has(c.name));
}

export function scoreBest($: CheerioAPI): Cheerio<Element> | undefined {
  const scores = new Map<Element, number>();
  const init = (el: Element) => {
    if (!scores.has(el)) scores.set(el, (TAG_BASE[el.name] ?? 0) + classWeight(el));
  };
  $('body').find(BLOCKS).each((_, el) => {
    if (!isParagraphLike(el)) return;
    const text = $(el).text().replace(/\s+/g, ' ').trim();
    if (text.length < 25) return;
    const points = 1 + (text.match(/[,，、;]/g)?.length ?? 0) + Math.min(Math.floor(text.length / 100), 3);
    let ancestor = el.parent;
    for (let level = 1; level <= 3 && ancestor && ancestor.type === 'tag'; level++) {
      const a = ancestor as Element;
      if (a.name === 'body' || a.name === 'html') break;
      init(a);
      scores.set(a, scores.get(a)! + points / level);
      ancestor = a.parent;
    }
  });
  let best: Element | undefined;
  let bestScore = -Infinity;
  for (const [el, raw] of scores) {
    const score = raw * (1 - linkDensity($(el)));
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best ? $(best) : undefined;
}
