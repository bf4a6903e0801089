import type { MarkdownRule } from './types.js';
import { closest } from '../select.js';

/**
 * `- item` / `1. item` with continuation lines (nested lists, paragraphs, code) indented to the item's
 * content column, which is what CommonMark needs for mixed ordered/unordered nesting.
 */
export const listItem: MarkdownRule = {
  name: 'list-item',
  filter: 'li',
  replacement(content, node, options) {
    const parent = node.parentNode as HTMLElement | null;
    let marker = `${options.bulletListMarker ?? '-'} `;
    if (parent?.nodeName === 'OL') {
      const start = Number.parseInt(parent.getAttribute('start') ?? '1', 10);
      const index = Array.prototype.indexOf.call(parent.children, node) as number;
      marker = `${(Number.isFinite(start) ? start : 1) + index}. `;
    }
    const loose = /\n$/.test(content);
    const body = content.replace(/^\n+/, '').replace(/\n+$/, '') + (loose ? '\n' : '');
    const indented = body.replace(/\n/g, `\n${' '.repeat(marker.length)}`);
    return marker + indented + (node.nextSibling ? '\n' : '');
  },
};

/** A checkbox at the start of a list item (also inside its first paragraph or label) is a GFM task marker. */
export const taskListItem: MarkdownRule = {
  name: 'task-list-item',
  filter(node) {
    if (node.nodeName !== 'INPUT' || (node.getAttribute('type') ?? '').toLowerCase() !== 'checkbox') return false;
    return !!closest(node, 'li');
  },
  replacement(_content, node) {
    const next = node.nextSibling?.textContent ?? '';
    return (node.hasAttribute('checked') ? '[x]' : '[ ]') + (/^\s/.test(next) ? '' : ' ');
  },
};
