import { collapse } from '../dom.js';
import type { MarkdownRule } from './types.js';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `<details>` stays an HTML block with its `<summary>`, the contents as Markdown between blank lines:
 * GitHub and most renderers show it as a disclosure, plain-text readers see all of it.
 */
export const details: MarkdownRule = {
  name: 'details',
  filter: 'details',
  replacement(content, node) {
    const summary = Array.from(node.children).find((c) => c.nodeName === 'SUMMARY');
    const title = escapeHtml(collapse(summary?.textContent ?? '')) || 'Details';
    const body = content.trim();
    return `\n\n<details>\n<summary>${title}</summary>\n\n${body ? `${body}\n\n` : ''}</details>\n\n`;
  },
};

export const summary: MarkdownRule = {
  name: 'summary',
  filter: 'summary',
  replacement: () => '',
};
