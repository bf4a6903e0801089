import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { parseDate, wordsOutsideDates } from '../text/dates.js';
import { findIn } from '../html/query.js';
import { textExceeds, textOf } from '../html/text.js';
import { isTaxonomyLink } from './taxonomy.js';

/** Lead-in words of a post's meta line ("published on … · tagged with #a, #b and #c"). */
const META_WORDS = new Set(
  'published posted written updated last edited modified created on in at by under filed tagged with and tags tag topics labels categories category 发布于 发表于 更新于 分类 标签'.split(' '),
);

/** Characters of a meta line's collapsed text at most. */
const MAX_LENGTH = 240;

/**
 * A short element that states when the post was published and under which tags/categories, and little
 * else: minimal themes (blag, hand-written templates) print it as one line under the title, often in an
 * <aside>. It must hold a date outside its taxonomy links and at least one taxonomy link; the words left once the date, the link
 * texts and the lead-in words are taken out are at most a short author name.
 */
export function isMetaLine($: CheerioAPI, el: Element): boolean {
  // Most ancestors of a tag link hold the whole article: no need to gather their text to say no.
  if (textExceeds(el, MAX_LENGTH)) return false;
  const $el = $(el);
  const text = $el.text().replace(/\s+/g, ' ').trim();
  if (!text || text.length > MAX_LENGTH || !parseDate(text)) return false;
  const links = findIn($el, 'a[href]');
  const taxonomy = links.filter((a) => isTaxonomyLink(a));
  if (!taxonomy.length || links.length - taxonomy.length > 1 || findIn($el, 'p, li, h1, h2, h3, h4, h5, h6, pre, table, img').length > 2) return false;
  let rest = text;
  for (const a of taxonomy) rest = rest.replace($(a).text().trim(), ' ');
  // The date must stand beside the term links: a dated link text ("Talk 80, 2020-03-18: generics") in a
  // reading list is a reference whose URL merely looks like a term page (a forum's /topic/ pages).
  if (!parseDate(rest)) return false;
  const words = wordsOutsideDates(rest).map((w) => w.replace(/^[#(\[]+|[)\]]+$/g, '').toLowerCase()).filter((w) => w && !META_WORDS.has(w));
  return words.length <= 3;
}

/** A hashtag as a theme prints a term without a term page: "#rust", "#c-sharp". */
const HASHTAG = /^#[^\s#]{1,50}$/u;

/**
 * The tags of a meta line that prints them as plain hashtags beside the date (`<p><span>2021-12-08</span>
 * <span>#eleventy</span><span>#jekyll</span></p>`): templates of blogs without tag pages. Every child but
 * the date must be one hashtag, so a sentence mentioning a hashtag is no such line.
 */
export function hashtagMetaLine(el: Element): string[] | undefined {
  const children = el.children.filter((c): c is Element => c.type === 'tag' && textOf(c).trim() !== '');
  if (children.length < 2 || children.some((c) => c.children.some((n) => n.type === 'tag'))) return undefined;
  const loose = el.children.filter((n) => n.type === 'text' && n.data.trim() !== '');
  if (loose.length) return undefined;
  const texts = children.map((c) => textOf(c).replace(/\s+/g, ' ').trim());
  const dates = texts.filter((t) => !HASHTAG.test(t) && parseDate(t));
  const tags = texts.filter((t) => HASHTAG.test(t));
  return dates.length === 1 && tags.length === texts.length - 1 ? tags.map((t) => t.slice(1)) : undefined;
}
