/**
 * The post's dates: the publication date (the user's selector, the engine's, machine-readable values,
 * the theme's visible date, the permalink's day) and the last change.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { collapse, textOf } from '../html/text.js';
import { dayOf, isDateLine, numericOrderOf, parseDate, type NumericOrder } from '../text/dates.js';
import { findIn, query, safeSelect } from '../html/query.js';
import { insideAny } from '../html/walk.js';
import { jsonString } from './jsonld.js';
import { isFurniture } from './furniture.js';
import { isMetaLine } from './meta-line.js';
import { meta } from './meta-tags.js';
import type { MetadataContext } from './metadata.js';
import { statsOf, textStats } from './scorer.js';
import { CHANGE_CLASS, CHANGE_LABELS, DATE_ELEMENTS, DATE_META, MODIFIED_ELEMENTS, MODIFIED_META, PUBLISH_CLASS, PUBLISHED_ELEMENTS, PUBLISHED_META } from './vocabulary.js';

export interface PostDates {
  date?: string;
  updated?: string;
  /** The page itself gave a date (not only the permalink). */
  dated: boolean;
}

/** The dates of the post whose article container is `scope`, `article` its JSON-LD article (or {}). */
export function postDates($: CheerioAPI, ctx: MetadataContext, scope: Cheerio<Element> | undefined, article: Record<string, unknown>, titleElement?: Element): PostDates {
  const { url, engine, overrides } = ctx;
  // The page's language says how to read 07/12/2026.
  const order = numericOrderOf(query($, 'html').attr('lang'));
  const firstDate = (selectors: readonly string[] | undefined, within?: Cheerio<AnyNode>, accept?: (el: Element) => boolean) => firstDateIn($, order, selectors, within, accept);
  const machineDate =
    parseDate(jsonString(article.datePublished) ?? jsonString(article.dateCreated)) ||
    parseDate(meta($, ...PUBLISHED_META)) ||
    firstDate(PUBLISHED_ELEMENTS, scope) ||
    firstDate(PUBLISHED_ELEMENTS);
  const chosenDate =
    (overrides?.date ? firstDate([overrides.date]) : undefined) ||
    firstDate(engine?.date, scope, notChange) ||
    machineDate ||
    parseDate(meta($, ...DATE_META)) ||
    firstDate(DATE_ELEMENTS, scope, notChange) ||
    firstDate(engine?.date, undefined, notChange) ||
    // Labelled as the last change, and the only date the page gives: themes print "Updated:" with the
    // publication date until the post changes.
    firstDate(engine?.date, scope) ||
    firstDate(DATE_ELEMENTS, scope) ||
    firstDate(engine?.date) ||
    dateAfterTitle($, titleElement, scope, order) ||
    visibleDate($, scope, ctx.root, order);
  const dated = chosenDate !== undefined;
  // A visible day-only date gains the time of a machine-readable value for the same day.
  const date = (chosenDate && machineDate && chosenDate.length === 10 && dayOf(machineDate) === chosenDate ? machineDate : chosenDate) ?? dateFromUrl(url);

  let updated: string | undefined =
    firstDate(engine?.updated, scope) ||
    parseDate(jsonString(article.dateModified)) ||
    parseDate(meta($, ...MODIFIED_META)) ||
    firstDate(MODIFIED_ELEMENTS, scope);
  if (updated && date && updated === date) updated = undefined;
  return { date, updated, dated };
}

/** The machine-readable value of a date element, else its visible text. */
function dateFrom($el: Cheerio<Element>, order: NumericOrder): string | undefined {
  for (const attr of ['datetime', 'content', 'data-ts', 'title']) {
    const value = $el.attr(attr);
    if (!value) continue;
    const parsed = attr === 'data-ts' && /^\d{9,10}$/.test(value) ? new Date(Number(value) * 1000).toISOString().replace(/\.000Z$/, 'Z') : parseDate(value, order);
    if (parsed) return parsed;
  }
  return parseDate($el.text(), order);
}

function firstDateIn($: CheerioAPI, order: NumericOrder, selectors: readonly string[] | undefined, scope?: Cheerio<AnyNode>, accept?: (el: Element) => boolean): string | undefined {
  for (const selector of selectors ?? []) {
    const found = safeSelect($, selector, scope);
    for (const el of found.toArray()) {
      if (accept && !accept(el)) continue;
      const value = dateFrom($(el), order);
      if (value) return value;
    }
  }
  return undefined;
}

const CHANGE_LABEL = new RegExp(`(?:^|[\\s·|,(])(?:${CHANGE_LABELS.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\s*[:：]?$`, 'i');

/**
 * False for a date the theme shows as the post's last change, which some print before the publication
 * date (hugo-coder: "Updated on: <time>" then "Published on: <time>"): its own or its wrapper's class
 * says so, or the label right before it does.
 */
function notChange(el: Element): boolean {
  const parent = el.parent?.type === 'tag' ? (el.parent as Element) : undefined;
  for (const n of parent ? [el, parent] : [el]) {
    const names = `${n.attribs['class'] ?? ''} ${n.attribs['itemprop'] ?? ''}`.split(/\s+/).filter(Boolean);
    if (names.some((c) => PUBLISH_CLASS.test(c))) return true;
    if (names.some((c) => CHANGE_CLASS.test(c))) return false;
  }
  let label = '';
  for (let s = el.prev; s; s = s.prev) {
    if (s.type === 'text') label = (s as Text).data + label;
    else if (label.trim()) break;
    else if (s.type === 'tag') {
      const text = textOf(s as Element);
      if (text.trim()) { if (text.length <= 30) label = text + label; break; }
    }
  }
  return !CHANGE_LABEL.test(collapse(label));
}

/** Element siblings after the title that may still be its byline, before the article. */
const MAX_BYLINE_BLOCKS = 3;

/**
 * The date line a theme prints between the post's title and its article when both are children of one
 * block (`<main><h1>…</h1><div class="post-info"><span>2022/01/19</span>…</div><article>`): the article
 * scope leaves it out, and a body opening with a dated heading ("### 2022-01-17", a diary's first entry)
 * must not stand in for it.
 */
function dateAfterTitle($: CheerioAPI, title: Element | undefined, scope: Cheerio<Element> | undefined, order: NumericOrder): string | undefined {
  const article = scope?.get(0);
  if (!title || !article || insideAny(title, new Set([article]))) return undefined;
  let blocks = 0;
  for (let s = title.next; s && blocks < MAX_BYLINE_BLOCKS; s = s.next) {
    if (s.type !== 'tag') continue;
    const el = s as Element;
    if (el === article || insideAny(article, new Set([el]))) break;
    blocks++;
    if (isFurniture(el) || textOf(el).length > 240) continue;
    for (const candidate of [el, ...findIn($(el), '*')]) {
      const text = $(candidate).text();
      if (text.length <= 80 && isDateLine(text)) return parseDate(text, order);
    }
  }
  return undefined;
}

/** A short element outside the body whose whole text is a date: "May 28, 2015" under the title. */
function visibleDate($: CheerioAPI, scope: Cheerio<Element> | undefined, root: Cheerio<Element> | undefined, order: NumericOrder): string | undefined {
  if (!scope) return undefined;
  const body = new Set<AnyNode>(root?.toArray() ?? []);
  // Inside the body only its first blocks may be a date line (the one under the title).
  const lead = new Set<AnyNode>(root?.children().slice(0, 3).toArray() ?? []);
  const stats = textStats($);
  for (const el of findIn(scope, '*')) {
    if (body.has(el) || (insideAny(el, body) && !insideAny(el, lead))) continue;
    const length = statsOf(stats, el).text;
    const text = $(el).text();
    if (length <= 60 && text.length <= 80 && isDateLine(text)) return parseDate(text, order);
    if (length <= 240 && isMetaLine($, el)) return parseDate(text, order);
  }
  return undefined;
}

/** Permalinks such as /2015/07/26/slug/ carry the day when the page itself shows none. */
function dateFromUrl(url: string): string | undefined {
  const m = /\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\//.exec(new URL(url).pathname);
  return m ? parseDate(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}
