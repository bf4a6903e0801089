/**
 * A post's metadata, each piece from its best source: the title (title.ts), dates (post-dates.ts), tags
 * and categories (post-terms.ts); author, description, canonical URL, language and image here. The words
 * and selectors they look for are in vocabulary.ts.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { absoluteUrl } from '../url/url.js';
import type { Overrides, PostMeta, SiteFacts } from '../types.js';
import { decodeText, textOf } from '../html/text.js';
import { findIn, firstMatch, query } from '../html/query.js';
import type { EngineRule } from './engines/index.js';
import { articleScope, prepareFurniture } from './furniture.js';
import { jsonNames, jsonString, jsonUrl, readJsonLd } from './jsonld.js';
import { meta, metaTitle } from './meta-tags.js';
import { postDates } from './post-dates.js';
import { postTerms } from './post-terms.js';
import { pickTitle, titleText, withoutSiteSuffix, type TitleChoice } from './title.js';
import { AUTHOR_ELEMENTS, AUTHOR_META, AUTHOR_NAME_PROP, DESCRIPTION_META, IMAGE_META, SITE_NAME_META, TITLE_META } from './vocabulary.js';

export { articleScope } from './furniture.js';

export interface MetadataContext {
  url: string;
  engine?: EngineRule;
  /** The article body chosen by content selection: its surroundings are the post's own header/footer. */
  root?: Cheerio<Element>;
  overrides?: Overrides;
  site?: SiteFacts;
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

  const siteName = meta($, ...SITE_NAME_META);
  const title = pickTitle($, {
    url,
    engine,
    root: ctx.root,
    scope,
    selector: overrides?.title,
    site: ctx.site,
    headline: titleText(jsonString(article.headline) ?? jsonString(article.name)),
    siteName,
    ogTitle: metaTitle($, ...TITLE_META),
  });

  const { date, updated, dated } = postDates($, ctx, scope, article, title.element);

  const author =
    firstText($, engine?.author, scope) ||
    firstText($, engine?.author) ||
    decodeText(jsonNames(article.author, ld.resolve)[0]) ||
    meta($, ...AUTHOR_META) ||
    nonUrl(meta($, 'article:author')) ||
    (scope && (metaInScope($, scope, AUTHOR_NAME_PROP) || firstText($, AUTHOR_ELEMENTS, scope))) ||
    undefined;

  const { tags, categories } = postTerms($, ctx, scope, ld, title.element);

  // Themes fill a post without a summary or image of its own with the blog's: that is not the post's.
  const blogNames = [siteName, ctx.site?.title];
  const described = withoutBlogName(meta($, ...DESCRIPTION_META) || decodeText(jsonString(article.description)), blogNames);
  const description = described && described !== withoutBlogName(ctx.site?.description, blogNames) ? described : undefined;
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

function firstText($: CheerioAPI, selectors: readonly string[] | undefined, scope?: Cheerio<Element>): string | undefined {
  const el = firstMatch($, selectors, scope);
  const text = el ? decodeText(el.attr('content')) ?? textOf(el) : undefined;
  return text && text.length <= 100 ? text.replace(/^by\s+/i, '') : undefined;
}

function metaInScope($: CheerioAPI, scope: Cheerio<Element>, selector: string): string | undefined {
  return decodeText(findIn(scope, selector)[0]?.attribs.content);
}

/** A description the theme suffixed with the blog's name (title.ts withoutSiteSuffix): the post's summary precedes it. */
function withoutBlogName(description: string | undefined, names: readonly (string | undefined)[]): string | undefined {
  let text = description;
  for (const name of names) if (text && name) text = withoutSiteSuffix(text, name);
  return text || undefined;
}

const nonUrl = (value: string | undefined) => (value && !/^https?:\/\//i.test(value) ? value : undefined);

function normaliseLang(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v || !/^[a-z]{2,3}([_-][a-z0-9]{2,8})*$/i.test(v)) return undefined;
  const [primary, ...rest] = v.split(/[_-]/);
  return [primary!.toLowerCase(), ...rest.map((r) => (r.length === 2 ? r.toUpperCase() : r))].join('-');
}

