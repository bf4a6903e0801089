import { load } from 'cheerio';
import { emojiOf } from '../convert/index.js';

/**
 * Absolute http(s) image URLs referenced by `<img src>` in article HTML, in document order, once each.
 * Emoji images are left out: the converter turns them back into characters, so a copy would be unused.
 */
export function collectImageUrls(html: string): string[] {
  const $ = load(html, null, false);
  const urls = new Set<string>();
  $('img[src]').each((_, el) => {
    const img = $(el);
    const src = img.attr('src') ?? '';
    if (/^https?:\/\//i.test(src) && !emojiOf({ src, alt: img.attr('alt'), class: img.attr('class') })) urls.add(src);
  });
  return [...urls];
}

/**
 * Point every `<img>` whose source was archived at its local copy. Responsive variants are dropped:
 * the archive holds one file per image, and a stale srcset would send readers back to the live site.
 */
export function rewriteImages(html: string, localPaths: ReadonlyMap<string, string>): string {
  if (localPaths.size === 0) return html;
  const $ = load(html, null, false);
  $('img[src]').each((_, el) => {
    const local = localPaths.get($(el).attr('src') ?? '');
    if (local === undefined) return;
    $(el).attr('src', local).removeAttr('srcset').removeAttr('sizes');
  });
  $('picture > source').remove();
  return $.html();
}
