import { all, hasClass, replaceWith } from '../dom.js';
import type { DomRule } from './types.js';

const EMOJI_CLASS = /^(?:emoji|wp-smiley|twemoji|emojione|joypixels|github-emoji)$/i;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/**
 * Emoji drawn as images (WordPress `img.wp-smiley`/`img.emoji`, Twemoji, GitHub) go back to the
 * character in their `alt` (or to the `:shortcode:` when that is all the alt holds).
 */
export const emojiImages: DomRule = {
  name: 'emoji-images',
  when: /<img/i,
  apply(root) {
    for (const img of all(root, 'img')) {
      const alt = (img.getAttribute('alt') ?? '').trim();
      if (!alt || alt.length > 32) continue;
      const byClass = hasClass(img, EMOJI_CLASS);
      const bySource = /emoji|smil(?:ey|ies)/i.test(img.getAttribute('src') ?? '') && (PICTOGRAPH.test(alt) || /^:[\w+-]+:$/.test(alt));
      if (byClass || bySource) replaceWith(img, img.ownerDocument.createTextNode(alt));
    }
  },
};
