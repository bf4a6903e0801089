/**
 * The anchors of an index page as post-link candidates: which lead to a post (not to another page of the
 * listing, a tag page or another site), and which say "Read more".
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { absoluteUrl } from '../url/url.js';
import { rejectLink, linkTarget, type LinkScope } from './link-filters.js';
import { elementsIn, isElement } from '../html/walk.js';
import { textOf } from '../html/text.js';
import { EDGE_PUNCTUATION, PAGE_LABEL, READ_MORE, READ_MORE_TOKEN, READ_MORE_WORD } from './vocabulary.js';
import type { NumericOrder } from '../text/dates.js';

export const words = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** One index page being read, with what was already worked out about its anchors. */
export interface Ctx extends LinkScope {
  $: CheerioAPI;
  base: string;
  /** Post URL (fragment removed) of each anchor already judged; null when it is not a post candidate. */
  judged: Map<Element, string | null>;
  sets: (selector: string) => Set<Element>;
  /** How the page's language writes numeric dates (07/12/2026). */
  order: NumericOrder;
}

export function isAnchor(el: Element): boolean {
  return el.name === 'a' && el.attribs['href'] !== undefined;
}

/** Anchors under `root` (or `root` itself) whose target may be a post, in document order. */
export function candidateAnchors(ctx: Ctx, root: AnyNode): Element[] {
  return elementsIn(root, isAnchor).filter((a) => postUrlOf(ctx, a) !== null);
}

export function postUrlOf(ctx: Ctx, a: Element): string | null {
  let url = ctx.judged.get(a);
  if (url === undefined) {
    const href = absoluteUrl(a.attribs['href'], ctx.base);
    const target = href && !isPageLink(a, href) ? linkTarget(href) : undefined;
    url = target && rejectLink(target, ctx) === undefined ? target : null;
    ctx.judged.set(a, url);
  }
  return url;
}

/**
 * A link to another page of the index: rel="next"/"prev", a page label (text, aria-label or title), or
 * a number leading to a path that ends in that number (`<a href="/3/">3</a>`: Astro themes number their
 * pages at the root, which no URL rule can tell from a post with a numeric id).
 */
function isPageLink(a: Element, href: string): boolean {
  const rel = (a.attribs['rel'] ?? '').toLowerCase().split(/\s+/);
  if (rel.includes('next') || rel.includes('prev')) return true;
  const labels = [textOf(a), words(a.attribs['aria-label']), words(a.attribs['title'])].filter(Boolean);
  if (labels.some((l) => PAGE_LABEL.test(l.replace(EDGE_PUNCTUATION, '')))) return true;
  const number = textOf(a);
  if (!/^\d{1,4}$/.test(number)) return false;
  const last = new URL(href).pathname.split('/').filter(Boolean).pop() ?? '';
  return last === number || last === `page${number}`;
}

export function isReadMoreText(text: string): boolean {
  const t = text.replace(EDGE_PUNCTUATION, '');
  return t.length > 0 && (READ_MORE.test(t) || READ_MORE_WORD.test(t));
}

export function isReadMore(ctx: Ctx, a: Element): boolean {
  const texts = [textOf(a), words(a.attribs['aria-label']), words(a.attribs['title'])];
  if (texts.some(isReadMoreText)) return true;
  const parent = a.parent && isElement(a.parent) ? a.parent.attribs['class'] ?? '' : '';
  return `${a.attribs['class'] ?? ''} ${parent}`.split(/\s+/).some((t) => t && READ_MORE_TOKEN.test(t));
}

/** True when the link sits in a paragraph whose links are a minor part of its text. */
export function inProse(a: Element): boolean {
  let p: Element['parent'] = a.parent;
  while (p && isElement(p) && p.name !== 'p') p = p.parent;
  if (!p || !isElement(p)) return false;
  const linkText = elementsIn(p, isAnchor).reduce((n, link) => n + textOf(link).length, 0);
  return textOf(p).length > 2 * linkText;
}
