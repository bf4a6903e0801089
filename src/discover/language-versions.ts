/**
 * The blog's other language versions: a multilingual blog (Hugo, WordPress with Polylang/WPML, Jekyll
 * i18n plugins) gives each language a home page of its own (`/en/`, `/?lang=de`) with its own
 * pagination, and links to it from the other languages only through a language switcher. The start
 * page declares them as `<link rel="alternate" hreflang="en" href="…">`: the same page in another
 * language, so each is another index of the same blog.
 */
import type { CheerioAPI } from 'cheerio';
import { query } from '../html/query.js';
import { absoluteUrl, normalizeUrl, sameOrigin } from '../url/url.js';

/**
 * The start pages of the blog's other languages that `pageUrl` declares: same origin (another site is
 * another blog), not `x-default` (the fallback page, one of the others), not the page itself, not a link
 * typed as something other than HTML (a feed may carry the hreflang of its own language), each once, in
 * document order.
 */
export function languageVersionsIn($: CheerioAPI, pageUrl: string): string[] {
  const self = normalizeUrl(pageUrl);
  const seen = new Set<string>([self]);
  const out: string[] = [];
  query($, 'link[rel~="alternate" i][hreflang][href]').each((_, el) => {
    const lang = ($(el).attr('hreflang') ?? '').trim().toLowerCase();
    const href = absoluteUrl($(el).attr('href'), pageUrl);
    const type = ($(el).attr('type') ?? '').trim();
    if (type && !/html/i.test(type)) return;
    if (!lang || lang === 'x-default' || !href || !/^https?:/i.test(href) || !sameOrigin(href, pageUrl)) return;
    const key = normalizeUrl(href);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(href);
  });
  return out;
}
