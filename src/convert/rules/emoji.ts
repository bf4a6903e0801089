import { replaceWith } from '../dom.js';
import { all } from '../select.js';
import type { DomRule } from './types.js';

const EMOJI_CLASS = /(?:^|\s)(?:emoji|wp-smiley|twemoji|emojione|joypixels|github-emoji)(?:\s|$)/i;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;
const SHORTCODE = /^:[\w+-]+:$/;
/** Emoji image sets name their files by code point: `1f680.png`, `1f1fa-1f1f8.svg`. */
const CODEPOINT_FILE = /(?:^|\/)([0-9a-f]{4,6}(?:-[0-9a-f]{4,6})*)\.(?:png|svg|gif|webp)(?:$|[?#])/i;

export interface EmojiImage {
  class?: string | null;
  alt?: string | null;
  src?: string | null;
}

function fromFileName(src: string): string | undefined {
  const m = CODEPOINT_FILE.exec(src);
  if (!m) return undefined;
  const chars = String.fromCodePoint(...m[1].split('-').map((h) => Number.parseInt(h, 16)));
  return PICTOGRAPH.test(chars) ? chars : undefined;
}

/**
 * The text an emoji image stands for, or undefined when the image is no emoji: the character in its
 * `alt` (WordPress, Twemoji), else the character its file is named after (jemoji's `alt=":rocket:"`
 * with `1f680.png`), else the `:shortcode:`. Exported so the image download step can skip emoji.
 */
export function emojiOf(img: EmojiImage): string | undefined {
  const alt = (img.alt ?? '').trim();
  const src = img.src ?? '';
  const byClass = EMOJI_CLASS.test(img.class ?? '');
  const bySource = /emoji|smil(?:ey|ies)/i.test(src) && (PICTOGRAPH.test(alt) || SHORTCODE.test(alt));
  if (!alt || alt.length > 32 || !(byClass || bySource)) return undefined;
  if (PICTOGRAPH.test(alt)) return alt;
  return fromFileName(src) ?? alt;
}

/** Emoji drawn as images (WordPress `img.wp-smiley`/`img.emoji`, Twemoji, GitHub, jemoji) go back to text. */
export const emojiImages: DomRule = {
  name: 'emoji-images',
  when: /<img/i,
  apply(root) {
    for (const img of all(root, 'img')) {
      const text = emojiOf({ class: img.getAttribute('class'), alt: img.getAttribute('alt'), src: img.getAttribute('src') });
      if (text !== undefined) replaceWith(img, img.ownerDocument.createTextNode(text));
    }
  },
};
