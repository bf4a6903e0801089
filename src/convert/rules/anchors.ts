import { isBlankText, remove, unwrap } from '../dom.js';
import { all, first, closest } from '../select.js';
import type { DomRule } from './types.js';

/** Text of the permalink icons themes put next to headings (Sphinx ¶, Hugo #, Docusaurus zero-width space). */
const PERMALINK_TEXT = /^[\s\u200b#¶§🔗⚓︎\ufe0e\ufe0f]*$/u;

/**
 * Heading permalinks go (Hexo's empty `a.headerlink`, `¶`, `#`); a heading that links to its own
 * fragment keeps its text without the link.
 */
export const headingAnchors: DomRule = {
  name: 'heading-anchors',
  when: /href\s*=\s*["']?#/i,
  apply(root) {
    for (const a of all(root, 'a[href^="#"]')) {
      if (first(a, 'img')) continue;
      if (PERMALINK_TEXT.test(a.textContent ?? '')) remove(a);
      else if (closest(a, 'h1, h2, h3, h4, h5, h6') && !isBlankText(a.textContent)) unwrap(a);
    }
  },
};
