import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { absoluteUrl } from '../url/url.js';
import type { Overrides, PostMeta, SiteFacts } from '../types.js';
import { dayOf, isDateLine, parseDate } from '../text/dates.js';
import { decodeText, textOf } from '../html/text.js';
import { findIn, firstMatch, query, safeSelect } from '../html/query.js';
import { insideAny, isElement } from '../html/walk.js';
import type { EngineRule } from './engines/index.js';
import { articleScope, inFurniture, isFurniture, isPageFooter, prepareFurniture } from './furniture.js';
import { jsonNames, jsonString, jsonUrl, readJsonLd } from './jsonld.js';
import { isMetaLine } from './meta-line.js';
import { factOf, pageFact } from '../html/parse.js';
import { inRunningText, isBlock } from './prose.js';
import { statsOf, textStats } from './scorer.js';
import { classTerms, completeTags, nameFromSlug, plainTermList, splitList, termKind, termListKind, termSlug, termText } from './taxonomy.js';
import { pickTitle, titleText, type TitleChoice } from './title.js';

export { articleScope } from './furniture.js';

export interface MetadataContext {
  url: string;
  engine?: EngineRule;
  /** The article body chosen by content selection: its surroundings are the post's own header/footer. */
  root?: Cheerio<Element>;
  overrides?: Overrides;
  site?: SiteFacts;
}

const META_INDEX = pageFact<Map<string, string[]>>('meta tags by name');

/** Every <meta> of the page by lower-case property/name/itemprop, read in one pass. */
function metaIndex($: CheerioAPI): Map<string, string[]> {
  return factOf($, META_INDEX, () => {
    const index = new Map<string, string[]>();
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
    return index;
  });
}

/** Where a page's summary and share image are declared, best first. */
export const DESCRIPTION_META = ['description', 'og:description', 'twitter:description'];
export const IMAGE_META = ['og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'];

/** The first non-empty `<meta>` content among `keys` (property, name or itemprop). */
export const meta = ($: CheerioAPI, ...keys: string[]): string | undefined => {
  const index = metaIndex($);
  for (const key of keys) {
    const value = index.get(key.toLowerCase())?.[0];
    if (value) return value;
  }
  return undefined;
};

const metaAll = ($: CheerioAPI, key: string): string[] => metaIndex($).get(key.toLowerCase()) ?? [];

/** A title-like meta value as authored (decodeText collapses the author's spaces). */
const metaTitle = ($: CheerioAPI, ...keys: string[]): string | undefined => {
  for (const key of keys) {
    for (const el of query($, 'meta[content]').toArray()) {
      if (['property', 'name'].some((attr) => el.attribs[attr]?.toLowerCase() === key)) {
        const value = titleText(el.attribs.content);
        if (value) return value;
      }
    }
  }
  return undefined;
};

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


/**
 * `article:tag` is one tag per meta, but Docusaurus writes a single meta with every tag joined by commas
 * ("docker,linux"). One meta with commas is a list, unless the page shows that very text as one tag.
 */
function splitJoinedTags(values: string[], pageTags: string[]): string[] {
  if (values.length !== 1 || !values[0]!.includes(',')) return values;
  const whole = values[0]!.toLowerCase();
  return pageTags.some((t) => t.toLowerCase() === whole) ? values : splitList(values[0]);
}

/** True when the link sits in the post's meta line (date and tags), even one a theme puts in an <aside>. */
function inMetaLine($: CheerioAPI, a: Element, scope: Cheerio<Element>): boolean {
  const top = scope.get(0);
  for (let n = a.parent as Element | null; n && n !== top && n.type === 'tag'; n = n.parent as Element | null) {
    if (isMetaLine($, n)) return true;
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
  for (const el of findIn(scope, 'a[href]')) {
    if (!termKind(el)) continue;
    const metaLine = inMetaLine($, el, scope);
    // A term page on another site is a reference, unless the post's own meta line shows it (a blog
    // moved to its own domain that still links its old host's tag pages).
    const kind = termKind(el, metaLine ? undefined : ctx.url);
    if (!kind) continue;
    if (inFurniture($, el) && !metaLine) continue;
    if (!metaLine && insideAny(el, body) && inRunningText(el, ctx.root?.get(0))) continue;
    const text = termText(el);
    if (text) (kind === 'category' ? out.categories : out.tags).push(text);
  }
  return out;
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
    const rel = (el.attribs.rel ?? '').toLowerCase().split(/\s+/);
    if (!rel.includes('tag') && !rel.includes('category')) continue;
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

/** Keywords of the page that the blog's start page does not carry too: those are the blog's, not the post's. */
function ownKeywords(value: string | undefined, site: SiteFacts | undefined): string[] {
  const siteWide = new Set((site?.keywords ?? []).map((k) => k.toLowerCase()));
  return splitList(value).filter((k) => !siteWide.has(k.toLowerCase()));
}

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

/** Every piece of post metadata the page offers, best source first (see the module brief in index.ts), and where the title came from. */
export function extractMetadata($: CheerioAPI, ctx: MetadataContext): { meta: PostMeta; title: TitleChoice; dated: boolean } {
  const { url, engine, overrides } = ctx;
  prepareFurniture($, ctx.root);
  const scope = articleScope($, ctx.root);
  const ld = readJsonLd($);
  const article = ld.article ?? {};
  const baseHref = query($, 'base[href]').first().attr('href');
  const base = absoluteUrl(baseHref, url) ?? url;

  const siteName = meta($, 'og:site_name', 'application-name');
  const title = pickTitle($, {
    url,
    engine,
    root: ctx.root,
    scope,
    selector: overrides?.title,
    site: ctx.site,
    headline: titleText(jsonString(article.headline) ?? jsonString(article.name)),
    siteName,
    ogTitle: metaTitle($, 'og:title', 'twitter:title'),
  });

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
    visibleDate($, scope, ctx.root);
  const dated = chosenDate !== undefined;
  // A visible day-only date gains the time of a machine-readable value for the same day.
  const date = (chosenDate && machineDate && chosenDate.length === 10 && dayOf(machineDate) === chosenDate ? machineDate : chosenDate) ?? dateFromUrl(url);

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

  const inScope = taxonomyLinks($, scope, ctx);
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
  const categories = firstNonEmpty(
    engineCategories,
    dedupe(linked.categories),
    notFolder(dedupe(metaAll($, 'article:section'))),
    notFolder(dedupe(jsonNames(article.articleSection, ld.resolve))),
  );
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
  const tags = firstNonEmpty(completed, dedupe(ownKeywords(meta($, 'keywords', 'news_keywords'), ctx.site)));

  // Themes fill a post without a summary or image of its own with the blog's: that is not the post's.
  const described = meta($, ...DESCRIPTION_META) || decodeText(jsonString(article.description));
  const description = described && described !== ctx.site?.description ? described : undefined;
  const canonical = absoluteUrl(query($, 'link[rel~="canonical" i]').first().attr('href'), base) ?? absoluteUrl(meta($, 'og:url'), base);
  // The declared language; extractPost checks it against the article's text (language.ts).
  const lang = normaliseLang(query($, 'html').attr('lang') ?? meta($, 'og:locale') ?? query($, 'meta[http-equiv="content-language" i]').attr('content') ?? scope?.attr('lang'));
  const shared = meta($, ...IMAGE_META);
  const image = shared !== undefined && shared === ctx.site?.image ? undefined : absoluteUrl(shared ?? jsonUrl(article.image, ld.resolve), base);

  const result: PostMeta = { title: title.text, tags, categories };
  if (date) result.date = date;
  if (updated) result.updated = updated;
  if (author) result.author = author;
  if (description) result.description = description;
  if (canonical) result.canonical = canonical;
  if (lang) result.lang = lang;
  if (image) result.image = image;
  return { meta: result, title, dated };
}

/** The names of the term links an engine's selectors found; links that lead to the other kind of term page are left out. */
function termTexts($: CheerioAPI, links: Cheerio<Element>, kind: 'tag' | 'category', url: string): string[] {
  return links
    .toArray()
    .filter((el) => !inFurniture($, el) && (termKind(el, url) ?? kind) === kind)
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

