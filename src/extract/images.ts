import type { Cheerio, CheerioAPI } from 'cheerio';
import { closestIn, selectFirst, selectIn } from '../html/select.js';
import type { Element } from 'domhandler';
import { findIn } from '../html/query.js';
import { innerHtml, withFragment } from '../html/parse.js';
import { isPlaceholderFileName } from '../html/placeholder-image.js';

/**
 * Lazy-loading leaves the real image in a data attribute, a srcset, a <picture> source or a <noscript>
 * copy while `src` holds a placeholder. These helpers put the real source back into `src`.
 */

/** Attributes lazy-loading scripts keep the real source in, most common first. */
const LAZY_SRC = [
  'data-src', 'data-original', 'data-lazy-src', 'data-lazy', 'data-original-src', 'data-orig-src', 'data-actualsrc',
  'data-hi-res-src', 'data-full-src', 'data-lazyload', 'data-echo', 'data-url', 'data-img-src', 'data-image',
];
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset', 'data-original-set'];
const LAZY_CLEANUP = [...LAZY_SRC, ...LAZY_SRCSET, 'srcset', 'sizes', 'data-sizes', 'loading'];

/** True when `src` is no real image: missing, a data: stub, or a file named like a placeholder. */
export function isPlaceholderSrc(src: string | undefined, el?: Element): boolean {
  if (!src || !src.trim()) return true;
  if (/^data:/i.test(src.trim())) return true;
  if (el && (el.attribs.width === '1' || el.attribs.height === '1')) return true;
  return isPlaceholderFileName(src);
}

/** The candidates of a srcset with their size (width, else density); URLs may contain commas (CDN transforms). */
function srcsetCandidates(srcset: string | undefined): { url: string; size: number }[] {
  if (!srcset?.trim()) return [];
  const candidates: { url: string; size: number }[] = [];
  for (const token of srcset.trim().split(/\s+/)) {
    const descriptor = /^([\d.]+)([wxh])(,(.*))?$/.exec(token);
    if (descriptor && candidates.length) {
      const last = candidates[candidates.length - 1]!;
      last.size = Number(descriptor[1]) * (descriptor[2] === 'x' ? 1000 : 1);
      if (descriptor[4]) candidates.push({ url: descriptor[4], size: 1000 });
      continue;
    }
    const url = token.replace(/,$/, '');
    if (url) candidates.push({ url, size: 1000 });
  }
  return candidates.filter((c) => !/^data:/i.test(c.url));
}

/** The largest candidate of a srcset (by width, else density). */
export function bestFromSrcset(srcset: string | undefined): string | undefined {
  return srcsetCandidates(srcset).sort((a, b) => b.size - a.size)[0]?.url;
}

function realSource(el: Element): string | undefined {
  for (const attr of LAZY_SRC) {
    const value = el.attribs[attr]?.trim();
    if (value && !isPlaceholderSrc(value)) return value;
  }
  for (const attr of LAZY_SRCSET) {
    const best = bestFromSrcset(el.attribs[attr]);
    if (best) return best;
  }
  if (!isPlaceholderSrc(el.attribs.src, el)) return largerCandidate(el.attribs.src!, el.attribs.srcset);
  return bestFromSrcset(el.attribs.srcset);
}

/**
 * `src` is one of the sizes its `srcset` offers (WordPress, eleventy-img and Hugo themes put a middle
 * size there): the archive keeps the largest. A `src` the srcset does not list may be the original,
 * with smaller copies beside it, and stays.
 */
function largerCandidate(src: string, srcset: string | undefined): string {
  const path = (url: string) => url.trim().split(/[?#]/)[0]!.replace(/^[a-z]+:\/\/[^/]+/i, '');
  return srcsetCandidates(srcset).some((c) => path(c.url) === path(src)) ? (bestFromSrcset(srcset) ?? src) : src;
}

/** An image still waiting for a lazy-loading script: a lazy attribute or no real `src`. */
function isLazy(el: Element): boolean {
  return [...LAZY_SRC, ...LAZY_SRCSET].some((a) => el.attribs[a] !== undefined) || isPlaceholderSrc(el.attribs.src, el);
}

function fromPicture($: CheerioAPI, img: Cheerio<Element>): string | undefined {
  const picture = closestIn(img.get(0)!, 'picture');
  for (const source of picture ? selectIn(picture, 'source') : []) {
    const best = bestFromSrcset(source.attribs.srcset ?? source.attribs['data-srcset']);
    if (best) return best;
  }
  return undefined;
}

/** The <img> a <noscript> holds, with its real source; parse5 keeps noscript content as raw text, so parse it separately. */
function noscriptImage($: CheerioAPI, noscript: Element): Element | undefined {
  const raw = $(noscript).children().length ? innerHtml(noscript) : $(noscript).text();
  if (!raw || !/<img\b/i.test(raw)) return undefined;
  return withFragment(raw, (inner) => {
    const img = inner('img').first();
    if (!img.length) return undefined;
    const src = realSource(img.get(0)!);
    if (!src) return undefined;
    img.attr('src', src);
    for (const attr of LAZY_CLEANUP) img.removeAttr(attr);
    return img.get(0);
  });
}

/**
 * An image with no real source at all: nothing, a placeholder file, a pixel, or a tiny data: stub. A
 * data: PNG or GIF is judged by its own pixel size: Docusaurus (webpack's url-loader) inlines every small
 * image of a post as a data: URI, and those are content however short the URI.
 */
function isStub(el: Element): boolean {
  const src = el.attribs.src?.trim() ?? '';
  if (/^data:image\//i.test(src)) {
    if (el.attribs.width === '1' || el.attribs.height === '1') return true;
    const size = dataImageSize(src);
    return size ? size.width <= 2 && size.height <= 2 : src.length < 200;
  }
  return isPlaceholderSrc(src, el);
}

/** Pixel size of a base64 data: PNG or GIF, read from its header; undefined for anything else. */
export function dataImageSize(src: string): { width: number; height: number } | undefined {
  const m = /^data:image\/(png|gif);base64,([A-Za-z0-9+/=\s]{16,})/i.exec(src);
  if (!m) return undefined;
  const head = Buffer.from(m[2]!.replace(/\s/g, '').slice(0, 48), 'base64');
  if (m[1]!.toLowerCase() === 'png' && head.length >= 24 && head.toString('latin1', 12, 16) === 'IHDR') {
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  }
  if (m[1]!.toLowerCase() === 'gif' && head.length >= 10 && head.toString('latin1', 0, 4) === 'GIF8') {
    return { width: head.readUInt16LE(6), height: head.readUInt16LE(8) };
  }
  return undefined;
}

function settle(img: Cheerio<Element>, src: string): void {
  img.attr('src', src);
  for (const attr of LAZY_CLEANUP) img.removeAttr(attr);
}

/** Rewrite every image under `root` to its real source; drop placeholders that have none. */
export function normaliseImages($: CheerioAPI, root: Cheerio<Element>): void {
  $(findIn(root, 'noscript')).each((_, el) => {
    const noscript = $(el);
    const fallback = noscriptImage($, el);
    if (!fallback) return;
    // The lazy twin sits right before (or after) the noscript, possibly inside a <picture>.
    const fallbackSrc = fallback.attribs.src;
    const twin = [noscript.prev(), noscript.next()]
      .map((n) => (n.get(0)?.type === 'tag' && (n.get(0) as Element).name === 'picture' ? $(selectFirst(n.get(0) as Element, 'img') ?? ([] as Element[])) : n))
      .find((n) => n.get(0)?.type === 'tag' && (n.get(0) as Element).name === 'img' && (isLazy(n.get(0) as Element) || realSource(n.get(0) as Element) === fallbackSrc));
    if (twin) {
      if (!realSource(twin.get(0)!) && !fromPicture($, twin)) twin.replaceWith(fallback);
      noscript.remove();
    } else {
      noscript.replaceWith(fallback);
    }
  });
  $(findIn(root, 'img')).each((_, el) => {
    const img = $(el);
    const src = realSource(el) ?? fromPicture($, img);
    if (src) settle(img, src);
    else if (isStub(el)) img.remove();
  });
  // Lazy embeds keep their real source the same way (WP Rocket, lazysizes, a3 Lazy Load).
  $(findIn(root, 'iframe, video, audio, source, embed')).each((_, el) => {
    const current = el.attribs.src?.trim();
    if (current && !/^(about:|data:|javascript:)/i.test(current)) return;
    const lazy = LAZY_SRC.map((a) => el.attribs[a]?.trim()).find((v) => v && !/^(about:|data:)/i.test(v));
    if (!lazy) return;
    el.attribs.src = lazy;
    for (const attr of LAZY_SRC) delete el.attribs[attr];
  });
  $(findIn(root, 'picture')).each((_, el) => {
    const picture = $(el);
    const img = $(selectFirst(el, 'img') ?? ([] as Element[]));
    if (img.length) picture.replaceWith(img);
    else picture.remove();
  });
}
