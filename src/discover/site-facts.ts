/**
 * What the blog's start page says of the whole blog (its `<title>`, keywords, description and share
 * image), so that extraction can tell the blog's own metadata, repeated on every page, from a post's.
 */
import type { CheerioAPI } from 'cheerio';
import { withPage } from '../html/parse.js';
import { query } from '../html/query.js';
import { splitList } from '../extract/taxonomy.js';
import { titleText } from '../extract/title.js';
import { meta } from '../extract/meta-tags.js';
import { DESCRIPTION_META, IMAGE_META } from '../extract/vocabulary.js';
import type { SiteFacts } from '../types.js';

export function readSiteFacts(html: string): SiteFacts {
  return withPage(html, siteFactsIn);
}

/** `readSiteFacts` on a page parsed already. */
export function siteFactsIn($: CheerioAPI): SiteFacts {
  const facts: SiteFacts = {};
  const title = titleText(query($, 'title').first().text());
  if (title) facts.title = title;
  const keywords = splitList(query($, 'meta[name="keywords" i]').first().attr('content'));
  if (keywords.length) facts.keywords = keywords;
  const description = meta($, ...DESCRIPTION_META);
  if (description) facts.description = description;
  const image = meta($, ...IMAGE_META);
  if (image) facts.image = image;
  return facts;
}
