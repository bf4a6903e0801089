import type { MarkdownRule } from './types.js';

/**
 * Inline elements with no Markdown syntax but a meaning worth keeping stay as inline HTML, which GFM
 * renders: `<mark>`, `<kbd>`, `<sub>`, `<sup>`, `<ins>`, `<u>`.
 */
export const inlineHtml: MarkdownRule = {
  name: 'inline-html',
  filter: ['mark', 'kbd', 'sub', 'sup', 'ins', 'u'],
  replacement(content, node) {
    if (!content.trim()) return content;
    const tag = node.nodeName.toLowerCase();
    return `<${tag}>${content.replace(/\n+/g, ' ')}</${tag}>`;
  },
};

/**
 * A definition list as the `Term` / `: definition` lines of kramdown, pandoc and PHP Markdown Extra;
 * GFM shows it as a readable paragraph. Terms are bold so they stand out there too.
 */
export const definitionTerm: MarkdownRule = {
  name: 'definition-term',
  filter: 'dt',
  replacement: (content) => (content.trim() ? `\n\n**${content.trim().replace(/\n+/g, ' ')}**\n` : ''),
};

export const definitionDescription: MarkdownRule = {
  name: 'definition-description',
  filter: 'dd',
  replacement: (content) => (content.trim() ? `\n: ${content.trim().replace(/\n/g, '\n    ')}\n` : ''),
};
