/**
 * Whether the article read from a page is one entry of a list of like entries: a section page that an
 * old theme lists on the home page like a post (Hugo ≥ 0.57 gives the home page its sections), whose
 * article is read from the first card's excerpt. Such a page is a listing to walk, not a post.
 */
import type { Element } from 'domhandler';
import { selectIn } from '../html/select.js';
import { elementsIn, isElement } from '../html/walk.js';
import { nonSpaceLength, textOf } from '../html/text.js';
import { READ_MORE, READ_MORE_CLASS } from './clean-vocabulary.js';
import { absoluteUrl, normalizeUrl, sameOrigin } from '../url/url.js';

/** Entries of a list, at least, counting the one the article was read from. */
const MIN_ENTRIES = 3;
/** Levels above the article at which its entry may start (a card's wrap around its excerpt). */
const MAX_ENTRY_DEPTH = 4;
/** Share of an article's text its like entries hold when the article is the list itself. */
const LIST_TEXT_SHARE = 0.8;

/**
 * True when `root` (the article of `pageUrl`, still in its page) or an ancestor a few levels up has
 * element siblings of its tag and class, MIN_ENTRIES in all, each with a heading linking its own other
 * page of the origin. The parts of one post (its sections) do not link other pages from their headings.
 */
export function inListEntry(root: Element, pageUrl: string): boolean {
  const self = normalizeUrl(pageUrl);
  let el: Element = root;
  for (let depth = 0; depth <= MAX_ENTRY_DEPTH && el.name !== 'body'; depth++) {
    const parent = el.parent;
    if (!parent || !isElement(parent)) return false;
    const { name } = el;
    const cls = el.attribs['class'];
    const alike = cls ? parent.children.filter((n): n is Element => isElement(n) && n.name === name && n.attribs['class'] === cls) : [];
    if (alike.length >= MIN_ENTRIES) {
      const targets = new Set(alike.map((entry) => headingTarget(entry, pageUrl, self)));
      if (!targets.has(undefined) && targets.size === alike.length) return true;
    }
    el = parent;
  }
  return loneEntry(root, pageUrl, self) || holdsList(root, pageUrl, self);
}

/**
 * The article is the list itself: a listing page with no entry markup the extraction knows (cards of
 * plain `div`s) is read whole as the article. It then holds MIN_ENTRIES like siblings or more, each
 * with a heading linking its own other page of the origin, and they are nearly all of its text: a post
 * showing a few such cards has its own text besides.
 */
function holdsList(root: Element, pageUrl: string, self: string): boolean {
  const total = nonSpaceLength(textOf(root));
  if (!total) return false;
  for (const parent of [root, ...elementsIn(root, (el) => el.children.length >= MIN_ENTRIES)]) {
    const byKind = new Map<string, Element[]>();
    for (const child of parent.children) {
      if (!isElement(child) || !child.attribs['class']) continue;
      const key = `${child.name}.${child.attribs['class']}`;
      const alike = byKind.get(key);
      if (alike) alike.push(child);
      else byKind.set(key, [child]);
    }
    for (const alike of byKind.values()) {
      if (alike.length < MIN_ENTRIES) continue;
      if (!distinctTargets(alike, pageUrl, self)) continue;
      const held = alike.reduce((n, entry) => n + nonSpaceLength(textOf(entry)), 0);
      if (held >= LIST_TEXT_SHARE * total) return true;
    }
  }
  return false;
}

/** Whether each entry's heading links its own other page of the origin; stops at the first that does not (most groups are a code block's spans). */
function distinctTargets(entries: Element[], pageUrl: string, self: string): boolean {
  const seen = new Set<string>();
  for (const entry of entries) {
    const target = headingTarget(entry, pageUrl, self);
    if (!target || seen.has(target)) return false;
    seen.add(target);
  }
  return true;
}

/**
 * A list with a single entry (a series or tag page holding one post): the article sits in an entry
 * whose title heading, outside the article, links another page of the origin, and whose "Read more"
 * link leads to that same page. A post's own title links itself or nothing, and it invites no reading
 * of another page.
 */
function loneEntry(root: Element, pageUrl: string, self: string): boolean {
  let el: Element = root;
  for (let depth = 0; depth <= MAX_ENTRY_DEPTH; depth++) {
    const parent = el.parent;
    if (!parent || !isElement(parent) || parent.name === 'body') return false;
    // The entry's title comes before its text: headings after it (related posts) are not its title.
    const before = parent.children.slice(0, parent.children.indexOf(el)).filter(isElement);
    const heading = before.flatMap((n) => (/^h[1-4]$/.test(n.name) ? [n] : selectIn(n, 'h1, h2, h3, h4')))[0];
    el = parent;
    if (!heading) continue;
    const target = linkTarget(selectIn(heading, 'a[href]'), pageUrl, self);
    if (!target) return false;
    return selectIn(el, 'a[href]').some((a) => isReadMore(a) && normalizeUrl(absoluteUrl(a.attribs['href'], pageUrl) ?? '') === target);
  }
  return false;
}

/**
 * Whether the article read from a page is a list's card (a series page holding one post, or the first
 * of several): read before cleaning, which drops empty links, it holds the entry's title heading and
 * an empty link stretched over the whole card (CSS makes it cover the card) that leads to another page
 * of the origin. A post holds no empty link of its own to another page.
 */
export function isCard(root: Element, pageUrl: string): boolean {
  // A card shows a title, a date, at most an excerpt; a post of that size is rare, and its empty links
  // are icons (`<a href="/atom.xml"><i class="icon-rss"></i></a>`), not bare anchors.
  // Every post is asked: the bare links among the article's own children first, the rest only then.
  const empty = root.children.filter((n): n is Element => isElement(n) && n.name === 'a' && !!n.attribs['href'] && textOf(n).trim() === '' && !n.children.some(isElement));
  if (!empty.length || textOf(root).length > CARD_TEXT || selectIn(root, 'h1, h2, h3, h4').length === 0) return false;
  const target = linkTarget(empty, pageUrl, normalizeUrl(pageUrl));
  // An empty link to the home page is a logo drawn by CSS, not a card's link to its post.
  return target !== undefined && new URL(target).pathname !== '/';
}

/** Characters of text a card holds at most: its title, date and excerpt. */
const CARD_TEXT = 600;

function isReadMore(a: Element): boolean {
  const text = textOf(a).replace(/^[\s[(]+|[\s\])]+$/g, '');
  return READ_MORE.test(text) || READ_MORE_CLASS.test(a.attribs['class'] ?? '');
}

/** The other page of the origin a heading in `entry` links to: a link inside it, or one wrapping it (a card's title). */
function headingTarget(entry: Element, pageUrl: string, self: string): string | undefined {
  const wrapping = selectIn(entry, 'a[href]').filter((a) => selectIn(a, 'h1, h2, h3, h4').length > 0);
  return linkTarget([...selectIn(entry, 'h1 a[href], h2 a[href], h3 a[href], h4 a[href]'), ...wrapping], pageUrl, self);
}

/** The first of `links` leading to another page of the origin. */
function linkTarget(links: Element[], pageUrl: string, self: string): string | undefined {
  for (const a of links) {
    const url = absoluteUrl(a.attribs['href'], pageUrl);
    if (!url || !/^https?:/i.test(url) || !sameOrigin(url, pageUrl)) continue;
    const key = normalizeUrl(url);
    if (key !== self) return key;
  }
  return undefined;
}
