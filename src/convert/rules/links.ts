import { isBlankText } from '../dom.js';
import { all } from '../select.js';
import type { DomRule, MarkdownRule } from './types.js';

export function resolveUrl(url: string, base: string): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

/** A Markdown link destination: spaces and angle brackets percent-encoded, parentheses escaped. */
export function linkDestination(url: string): string {
  return url.replace(/ /g, '%20').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/([()])/g, '\\$1');
}

export function linkTitle(title: string | null): string {
  const t = (title ?? '').replace(/\s+/g, ' ').trim();
  return t ? ` "${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : '';
}

/** Link targets made absolute against the page URL; in-page `#fragment` links are kept as written. */
export const absoluteLinks: DomRule = {
  name: 'absolute-links',
  when: /<a\s/i,
  apply(root, { baseUrl }) {
    for (const a of all(root, 'a[href]')) {
      const href = (a.getAttribute('href') ?? '').trim();
      if (!href || href.startsWith('#') || /^(?:javascript|vbscript|data):/i.test(href)) continue;
      a.setAttribute('href', resolveUrl(href, baseUrl));
    }
  },
};

const UNSAFE_HREF = /^(?:javascript|vbscript|data):/i;

export const inlineLink: MarkdownRule = {
  name: 'inline-link',
  filter: (node) => node.nodeName === 'A' && !!node.getAttribute('href'),
  replacement(content, node) {
    const href = (node.getAttribute('href') ?? '').trim();
    // A block inside a link (a card, a figure) cannot span lines in Markdown link text.
    const text = content.replace(/\s*\n+\s*/g, ' ').trim();
    if (!href || UNSAFE_HREF.test(href)) return content;
    if (isBlankText(text)) return '';
    if (text === href && /^https?:\/\/[^\s<>]+$/.test(href) && !node.getAttribute('title')) return `<${href}>`;
    return `[${text}](${linkDestination(href)}${linkTitle(node.getAttribute('title'))})`;
  },
};
