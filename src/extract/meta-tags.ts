/** The page's <meta> tags, read once per page and looked up by property, name or itemprop. */
import type { CheerioAPI } from 'cheerio';
import { decodeText } from '../html/text.js';
import { query } from '../html/query.js';
import { factOf, pageFact } from '../html/parse.js';
import { titleText } from './title.js';

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

/** The first non-empty value of the first of `keys` the page has. */
export const meta = ($: CheerioAPI, ...keys: string[]): string | undefined => {
  const index = metaIndex($);
  for (const key of keys) {
    const value = index.get(key.toLowerCase())?.[0];
    if (value) return value;
  }
  return undefined;
};

/** Every value of `key`, in page order. */
export const metaAll = ($: CheerioAPI, key: string): string[] => metaIndex($).get(key.toLowerCase()) ?? [];

/** A title-like meta value as authored (decodeText collapses the author's spaces). */
export const metaTitle = ($: CheerioAPI, ...keys: string[]): string | undefined => {
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
