import { remove, unwrap } from '../dom.js';
import { all, first } from '../select.js';
import { linkDestination, linkTitle, resolveUrl } from './links.js';
import type { DomRule, MarkdownRule } from './types.js';
import { isPlaceholderFileName } from '../../html/placeholder-image.js';

/** Attributes lazy-loading scripts read the real image from. */
const LAZY_ATTRIBUTES = ['data-src', 'data-original', 'data-lazy-src', 'data-lazy', 'data-actualsrc', 'data-echo', 'data-url', 'data-hi-res-src'];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset', 'srcset'];
/** A transparent pixel, an inline SVG box or a spinner shown until the lazy loader runs. */
const isPlaceholder = (src: string): boolean => /^data:image\/(?:gif|svg\+xml)/i.test(src) || isPlaceholderFileName(src);

/** The largest candidate of a `srcset` (by width or density descriptor). */
function largestFromSrcset(srcset: string): string | undefined {
  let best: { url: string; size: number } | undefined;
  for (const part of srcset.split(/,\s+(?=\S)/)) {
    const [url, descriptor = '1x'] = part.trim().split(/\s+/);
    if (!url) continue;
    const size = parseFloat(descriptor) * (descriptor.endsWith('x') ? 10000 : 1) || 0;
    if (!best || size > best.size) best = { url, size };
  }
  return best?.url;
}

function lazySource(img: Element): string | undefined {
  for (const attr of LAZY_ATTRIBUTES) {
    const v = img.getAttribute(attr)?.trim();
    if (v && !v.startsWith('{')) return v;
  }
  for (const attr of LAZY_SRCSET) {
    const v = img.getAttribute(attr)?.trim();
    if (v) return largestFromSrcset(v);
  }
  return undefined;
}

/** The image's real source: `src`, unless missing or a placeholder and a lazy-loading attribute has one. */
export function imageSource(img: Element): string {
  const src = img.getAttribute('src')?.trim() ?? '';
  if (src && !isPlaceholder(src)) return src;
  return lazySource(img) ?? src;
}

/** Document-relative sources are local archive paths the pipeline already put there (`../assets/x.png`). */
const LOCAL_PATH = /^(?![a-z][a-z0-9+.-]*:|\/|#)/i;

/**
 * Lazy images get their real source; `<noscript>` fallbacks replace a placeholder image or go; image
 * sources become absolute, except document-relative ones, which are local archive paths.
 */
export const imageSources: DomRule = {
  name: 'image-sources',
  when: /<img|<noscript/i,
  apply(root, { baseUrl }) {
    for (const noscript of all(root, 'noscript')) {
      const fallback = first(noscript, 'img');
      const parent = noscript.parentElement;
      const lazy = parent ? Array.from(parent.querySelectorAll('img')).find((img) => !noscript.contains(img)) : undefined;
      const lazySrc = lazy ? imageSource(lazy) : '';
      if (!fallback || (lazySrc && !isPlaceholder(lazySrc))) remove(noscript);
      else {
        if (lazy) remove(lazy);
        unwrap(noscript);
      }
    }
    for (const img of all(root, 'img')) {
      const src = imageSource(img);
      if (src) img.setAttribute('src', LOCAL_PATH.test(src) ? src : resolveUrl(src, baseUrl));
      else img.removeAttribute('src');
    }
  },
};

function altText(img: HTMLElement): string {
  return (img.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim().replace(/([\\[\]])/g, '\\$1');
}

export const image: MarkdownRule = {
  name: 'image',
  filter: 'img',
  replacement(_content, node) {
    const src = node.getAttribute('src');
    if (!src) return '';
    return `![${altText(node)}](${linkDestination(src)}${linkTitle(node.getAttribute('title'))})`;
  },
};

const words = (text: string | null | undefined) => (text ?? '').normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A figure's caption that only repeats its image's alt text (Hugo and Jekyll image hooks print the
 * alt as a caption): the Markdown image keeps it as alt, printed once more it reads as a stray line.
 */
export const repeatedCaptions: DomRule = {
  name: 'repeated-captions',
  when: /<figcaption/i,
  apply(root) {
    for (const caption of all(root, 'figure > figcaption')) {
      const images = all(caption.parentElement!, 'img');
      const text = words(caption.textContent);
      if (images.length === 1 && text && (text === words(images[0]!.getAttribute('alt')) || text === words(images[0]!.getAttribute('title')))) remove(caption);
    }
  },
};
