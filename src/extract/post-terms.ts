/**
 * The post's tags and categories: the engine's term links, the term links in the post's scope (or rel=tag
 * links in the site footer, or terms its header or footer prints as plain text), article:tag / article:section and JSON-LD lists, the article's tag-x classes,
 * and <meta name="keywords"> where it is not the blog's own list.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { findIn, query, safeSelect } from '../html/query.js';
import { insideAny, isElement } from '../html/walk.js';
import { classAndIdTokens, wordPartPattern } from '../html/text.js';
import { closestIn, matchesSelector } from '../html/select.js';
import type { SiteFacts } from '../types.js';
import { inFurniture, inOwnTermList, isFurniture, isMarkedFurniture, isPageFooter } from './furniture.js';
import { jsonNames, jsonString, type JsonLd } from './jsonld.js';
import { hashtagMetaLine, isMetaLine } from './meta-line.js';
import { meta, metaAll } from './meta-tags.js';
import type { MetadataContext } from './metadata.js';
import { inRunningText, isBlock } from './prose.js';
import { classTerms, completeTags, isTermIndex, nameFromSlug, plainTermList, splitList, termKind, termListKind, termSlug, termText } from './taxonomy.js';
import { COMMENTS_WORDS } from './clean-vocabulary.js';
import { ARTICLE_SCOPE, BREADCRUMB, KEYWORDS_META } from './vocabulary.js';

/** The tags and categories of the post whose article container is `scope`. */
export function postTerms($: CheerioAPI, ctx: MetadataContext, scope: Cheerio<Element> | undefined, ld: JsonLd, titleElement?: Element): Terms {
  const { url, engine } = ctx;
  const article = ld.article ?? {};
  const inScope = withTermsAfter(withTermsAfter(taxonomyLinks($, scope, ctx), termsAfterArticle($, scope, ctx.url)), termsBesideTitle($, titleElement, scope, url));
  const anyTerm = (t: Terms) => t.tags.length > 0 || t.categories.length > 0;
  const fromFooter = anyTerm(inScope) ? inScope : footerRelTaxonomy($, url);
  const linked = anyTerm(fromFooter) ? fromFooter : plainTaxonomy($, scope, ctx.root);
  const engineTags = engine?.tags ? dedupe(termTexts($, collect($, engine.tags, scope), 'tag', url)) : [];
  const engineCategories = engine?.categories ? dedupe(termTexts($, collect($, engine.categories, scope), 'category', url)) : [];
  // Hugo (and others) put the content folder ("posts") in article:section: a folder is not a category.
  const folders = new Set(new URL(url).pathname.split('/').slice(0, -1).map((seg) => safeDecode(seg).toLowerCase()));
  const notFolder = (values: string[]) => values.filter((v) => !folders.has(v.toLowerCase()));
  // Categories the page shows are the post's; article:section and JSON-LD articleSection hold one
  // section, often the content type ("Post"), and stand in only where the page shows none.
  const sections = engine?.sectionIsNotCategory
    ? []
    : [notFolder(dedupe(metaAll($, 'article:section'))), notFolder(dedupe(jsonNames(article.articleSection, ld.resolve)))];
  const categories = firstNonEmpty(engineCategories, dedupe(linked.categories), dedupe(breadcrumbCategories($, url)), ...sections);
  // Machine-readable lists usually name every tag (themes may show only the primary one), but some are
  // capped (Hugo's OpenGraph stops at 6): a page list that contains the machine list and more wins.
  const pageTags = firstNonEmpty(engineTags, dedupe(linked.tags));
  const machineTags = firstNonEmpty(
    dedupe(splitJoinedTags(metaAll($, 'article:tag'), pageTags)),
    dedupe(Array.isArray(article.keywords) ? (article.keywords as unknown[]).filter((k): k is string => typeof k === 'string') : splitList(jsonString(article.keywords))),
  );
  const shownTags = richer(machineTags, pageTags);
  // Where the theme shows one tag, the article's tag-x classes name the rest (and so may the feed: withFeedTerms).
  const completed = completeTags(shownTags, categories, classTagNames($, scope, url));
  // <meta name="keywords"> is a post's tags only where it is not the blog's own (the start page's) list.
  const tags = firstNonEmpty(completed, dedupe(ownKeywords(meta($, ...KEYWORDS_META), ctx.site)));
  return { tags, categories };
}

function dedupe(values: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.replace(/^[#\s]+/, '').replace(/\s+/g, ' ').trim();
    const key = value.toLowerCase();
    if (!value || value.length > 80 || seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

/**
 * `article:tag` is one tag per meta, but Docusaurus writes a single meta with every tag joined by commas
 * ("docker,linux"). One meta with commas is a list, unless the page shows that very text as one tag.
 */
function splitJoinedTags(values: string[], pageTags: string[]): string[] {
  if (values.length !== 1 || !values[0]!.includes(',')) return values;
  const whole = values[0]!.toLowerCase();
  return pageTags.some((t) => t.toLowerCase() === whole) ? values : splitList(values[0]);
}

/**
 * True when the link sits in the post's meta line (date and tags), even one a theme puts in an <aside>.
 * `judged`: the answers for the elements already looked at, which the links of one list share.
 */
function inMetaLine($: CheerioAPI, a: Element, scope: Cheerio<Element>, judged: Map<Element, boolean>): boolean {
  const top = scope.get(0);
  for (let n = a.parent as Element | null; n && n !== top && n.type === 'tag'; n = n.parent as Element | null) {
    let metaLine = judged.get(n);
    if (metaLine === undefined) judged.set(n, (metaLine = isMetaLine($, n)));
    if (metaLine) return true;
  }
  return false;
}

interface Terms {
  tags: string[];
  categories: string[];
}

/**
 * Tag and category links of the post inside its scope. A link in the running text of the body ("see my
 * [posts on Python](/tags/python/)") is the author's reference, not the post's term.
 */
function taxonomyLinks($: CheerioAPI, scope: Cheerio<Element> | undefined, ctx: MetadataContext): Terms {
  const out: Terms = { tags: [], categories: [] };
  if (!scope) return out;
  const body = new Set<AnyNode>(ctx.root?.toArray() ?? []);
  const judged = new Map<Element, boolean>();
  const entry = matchesSelector(scope.get(0)!, H_ENTRY);
  for (const el of findIn(scope, 'a[href]')) {
    if (!termKind(el)) continue;
    const metaLine = inMetaLine($, el, scope, judged);
    // A term page on another site is a reference, unless the post's own meta line shows it (a blog
    // moved to its own domain that still links its old host's tag pages).
    const kind = termKind(el, metaLine ? undefined : ctx.url);
    if (!kind) continue;
    // In a microformats entry, a link marked as the entry's term (rel=tag, p-category) is the post's even
    // in a side column of the entry itself (So Simple: `<article class="h-entry">…<div class="page-sidebar">`
    // holding the post's author, date, categories and tags).
    const entryTerm = entry && (isRelTerm(el) || /(^|\s)p-category(\s|$)/.test(el.attribs.class ?? ''));
    if (inFurniture($, el) && !metaLine && !entryTerm && !inOwnTermList($, el, scope.get(0)!)) continue;
    if (!metaLine && insideAny(el, body) && inRunningText(el, ctx.root?.get(0))) continue;
    const text = termText(el);
    if (text) (kind === 'category' ? out.categories : out.tags).push(text);
  }
  return out;
}

/** Each kind of term from the article, else from what follows it. */
const withTermsAfter = (inside: Terms, after: Terms): Terms => ({
  tags: inside.tags.length ? inside.tags : after.tags,
  categories: inside.categories.length ? inside.categories : after.categories,
});

/** A microformats post: its marked properties are the post's own. */
const H_ENTRY = '.h-entry, .hentry';

const HOLDS_OTHER_CONTENT = `h1, h2, h3, h4, h5, h6, ${ARTICLE_SCOPE}`;
/** What a line of term links may print besides them: a label ("Tags:", "标签") and separators. */
const MAX_LABEL_LETTERS = 12;

/**
 * Term links a theme prints right after the article element, in the post's own container (Beautiful
 * Jekyll: `<article>…</article><div class="blog-tags">Tags: <a href="/tags#x">x</a></div>`). Only the
 * element siblings following the article are read, up to the first holding a heading or another post
 * (related posts, comments, a list), and of those only a line of term links and nothing else: a
 * container holding other posts is a list, not a post's own. An unmarked `<aside>` there counts by its
 * rel=tag links alone (`<aside><a rel="tag">x</a> <a href="…/post.md">source</a></aside>`).
 */
function termsAfterArticle($: CheerioAPI, scope: Cheerio<Element> | undefined, url: string): Terms {
  const out: Terms = { tags: [], categories: [] };
  const article = scope?.get(0);
  const container = article?.parent;
  if (!article || !container || !isElement(container) || container.name === 'html') return out;
  // Minimal themes (Hugo's xmin, hand-made pages) put the post's <main> straight in <body> and its term
  // lines right after it, before the site footer. There the body is the whole site, so only the lines
  // that directly follow the post count: the first other element ends them (a sidebar's tag cloud).
  const pageLevel = container.name === 'body';
  // Comments written as <article>s (HTML5 themes) are not other posts.
  if (findIn($(container), ARTICLE_SCOPE).some((el) => el !== article && !insideAny(el, new Set([article])) && !inCommentThread(el, container))) return out;
  for (let node = article.next; node; node = node.next) {
    if (!isElement(node)) continue;
    if (HEADING.test(node.name) || findIn($(node), HOLDS_OTHER_CONTENT).length || matchesSelector(node, ARTICLE_SCOPE)) break;
    // An unmarked <aside> in the post's own container whose links say they are this page's terms
    // (rel=tag) is the post's footer, not a sidebar: its other links (the post's source) are passed over.
    const postAside = !pageLevel && node.name === 'aside' && !isMarkedFurniture(node);
    if (!postAside && (isFurniture(node) || inFurniture($, node))) {
      if (pageLevel) break;
      continue;
    }
    const links = findIn($(node), 'a[href]').filter((a) => !postAside || isRelTerm(a));
    const kinds = links.map((a) => termKind(a, url));
    const termLine = links.length > 0 && kinds.every((k) => k) && lettersOutsideLinks(node) <= MAX_LABEL_LETTERS;
    // An empty element (the <p></p> a stray `</p>` makes) neither holds terms nor ends the lines.
    if (!termLine && pageLevel && (links.length || lettersOutsideLinks(node))) break;
    if (!termLine) continue;
    links.forEach((a, i) => {
      const text = termText(a);
      if (text) (kinds[i] === 'category' ? out.categories : out.tags).push(text);
    });
  }
  return out;
}

const HEADING = /^h[1-6]$/;

/** A comment section's class or id word as a whole dash/underscore-separated part (`static-comments`, `comment-chain`). */
const COMMENT_HINT = wordPartPattern(COMMENTS_WORDS);

/** True when `el` sits in a comment thread below `top`. */
function inCommentThread(el: Element, top: Element): boolean {
  for (let n = el.parent; n && n !== top && isElement(n); n = n.parent) {
    if (classAndIdTokens(n).some((t) => COMMENT_HINT.test(t))) return true;
  }
  return false;
}

/**
 * Term links printed beside the post's title in a page-wide header above the article (Clean Blog
 * descendants such as Hux Blog: `<header><div class="post-heading"><div class="tags"><a href="/archive/?tag=x">`
 * then the `<h1>`). Only the title's own container is read, and only when every link in it is a term
 * link: a header with a menu or other posts is not the post's.
 */
function termsBesideTitle($: CheerioAPI, title: Element | undefined, scope: Cheerio<Element> | undefined, url: string): Terms {
  const out: Terms = { tags: [], categories: [] };
  const article = scope?.get(0);
  const block = title?.parent;
  if (!title || !article || !block || !isElement(block) || block.name === 'body' || block.name === 'html') return out;
  if (insideAny(title, new Set([article])) || findIn($(block), ARTICLE_SCOPE).length || insideAny(article, new Set([block]))) return out;
  // The page header around it counts as site chrome: holding the post's title is what makes it the post's.
  if (isFurniture(block)) return out;
  const links = findIn($(block), 'a[href]');
  const kinds = links.map((a) => termKind(a, url));
  if (!links.length || kinds.some((k) => !k)) return out;
  links.forEach((a, i) => {
    const text = termText(a);
    if (text) (kinds[i] === 'category' ? out.categories : out.tags).push(text);
  });
  return out;
}

/**
 * The category pages a breadcrumb trail links (`Home › Posts › Category › Sub`, Stellar's banner, Yoast's
 * WordPress trail): on a post's page the trail is the post's place in the blog, so they are its
 * categories, in the trail's order. A trail in the page's furniture (a sidebar widget) is not the post's.
 */
function breadcrumbCategories($: CheerioAPI, url: string): string[] {
  const out: string[] = [];
  for (const trail of query($, BREADCRUMB).toArray()) {
    // The outermost trail only: its items and links are often classed as breadcrumbs too.
    if (trail.parent && isElement(trail.parent) && closestIn(trail.parent, BREADCRUMB)) continue;
    if (inFurniture($, trail)) continue;
    for (const a of findIn($(trail), 'a[href]')) {
      const text = termKind(a, url) === 'category' ? termText(a) : undefined;
      if (text) out.push(text);
    }
  }
  return out;
}

function lettersOutsideLinks(root: Element): number {
  let letters = 0;
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') letters += node.data.match(/\p{L}/gu)?.length ?? 0;
    else if (isElement(node) && node.name !== 'a') stack.push(...node.children);
  }
  return letters;
}

/**
 * Terms the post's header or footer prints as plain text, in an element whose class names them (Eleventy
 * and hand-made themes: `<span class="post__tags">Tools</span>`), for pages that link none.
 */
function plainTaxonomy($: CheerioAPI, scope: Cheerio<Element> | undefined, root: Cheerio<Element> | undefined): Terms {
  const out: Terms = { tags: [], categories: [] };
  if (!scope) return out;
  const body = new Set<AnyNode>(root?.toArray() ?? []);
  // The outermost list only: `<div class="tags"><span class="tag">a</span>…</div>` is one list.
  const lists = new Set<AnyNode>();
  for (const el of findIn(scope, '[class]')) {
    const kind = termListKind(el);
    if (!kind || insideAny(el, lists) || inFurniture($, el) || (insideAny(el, body) && ofText(el))) continue;
    lists.add(el);
    if (findIn($(el), 'a[href]').length) continue;
    const terms = plainTermList(el);
    if (terms) (kind === 'category' ? out.categories : out.tags).push(...terms);
  }
  if (out.tags.length || out.categories.length) return out;
  for (const el of findIn(scope, 'p, div, span, ul')) {
    // Outside the body, or in the article's own header or footer that the body still holds.
    if ((insideAny(el, body) && !closestIn(el, 'header, footer')) || inFurniture($, el)) continue;
    const tags = hashtagMetaLine(el);
    if (tags) return { tags, categories: [] };
  }
  return out;
}

/** Blocks of running text, where a term-like class is the text's own markup. */
const PROSE_BLOCKS = new Set(['p', 'li', 'dd', 'td', 'th', 'blockquote', 'figcaption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Whether a body element with a term-like class belongs to the text: a highlighter's token in code
 * (`<span class="tag">`, `<span class="keyword">`) or a mark in a paragraph or list item (`<mark
 * class="hl-label">`), unless the article's own <header>/<footer> holds it.
 */
function ofText(el: Element): boolean {
  let block: Element | undefined;
  for (let n: AnyNode | null = el.parent; n && isElement(n); n = n.parent) {
    if (n.name === 'pre' || n.name === 'code') return true;
    if (n.name === 'header' || n.name === 'footer') return false;
    if (!block && isBlock(n)) block = n;
  }
  return !isBlock(el) && !!block && PROSE_BLOCKS.has(block.name);
}

/**
 * rel="tag"/"category" links (which by definition apply to the page they are on) in the site footer, for
 * pages whose post scope has none. Widgets, clouds and menus inside that footer stay furniture.
 */
function footerRelTaxonomy($: CheerioAPI, url: string): Terms {
  const out: Terms = { tags: [], categories: [] };
  for (const el of query($, 'a[rel][href]').toArray()) {
    if (!isRelTerm(el)) continue;
    let inFooter = false;
    let furniture = false;
    for (let n = el.parent as Element | null; n && n.type === 'tag'; n = n.parent as Element | null) {
      if (isPageFooter(n)) inFooter = true;
      else if (isFurniture(n)) furniture = true;
    }
    const kind = termKind(el, url);
    const text = termText(el);
    if (!inFooter || furniture || !text || !kind) continue;
    (kind === 'category' ? out.categories : out.tags).push(text);
  }
  return out;
}

/** A rel="tag" or rel="category" link: by definition a term of the page it is on. */
function isRelTerm(a: Element): boolean {
  const rel = (a.attribs.rel ?? '').toLowerCase().split(/\s+/);
  return rel.includes('tag') || rel.includes('category');
}

/**
 * Names of the tags an article's `tag-x` classes carry (themes that show one tag): the text of any link
 * on the page to that tag's page (a sidebar cloud names them all), else the slug as words.
 */
function classTagNames($: CheerioAPI, scope: Cheerio<Element> | undefined, url: string): string[] {
  const slugs = classTerms(scope?.get(0)).tags;
  if (!slugs.length) return [];
  const names = new Map<string, string>();
  for (const a of query($, 'a[href]').toArray()) {
    if (termKind(a, url) !== 'tag') continue;
    const slug = termSlug(a.attribs.href ?? '');
    const text = termText(a);
    if (slug && text && !names.has(slug)) names.set(slug, text);
  }
  return slugs.map((slug) => names.get(slug) ?? nameFromSlug(slug));
}

/**
 * Keywords of the page less the blog's own: where the page repeats the start page's whole list (with
 * its own added or not), those are the blog's, not the post's. A start page may instead list every tag
 * of the blog (Bear Blog themes); a page carrying only some of them names its own.
 */
function ownKeywords(value: string | undefined, site: SiteFacts | undefined): string[] {
  const keywords = splitList(value);
  const siteWide = new Set((site?.keywords ?? []).map((k) => k.toLowerCase()));
  const page = new Set(keywords.map((k) => k.toLowerCase()));
  const repeatsSite = siteWide.size > 0 && [...siteWide].every((k) => page.has(k));
  return repeatsSite ? keywords.filter((k) => !siteWide.has(k.toLowerCase())) : keywords;
}

/** The names of the term links an engine's selectors found; links that lead to the other kind of term page are left out. */
function termTexts($: CheerioAPI, links: Cheerio<Element>, kind: 'tag' | 'category', url: string): string[] {
  return links
    .toArray()
    .filter((el) => !inFurniture($, el) && !isTermIndex(el) && (termKind(el, url) ?? kind) === kind)
    .map(termText);
}

function collect($: CheerioAPI, selectors: readonly string[], scope: Cheerio<Element> | undefined): Cheerio<Element> {
  for (const within of [scope, undefined]) {
    for (const selector of selectors) {
      const found = safeSelect($, selector, within).filter((_, el) => !inFurniture($, el));
      if (found.length) return found;
    }
  }
  return $([]) as Cheerio<Element>;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The machine list, unless the page list holds all of it and more. */
function richer(machine: string[], page: string[]): string[] {
  if (!machine.length) return page;
  const shown = new Set(page.map((p) => p.toLowerCase()));
  return page.length > machine.length && machine.every((m) => shown.has(m.toLowerCase())) ? page : machine;
}

const firstNonEmpty = (...lists: string[][]): string[] => lists.find((l) => l.length > 0) ?? [];
