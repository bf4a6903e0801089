/**
 * Posts listed by the blog's RSS/Atom/JSON feeds: a second source of the post list, to cross-check the
 * index walk. Feeds declared in the index page are read; when none is declared, common feed paths are
 * tried. Feed pagination is followed (Atom/RSS `rel="next"`, WordPress `?paged=N`), bounded.
 */
import type { CheerioAPI } from 'cheerio';
import { withPage } from '../html/parse.js';
import { FetchError, type Fetcher } from '../fetch/fetcher.js';
import type { Overrides, PostLink } from '../types.js';
import { parseDate } from '../text/dates.js';
import { absoluteUrl, inScope, normalizeUrl } from '../url/url.js';
import { excludeMatcher, postScopeOf, linkTarget } from './link-filters.js';
import { attr, list, parseXml, responseText, text, type XmlNode } from './xml.js';
import { query } from '../html/query.js';
import { textOf } from '../html/text.js';
import { TERM_INDEX_HREF } from '../extract/vocabulary.js';

export interface FeedOptions {
  overrides?: Overrides;
  /** Posts must be under this URL's directory. Default: the origin for declared feeds, else the start URL's directory. */
  scope?: string;
  /** Pages of one paginated feed read at most. */
  maxFeedPages?: number;
  /** Told about each feed that could not be read or parsed (missing feeds are normal). */
  onWarning?: (message: string) => void;
}

const FEED_TYPES = /^application\/(rss|atom|feed|rdf)\+(xml|json)$|^application\/(rss\+)?xml$|^text\/xml$/i;
/** Tried when the page declares no feed, relative to the start directory and to the origin. */
const COMMON_FEED_PATHS = ['feed.xml', 'atom.xml', 'rss.xml', 'index.xml', 'feed/', 'rss/', 'feed.json'];

export interface ParsedFeed {
  links: PostLink[];
  /** The next page of the feed, when it says so. */
  next?: string;
  generator?: string;
}

/** Feed URLs the index page declares, comment feeds left out. */
export function declaredFeeds(indexHtml: string, pageUrl: string): string[] {
  return withPage(indexHtml, ($) => declaredFeedsIn($, pageUrl));
}

/** `declaredFeeds` on a page parsed already. */
export function declaredFeedsIn($: CheerioAPI, pageUrl: string): string[] {
  const urls: string[] = [];
  query($, 'link[rel~="alternate" i][href]').each((_, el) => {
    const type = $(el).attr('type') ?? '';
    const href = absoluteUrl($(el).attr('href'), pageUrl);
    const label = `${$(el).attr('title') ?? ''} ${href ?? ''}`;
    if (href && FEED_TYPES.test(type) && !/comment/i.test(label) && !urls.includes(href)) urls.push(href);
  });
  return urls;
}

/** The post links of one feed document (RSS 2.0, RSS 1.0/RDF, Atom or JSON Feed). */
export function parseFeed(body: string, feedUrl: string): ParsedFeed | undefined {
  if (/^\s*\{/.test(body)) return parseJsonFeed(body, feedUrl);
  const doc = parseXml(body);
  if (!doc) return undefined;
  const rss = doc['rss'] as XmlNode | undefined;
  const channel = (rss?.['channel'] ?? (doc['RDF'] as XmlNode | undefined)?.['channel']) as XmlNode | undefined;
  if (rss || doc['RDF']) {
    const items = list(channel?.['item'] ?? (doc['RDF'] as XmlNode | undefined)?.['item']) as XmlNode[];
    const generator = text(channel?.['generator']);
    return {
      links: items.flatMap((item) => feedLink(rssItemUrl(item), feedUrl, item['title'], item['pubDate'] ?? item['date'] ?? item['published'], tagTerms(rssTerms(item), generator))),
      next: nextLink(channel?.['link'], feedUrl),
      generator,
    };
  }
  const feed = doc['feed'] as XmlNode | undefined;
  if (feed) {
    const entries = list(feed['entry']) as XmlNode[];
    const generator = text(feed['generator']);
    return {
      links: entries.flatMap((entry) => feedLink(atomEntryUrl(entry), feedUrl, entry['title'], entry['published'] ?? entry['issued'] ?? entry['updated'], tagTerms(atomTerms(entry), generator))),
      next: nextLink(feed['link'], feedUrl),
      generator,
    };
  }
  return undefined;
}

function parseJsonFeed(body: string, feedUrl: string): ParsedFeed | undefined {
  try {
    const doc = JSON.parse(body) as { items?: { url?: string; id?: string; title?: string; date_published?: string; tags?: unknown }[]; next_url?: string };
    if (!Array.isArray(doc.items)) return undefined;
    return {
      links: doc.items.flatMap((item) =>
        feedLink(item.url ?? item.id, feedUrl, item.title, item.date_published, Array.isArray(item.tags) ? item.tags.filter((t): t is string => typeof t === 'string') : []),
      ),
      next: doc.next_url ? absoluteUrl(doc.next_url, feedUrl) : undefined,
    };
  } catch {
    return undefined;
  }
}

function rssItemUrl(item: XmlNode): string | undefined {
  const link = list(item['link']).map(text).find(Boolean);
  if (link) return link;
  const guid = item['guid'];
  const permalink = attr(guid, 'isPermaLink');
  const value = text(guid);
  return value && permalink !== 'false' && /^https?:/i.test(value) ? value : undefined;
}

function atomEntryUrl(entry: XmlNode): string | undefined {
  const links = list(entry['link']);
  const alternate = links.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate' && attr(l, 'href'));
  return attr(alternate, 'href') ?? text(entry['id'])?.match(/^https?:\/\/\S+$/)?.[0];
}

/** Atom `<link rel="next">`, also found as `<atom:link>` inside an RSS channel. */
function nextLink(links: unknown, feedUrl: string): string | undefined {
  const next = list(links).find((l) => attr(l, 'rel') === 'next' && attr(l, 'href'));
  return next ? absoluteUrl(attr(next, 'href'), feedUrl) : undefined;
}

interface FeedTerm {
  name: string;
  /** Where the feed says so (a `scheme` or `domain` that is a tag or category page). */
  kind?: 'tag' | 'category';
}

const termKindOf = (scheme: string | undefined): FeedTerm['kind'] =>
  !scheme ? undefined : /\/categor(?:y|ies)\b/i.test(scheme) ? 'category' : /\/tags?\b/i.test(scheme) ? 'tag' : undefined;

/**
 * A term whose page is the list of every term (`domain=".../tags/"`) is none: Hugo writes a front-matter
 * tag left empty so, named after the taxonomy ("Tags").
 */
const namesNoTerm = (scheme: string | undefined) => scheme !== undefined && TERM_INDEX_HREF.test(scheme.trim());

/** RSS `<category domain>` terms. */
function rssTerms(item: XmlNode): FeedTerm[] {
  return list(item['category']).flatMap((c) => {
    const name = text(c);
    const domain = attr(c, 'domain');
    return name && !namesNoTerm(domain) ? [{ name, kind: termKindOf(domain) }] : [];
  });
}

/** Atom `<category term label scheme>` terms. */
function atomTerms(entry: XmlNode): FeedTerm[] {
  return list(entry['category']).flatMap((c) => {
    const name = (attr(c, 'label') ?? attr(c, 'term'))?.trim();
    const scheme = attr(c, 'scheme');
    return name && !namesNoTerm(scheme) ? [{ name, kind: termKindOf(scheme) }] : [];
  });
}

/**
 * The feed terms that are tags. Most feeds write categories and tags alike as `<category>` (WordPress,
 * jekyll-feed, Pelican): only terms the feed marks as tags count, or every term where the engine has
 * tags only (Ghost).
 */
function tagTerms(terms: FeedTerm[], generator: string | undefined): string[] {
  const tagsOnly = /^ghost\b/i.test(generator ?? '');
  return terms.filter((t) => t.kind === 'tag' || (tagsOnly && t.kind === undefined)).map((t) => t.name);
}

function feedLink(href: string | undefined, feedUrl: string, title: unknown, date: unknown, terms: string[] = []): PostLink[] {
  const url = absoluteUrl(href, feedUrl);
  if (!url || !/^https?:/i.test(url)) return [];
  const t = plainText(text(title));
  const d = parseDate(text(date));
  return [{ url: linkTarget(url), ...(t ? { title: t } : {}), ...(d ? { date: d } : {}), ...(terms.length ? { terms } : {}) }];
}

/** Feed titles are often HTML (Atom `type="html"`, CDATA in RSS): their text, entities decoded. */
function plainText(value: string | undefined): string | undefined {
  if (!value || !/[<&]/.test(value)) return value;
  return withPage(`<body>${value}</body>`, ($) => textOf($.root())) || undefined;
}

/**
 * All posts the blog's feeds list, in scope, deduplicated, in feed order: the feeds its start page
 * declares (`declaredFeeds`), or common feed paths when it declares none. Feeds that cannot be fetched
 * or parsed are skipped (reported through `onWarning`); this never throws for a missing feed.
 */
export async function discoverFeedLinks(startUrl: string, declared: string[], fetcher: Fetcher, options: FeedOptions = {}): Promise<PostLink[]> {
  // A feed the blog's own page declares lists the blog's posts wherever they live on its origin (a
  // WordPress blog at /blog/ with posts at /2015/07/slug/); a feed only guessed at must keep to the scope.
  const scope = options.scope ?? (declared.length ? new URL('/', startUrl).href : postScopeOf(startUrl));
  const exclude = excludeMatcher(options.overrides?.exclude);
  const out = new Map<string, PostLink>();
  const add = (links: PostLink[]) => {
    let added = 0;
    for (const link of links) {
      const key = normalizeUrl(link.url);
      if (out.has(key) || !inScope(link.url, scope) || exclude(link.url)) continue;
      out.set(key, link);
      added++;
    }
    return added;
  };

  if (declared.length) {
    for (const feed of declared) await readFeed(feed, fetcher, options, add);
  } else {
    for (const feed of commonFeedUrls(startUrl)) {
      if (await readFeed(feed, fetcher, { ...options, onWarning: undefined }, add)) break;
    }
  }
  return [...out.values()];
}

function commonFeedUrls(startUrl: string): string[] {
  const dir = new URL('./', startUrl).href;
  const root = new URL('/', startUrl).href;
  const bases = dir === root ? [root] : [dir, root];
  return bases.flatMap((base) => COMMON_FEED_PATHS.map((p) => new URL(p, base).href));
}

/** Reads one feed and its following pages; true when at least its first page parsed as a feed. */
async function readFeed(feedUrl: string, fetcher: Fetcher, options: FeedOptions, add: (links: PostLink[]) => number): Promise<boolean> {
  const maxPages = options.maxFeedPages ?? 20;
  const visited = new Set<string>();
  let url: string | undefined = feedUrl;
  let wordpressPage = 1;
  for (let page = 1; url && page <= maxPages && !visited.has(normalizeUrl(url)); page++) {
    visited.add(normalizeUrl(url));
    let parsed: ParsedFeed | undefined;
    try {
      const res = await fetcher.fetch(url, { kind: 'data' });
      parsed = res.status < 400 ? parseFeed(responseText(res), res.finalUrl) : undefined;
    } catch (err) {
      if (page === 1) options.onWarning?.(`feed ${url}: ${err instanceof FetchError ? err.reason : String(err)}`);
      return page > 1;
    }
    if (!parsed) {
      if (page === 1) options.onWarning?.(`feed ${url}: not a feed`);
      return page > 1;
    }
    const added = add(parsed.links);
    if (page > 1 && added === 0) break;
    if (parsed.next) url = parsed.next;
    else if (/wordpress/i.test(parsed.generator ?? '') && parsed.links.length) {
      // WordPress feeds page with ?paged=N although they never link the next page.
      const next = new URL(feedUrl);
      next.searchParams.set('paged', String(++wordpressPage));
      url = next.href;
    } else url = undefined;
  }
  return true;
}
