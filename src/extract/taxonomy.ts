/**
 * Tags and categories: which links name a post's terms, and what a term is called. The URL shapes of
 * tag and category pages and the words of term lists are data (vocabulary.ts); the rules are:
 * - a category page (by URL or rel="category") is a category even when the theme marks it rel="tag"
 *   (minimal-mistakes marks both kinds so);
 * - a term link leads to the blog's own site: another site's "tagged" page is a reference;
 * - a term's name is the link's text without the post count a theme shows beside it.
 */
import type { AnyNode, Element } from 'domhandler';
import type { PostMeta } from '../types.js';
import { isElement, walk } from '../html/walk.js';
import { CATEGORY_HREF, TAG_HREF, TERM_INDEX_HREF, TERM_LABEL, TERM_LIST_CLASS, TERM_SEPARATOR } from './vocabulary.js';

export type TermKind = 'tag' | 'category';

/**
 * Whether a link names a tag or a category, from its rel and its URL. With `base` (the page's URL), a
 * link to another origin names no term of this blog.
 */
export function termKind(a: Element, base?: string): TermKind | undefined {
  const href = (a.attribs.href ?? '').trim();
  if (isTermIndex(a)) return undefined;
  if (base && /^[a-z][a-z0-9+.-]*:/i.test(href)) {
    try {
      if (new URL(href).origin !== new URL(base).origin) return undefined;
    } catch {
      return undefined;
    }
  }
  const rel = (a.attribs.rel ?? '').toLowerCase().split(/\s+/);
  if (rel.includes('category') || CATEGORY_HREF.test(href)) return 'category';
  if (rel.includes('tag') || TAG_HREF.test(href)) return 'tag';
  return undefined;
}

/** A link to the page of every term of a kind (`/tags/`), not to one term's page. */
export function isTermIndex(a: Element): boolean {
  return TERM_INDEX_HREF.test((a.attribs.href ?? '').trim());
}

/** A link to a tag, label, topic or category page. */
export function isTaxonomyLink(a: Element, base?: string): boolean {
  return termKind(a, base) !== undefined;
}

/** A post count in its own element: `11`, `(11)`, `[11]`. */
const COUNT = /^[([]?\d+[)\]]?$/;

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Brackets a theme writes around every term's name (Lanyon descendants: `[Doce]`). */
const BRACKETED = /^\[\s*([^\][]+?)\s*\]$/;

/**
 * The name a term link shows, without the post count a theme puts in a child element (Jekyll-Bootstrap:
 * `linux <span>12</span>`; AnZhiYu: `docker<span class="tagsPageCount">11</span>`; clouds: `<sup>11</sup>`)
 * and without brackets around the whole name.
 */
export function termText(a: Element): string {
  return unbracketed(namedText(a));
}

const unbracketed = (name: string) => BRACKETED.exec(name)?.[1] ?? name;

function namedText(a: Element): string {
  let full = '';
  let named = '';
  walk(a, (node) => {
    if (node.type === 'text') full += node.data;
  });
  const counts = new Set<AnyNode>();
  walk(a, (node) => {
    if (node !== a && isElement(node) && COUNT.test(collapse(textIn(node)))) counts.add(node);
  });
  if (!counts.size) return collapse(full);
  walk(a, (node) => {
    if (node.type === 'text' && ![...counts].some((c) => contains(c, node))) named += node.data;
  });
  return collapse(named) || collapse(full);
}

function textIn(el: AnyNode): string {
  let text = '';
  walk(el, (node) => {
    if (node.type === 'text') text += node.data;
  });
  return text;
}

function contains(ancestor: AnyNode, node: AnyNode): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}

/** A term slug as a name: `machine-learning` -> `machine learning` (a name the page does not show). */
export const nameFromSlug = (slug: string): string => safeDecode(slug).replace(/[-_+]+/g, ' ').trim();

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The slug a term page's URL ends with: `/tag/machine-learning/` and `/tags.html#machine-learning-ref` -> `machine-learning`. */
export function termSlug(href: string): string | undefined {
  const fragment = /#(.+)$/.exec(href)?.[1];
  const raw = fragment ?? /\/([^/?#]+)\/?(?:[?#].*)?$/.exec(href)?.[1] ?? /[?&](?:tag|cat|category)=([^&#]+)/.exec(href)?.[1];
  return raw ? safeDecode(raw).replace(/-ref$/, '').toLowerCase() : undefined;
}

/** What an element's classes say it lists, when one names a list of terms. */
export function termListKind(el: Element): TermKind | undefined {
  for (const token of (el.attribs.class ?? '').split(/\s+/)) {
    const word = TERM_LIST_CLASS.exec(token)?.[1]?.toLowerCase();
    if (word) return word.startsWith('categor') ? 'category' : 'tag';
  }
  return undefined;
}

/**
 * The terms of a list a theme prints as text, not links: `<span class="tags">Tools</span>`, `Tags: rust,
 * go`, `#rust #go`, or one child element per term. Undefined when the text does not read as a short list
 * of names (a sentence, a count).
 */
export function plainTermList(el: Element): string[] | undefined {
  const children = el.children.filter((c): c is Element => isElement(c) && collapse(textIn(c)) !== '');
  const label = (t: string) => TERM_LABEL.test(t) && !t.replace(TERM_LABEL, '').trim();
  const parts =
    children.length > 1
      ? children.map((c) => collapse(textIn(c))).filter((t) => !label(t))
      : collapse(textIn(el)).replace(TERM_LABEL, '').split(TERM_SEPARATOR);
  const terms = parts.map((t) => t.replace(/^#/, '').trim()).filter(Boolean);
  if (!terms.length || terms.length > 20 || terms.some((t) => t.length > 50 || COUNT.test(t) || /[.!?]$/.test(t))) return undefined;
  return terms;
}

/**
 * Term slugs an article element's classes carry (WordPress and Ghost: `tag-python`, `category-news`);
 * Ghost's internal tags (`tag-hash-…`) are not shown to readers and are left out.
 */
export function classTerms(el: Element | undefined): { tags: string[]; categories: string[] } {
  const tags: string[] = [];
  const categories: string[] = [];
  for (const token of (el?.attribs.class ?? '').split(/\s+/)) {
    const tag = /^tag-(.+)$/.exec(token)?.[1];
    const category = /^category-(.+)$/.exec(token)?.[1];
    if (tag && !tag.startsWith('hash-')) tags.push(tag.toLowerCase());
    if (category) categories.push(category.toLowerCase());
  }
  return { tags, categories };
}

/**
 * Tags completed from sources that name all of a post's tags where its theme shows one or some:
 * `candidates` (the feed's terms for this post, or names found for the article's `tag-x` classes) are
 * taken when the page shows one tag only and they hold it; categories shown are left out of them. A
 * page that shows no tag gives no proof of which candidates are tags, and one that shows several
 * shows them all.
 */
const termKey = (t: string) => t.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, ' ').trim();

export function completeTags(shown: string[], categories: string[], candidates: string[]): string[] {
  if (!candidates.length || shown.length !== 1) return shown;
  const key = termKey;
  const have = new Set(candidates.map(key));
  if (!shown.every((t) => have.has(key(t)))) return shown;
  const cats = new Set(categories.map(key));
  const out = [...shown];
  const seen = new Set(shown.map(key));
  for (const c of candidates) {
    const k = key(c);
    if (seen.has(k) || cats.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  return out;
}

/** Split a keywords string ("a, b; c") into its items. */
export const splitList = (value: string | undefined): string[] => (value ? value.split(/[,;，、]/).map((s) => s.trim()).filter(Boolean) : []);

/**
 * The post's tags as the blog's feed names them (the feed parser keeps only terms it knows are tags),
 * when the feed's list holds every tag the page gave: it completes a theme's one shown tag and names
 * the tags read from `tag-x` class slugs. Applied after extraction, on the main thread: the feed is
 * read while the posts are.
 */
export function withFeedTerms(meta: PostMeta, terms: string[] | undefined): PostMeta {
  const feed = [...new Set((terms ?? []).map((t) => t.trim()).filter(Boolean))];
  if (!feed.length || !meta.tags.length) return meta;
  const named = new Set(feed.map(termKey));
  if (!meta.tags.every((t) => named.has(termKey(t)))) return meta;
  // A feed term named like a category is that category, unless the page itself shows it as a tag
  // (a post filed under "Travel" and tagged "Travel" keeps the tag).
  const categories = new Set(meta.categories.map(termKey));
  const shown = new Set(meta.tags.map(termKey));
  const tags = feed.filter((t) => shown.has(termKey(t)) || !categories.has(termKey(t)));
  return tags.join('\u0000') === meta.tags.join('\u0000') ? meta : { ...meta, tags };
}
