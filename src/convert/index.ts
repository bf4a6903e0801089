import type { ParentNode } from 'domhandler';
import { domOf, parseFragment } from './dom.js';
import { domRules } from './rules/index.js';
import { turndownService } from './service.js';
import { tidyMarkdown } from './tidy.js';
import { walk, isElement } from '../html/walk.js';

export { escapeMarkdownText } from './escape.js';
export { emojiOf } from './rules/emoji.js';

/**
 * Converts an article's cleaned HTML to the Markdown body of its archive file (no front matter).
 * Links become absolute against `baseUrl`; image sources too, except document-relative ones, which
 * are local archive paths put there by the pipeline (`../assets/x.png`).
 */
export function htmlToMarkdown(html: string, baseUrl: string): string {
  return convert(parseFragment(html), html, baseUrl);
}

/**
 * The same for an article already parsed: the element extraction chose and cleaned, converted in
 * place (the tree is the conversion's from then on). It should be detached from its page, so that
 * nothing above it takes part in the rules' queries.
 */
export function treeToMarkdown(tree: ParentNode, baseUrl: string): string {
  return convert(domOf(tree), markupOf(tree), baseUrl);
}

function convert(root: Element, source: string, baseUrl: string): string {
  const ctx = { baseUrl };
  for (const rule of domRules) if (!rule.when || rule.when.test(source)) rule.apply(root, ctx);
  return tidyMarkdown(turndownService().turndown(root as unknown as HTMLElement));
}

/**
 * The tags, attributes and text of a tree as one string, close enough to its HTML for the rules'
 * `when` tests (`<table`, `class="katex`, `\(`), without the cost of serialising it.
 */
function markupOf(tree: ParentNode): string {
  const parts: string[] = [];
  walk(tree, (node) => {
    if (node.type === 'text') parts.push(node.data);
    else if (isElement(node) && node !== tree) {
      parts.push(`<${node.name}`);
      for (const name in node.attribs) parts.push(` ${name}="${node.attribs[name]}"`);
      parts.push('>');
    }
  });
  return parts.join('');
}
