import { isBlankText, isElement } from '../dom.js';
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

/** Elements Markdown prints as blocks of their own, which no link text can hold. */
const BLOCKS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'FIGURE', 'FIGCAPTION', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'PRE', 'TABLE', 'HR']);
/** Blocks a link cannot usefully reach into: they are moved out of it as they are. */
const SEALED = new Set(['PRE', 'TABLE', 'HR']);

const hasBlockChild = (el: Element): boolean => Array.from(el.children).some((c) => BLOCKS.has(c.nodeName));

/**
 * A link around blocks (a card `<a><h3>Title</h3><p>Excerpt</p></a>`, a heading inside a link) is
 * pushed down into them: each block links its own content, so the heading prints `### [Title](url)`
 * where Markdown link text would otherwise hold `### Title` as literal hashes, run together with the
 * excerpt.
 */
export const blockLinks: DomRule = {
  name: 'block-links',
  when: /<a\s/i,
  apply(root) {
    for (const a of all(root, 'a[href]')) if (a.parentNode && hasBlockChild(a)) pushLinkDown(a);
  },
};

function pushLinkDown(a: Element): void {
  const parent = a.parentNode!;
  const doc = a.ownerDocument!;
  const link = (): Element => {
    const copy = doc.createElement('a');
    for (const name of ['href', 'title']) {
      const value = a.getAttribute(name);
      if (value !== null) copy.setAttribute(name, value);
    }
    return copy;
  };
  let run: Element | undefined;
  for (const child of Array.from(a.childNodes)) {
    if (isElement(child) && BLOCKS.has(child.nodeName)) {
      run = undefined;
      parent.insertBefore(child, a);
      if (SEALED.has(child.nodeName) || !child.firstChild) continue;
      const inner = link();
      while (child.firstChild) inner.appendChild(child.firstChild);
      child.appendChild(inner);
      if (hasBlockChild(inner)) pushLinkDown(inner);
      continue;
    }
    if (!run) {
      if (!isElement(child) && isBlankText(child.textContent)) {
        parent.insertBefore(child, a);
        continue;
      }
      run = link();
      parent.insertBefore(run, a);
    }
    run.appendChild(child);
  }
  parent.removeChild(a);
}

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
