/**
 * Whether an image file's name says it is a stand-in (a transparent pixel, a spinner) that a lazy
 * loader replaces, never a picture of its own. Read by extraction (which drops such images when no
 * real source is found) and by conversion (which prefers the lazy loader's source over them), so both
 * agree on what a placeholder is.
 */

/** Words that alone make a file name a placeholder's. */
const PLACEHOLDER_WORDS = new Set(['blank', 'spacer', 'placeholder', 'pixel', 'transparent', 'grey', 'gray', 'loading', 'loader', 'lazy', 'lazyload', 'empty', 'dummy', 'spinner', '1x1']);
/** Words that may stand beside them (`ajax-loader.gif`, `img-placeholder.png`) without naming a picture. */
const COMPANION_WORDS = new Set(['ajax', 'img', 'image', 'load', 'default', 'small']);
/** Sizes and counters (`32`, `1x1`, `16px`). */
const SIZE = /^\d+(x\d+)?(px)?$/i;

/**
 * True when every word of the file name (extension left out) is a placeholder word, a companion or a
 * size, and one of them is a placeholder word: `blank.gif`, `lazy-placeholder.png`, `loader_32.gif`;
 * not `pixel-art.png` or `empty-room.jpg`, real pictures whose names merely begin with such a word.
 */
export function isPlaceholderFileName(src: string): boolean {
  const path = src.split(/[?#]/)[0] ?? '';
  const name = path.slice(path.lastIndexOf('/') + 1);
  const stem = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name;
  const words = stem.toLowerCase().split(/[_.\s-]+/).filter(Boolean);
  return words.some((w) => PLACEHOLDER_WORDS.has(w)) && words.every((w) => PLACEHOLDER_WORDS.has(w) || COMPANION_WORDS.has(w) || SIZE.test(w));
}
