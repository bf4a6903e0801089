import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { absoluteUrl } from '../discover/url.js';
import type { Overrides, PostMeta } from '../types.js';
import { dayOf, isDateLine, parseDate } from './dates.js';
import { decodeText, findIn, firstMatch, insideAny, query, safeSelect, textOf } from './dom.js';
import type { EngineRule } from './engines/index.js';
import { closestIn, selectIn } from './select.js';
import { jsonNames, jsonString, jsonUrl, readJsonLd } from './jsonld.js';
import { isMetaLine } from './meta-line.js';
import { pageMemo } from './parse.js';
import { statsOf, textStats } from './scorer.js';

export interface MetadataContext {
  url: string;
  engine?: EngineRule;
  /** The article body chosen by content selection: its surroundings are the post's own header/footer. */
  root?: Cheerio<Element>;
  overrides?: Overrides;
}

/** The post's own container: the article around the body, its header and footer included. */
const ARTICLE_SCOPE = 'article, [itemtype*="BlogPosting" i], [itemtype*="Article" i], .hentry, .h-entry, .type-post, .post, #post';

/** Page-wide furniture: tag and category links in here belong to the blog, not to this post. */
const FURNITURE_ROLES = new Set(['navigation', 'complementary', 'banner', 'contentinfo']);
const FURNITURE_TOKEN = /^(sidebar|secondary|widget|widgets|widget-area|tagcloud|tag-cloud|site-header|site-footer|menu|post-nav|post-navigation|pagination|archive-list|category-list|tag-list)$/i;
const FURNITURE_PART = /sidebar|widget|related|tag-cloud|tagcloud/i;

function isFurniture(el: Element): boolean {
  if (el.name === 'aside' || el.name === 'nav') return true;
  if (FURNITURE_ROLES.has(el.attribs.role ?? '')) return true;
  if ((el.name === 'header' || el.name === 'footer') && (el.parent as Element | null)?.name === 'body') return true;
  // id="header"/"footer" is the page's; a class "footer" may be the post's own footer.
  if (/^(header|footer)$/i.test(el.attribs.id ?? '')) return true;
  if (!el.attribs.class && !el.attribs.id) return false;
  const tokens = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.split(/\s+/).filter(Boolean);
  return tokens.some((t) => FURNITURE_TOKEN.test(t) || FURNITURE_PART.test(t));
}

const furnitureCache = pageMemo<Set<AnyNode>>();

/**
 * Collect the page furniture once per document. Containers of the article itself are not furniture,
 * even when a theme calls them a widget (Blogger wraps all posts in `.widget.Blog`).
 */
function prepareFurniture($: CheerioAPI, root: Cheerio<Element> | undefined): void {
  const holdsArticle = new Set<AnyNode>();
  for (let n: AnyNode | null = root?.get(0) ?? null; n; n = n.parent) holdsArticle.add(n);
  const set = new Set<AnyNode>();
  // Furniture inside furniture adds nothing to `inFurniture`: its subtree is not searched.
  const visit = (el: Element): void => {
    for (const child of el.children) {
      if (child.type !== 'tag') continue;
      if (!holdsArticle.has(child) && isFurniture(child)) set.add(child);
      else visit(child);
    }
  };
  for (const body of selectIn($.root().get(0)!, 'body')) visit(body);
  furnitureCache.set($, set);
}

/** True when the element sits in page furniture (sidebar, nav, site header/footer...). */
function inFurniture($: CheerioAPI, el: AnyNode): boolean {
  if (!furnitureCache.has($)) prepareFurniture($, undefined);
  return insideAny(el, furnitureCache.get($)!);
}

const TAG_HREF = /\/(tags?|tagged|topics?|labels?|search\/label)\/[^/?#]+|[?&]tag=/i;
const CATEGORY_HREF = /\/(categor(y|ies)|section)\/[^/?#]+|[?&](cat|category)=/i;

const metaCache = pageMemo<Map<string, string[]>>();

/** Every <meta> of the page by lower-case property/name/itemprop, read in one pass. */
function metaIndex($: CheerioAPI): Map<string, string[]> {
  let index = metaCache.get($);
  if (!index) {
    index = new Map();
    for (const el of query($, 'meta[content]').toArray()) {
      const content = decodeText(el.attribs.content);
      if (!content) continue;
      for (const attr of ['property', 'name', 'itemprop']) {
        const name = el.attribs[attr]?.toLowerCase();
        if (!name) continue;
        // Some generators (staticsite) prefix the OpenGraph article namespace: og:article:published_time.
        for (const key of name.startsWith('og:article:') ? [name, name.slice(3)] : [name]) {
          const list = index.get(key) ?? [];
          list.push(content);
          index.set(key, list);
        }
      }
    }
    metaCache.set($, index);
  }
  return index;
}

const meta = ($: CheerioAPI, ...keys: string[]): string | undefined => {
  const index = metaIndex($);
  for (const key of keys) {
    const value = index.get(key.toLowerCase())?.[0];
    if (value) return value;
  }
  return undefined;
};

const metaAll = ($: CheerioAPI, key: string): string[] => metaIndex($).get(key.toLowerCase()) ?? [];

/** The machine-readable value of a date element, else its visible text. */
function dateFrom($el: Cheerio<Element>): string | undefined {
  for (const attr of ['datetime', 'content', 'data-ts', 'title']) {
    const value = $el.attr(attr);
    if (!value) continue;
    const parsed = attr === 'data-ts' && /^\d{9,10}$/.test(value) ? new Date(Number(value) * 1000).toISOString().replace(/\.000Z$/, 'Z') : parseDate(value);
    if (parsed) return parsed;
  }
  return parseDate($el.text());
}

function firstDate($: CheerioAPI, selectors: readonly string[] | undefined, scope?: Cheerio<AnyNode>): string | undefined {
  for (const selector of selectors ?? []) {
    const found = safeSelect($, selector, scope);
    for (const el of found.toArray()) {
      const value = dateFrom($(el));
      if (value) return value;
    }
  }
  return undefined;
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

/** Split a keywords string ("a, b; c") into its items. */
const splitList = (value: string | undefined): string[] => (value ? value.split(/[,;，、]/).map((s) => s.trim()) : []);

/**
 * `article:tag` is one tag per meta, but Docusaurus writes a single meta with every tag joined by commas
 * ("docker,linux"). One meta with commas is a list, unless the page shows that very text as one tag.
 */
function splitJoinedTags(values: string[], pageTags: string[]): string[] {
  if (values.length !== 1 || !values[0]!.includes(',')) return values;
  const whole = values[0]!.toLowerCase();
  return pageTags.some((t) => t.toLowerCase() === whole) ? values : splitList(values[0]);
}

/** The article container around the body, widened until it includes the post's own header and footer. */
export function articleScope($: CheerioAPI, root: Cheerio<Element> | undefined): Cheerio<Element> | undefined {
  if (!root?.length) return undefined;
  const belowPage = (el: Element | undefined): el is Element => !!el && el.name !== 'body' && el.name !== 'html';
  const article = closestIn(root.get(0)!, ARTICLE_SCOPE);
  if (belowPage(article)) {
    const outer = article.parent?.type === 'tag' ? closestIn(article.parent as Element, ARTICLE_SCOPE) : undefined;
    return $(belowPage(outer) && !selectIn(outer, '*').some(isFurniture) ? outer : article);
  }
  let scope = root;
  for (let i = 0; i < 2; i++) {
    const parent = scope.parent();
    if (!parent.length || parent.is('body, html, main') || findIn(parent, 'aside, .sidebar, #sidebar, .widget').length) break;
    scope = parent as Cheerio<Element>;
  }
  return scope;
}

function linkTexts($: CheerioAPI, links: Cheerio<Element>): string[] {
  return links
    .filter((_, el) => !inFurniture($, el))
    .map((_, el) => termText($, el))
    .get();
}

/** A post count in its own element: `11`, `(11)`, `[11]`. */
const COUNT = /^[([]?\d+[)\]]?$/;

/**
 * The name a tag or category link shows, without the post count a theme puts in a child element
 * (AnZhiYu: `docker<span class="tagsPageCount">11</span>`; clouds: `docker<sup>11</sup>`).
 */
function termText($: CheerioAPI, a: Element): string {
  const full = textOf($(a));
  if (!a.children.some((c) => c.type === 'tag')) return full;
  const counts = selectIn(a, '*').filter((el) => COUNT.test(textOf($(el))));
  if (!counts.length) return full;
  let text = '';
  const walk = (node: AnyNode) => {
    if (node.type === 'text') text += node.data;
    else if (node.type === 'tag' && !counts.includes(node as Element)) for (const child of (node as Element).children) walk(child);
  };
  for (const child of a.children) walk(child);
  return text.replace(/\s+/g, ' ').trim() || full;
}

/** True when the link sits in the post's meta line (date and tags), even one a theme puts in an <aside>. */
function inMetaLine($: CheerioAPI, a: Element, scope: Cheerio<Element>): boolean {
  const top = scope.get(0);
  for (let n = a.parent as Element | null; n && n !== top && n.type === 'tag'; n = n.parent as Element | null) {
    if (isMetaLine($, n)) return true;
  }
  return false;
}

/** Tag and category links of the post: rel="tag"/"category" and taxonomy URL patterns inside its scope. */
function taxonomyLinks($: CheerioAPI, scope: Cheerio<Element> | undefined): { tags: string[]; categories: string[] } {
  const tags: string[] = [];
  const categories: string[] = [];
  if (!scope) return { tags, categories };
  $(findIn(scope, 'a[href]')).each((_, el) => {
    const $a = $(el);
    if (inFurniture($, el) && !inMetaLine($, el, scope)) return;
    const rel = ($a.attr('rel') ?? '').toLowerCase().split(/\s+/);
    const href = $a.attr('href') ?? '';
    const text = termText($, el);
    if (!text) return;
    if (rel.includes('category') || CATEGORY_HREF.test(href)) categories.push(text);
    else if (rel.includes('tag') || TAG_HREF.test(href)) tags.push(text);
  });
  return { tags, categories };
}

/** The site-wide footer: furniture in general, but wiki-born engines (ikiwiki) print the page's own tags there. */
function isPageFooter(el: Element): boolean {
  if (el.attribs.role === 'contentinfo' || /^footer$/i.test(el.attribs.id ?? '')) return true;
  return el.name === 'footer' && (el.parent as Element | null)?.name === 'body';
}

/**
 * rel="tag"/"category" links (which by definition apply to the page they are on) in the site footer, for
 * pages whose post scope has none. Widgets, clouds and menus inside that footer stay furniture.
 */
function footerRelTaxonomy($: CheerioAPI): { tags: string[]; categories: string[] } {
  const tags: string[] = [];
  const categories: string[] = [];
  query($, 'a[rel][href]').each((_, el) => {
    const rel = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('tag') && !rel.includes('category')) return;
    let inFooter = false;
    for (let n = el.parent as Element | null; n && n.type === 'tag'; n = n.parent as Element | null) {
      if (isPageFooter(n)) inFooter = true;
      else if (isFurniture(n)) return;
    }
    const text = termText($, el);
    if (!inFooter || !text) return;
    (rel.includes('category') ? categories : tags).push(text);
  });
  return { tags, categories };
}

/** Heading permalink glyphs ("# Title", "Title ¶") are not part of a title. */
const stripAnchorGlyphs = (text: string) => text.replace(/^[#¶§🔗\s]+(?=\S)/u, '').replace(/(?<=\S)[\s]*[#¶§🔗]+$/u, '').trim();

/** A short element outside the body whose whole text is a date: "May 28, 2015" under the title. */
function visibleDate($: CheerioAPI, scope: Cheerio<Element> | undefined, root: Cheerio<Element> | undefined): string | undefined {
  if (!scope) return undefined;
  const body = new Set<AnyNode>(root?.toArray() ?? []);
  // Inside the body only its first blocks may be a date line (the one under the title).
  const lead = new Set<AnyNode>(root?.children().slice(0, 3).toArray() ?? []);
  const stats = textStats($);
  for (const el of findIn(scope, '*')) {
    if (body.has(el) || (insideAny(el, body) && !insideAny(el, lead))) continue;
    const length = statsOf(stats, el).text;
    const text = $(el).text();
    if (length <= 60 && text.length <= 80 && isDateLine(text)) return parseDate(text);
    if (length <= 240 && isMetaLine($, el)) return parseDate(text);
  }
  return undefined;
}

/**
 * The blog's name as its header shows it: a heading (or site-title element) that is a link to the home
 * page. Themes without og:site_name (chronicle, many hand-made ones) print it as the page's only <h1>.
 */
function siteNameFromHomeLink($: CheerioAPI, url: string): string | undefined {
  for (const el of query($, 'h1 a[href], h2 a[href], .site-title a[href], a.site-title[href]').toArray()) {
    const target = absoluteUrl(el.attribs.href, url);
    if (!target || new URL(target).origin !== new URL(url).origin || new URL(target).pathname !== '/') continue;
    const heading = $(el).closest('h1, h2, .site-title');
    const text = textOf(heading.length ? heading : $(el));
    if (text && text === textOf($(el)) && text.length <= 100) return text;
  }
  return undefined;
}

const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ', ' » ', ' / ', ': '];

/**
 * The part of a document title ("Blog: Post", "Post | Site") that the page also shows as the whole text
 * of one element (the post title in a <legend>, a span, a div): themes hard-code a prefix that is not the
 * blog's name (chronicle's "Blog: ", a theme's own name), and the shown part is the post's title.
 */
function titleShownOnPage($: CheerioAPI, raw: string): string | undefined {
  const parts = new Set<string>();
  for (const sep of TITLE_SEPARATORS) {
    for (let i = raw.indexOf(sep); i >= 0; i = raw.indexOf(sep, i + 1)) {
      parts.add(raw.slice(0, i).trim());
      parts.add(raw.slice(i + sep.length).trim());
    }
  }
  if (!parts.size) return undefined;
  const shown = new Set<string>();
  for (const el of selectIn($.root().get(0)!, 'body *')) {
    // A title element holds little markup: skipping containers keeps this linear on big pages.
    if (el.name === 'a' || el.children.filter((c) => c.type === 'tag').length > 3) continue;
    const text = $(el).text();
    if (text.length <= 300) shown.add(text.replace(/\s+/g, ' ').trim());
  }
  if (shown.has(raw)) return raw;
  // Both halves shown ("Post | Blog description" with the description in the header) decides nothing.
  const found = [...parts].filter((part) => part.length > 0 && shown.has(part));
  return found.length === 1 ? found[0] : undefined;
}

function titleFromDocument($: CheerioAPI, siteName: string | undefined): string | undefined {
  const raw = decodeText(query($, 'head > title').first().text() || query($, 'title').first().text());
  if (!raw) return undefined;
  if (siteName) {
    for (const sep of TITLE_SEPARATORS) {
      if (raw.endsWith(`${sep}${siteName}`)) return raw.slice(0, -(sep.length + siteName.length)).trim();
      if (raw.startsWith(`${siteName}${sep}`)) return raw.slice(siteName.length + sep.length).trim();
    }
  }
  // Without a known site name, cut the last " | Site" part only when the separator is unambiguous.
  // A dash may belong to the title itself ("Rust — a love letter"): cut there only before a shorter tail.
  const shownPart = titleShownOnPage($, raw);
  if (shownPart) return shownPart;
  const m = /^(.+?)\s+(\||–|—|·|::|»)\s+([^|–—·»]+)$/.exec(raw);
  if (!m) return raw;
  return m[2] === '|' || m[3]!.length < m[1]!.length ? m[1]!.trim() : raw;
}

function pickTitle($: CheerioAPI, ctx: MetadataContext, scope: Cheerio<Element> | undefined, jsonHeadline: string | undefined): string {
  const fromSelectors = (selectors: readonly string[] | undefined, within?: Cheerio<AnyNode>) => {
    for (const selector of selectors ?? []) {
      for (const el of safeSelect($, selector, within).toArray()) {
        const $el = $(el);
        if (inFurniture($, el) && !closestIn(el, ARTICLE_SCOPE)) continue;
        const text = stripAnchorGlyphs(decodeText($el.attr('data-typed-text') ?? $el.attr('content')) ?? textOf($el));
        if (text && text.length <= 300) return text;
      }
    }
    return undefined;
  };
  const siteName = meta($, 'og:site_name', 'application-name') ?? siteNameFromHomeLink($, ctx.url);
  const og = meta($, 'og:title', 'twitter:title');
  const docTitle = decodeText(query($, 'title').first().text());
  // A heading found by selector must agree with the page's declared titles, when it has any: a body
  // <h1> ("# Setup") is no title.
  const declared = [jsonHeadline, og !== siteName ? og : undefined].filter((t): t is string => !!t);
  const norm = (t: string) => t.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  const agrees = (h: string | undefined) =>
    h && (!declared.length || [...declared, docTitle].some((d) => d && (norm(d).includes(norm(h)) || norm(h).includes(norm(d))))) ? h : undefined;
  const headingSelectors = ['[itemprop~="headline"]', '.post-title', '.entry-title', '.article-title', '.p-name', 'h1'];
  return (
    (ctx.overrides?.title && fromSelectors([ctx.overrides.title])) ||
    agrees(fromSelectors(ctx.engine?.title, scope)) ||
    agrees(fromSelectors(ctx.engine?.title)) ||
    (scope && agrees(fromSelectors(headingSelectors, scope))) ||
    declared[0] ||
    (query($, 'body h1').length === 1 && textOf(query($, 'body h1')) !== siteName ? fromSelectors(['body h1']) : undefined) ||
    titleFromDocument($, siteName) ||
    ''
  );
}

/** Every piece of post metadata the page offers, best source first (see the module brief in index.ts). */
export function extractMetadata($: CheerioAPI, ctx: MetadataContext): PostMeta {
  const { url, engine, overrides } = ctx;
  prepareFurniture($, ctx.root);
  const scope = articleScope($, ctx.root);
  const ld = readJsonLd($);
  const article = ld.article ?? {};
  const baseHref = query($, 'base[href]').first().attr('href');
  const base = absoluteUrl(baseHref, url) ?? url;

  const headline = decodeText(jsonString(article.headline) ?? jsonString(article.name));
  const title = pickTitle($, ctx, scope, headline);

  const machineDate =
    parseDate(jsonString(article.datePublished) ?? jsonString(article.dateCreated)) ||
    parseDate(meta($, 'article:published_time', 'og:published_time', 'datePublished')) ||
    firstDate($, ['[itemprop~="datePublished"]'], scope) ||
    firstDate($, ['[itemprop~="datePublished"]']);
  const chosenDate =
    (overrides?.date ? firstDate($, [overrides.date]) : undefined) ||
    firstDate($, engine?.date, scope) ||
    machineDate ||
    parseDate(meta($, 'date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'publish-date', 'pubdate', 'parsely-pub-date', 'sailthru.date', 'article.published')) ||
    firstDate($, ['time[datetime]', 'time', '.published', '.post-date', '.entry-date', '.date', '.post-meta', '.entry-meta', '.meta'], scope) ||
    firstDate($, engine?.date) ||
    visibleDate($, scope, ctx.root) ||
    dateFromUrl(url);
  // A visible day-only date gains the time of a machine-readable value for the same day.
  const date = chosenDate && machineDate && chosenDate.length === 10 && dayOf(machineDate) === chosenDate ? machineDate : chosenDate;

  let updated =
    firstDate($, engine?.updated, scope) ||
    parseDate(jsonString(article.dateModified)) ||
    parseDate(meta($, 'article:modified_time', 'og:updated_time', 'dateModified', 'last-modified')) ||
    firstDate($, ['[itemprop~="dateModified"]'], scope);
  if (updated && date && updated === date) updated = undefined;

  const author =
    firstText($, engine?.author, scope) ||
    firstText($, engine?.author) ||
    decodeText(jsonNames(article.author, ld.resolve)[0]) ||
    meta($, 'author', 'dc.creator', 'parsely-author', 'sailthru.author') ||
    nonUrl(meta($, 'article:author')) ||
    (scope && (metaInScope($, scope, '[itemprop~="author"] [itemprop~="name"]') || firstText($, ['[itemprop~="author"] [itemprop~="name"]', '[rel~="author"]', '.p-author', '.author .fn', '.byline .author', '.post-author', '.author-name'], scope))) ||
    undefined;

  const inScope = taxonomyLinks($, scope);
  const linked = inScope.tags.length || inScope.categories.length ? inScope : footerRelTaxonomy($);
  const engineTags = engine?.tags ? dedupe(linkTexts($, collect($, engine.tags, scope))) : [];
  const engineCategories = engine?.categories ? dedupe(linkTexts($, collect($, engine.categories, scope))) : [];
  // Machine-readable lists usually name every tag (themes may show only the primary one), but some are
  // capped (Hugo's OpenGraph stops at 6): a page list that contains the machine list and more wins.
  const pageTags = firstNonEmpty(engineTags, dedupe(linked.tags));
  const machineTags = firstNonEmpty(
    dedupe(splitJoinedTags(metaAll($, 'article:tag'), pageTags)),
    dedupe(Array.isArray(article.keywords) ? (article.keywords as unknown[]).filter((k): k is string => typeof k === 'string') : splitList(jsonString(article.keywords))),
  );
  const tags = firstNonEmpty(richer(machineTags, pageTags), dedupe(splitList(meta($, 'keywords', 'news_keywords'))));

  // Hugo (and others) put the content folder ("posts") in article:section: a folder is not a category.
  const folders = new Set(new URL(url).pathname.split('/').slice(0, -1).map((seg) => safeDecode(seg).toLowerCase()));
  const notFolder = (values: string[]) => values.filter((v) => !folders.has(v.toLowerCase()));
  const categories = richer(
    firstNonEmpty(notFolder(dedupe(metaAll($, 'article:section'))), notFolder(dedupe(jsonNames(article.articleSection, ld.resolve)))),
    firstNonEmpty(engineCategories, dedupe(linked.categories)),
  );

  const description = meta($, 'description', 'og:description', 'twitter:description') || decodeText(jsonString(article.description));
  const canonical = absoluteUrl(query($, 'link[rel~="canonical" i]').first().attr('href'), base) ?? absoluteUrl(meta($, 'og:url'), base);
  const lang = normaliseLang(query($, 'html').attr('lang') ?? meta($, 'og:locale') ?? query($, 'meta[http-equiv="content-language" i]').attr('content') ?? scope?.attr('lang'));
  const image = absoluteUrl(meta($, 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src') ?? jsonUrl(article.image, ld.resolve), base);

  const result: PostMeta = { title, tags, categories };
  if (date) result.date = date;
  if (updated) result.updated = updated;
  if (author) result.author = author;
  if (description) result.description = description;
  if (canonical) result.canonical = canonical;
  if (lang) result.lang = lang;
  if (image) result.image = image;
  return result;
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

function firstText($: CheerioAPI, selectors: readonly string[] | undefined, scope?: Cheerio<Element>): string | undefined {
  const el = firstMatch($, selectors, scope);
  const text = el ? decodeText(el.attr('content')) ?? textOf(el) : undefined;
  return text && text.length <= 100 ? text.replace(/^by\s+/i, '') : undefined;
}

function metaInScope($: CheerioAPI, scope: Cheerio<Element>, selector: string): string | undefined {
  return decodeText(findIn(scope, selector)[0]?.attribs.content);
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

const nonUrl = (value: string | undefined) => (value && !/^https?:\/\//i.test(value) ? value : undefined);

/** Permalinks such as /2015/07/26/slug/ carry the day when the page itself shows none. */
function dateFromUrl(url: string): string | undefined {
  const m = /\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\//.exec(new URL(url).pathname);
  return m ? parseDate(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}

function normaliseLang(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v || !/^[a-z]{2,3}([_-][a-z0-9]{2,8})*$/i.test(v)) return undefined;
  const [primary, ...rest] = v.split(/[_-]/);
  return [primary!.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('-');
}
