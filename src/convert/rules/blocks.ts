import { isBlankText, isElement } from '../dom.js';
import type { MarkdownRule } from './types.js';
import { first, closest } from '../select.js';

/** Blocks a heading may not hold, though pages put them there (Butterfly's `<h3><details>…<ul>` toggles). */
const BLOCKS_IN_HEADING = 'details, ul, ol, p, pre, table, blockquote, div > p';

export const heading: MarkdownRule = {
  name: 'heading',
  filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
  replacement(content, node) {
    // A heading holding paragraphs and lists is a box of content: one heading line would lose them.
    if (first(node, BLOCKS_IN_HEADING)) return `\n\n${content.trim()}\n\n`;
    // A heading is one line; a trailing ` #` would read as the closing sequence of an ATX heading.
    const text = content.replace(/\\?\s*\n\s*/g, ' ').trim().replace(/(\s)(#+)$/, '$1\\$2');
    if (!text) return '';
    return `\n\n${'#'.repeat(Number(node.nodeName.charAt(1)))} ${text}\n\n`;
  },
};

const INLINE_PARENTS = new Set(['A', 'SPAN', 'STRONG', 'B', 'EM', 'I', 'U', 'FONT', 'SMALL', 'MARK', 'CODE', 'S', 'DEL', 'INS', 'SUB', 'SUP', 'LABEL', 'ABBR', 'CITE', 'Q']);

/** Elements that end a line of text: a `<br>` between one and the line's edge breaks nothing. */
const BLOCK_SIBLINGS = new Set(['P', 'DIV', 'UL', 'OL', 'PRE', 'TABLE', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'FIGURE', 'SECTION', 'DL', 'DETAILS']);

/**
 * The node has no visible content after (or before) it within its line: up to its block's edge, or
 * a block beside it (a spacer `<br>` between two paragraphs).
 */
function atBlockEdge(node: Node, side: 'next' | 'prev'): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) {
    for (let s = side === 'next' ? n.nextSibling : n.previousSibling; s; s = side === 'next' ? s.nextSibling : s.previousSibling) {
      if (isElement(s) && BLOCK_SIBLINGS.has(s.nodeName)) return true;
      if (!isBlankText(s.textContent) || (isElement(s) && (s.nodeName === 'IMG' || first(s, 'img')))) return false;
    }
    const parent = n.parentNode;
    if (!parent || !INLINE_PARENTS.has(parent.nodeName)) return true;
  }
  return true;
}

function isBr(n: Node | null): boolean {
  return !!n && n.nodeName === 'BR';
}

/**
 * `<br>` is a backslash hard break (visible, unlike two trailing spaces); `<br>` in a table cell stays
 * `<br>`; a run of them is a paragraph break; one at the edge of a block is dropped.
 */
export const lineBreak: MarkdownRule = {
  name: 'line-break',
  filter: 'br',
  replacement(_content, node) {
    if (isBr(node.previousSibling)) return '';
    if (atBlockEdge(node, 'next') || atBlockEdge(node, 'prev')) return '';
    if (closest(node, 'td, th')) return '<br>';
    if (isBr(node.nextSibling)) return '\n\n';
    return '\\\n';
  },
};
