/**
 * Finds the posts an index page lists. Site chrome (headers, footers, navigation, sidebars and their
 * "recent posts" widgets) is set aside first; then each entry of the listing (an <article>, a `.post`
 * card, a list item...) gives one link: its "Read more" link, else its title link, else its first link
 * to a post-like page. Archive pages and title-only lists are read as repeated list items and headings.
 */
import type { CheerioAPI } from 'cheerio';
import { withPage } from '../html/parse.js';
import type { AnyNode, Element } from 'domhandler';
import type { Overrides, PostLink } from '../types.js';
import { parseDate } from '../text/dates.js';
import { absoluteUrl, normalizeUrl } from '../url/url.js';
import { indexRootOf } from './page-urls.js';
import { excludeMatcher, rejectLink, linkTarget, type LinkScope } from './link-filters.js';
import { ancestorsOf, elementsIn, firstIn, isElement } from '../html/walk.js';
import { selectorSets } from '../html/query.js';
import { textOf } from '../html/text.js';
import { query } from '../html/query.js';
import { closestIn } from '../html/select.js';

export interface PostLinkOptions {
  /**
   * Links must be on this URL's origin and under its directory (the walk passes its start URL).
   * Default: the index root of the page (`/blog/page/3/` -> `/blog/`).
   */
  scope?: string;
}

/** Never part of a listing. */
const NOISE = 'script, style, noscript, template, svg, canvas, iframe, object, embed, select, button, input, textarea';

/** Site chrome, by element or role: removed with everything inside. */
const CHROME = 'nav, aside, dialog, [role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [role="search"]';

/** Class or id tokens of site chrome (sidebars, widgets, menus, comment and share blocks). */
const CHROME_TOKEN =
  /^(?:[\w-]*(?:sidebar|side-bar|widget)[\w-]*|secondary|header|footer|site-header|site-footer|page-footer|global-header|global-footer|site-nav|nav|navigation|topbar|top-bar|masthead|navbar|nav-menu|main-menu|menu|breadcrumbs?|comments?|comment-list|disqus_thread|related|related-posts|share|sharing|share-buttons|social|social-links|tagcloud|tag-cloud|recent-posts|popular-posts|blogroll|toc|table-of-contents)$/i;

/** Chrome is never this: a block holding the listing itself (Blogger's posts live in a `.widget`). */
const HOLDS_LISTING = 'main, [role="main"], article, .hentry, .h-entry, [itemprop="blogPost"], .blog-posts, .post-list, .posts';

/** Elements that are one entry of a listing, in any engine's words. */
const ENTRY =
  'article, [itemprop="blogPost"], [itemtype*="BlogPosting"], .hentry, .h-entry, .post, .entry, .post-item, .post-entry, .post-preview, .post-card, .post-summary, .post-block, .blog-post, .blog-entry, .post-outer, .card, .archive-post, .archive-item, .post-list-item, .list-item, .article-item, .entry-item, .note, .story';

/** Entry-like ancestors that keep their own <header>/<footer> (which hold the title link). */
const ENTRY_OR_LISTING = `${ENTRY}, main, [role="main"]`;

/** Wording of "Read more" links, after arrows and punctuation are trimmed; may be followed by the title. */
const READ_MORE =
  /^(?:read more|read on|read the rest|read full (?:post|article|story)|read (?:the )?(?:post|article|story)|continue reading|keep reading|view post|full post|full article|阅读全文|阅读更多|查看全文|继续阅读|阅读剩余部分|閱讀全文|閱讀更多|繼續閱讀|続きを読む|もっと読む|더 보기|weiterlesen|mehr lesen|lire la suite|lire plus|leer más|seguir leyendo|continua a leggere|leia mais|читать далее)(?![\p{L}\p{N}])/iu;
/**
 * Words that mean "Read more" only when they are the whole label ("More thoughts on X" is a title); a
 * "Permalink" under an entry (blosxom-style themes, whose titles are no links) is the post's own link too.
 */
const READ_MORE_WORD = /^(?:more|continue|全文|更多|permalink|permanent link|固定链接)$/i;
const READ_MORE_TOKEN = /^(?:[a-z]+[-_])?(?:more-link|read-?more|jump-link|continue-reading)(?:[-_][a-z]+)?$|^(?:more|continue|btn-more|more-button)$/i;
const EDGE_PUNCTUATION = /^[\s«»‹›←→⟵⟶⇐⇒<>|·•.:…\-–—()[\]]+|[\s«»‹›←→⟵⟶⇐⇒<>|·•.:…\-–—()[\]]+$/g;

/** Where an entry's title link lives, most specific first. */
const TITLE_LINKS = [
  '.post-title a, .entry-title a, .article-title a, .card-title a, .post-heading a, .title a',
  'a.post-link, a.post-title-link, a.post-title, a.entry-title, a.article-title, a.title, a[rel~="bookmark"]',
  'h1 a, h2 a, h3 a, h4 a',
  'a:has(h1, h2, h3, h4, h5)',
  'header a',
];
const TITLE_TEXT = '.post-title, .entry-title, .article-title, .card-title, h1, h2, h3, h4, .title';
/** Where an entry shows its date, most reliable first. */
const DATE_ELEMENTS = [
  '[itemprop~="datePublished"]',
  'time.published, time.dt-published, .dt-published',
  'time[datetime]',
  '.post-date, .entry-date, .published, .date, time',
  '[class*="date"], [class*="time"], .post-meta, .entry-meta, .meta',
];

const words = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

interface Ctx extends LinkScope {
  $: CheerioAPI;
  base: string;
  /** Post URL (fragment removed) of each anchor already judged; null when it is not a post candidate. */
  judged: Map<Element, string | null>;
  sets: (selector: string) => Set<Element>;
}

/**
 * The post links an index page lists, in page order, deduplicated by normalised URL, fragments removed
 * (Hexo's "Read More" goes to `/post/#more`: that is the post). `overrides.postLink` (CSS selector of
 * the links or of elements holding them) replaces detection; `overrides.exclude` drops matching URLs.
 */
export function findPostLinks(html: string, pageUrl: string, overrides?: Overrides, options: PostLinkOptions = {}): PostLink[] {
  return withPage(html, ($) => postLinksIn($, pageUrl, overrides, options));
}

/** findPostLinks on a document already parsed. It removes the site chrome from that document. */
export function postLinksIn($: CheerioAPI, pageUrl: string, overrides?: Overrides, options: PostLinkOptions = {}): PostLink[] {
  const ctx: Ctx = {
    $,
    base: absoluteUrl(query($, 'base[href]').attr('href'), pageUrl) ?? pageUrl,
    pageUrl,
    scope: options.scope ?? indexRootOf(pageUrl),
    exclude: excludeMatcher(overrides?.exclude),
    judged: new Map(),
    sets: selectorSets($),
  };
  const links = overrides?.postLink ? overrideLinks(ctx, overrides.postLink) : detectLinks(ctx);
  return dedupe(links);
}

function overrideLinks(ctx: Ctx, selector: string): PostLink[] {
  const { $ } = ctx;
  const out: PostLink[] = [];
  for (const el of query($, selector).toArray().filter(isElement)) {
    const a = el.name === 'a' && el.attribs['href'] !== undefined ? el : (elementsIn(el, isAnchor)[0] ?? closestIn(el, 'a[href]'));
    const url = a && absoluteUrl(a.attribs['href'], ctx.base);
    if (!a || !url || rejectLink(url, ctx) === 'out of scope' || ctx.exclude?.(url)) continue;
    const target = linkTarget(url);
    if (normalizeUrl(target) === normalizeUrl(ctx.pageUrl)) continue;
    out.push({ url: target, ...describe(ctx, $(el).closest(ENTRY).toArray().find(isElement) ?? el, target, a) });
  }
  return out;
}

function detectLinks(ctx: Ctx): PostLink[] {
  const { $ } = ctx;
  query($, NOISE).remove();
  removeChrome(ctx);
  const named = [...ctx.sets(ENTRY)].filter(attached);
  const entriesUnder = countInside(named);
  const widened = [...new Set(named.map((el) => widenToOwnLink(ctx, el, entriesUnder)))];
  const entries = listingEntries(ctx, widened.filter((el) => candidateAnchors(ctx, el).length > 0));
  let picked = entries;
  if (entries.length <= 1) {
    // No entry markup, or one entry holding a whole list (an archive page inside one <article>).
    const repeated = repeatedEntries(ctx);
    const inside = entries.length ? repeated.filter((el) => ancestorsOf([el]).has(entries[0]!)) : repeated;
    if (entries.length === 0 || inside.length >= 3) picked = repeated;
  }
  const links = picked.map((el) => entryLink(ctx, el)).filter((l): l is PostLink => l !== undefined);
  if (links.length || picked.length) return links;
  // No structure at all (links separated by <br>, say): every post-like link left in the content.
  return candidateAnchors(ctx, $.root().get(0)!)
    .filter((a) => textOf(a).length > 1)
    .map((a) => ({ url: ctx.judged.get(a)!, ...describe(ctx, a, ctx.judged.get(a)!, a) }));
}

/**
 * Removes site chrome. Semantic chrome (nav, aside, roles, site header and footer) goes outright; a block
 * named like chrome (`.widget`, `#recent-posts`...) only when it does not hold the listing: Blogger keeps
 * its posts in a `.widget`, Butterfly its index in `#recent-posts`.
 */
function removeChrome(ctx: Ctx): void {
  const { $ } = ctx;
  query($, CHROME).remove();
  query($, 'header, footer').each((_, el) => {
    if (!(el.parent?.type === 'tag' && closestIn(el.parent, ENTRY_OR_LISTING))) $(el).remove();
  });
  const root = $.root().get(0)!;
  const total = candidateAnchors(ctx, root).length;
  const listing = new Set(query($, HOLDS_LISTING).toArray());
  const holdsListing = ancestorsOf(listing);
  const named = elementsIn(root, (el) => {
    const tokens = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`.split(/\s+/);
    return tokens.some((t) => t && CHROME_TOKEN.test(t));
  });
  for (const el of named) {
    if (listing.has(el) || holdsListing.has(el) || !attached(el)) continue;
    if (total >= 4 && candidateAnchors(ctx, el).length * 2 > total) continue;
    if (readsLikeListing(ctx, el)) continue;
    $(el).remove();
  }
}

/** Prose per post link above which a block is a listing of excerpts, not a widget of titles. */
const EXCERPT_CHARS_PER_LINK = 120;

/**
 * A block whose post links come with excerpts is a listing whatever its name: Butterfly's index is
 * `#recent-posts`, and on a last page with few posts the sidebar's "recent posts" widget holds as many
 * links as the listing. Widgets show titles and dates only.
 */
function readsLikeListing(ctx: Ctx, el: Element): boolean {
  const posts = candidateAnchors(ctx, el).length;
  if (!posts) return false;
  const linkText = elementsIn(el, isAnchor).reduce((n, a) => n + textOf(a).length, 0);
  return (textOf(el, true).length - linkText) / posts >= EXCERPT_CHARS_PER_LINK;
}

/** Still in the document (an ancestor may have been removed). */
function attached(el: Element): boolean {
  let n: Element['parent'] = el.parent;
  while (n && n.type !== 'root') n = n.parent;
  return n !== null;
}

/**
 * The entries among elements named like one: the outermost ones, except that one holding several others
 * and no title or "Read more" link of its own is a wrapper around the list, and its inner ones count.
 * An entry showing a whole post keeps the cards of related posts inside it to itself.
 */
function listingEntries(ctx: Ctx, matches: Element[]): Element[] {
  const out: Element[] = [];
  // The outermost matches inside a match are those whose nearest matching ancestor it is: grouped in one
  // pass, since asking every match about every other took minutes on an index of thousands.
  const pool = new Set<AnyNode>(matches);
  const directlyInside = new Map<AnyNode, Element[]>();
  for (const m of matches) {
    let p = m.parent;
    while (p && !pool.has(p)) p = p.parent;
    if (p) directlyInside.set(p, [...(directlyInside.get(p) ?? []), m]);
  }
  // Depth first, in document order, with an explicit stack: entries may nest thousands deep.
  const stack = outermost(matches).reverse();
  while (stack.length) {
    const el = stack.pop()!;
    const inside = directlyInside.get(el) ?? [];
    const nested = new Set(inside);
    const own = candidateAnchors(ctx, el).filter((a) => ![...ancestorsOf([a])].some((p) => nested.has(p as Element)));
    const titled = own.some((a) => isReadMore(ctx, a) || TITLE_LINKS.some((sel) => ctx.sets(sel).has(a)));
    if (inside.length >= 2 && !titled) for (let i = inside.length - 1; i >= 0; i--) stack.push(inside[i]!);
    else out.push(el);
  }
  return out;
}

/** For each element holding any of `els`, how many of them it holds (strictly inside). */
function countInside(els: Element[]): Map<AnyNode, number> {
  const counts = new Map<AnyNode, number>();
  for (const el of els) {
    for (let p = el.parent; p; p = p.parent) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return counts;
}

/**
 * An entry-named element with no title or "Read more" link of its own may be only the body of the entry
 * (blosxom-style `div.story`), its "Permalink" sitting just outside: the nearest ancestor that holds such
 * a link, and no other entry, is the entry.
 */
function widenToOwnLink(ctx: Ctx, el: Element, entriesUnder: Map<AnyNode, number>): Element {
  const ownLink = (e: Element) => candidateAnchors(ctx, e).some((a) => isReadMore(ctx, a) || TITLE_LINKS.some((sel) => ctx.sets(sel).has(a)));
  if (ownLink(el)) return el;
  let wider: Element = el;
  for (let i = 0; i < 3 && wider.parent && isElement(wider.parent) && wider.parent.name !== 'body'; i++) {
    wider = wider.parent;
    // `el` is one of the entries under `wider`: another one makes it more than this entry's frame.
    if ((entriesUnder.get(wider) ?? 0) >= 2) return el;
    if (ownLink(wider)) return wider;
  }
  return el;
}

function outermost(els: Element[]): Element[] {
  const set = new Set<AnyNode>(els);
  return els.filter((el) => ![...ancestorsOf([el])].some((p) => set.has(p)));
}

/** Drops elements that contain another element of the list (the cell inside a repeated row). */
function innermost(els: Element[]): Element[] {
  const containers = ancestorsOf(els);
  return els.filter((el) => !containers.has(el));
}

/** Class tokens with numbers dropped (`post-12` and `post-13` are the same kind of element). */
function classTokens(el: Element): Set<string> {
  return new Set((el.attribs['class'] ?? '').split(/\s+/).filter(Boolean).map((c) => c.replace(/\d+/g, '')));
}

/**
 * Whether `el` has a sibling of the same kind among `holders`. Each parent's children are
 * indexed once by tag and class token: comparing every child with all its siblings was quadratic in a
 * flat list of thousands of entries.
 */
function hasPeerIn(el: Element, parent: Element, holders: Set<AnyNode>, kinds: Map<Element, Map<string, number>>): boolean {
  let index = kinds.get(parent);
  if (!index) {
    index = new Map();
    for (const c of parent.children) {
      if (!isElement(c) || !holders.has(c)) continue;
      for (const key of kindKeys(c)) index.set(key, (index.get(key) ?? 0) + 1);
    }
    kinds.set(parent, index);
  }
  const counts = index;
  return kindKeys(el).some((key) => (counts.get(key) ?? 0) >= 2);
}

/**
 * Two elements are of the same kind when they share one of these keys: same tag, and either no classes on
 * both or at least one class in common (`card tag-news` ~ `card tag-life`).
 */
function kindKeys(el: Element): string[] {
  const tokens = classTokens(el);
  return tokens.size ? [...tokens].map((t) => `${el.name}.${t}`) : [el.name];
}

/**
 * Entries found by structure alone: for each post link, the nearest ancestor that has at least one
 * sibling of the same kind (tag and classes) also holding a post link — list items of an archive,
 * repeated headings, cards, rows, `div.item`s.
 */
function repeatedEntries(ctx: Ctx): Element[] {
  const anchors = candidateAnchors(ctx, ctx.$.root().get(0)!);
  const holders = ancestorsOf(anchors);
  for (const a of anchors) holders.add(a);
  const entries: Element[] = [];
  const taken = new Set<Element>();
  const kinds = new Map<Element, Map<string, number>>();
  for (const a of anchors) {
    // A link inside a sentence ("An earlier post, X, covers the basics") is prose: an index showing
    // whole posts has paragraphs with such links, and neither they nor the links are listing entries.
    if (inProse(a)) continue;
    for (let el: Element = a; el.parent && el.parent.type === 'tag'; el = el.parent) {
      if (!hasPeerIn(el, el.parent, holders, kinds)) continue;
      if (!taken.has(el)) {
        taken.add(el);
        entries.push(el);
      }
      break;
    }
  }
  return innermost(entries);
}

/** True when the link sits in a paragraph whose links are a minor part of its text. */
function inProse(a: Element): boolean {
  let p: Element['parent'] = a.parent;
  while (p && isElement(p) && p.name !== 'p') p = p.parent;
  if (!p || !isElement(p)) return false;
  const linkText = elementsIn(p, isAnchor).reduce((n, link) => n + textOf(link).length, 0);
  return textOf(p).length > 2 * linkText;
}

function isAnchor(el: Element): boolean {
  return el.name === 'a' && el.attribs['href'] !== undefined;
}

/** Anchors under `root` (or `root` itself) whose target may be a post, in document order. */
function candidateAnchors(ctx: Ctx, root: AnyNode): Element[] {
  return elementsIn(root, isAnchor).filter((a) => postUrlOf(ctx, a) !== null);
}

function postUrlOf(ctx: Ctx, a: Element): string | null {
  let url = ctx.judged.get(a);
  if (url === undefined) {
    const href = absoluteUrl(a.attribs['href'], ctx.base);
    const target = href && !isPageLink(a, href) ? linkTarget(href) : undefined;
    url = target && rejectLink(target, ctx) === undefined ? target : null;
    ctx.judged.set(a, url);
  }
  return url;
}

/** How a link to another page of the listing names itself: "Next page", "Page 3", "Older posts". */
const PAGE_LABEL = /^(?:(?:go to )?(?:next|previous|prev|older|newer|first|last)(?: page| posts| entries)?|page \d+|第\s*\d+\s*页|下一页|上一页|次のページ|前のページ)$/i;

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

function isReadMoreText(text: string): boolean {
  const t = text.replace(EDGE_PUNCTUATION, '');
  return t.length > 0 && (READ_MORE.test(t) || READ_MORE_WORD.test(t));
}

function isReadMore(ctx: Ctx, a: Element): boolean {
  const texts = [textOf(a), words(a.attribs['aria-label']), words(a.attribs['title'])];
  if (texts.some(isReadMoreText)) return true;
  const parent = a.parent && isElement(a.parent) ? a.parent.attribs['class'] ?? '' : '';
  return `${a.attribs['class'] ?? ''} ${parent}`.split(/\s+/).some((t) => t && READ_MORE_TOKEN.test(t));
}

/** The one link an entry stands for: "Read more", else the title link, else its first post-like link. */
function entryLink(ctx: Ctx, entry: Element): PostLink | undefined {
  const anchors = candidateAnchors(ctx, entry);
  if (!anchors.length) return undefined;
  const titled = TITLE_LINKS.map((sel) => anchors.find((a) => ctx.sets(sel).has(a))).find(Boolean);
  const chosen = anchors.find((a) => isReadMore(ctx, a)) ?? titled ?? anchors[0]!;
  const url = postUrlOf(ctx, chosen)!;
  return { url, ...describe(ctx, entry, url, chosen) };
}

/** Title and date shown for the entry, when visible. */
function describe(ctx: Ctx, entry: Element, url: string, chosen: Element): Omit<PostLink, 'url'> {
  const title = entryTitle(ctx, entry, url, chosen);
  const date = entryDate(ctx, entry);
  return { ...(title ? { title } : {}), ...(date ? { date } : {}) };
}

function entryTitle(ctx: Ctx, entry: Element, url: string, chosen: Element): string | undefined {
  const key = normalizeUrl(url);
  const sameTarget = elementsIn(entry, isAnchor).filter((a) => {
    const href = absoluteUrl(a.attribs['href'], ctx.base);
    return href !== undefined && normalizeUrl(href) === key;
  });
  const usable = (text: string) => text.length > 0 && !isReadMoreText(text) && !parseDateOnly(text);
  // Heading and title-class links are titles whatever they say; looser matches must not read "Read more".
  for (const [i, sel] of TITLE_LINKS.entries()) {
    const a = sameTarget.find((el) => ctx.sets(sel).has(el));
    const text = a ? titleOf(ctx, a) : '';
    if (i < 3 ? text && !parseDateOnly(text) : usable(text)) return text;
  }
  const own = [chosen, ...sameTarget].map((a) => titleOf(ctx, a)).find(usable);
  if (own) return own;
  // A heading linking elsewhere ("2019" over an archive's year) labels a group, not this entry.
  const headingEl = firstIn(entry, ctx.sets(TITLE_TEXT));
  const linksElsewhere = headingEl && elementsIn(headingEl, isAnchor).some((a) => !sameTarget.includes(a));
  const heading = headingEl && !linksElsewhere ? textOf(headingEl) : '';
  return heading && usable(heading) && heading.length < 300 ? heading : undefined;
}

/** Text of a title link, or its label when it has no text (covering links with aria-label). */
function titleOf(ctx: Ctx, a: Element): string {
  const heading = firstIn(a, ctx.sets('h1, h2, h3, h4, h5')) ?? cardTitle(a);
  return textOf(heading ?? a) || words(a.attribs['title']);
}

const TITLE_CLASS = /(?:^|[-_])(?:title|name|heading|headline)(?:$|[-_])/i;
const CARD_BLOCKS = new Set(['div', 'p', 'span', 'section', 'header', 'footer', 'time', 'figure', 'img']);

/**
 * The title inside a link that wraps a whole card (image, title, date, excerpt) without a heading: the
 * element classed as a title, else the card's first line of text that is not a date. Undefined for a
 * link that is only text.
 */
function cardTitle(a: Element): Element | undefined {
  const parts = elementsIn(a, (el) => el !== a && CARD_BLOCKS.has(el.name));
  if (parts.length < 2) return undefined;
  const classed = parts.find((el) => TITLE_CLASS.test(el.attribs['class'] ?? '') && textOf(el));
  if (classed) return classed;
  return parts.find((el) => el.name !== 'img' && !el.children.some((c) => isElement(c) && CARD_BLOCKS.has(c.name)) && textOf(el) && !parseDateOnly(textOf(el)));
}

function parseDateOnly(text: string): boolean {
  return text.length < 40 && parseDate(text) !== undefined && text.replace(/[\d\s/.,:年月日-]/g, '').length < 12;
}

function entryDate(ctx: Ctx, entry: Element): string | undefined {
  for (const selector of DATE_ELEMENTS) {
    const set = ctx.sets(selector);
    for (const el of elementsIn(entry, (e) => set.has(e))) {
      const machine = el.attribs['datetime'] ?? el.attribs['content'] ?? el.attribs['title'];
      const date = parseDate(machine) ?? parseDate(textOf(el).slice(0, 200));
      if (date) return date;
    }
  }
  const text = textOf(entry, true);
  if (text.length < 300) return parseDate(text);
  const heading = firstIn(entry, ctx.sets(TITLE_TEXT));
  return heading ? parseDate(textOf(heading)) : undefined;
}

/** First occurrence wins; later duplicates only fill in a missing title or date. */
function dedupe(links: PostLink[]): PostLink[] {
  const byKey = new Map<string, PostLink>();
  for (const link of links) {
    const key = normalizeUrl(link.url);
    const known = byKey.get(key);
    if (!known) byKey.set(key, { ...link });
    else {
      known.title ??= link.title;
      known.date ??= link.date;
    }
  }
  return [...byKey.values()];
}
