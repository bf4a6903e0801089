import type { Cheerio, CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { absoluteUrl } from '../url/url.js';
import { findIn, query } from '../html/query.js';

/** URL-carrying attributes of article content. */
const URL_ATTRS: [string, string][] = [
  ['a', 'href'], ['img', 'src'], ['iframe', 'src'], ['video', 'src'], ['video', 'poster'], ['audio', 'src'],
  ['source', 'src'], ['track', 'src'], ['embed', 'src'], ['object', 'data'], ['area', 'href'], ['blockquote', 'cite'], ['q', 'cite'],
];

/** The base every relative URL of the page resolves against: `<base href>` if present, else the page URL. */
export function documentBase($: CheerioAPI, pageUrl: string): string {
  return absoluteUrl(query($, 'base[href]').first().attr('href'), pageUrl) ?? pageUrl;
}

/**
 * A URL the author wrapped in parentheses or angle brackets: a Markdown reference written
 * `[ref]:(https://…)` becomes `href="(https://…)"`, which resolves as a path of this page. The URL
 * inside is what the author meant.
 */
function unwrapped(value: string | undefined): string | undefined {
  const m = value && /^(?:\((https?:\/\/[^()\s]+)\)|<(https?:\/\/[^<>\s]+)>)$/i.exec(value);
  return m ? (m[1] ?? m[2]) : value;
}

/**
 * Make every link and media URL under `root` absolute. Links to a fragment of the same page (footnotes,
 * headings) stay `#id` so they keep working inside the archived file.
 */
export function absolutiseUrls($: CheerioAPI, root: Cheerio<Element>, base: string): void {
  const attrsOf = new Map<string, string[]>();
  for (const [tag, attr] of URL_ATTRS) attrsOf.set(tag, [...(attrsOf.get(tag) ?? []), attr]);
  $(findIn(root, [...attrsOf.keys()].join(', '))).each((_, el) => {
    for (const attr of attrsOf.get(el.name) ?? []) {
      const value = unwrapped(el.attribs[attr]?.trim());
      if (!value || value.startsWith('#')) continue;
      const abs = absoluteUrl(value, base);
      if (abs) el.attribs[attr] = abs;
    }
  });
}
