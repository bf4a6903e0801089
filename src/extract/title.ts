/**
 * The post's title: what the page names the post. In order: a `--title` selector; the engine's title
 * element, the article's title heading, the single page heading outside the body — each only when it
 * agrees with what the page declares (JSON-LD `headline`, `og:title`, `<title>`); the declared title;
 * `<title>` without the blog's name. A heading inside the body is the title only when nothing else
 * names the post: a body heading ("Setup", "PCI 简介") is part of the text.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { absoluteUrl } from '../url/url.js';
import type { SiteFacts } from '../types.js';
import { decodeHTML } from 'entities';
import { insideAny } from '../html/walk.js';
import { findIn, query, safeSelect } from '../html/query.js';
import { textOf } from '../html/text.js';
import type { EngineRule } from './engines/index.js';
import { ANCHOR_GLYPHS } from './clean-vocabulary.js';
import { inFurniture } from './furniture.js';
import { ARTICLE_SCOPE, DATE_ELEMENTS } from './vocabulary.js';
import { closestIn, selectIn } from '../html/select.js';
import { walk } from '../html/walk.js';

export interface TitleContext {
  url: string;
  engine?: EngineRule;
  /** The article body chosen by content selection. */
  root?: Cheerio<Element>;
  /** The post's own container around the body (furniture.ts `articleScope`). */
  scope?: Cheerio<Element>;
  /** `--title` selector. */
  selector?: string;
  site?: SiteFacts;
  /** JSON-LD `headline` of the page's article. */
  headline?: string;
  /** `og:site_name` (or `application-name`). */
  siteName?: string;
  /** `og:title` (or `twitter:title`). */
  ogTitle?: string;
}

export interface TitleChoice {
  text: string;
  /** The element the title was read from, when it was read from one. */
  element?: Element;
}

const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ', ' » ', ' / ', ': '];
/** Title-heading conventions, most specific first. */
const HEADING_SELECTORS = ['[itemprop~="headline"]', '.post-title', '.entry-title', '.article-title', '.p-name', 'h1'];
/** A subtitle printed inside the title heading (Bootstrap's `<h1>Title <small>tagline</small></h1>`). */
const SUBTITLE = 'small, .subtitle, .tagline, .post-subtitle, .sub-title';
/**
 * A meta line printed inside the title element (`<div class="post-title">Title <div class="post-meta">
 * <time>2016-04-10</time></div></div>`): the date is the post's, not the title's.
 */
const META_INSIDE = DATE_ELEMENTS.join(', ');

/**
 * Invisible characters at a title's ends: VitePress's heading permalink holds a zero-width space
 * (`<a class="header-anchor">&ZeroWidthSpace;</a>`), a BOM may lead a field; `trim()` keeps both.
 */
const INVISIBLE_ENDS = /^[\s\u200b\ufeff]+|[\s\u200b\ufeff]+$/g;

/**
 * A title as authored: entities decoded, ends trimmed (invisible characters too), layout whitespace (a
 * run holding a newline or tab, from the template's indentation) made one space; the author's own spaces stay.
 */
export function titleText(value: string | undefined | null): string | undefined {
  if (value == null) return undefined;
  const decoded = value.includes('&') ? decodeHTML(value) : value;
  const text = decoded.replace(/\s*[\t\r\n\f]\s*/g, ' ').replace(INVISIBLE_ENDS, '');
  return text || undefined;
}

/**
 * Heading permalink glyphs ("# Title", "Title ¶") are not part of a title. A "#" ends a title only
 * after a space: "C#", "F#" are the author's; a permalink's "#" link glued to the text is skipped in
 * headingText.
 */
const stripAnchorGlyphs = (text: string) => text.replace(/^[#¶§🔗\s]+(?=\S)/u, '').replace(/(?<=\S)(?:\s*[¶§🔗]|\s+#)[\s#¶§🔗]*$/u, '').trim();

/** A heading's own permalink (`<a href="#id">#</a>`): its glyph is not the title's. */
function permalinkAnchors(el: Element): Set<AnyNode> {
  return new Set<AnyNode>(selectIn(el, 'a[href^="#"]').filter((a) => ANCHOR_GLYPHS.test(textOf(a))));
}

/** The text of a title element, without a subtitle or meta line printed inside it. */
function headingText(el: Element): string {
  const subtitles = new Set<AnyNode>([...selectIn(el, `${SUBTITLE}, ${META_INSIDE}`), ...permalinkAnchors(el)]);
  let text = '';
  walk(el, (node) => {
    if (node.type === 'text' && !insideAny(node, subtitles)) text += node.data;
  });
  if (!text.trim()) walk(el, (node) => void (node.type === 'text' && (text += node.data)));
  return titleText(text) ?? '';
}

/**
 * A title-class wrapper around the heading and its meta line (`<div class="post-title"><h1>Title</h1>
 * <div class="info">2021/7/8</div></div>`) is read through its one heading: the date is not the title's.
 */
function headingWithin(el: Element): Element {
  if (/^h[1-6]$/.test(el.name)) return el;
  const headings = selectIn(el, 'h1, h2, h3, h4, h5, h6');
  return headings.length === 1 ? headings[0]! : el;
}

/**
 * The blog's name as its header shows it: a heading (or site-title element) that is a link to the home
 * page. Themes without og:site_name (chronicle, many hand-made ones) print it as the page's only <h1>.
 */
export function siteNameFromHomeLink($: CheerioAPI, url: string): string | undefined {
  const page = new URL(url);
  // Headings first, then their links: a selector of links inside headings tests every link's ancestors.
  for (const el of query($, 'h1, h2, .site-title').toArray().flatMap((box) => (box.name === 'a' ? [box] : findIn($(box), 'a[href]')))) {
    if (el.attribs.href === undefined) continue;
    const target = absoluteUrl(el.attribs.href, url);
    if (!target) continue;
    const home = new URL(target);
    if (home.origin !== page.origin || home.pathname !== '/') continue;
    const heading = closestIn(el, 'h1, h2, .site-title');
    const text = textOf(heading ?? el);
    if (text && text === textOf(el) && text.length <= 100) return text;
  }
  return undefined;
}

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

/**
 * `text` without the blog's name after it, cut as many times as the theme appended it, the way themes
 * build `<title>` (a description "Summary - Blog - Blog").
 */
export function withoutSiteSuffix(text: string, siteName: string): string {
  let rest = text;
  for (let sep = suffixSeparator(rest, siteName); sep; sep = suffixSeparator(rest, siteName)) rest = rest.slice(0, -(sep.length + siteName.length)).trimEnd();
  return rest;
}

const suffixSeparator = (text: string, siteName: string) => TITLE_SEPARATORS.find((sep) => text.endsWith(`${sep}${siteName}`));

/**
 * How the theme writes the blog's name around every page title: the site name with any separator, and the
 * outer parts of the start page's own title with its separator ("Home | Blog" gives " | Blog" after a
 * title and "Home | " before one). Themes without og:site_name still title each post "Post | Blog".
 */
interface BlogAffixes {
  suffixes: string[];
  prefixes: string[];
}

function blogAffixes(siteName: string | undefined, startTitle: string | undefined): BlogAffixes {
  const suffixes: string[] = [];
  const prefixes: string[] = [];
  for (const name of [siteName, startTitle]) {
    if (!name) continue;
    for (const sep of TITLE_SEPARATORS) {
      suffixes.push(`${sep}${name}`);
      prefixes.push(`${name}${sep}`);
    }
  }
  if (startTitle) {
    // At every separator: the blog's name may hold one itself ("Home | Ann: Engineer and Modeller").
    for (const sep of TITLE_SEPARATORS) {
      for (let at = startTitle.indexOf(sep); at > 0; at = startTitle.indexOf(sep, at + 1)) {
        if (startTitle.slice(at + sep.length).trim()) suffixes.push(startTitle.slice(at).trimEnd());
        prefixes.push(startTitle.slice(0, at + sep.length).trimStart());
      }
    }
  }
  return { suffixes, prefixes };
}

/** The longest of `affixes` that `fits` and leaves something of `text`. */
const longest = (affixes: string[], text: string, fits: (affix: string) => boolean) =>
  affixes.filter((a) => text.length > a.length && fits(a)).sort((a, b) => b.length - a.length)[0];

/** `text` without the blog's name on one side; the suffix first, as themes mostly append it. */
function withoutBlogAffix(text: string, affixes: BlogAffixes): string | undefined {
  const suffix = longest(affixes.suffixes, text, (s) => text.endsWith(s));
  if (suffix) return text.slice(0, -suffix.length).trim() || undefined;
  const prefix = longest(affixes.prefixes, text, (p) => text.startsWith(p));
  return prefix ? text.slice(prefix.length).trim() || undefined : undefined;
}

/** `<title>` without the blog's name. */
function titleFromDocument($: CheerioAPI, raw: string, affixes: BlogAffixes): string {
  const cut = withoutBlogAffix(raw, affixes);
  if (cut) return cut;
  // Without a known site name, cut the last " | Site" part only when the separator is unambiguous.
  // A dash may belong to the title itself ("Rust — a love letter"): cut there only before a shorter tail.
  const shownPart = titleShownOnPage($, raw);
  if (shownPart) return shownPart;
  const m = /^(.+?)\s+(\||–|—|·|::|»)\s+([^|–—·»]+)$/.exec(raw);
  if (!m) return raw;
  return m[2] === '|' || m[3]!.length < m[1]!.length ? m[1]!.trim() : raw;
}

// Themes print the front matter's title raw into <title> and og:title: an author's "<code>x</code>" is
// text there and markup in the heading, so tags are left out of both sides of a comparison.
const norm = (t: string) => t.replace(/<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?>/gi, '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Whether `text` is `part` plus only marks, digits or spaces around it. */
function holdsOnly(text: string, part: string): boolean {
  const at = part ? text.indexOf(part) : -1;
  return at >= 0 && !/\p{L}/u.test(text.slice(0, at) + text.slice(at + part.length));
}

/** Whether `part` is all of `title` or one side of a title separator in it ("Post" of "Post | Blog"). */
function wholePart(title: string, part: string): boolean {
  return !!part && (title === part || TITLE_SEPARATORS.some((sep) => title.startsWith(`${part}${sep.toLowerCase()}`) || title.endsWith(`${sep.toLowerCase()}${part}`)));
}

export function pickTitle($: CheerioAPI, ctx: TitleContext): TitleChoice {
  const body = new Set<AnyNode>(ctx.root?.toArray() ?? []);
  const inBody = (el: Element) => insideAny(el, body);
  const fromSelectors = (selectors: readonly string[] | undefined, within?: Cheerio<AnyNode>, keep: (el: Element) => boolean = () => true): TitleChoice | undefined => {
    for (const selector of selectors ?? []) {
      for (const found of safeSelect($, selector, within).toArray()) {
        if (!keep(found) || (inFurniture($, found) && !closestIn(found, ARTICLE_SCOPE))) continue;
        const el = headingWithin(found);
        const declared = titleText(el.attribs['data-typed-text'] ?? el.attribs.content);
        const text = stripAnchorGlyphs(declared ?? headingText(el));
        if (text && text.length <= 300) return { text, element: el };
      }
    }
    return undefined;
  };
  const siteName = ctx.siteName ?? siteNameFromHomeLink($, ctx.url);
  const rawDocTitle = titleText(query($, 'head > title').first().text() || query($, 'title').first().text());
  // A theme that titles every page with the blog's name (the start page's own <title>) names no post.
  const docTitle = rawDocTitle && rawDocTitle !== siteName && rawDocTitle !== ctx.site?.title ? rawDocTitle : undefined;
  // A theme filling JSON-LD `headline` or og:title with the blog's name declares no post title.
  const namesPost = (t: string | undefined): t is string => !!t && t !== siteName && t !== ctx.site?.title;
  const declared = [ctx.headline, ctx.ogTitle].filter(namesPost);
  const witnesses = [...declared, ...(docTitle ? [docTitle] : [])];
  const affixes = blogAffixes(siteName, ctx.site?.title);
  // A heading agrees when a declared title holds it ("Title | Blog") or it holds a declared title
  // ("Benchmarking Huge Pages" for <title>Huge pages</title>). Inside the body it must hold nothing
  // else but marks ("Title ¶"): a body heading that only begins like the title ("virtio-net" and
  // "Virtio-net的简单发包流程") is the text's.
  // A body heading must be a whole part of the declared title, not a word inside it ("Virtio" in
  // "virtio-vs-sriov").
  const agrees = (choice: TitleChoice | undefined) => {
    if (!choice) return undefined;
    const text = norm(choice.text);
    const strict = choice.element !== undefined && inBody(choice.element);
    return witnesses.some((d) => (strict ? wholePart(norm(d), text) || holdsOnly(text, norm(d)) : norm(d).includes(text) || text.includes(norm(d)))) ? choice : undefined;
  };
  // With nothing declared, a bare heading inside the body is no title: it is the text's own.
  const bareBodyHeading = (el: Element | undefined) => !!el && inBody(el) && /^h[1-6]$/.test(el.name) && !/title|headline|name/i.test(`${el.attribs.class ?? ''} ${el.attribs.itemprop ?? ''}`);
  const trusted = (choice: TitleChoice | undefined) => (witnesses.length ? agrees(choice) : choice && !bareBodyHeading(choice.element) ? choice : undefined);
  const outsideBody = (el: Element) => !inBody(el);
  const pageHeadings = query($, 'body h1').toArray().filter(outsideBody);

  return (
    (ctx.selector ? fromSelectors([ctx.selector]) : undefined) ??
    trusted(fromSelectors(ctx.engine?.title, ctx.scope)) ??
    trusted(fromSelectors(ctx.engine?.title)) ??
    (ctx.scope ? trusted(fromSelectors(HEADING_SELECTORS, ctx.scope, outsideBody)) : undefined) ??
    (ctx.scope ? agrees(fromSelectors(HEADING_SELECTORS, ctx.scope)) : undefined) ??
    (pageHeadings.length === 1 && headingText(pageHeadings[0]!) !== siteName ? trusted({ text: headingText(pageHeadings[0]!), element: pageHeadings[0]! }) : undefined) ??
    // Themes copy the whole "<title>" into og:title, the blog's name with it.
    (declared[0] ? { text: withoutBlogAffix(declared[0], affixes) ?? declared[0] } : undefined) ??
    (docTitle ? { text: titleFromDocument($, docTitle, affixes) } : undefined) ??
    (ctx.scope ? fromSelectors(['h1', 'h2'], ctx.root) : undefined) ??
    (rawDocTitle ? { text: rawDocTitle } : undefined) ?? { text: '' }
  );
}

/**
 * Whether the page shows the title outside the article body (a theme's header above the content): a
 * heading in the body that repeats it is then the author's own, and stays.
 */
export function titleShownOutside($: CheerioAPI, root: Cheerio<Element>, title: TitleChoice): boolean {
  const body = new Set<AnyNode>(root.toArray());
  if (title.element) return !insideAny(title.element, body);
  const want = norm(title.text);
  return query($, 'body h1, body h2, body h3, body [class*="title"]')
    .toArray()
    .some((el) => !insideAny(el, body) && !inFurniture($, el) && norm(headingText(el)) === want);
}
