import type { MarkdownRule } from './types.js';

const WHITESPACE = /\s/u;
const PUNCTUATION = /[\p{P}\p{S}]/u;

/** Elements printed with the same delimiter character: side by side, their runs would merge (`*a**b*`). */
const SAME_DELIMITER: Record<string, Set<string>> = {
  '*': new Set(['EM', 'I', 'STRONG', 'B']),
  '~': new Set(['DEL', 'S', 'STRIKE']),
};

function touchesSameDelimiter(node: HTMLElement, char: string): boolean {
  const tags = SAME_DELIMITER[char];
  return [node.previousSibling, node.nextSibling].some((s) => !!s && tags.has(s.nodeName) && !!s.textContent?.trim());
}

function outsideChar(node: HTMLElement, side: 'before' | 'after'): string | undefined {
  const sibling = side === 'before' ? node.previousSibling : node.nextSibling;
  const text = sibling?.textContent ?? '';
  return side === 'before' ? text.at(-1) : text.at(0);
}

/** CommonMark flanking: punctuation just inside a delimiter needs whitespace or punctuation (or nothing) just outside it. */
function flanks(inside: string | undefined, outside: string | undefined): boolean {
  if (inside === undefined || WHITESPACE.test(inside)) return false;
  return !PUNCTUATION.test(inside) || outside === undefined || WHITESPACE.test(outside) || PUNCTUATION.test(outside);
}

/**
 * Emphasis, strong and strikethrough with `*`, `**`, `~~`, unless the delimiters could not open or
 * close there (`<b>Note:</b>text`, `<strong>重要：</strong>中文` would print literal asterisks): then
 * the HTML element is kept, which every GFM renderer shows.
 */
function delimited(tag: string, delimiter: string): MarkdownRule['replacement'] {
  return (content, node) => {
    if (!content.trim()) return content;
    const char = delimiter[0];
    let start = 0;
    while (content[start] === char) start++;
    let end = content.length - 1;
    while (end >= 0 && content[end] === char) end--;
    const open = flanks(content[start], outsideChar(node, 'before'));
    const close = flanks(content[end], outsideChar(node, 'after'));
    return open && close && !touchesSameDelimiter(node, char) ? `${delimiter}${content}${delimiter}` : `<${tag}>${content}</${tag}>`;
  };
}

export const emphasis: MarkdownRule = { name: 'emphasis', filter: ['em', 'i'], replacement: delimited('em', '*') };
export const strong: MarkdownRule = { name: 'strong', filter: ['strong', 'b'], replacement: delimited('strong', '**') };
export const strikethrough: MarkdownRule = {
  name: 'strikethrough',
  filter: (node) => SAME_DELIMITER['~'].has(node.nodeName),
  replacement: delimited('del', '~~'),
};
