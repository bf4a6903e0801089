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
 * GFM shows it as a readable paragraph. Terms are bold so they stand out there too (a term already
 * bold as a whole is not wrapped again: `****Term****` reads as nothing).
 */
export const definitionTerm: MarkdownRule = {
  name: 'definition-term',
  filter: 'dt',
  replacement(content) {
    const term = content.trim().replace(/\n+/g, ' ');
    if (!term) return '';
    return /^\*\*[^*].*\*\*$/.test(term) || /^<strong>.*<\/strong>$/.test(term) ? `\n\n${term}\n` : `\n\n**${term}**\n`;
  },
};

/** Lists, code and tables inside a definition stay blocks: behind `: ` they would read as one line of text. */
const BLOCK_CHILD = /^(?:UL|OL|PRE|TABLE|BLOCKQUOTE|DL)$/;

export const definitionDescription: MarkdownRule = {
  name: 'definition-description',
  filter: 'dd',
  replacement(content, node) {
    if (!content.trim()) return '';
    const blocks = Array.from(node.children).some((child) => BLOCK_CHILD.test(child.nodeName));
    return blocks ? `\n\n${content.trim()}\n\n` : `\n: ${content.trim().replace(/\n/g, '\n    ')}\n`;
  },
};
