/**
 * Finds the posts an index page lists. Site chrome (headers, footers, navigation, sidebars and their
 * "recent posts" widgets) is set aside first; then each entry of the listing (an <article>, a `.post`
 * card, a list item...) gives one link: its "Read more" link, else its title link, else its first link
 * to a post-like page. Archive pages and title-only lists are read as repeated list items and headings.
 */
import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Overrides, PostLink } from '../types.js';
import { parseDate } from '../extract/dates.js';
import { absoluteUrl, normalizeUrl } from './url.js';
import { indexRootOf } from './page-urls.js';
import { excludeMatcher, rejectLink, withoutFragment, type LinkScope } from './link-filters.js';

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
const CHROME = 'nav, aside, dialog, [role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [role="search"], [aria-hidden="true"]';

/** Class or id tokens of site chrome (sidebars, widgets, menus, comment and share blocks). */
const CHROME_TOKEN =
  /^(?:[\w-]*(?:sidebar|side-bar|widget)[\w-]*|secondary|site-header|site-footer|site-nav|masthead|navbar|nav-menu|main-menu|menu|breadcrumbs?|comments?|comment-list|disqus_thread|related|related-posts|share|sharing|share-buttons|social|social-links|tagcloud|tag-cloud|recent-posts|popular-posts|blogroll|toc|table-of-contents)$/i;

/** Chrome is never this: a block holding the listing itself (Blogger's posts live in a `.widget`). */
const HOLDS_LISTING = 'main, [role="main"], article, .hentry, .h-entry, [itemprop="blogPost"], .blog-posts, .post-list, .posts';

/** Elements that are one entry of a listing, in any engine's words. */
const ENTRY =
  'article, [itemprop="blogPost"], [itemtype*="BlogPosting"], .hentry, .h-entry, .post, .entry, .post-item, .post-entry, .post-preview, .post-card, .post-summary, .post-block, .blog-post, .blog-entry, .post-outer, .card, .archive-post, .archive-item, .post-list-item, .list-item, .article-item, .entry-item, .note, .story';

/** Entry-like ancestors that keep their own <header>/<footer> (which hold the title link). */
const ENTRY_OR_LISTING = `${ENTRY}, main, [role="main"]`;

/** Wording of "Read more" links, after arrows and punctuation are trimmed. */
const READ_MORE =
  /^(?:read more|read on|read the rest|read full (?:post|article|story)|read (?:the )?(?:post|article|story)|continue(?: reading)?|keep reading|more|view post|full post|full article|阅读全文|阅读更多|查看全文|继续阅读|全文|更多|閱讀全文|閱讀更多|繼續閱讀|続きを読む|もっと読む|더 보기|weiterlesen|mehr lesen|lire la suite|lire plus|leer más|seguir leyendo|continua a leggere|leia mais|читать далее)\b/i;
const READ_MORE_TOKEN = /(?:^|[-_])(?:more-link|more|read-more|readmore|jump-link|continue|continue-reading|btn-more)(?:[-_]|$)/i;
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
}

/**
 * The post links an index page lists, in page order, deduplicated by normalised URL, fragments removed
 * (Hexo's "Read More" goes to `/post/#more`: that is the post). `overrides.postLink` (CSS selector of
 * the links or of elements holding them) replaces detection; `overrides.exclude` drops matching URLs.
 */
export function findPostLinks(html: string, pageUrl: string, overrides?: Overrides, options: PostLinkOptions = {}): PostLink[] {
  const $ = load(html);
  const ctx: Ctx = {
    $,
    base: absoluteUrl($('base[href]').attr('href'), pageUrl) ?? pageUrl,
    pageUrl,
    scope: options.scope ?? indexRootOf(pageUrl),
    exclude: excludeMatcher(overrides?.exclude),
  };
  const links = overrides?.postLink ? overrideLinks(ctx, overrides.postLink) : detectLinks(ctx);
  return dedupe(links);
}

function overrideLinks(ctx: Ctx, selector: string): PostLink[] {
  const { $ } = ctx;
  const out: PostLink[] = [];
  for (const el of $(selector).toArray()) {
    const node = $(el);
    const a = node.is('a[href]') ? node : node.find('a[href]').first().length ? node.find('a[href]').first() : node.closest('a[href]');
    const url = absoluteUrl(a.attr('href'), ctx.base);
    if (!url || rejectLink(url, { ...ctx }) === 'out of scope' || ctx.exclude?.(url)) continue;
    const target = withoutFragment(url);
    if (normalizeUrl(target) === normalizeUrl(ctx.pageUrl)) continue;
    out.push({ url: target, ...describe(ctx, node.closest(ENTRY).length ? node.closest(ENTRY) : node, target, a) });
  }
  return out;
}

function detectLinks(ctx: Ctx): PostLink[] {
  const { $ } = ctx;
  $(NOISE).remove();
  removeChrome($);
  const entries = innermost($, $(ENTRY).toArray().filter((el) => candidateAnchors(ctx, $(el)).length > 0));
  const units = listUnits(ctx);
  // One entry holding many list items or headings is a page-wide wrapper (an archive page in an <article>).
  const useUnits = entries.length === 0 || (entries.length === 1 && units.filter((u) => $(entries[0]!).find(u).length || entries[0] === u).length >= 3);
  const picked = useUnits ? units : entries;
  const links: PostLink[] = [];
  for (const el of picked) {
    const link = entryLink(ctx, $(el));
    if (link) links.push(link);
  }
  if (links.length || !useUnits) return links;
  // No structure at all (links separated by <br>, say): every post-like link left in the content.
  return candidateAnchors(ctx, $('body').length ? $('body') : $.root())
    .filter((a) => words($(a).text()).length > 1)
    .map((a) => {
      const url = withoutFragment(absoluteUrl($(a).attr('href'), ctx.base)!);
      return { url, ...describe(ctx, $(a), url, $(a)) };
    });
}

function removeChrome($: CheerioAPI): void {
  $(CHROME).remove();
  $('header, footer').each((_, el) => {
    if (!$(el).parents(ENTRY_OR_LISTING).length) $(el).remove();
  });
  $('[class], [id]').each((_, el) => {
    if (!el.parent) return;
    const tokens = `${el.attribs['class'] ?? ''} ${el.attribs['id'] ?? ''}`.split(/\s+/).filter(Boolean);
    if (tokens.some((t) => CHROME_TOKEN.test(t)) && !$(el).find(HOLDS_LISTING).length && !$(el).is(HOLDS_LISTING)) $(el).remove();
  });
}

/** Drops elements that contain another element of the list (an <article> inside a `.post-block`). */
function innermost($: CheerioAPI, els: Element[]): Element[] {
  const set = new Set(els);
  return els.filter((el) => !$(el).find('*').toArray().some((d) => set.has(d as Element)));
}

/**
 * Repeated structures of title-only lists and archive pages: innermost list items, table rows and
 * headings holding a post link, and whole-card links — each one entry.
 */
function listUnits(ctx: Ctx): Element[] {
  const { $ } = ctx;
  const found = $('li, tr, h1, h2, h3, h4, h5, h6, a:has(h1, h2, h3, h4, h5, img)')
    .toArray()
    .filter((el) => candidateAnchors(ctx, $(el)).length > 0);
  const inner = innermost($, found.filter((el) => el.tagName === 'li' || el.tagName === 'tr'));
  const taken = new Set<AnyNode>(inner);
  const units: Element[] = [];
  for (const el of found) {
    if (taken.has(el)) {
      units.push(el);
      continue;
    }
    if (el.tagName === 'li' || el.tagName === 'tr') continue;
    if ($(el).parents().toArray().some((p) => taken.has(p))) continue;
    if ($(el).find('*').toArray().some((d) => taken.has(d))) continue;
    taken.add(el);
    units.push(el);
  }
  return units;
}

/** Anchors inside `scope` (or `scope` itself) whose target may be a post. */
function candidateAnchors(ctx: Ctx, scope: Cheerio<AnyNode>): Element[] {
  const { $ } = ctx;
  const anchors = scope.is('a[href]') ? (scope.toArray() as Element[]) : [];
  anchors.push(...scope.find('a[href]').toArray());
  return anchors.filter((a) => {
    const url = absoluteUrl($(a).attr('href'), ctx.base);
    return url !== undefined && rejectLink(withoutFragment(url), ctx) === undefined;
  });
}

function linkText($: CheerioAPI, a: Element): string {
  return words($(a).text()).replace(EDGE_PUNCTUATION, '');
}

function isReadMore($: CheerioAPI, a: Element): boolean {
  const el = $(a);
  const texts = [linkText($, a), words(el.attr('aria-label')), words(el.attr('title'))];
  if (texts.some((t) => t && READ_MORE.test(t) && t.length < 40)) return true;
  const tokens = [el, el.parent()].flatMap((e) => `${e.attr('class') ?? ''}`.split(/\s+/)).filter(Boolean);
  return tokens.some((t) => READ_MORE_TOKEN.test(t));
}

/** The one link an entry stands for: "Read more", else the title link, else its first post-like link. */
function entryLink(ctx: Ctx, entry: Cheerio<Element>): PostLink | undefined {
  const { $ } = ctx;
  const anchors = candidateAnchors(ctx, entry);
  if (!anchors.length) return undefined;
  const allowed = new Set(anchors);
  const titled = TITLE_LINKS.map((sel) => entry.find(sel).toArray().find((a) => allowed.has(a))).find(Boolean);
  const chosen = anchors.find((a) => isReadMore($, a)) ?? titled ?? anchors[0]!;
  const url = withoutFragment(absoluteUrl($(chosen).attr('href'), ctx.base)!);
  return { url, ...describe(ctx, entry, url, $(chosen)) };
}

/** Title and date shown for the entry, when visible. */
function describe(ctx: Ctx, entry: Cheerio<AnyNode>, url: string, chosen: Cheerio<AnyNode>): Omit<PostLink, 'url'> {
  const title = entryTitle(ctx, entry, url, chosen);
  const date = entryDate(ctx.$, entry);
  return { ...(title ? { title } : {}), ...(date ? { date } : {}) };
}

function entryTitle(ctx: Ctx, entry: Cheerio<AnyNode>, url: string, chosen: Cheerio<AnyNode>): string | undefined {
  const { $ } = ctx;
  const key = normalizeUrl(url);
  const sameTarget = (a: Element) => {
    const href = absoluteUrl($(a).attr('href'), ctx.base);
    return href !== undefined && normalizeUrl(href) === key;
  };
  const usable = (text: string) => text.length > 0 && !READ_MORE.test(text) && !parseDateOnly(text);
  for (const sel of TITLE_LINKS) {
    const a = entry.find(sel).toArray().find(sameTarget);
    const text = a ? titleOf($, a) : '';
    if (usable(text)) return text;
  }
  const heading = words(entry.find(TITLE_TEXT).first().text());
  if (heading && usable(heading) && heading.length < 300) return heading;
  const own = (chosen.toArray() as Element[]).map((a) => titleOf($, a)).find(usable);
  if (own) return own;
  const any = entry.find('a[href]').toArray().filter(sameTarget).map((a) => titleOf($, a)).find(usable);
  return any ?? undefined;
}

/** Text of a title link, or its label when it has no text (covering links with aria-label). */
function titleOf($: CheerioAPI, a: Element): string {
  const el = $(a);
  const heading = el.find('h1, h2, h3, h4, h5').first();
  return words(heading.length ? heading.text() : el.text()) || words(el.attr('title'));
}

function parseDateOnly(text: string): boolean {
  return text.length < 40 && parseDate(text) !== undefined && text.replace(/[\d\s/.,:年月日-]/g, '').length < 12;
}

function entryDate($: CheerioAPI, entry: Cheerio<AnyNode>): string | undefined {
  for (const selector of DATE_ELEMENTS) {
    for (const el of entry.find(selector).toArray()) {
      const node = $(el);
      const date = parseDate(node.attr('datetime') ?? node.attr('content') ?? node.attr('title') ?? '') ?? parseDate(words(node.text()).slice(0, 200));
      if (date) return date;
    }
  }
  const text = separateText(entry);
  return text.length < 300 ? parseDate(text) : parseDate(words(entry.find(TITLE_TEXT).first().text()));
}

/** Text with its pieces kept apart (`<p>Summary</p><span>May 4, 2021</span>` is not "SummaryMay 4"). */
function separateText(nodes: Cheerio<AnyNode>): string {
  const parts: string[] = [];
  const walk = (node: AnyNode) => {
    if (node.type === 'text') parts.push(node.data);
    else if ('children' in node) node.children.forEach(walk);
  };
  nodes.toArray().forEach(walk);
  return words(parts.join(' '));
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
