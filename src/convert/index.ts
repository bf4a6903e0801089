import type { ParentNode } from 'domhandler';
import { importChildren, parseFragment } from './dom.js';
import { domRules } from './rules/index.js';
import { turndownService } from './service.js';
import { tidyMarkdown } from './tidy.js';

export { escapeMarkdownText } from './escape.js';
export { emojiOf } from './rules/emoji.js';

/**
 * Converts an article's cleaned HTML to the Markdown body of its archive file (no front matter).
 * Links become absolute against `baseUrl`; image sources too, except document-relative ones, which
 * are local archive paths put there by the pipeline (`../assets/x.png`).
 * `tree`, the parsed element `html` is the inner HTML of, spares parsing it again.
 */
export function htmlToMarkdown(html: string, baseUrl: string, tree?: ParentNode): string {
  const root = (tree && importChildren(tree)) || parseFragment(html);
  const ctx = { baseUrl };
  for (const rule of domRules) if (!rule.when || rule.when.test(html)) rule.apply(root, ctx);
  // Turndown deep-copies a node it is given, to leave the caller's DOM alone; this tree exists for
  // this one conversion, so it may work on it directly.
  Object.defineProperty(root, 'cloneNode', { value: () => root });
  return tidyMarkdown(turndownService().turndown(root as unknown as HTMLElement));
}
