import { isBlankText, isElement } from '../dom.js';
import { all, closest } from '../select.js';
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

/**
 * Elements that stand for a link whose address a script reads from `data-url`: Hexo's NexT and Shoka
 * hide external links from crawlers so (`exturl`), the address base64-encoded.
 */
const ENCODED_LINK = 'span[data-url]';
const WEB_URL = /^https?:\/\/\S+$/i;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The web address `data-url` holds, as written or base64-encoded; undefined for anything else. */
function encodedUrl(value: string | null): string | undefined {
  const v = (value ?? '').trim();
  if (WEB_URL.test(v)) return v;
  if (!BASE64.test(v)) return undefined;
  const decoded = Buffer.from(v, 'base64').toString('utf8').trim();
  return WEB_URL.test(decoded) ? decoded : undefined;
}

/** A span standing for a link becomes the link it stands for, its content the link text. */
export const encodedLinks: DomRule = {
  name: 'encoded-links',
  when: /data-url\s*=/i,
  apply(root) {
    for (const span of all(root, ENCODED_LINK)) {
      const url = encodedUrl(span.getAttribute('data-url'));
      if (!url || !span.parentNode || closest(span, 'a')) continue;
      const a = span.ownerDocument!.createElement('a');
      a.setAttribute('href', url);
      while (span.firstChild) a.appendChild(span.firstChild);
      span.parentNode.replaceChild(a, span);
    }
  },
};

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
