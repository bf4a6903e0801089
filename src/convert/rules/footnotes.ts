import { element, hasClass, isBlankText, remove, replaceWith } from '../dom.js';
import { all, first, closest } from '../select.js';
import type { DomRule, MarkdownRule } from './types.js';
import { marked } from './types.js';

/**
 * Containers of the footnote list by class or id: markdown-it `section.footnotes`, kramdown/Hugo
 * `div.footnotes`, pandoc, GitHub, WordPress `ol.wp-block-footnotes`, Easy Footnotes, hexo-reference `#footnotes`.
 */
const SECTION_CLASS = /footnote/i;
/** Ids of footnote definitions: `fn1`, `fn:1`, `user-content-fn-1`, `easy-footnote-bottom-1-42`. */
const FOOTNOTE_ID = /(?:^|[-_:])(?:fn|footnote)/i;
/** Ids of references, which backlinks point to: `fnref:2`, `fnref2`, `user-content-fnref-1`, `footnote-ref-3`. */
const REFERENCE_ID = /(?:^|[-_:])(?:fnref|footnote-?ref|noteref)/i;
const BACKREF_CLASS = /backref|reversefootnote|footnote-back|footnote-return/i;
const NUMBER_LABEL = /^\s*\[?\d{1,4}\]?[.:)]?\s*$/;
const BACKREF_TEXT = /^[\s↩↑⤴^︎️\ufe0e\ufe0f]*$/u;

/**
 * The ids a `#fragment` link may point to: the fragment as written, then percent-decoded, as a browser
 * looks it up. remark (Astro, Docusaurus, Gatsby) writes a non-ASCII footnote label percent-encoded into
 * the id itself (`id="user-content-fn-%E6%B3%A8"`), others write it raw and encode only the href.
 */
function idsOf(href: string): string[] {
  const raw = href.slice(1);
  try {
    const decoded = decodeURIComponent(raw);
    return decoded === raw ? [raw] : [raw, decoded];
  } catch {
    return [raw];
  }
}

function isFootnoteSection(el: Element): boolean {
  return (
    hasClass(el, SECTION_CLASS) ||
    SECTION_CLASS.test(el.getAttribute('id') ?? '') ||
    /doc-endnotes/.test(el.getAttribute('role') ?? '') ||
    el.hasAttribute('data-footnotes')
  );
}

interface DefinitionBlock {
  list: Element;
  /** What the Markdown definitions replace: the footnote section around the list, or the list. */
  block: Element;
  /** Marked as footnotes by class, role or attribute (else only footnote-like ids are trusted). */
  known: boolean;
}

function definitionBlock(li: Element, root: Element): DefinitionBlock | undefined {
  const list = li.parentElement;
  if (!list || (list.nodeName !== 'OL' && list.nodeName !== 'UL')) return undefined;
  let block: Element = list;
  let known = isFootnoteSection(list);
  for (let p = list.parentElement; p && p !== root; p = p.parentElement) {
    if (isFootnoteSection(p)) {
      block = p;
      known = true;
    }
  }
  return { list, block, known };
}

function isBackref(a: Element, refIds: Set<string>): boolean {
  const href = a.getAttribute('href') ?? '';
  return (
    (href.startsWith('#') && idsOf(href).some((id) => refIds.has(id))) ||
    hasClass(a, BACKREF_CLASS) ||
    a.getAttribute('role') === 'doc-backlink' ||
    a.hasAttribute('data-footnote-backref') ||
    (href.startsWith('#') && BACKREF_TEXT.test(a.textContent ?? '') && !isBlankText(a.textContent))
  );
}

/**
 * Footnote references become `[^n]` and the footnote list `[^n]: text` definitions, numbered in the
 * order of the list. Only lists that references point to are converted (a renderer drops definitions
 * nothing refers to, which would lose their text).
 */
export const footnotes: DomRule = {
  name: 'footnotes',
  // Every flavour names its ids or classes with "fn" or "footnote" (WordPress: `sup.fn[data-fn]`).
  when: /footnote|fn/i,
  apply(root) {
    const doc = root.ownerDocument;
    const byId = new Map<string, Element>();
    for (const el of all(root, 'li [id], li[id]')) byId.set(el.getAttribute('id') ?? '', el);
    if (!byId.size) return;
    const targets = new Map<Element, Element[]>();
    for (const a of all(root, 'a[href^="#"]')) {
      const id = idsOf(a.getAttribute('href') ?? '').find((i) => byId.has(i));
      // A backlink points at a reference, wherever it sits (a reference in a list item of the body).
      const anchor = id === undefined || REFERENCE_ID.test(id) ? undefined : byId.get(id);
      // The id sits on the item itself, or on a marker at its start (Easy Footnotes).
      const target = anchor?.nodeName === 'LI' ? anchor : (anchor && closest(anchor, 'li'));
      if (!anchor || !target || target.contains(a)) continue;
      const block = definitionBlock(target, root);
      if (!block || (!block.known && !FOOTNOTE_ID.test(anchor.getAttribute('id') ?? ''))) continue;
      const list = targets.get(target) ?? [];
      list.push(a);
      targets.set(target, list);
    }
    if (!targets.size) return;
    const lists = new Map<Element, Element>();
    for (const li of targets.keys()) {
      const b = definitionBlock(li, root);
      if (b) lists.set(b.list, b.block);
    }
    for (const [list, block] of lists) {
      const items = Array.from(list.children).filter((c) => c.nodeName === 'LI');
      const defs = element(doc, 'div', { 'data-bv-md': 'footnotes' });
      items.forEach((li, i) => {
        const label = String(i + 1);
        const refIds = new Set<string>();
        for (const a of targets.get(li) ?? []) {
          const sup = a.parentElement?.nodeName === 'SUP' && a.parentElement.children.length === 1 ? a.parentElement : a;
          for (const el of [a, sup]) if (el.getAttribute('id')) refIds.add(el.getAttribute('id')!);
          replaceWith(sup, element(doc, 'span', { 'data-bv-md': 'footnote-ref', 'data-label': label }, label));
        }
        for (const a of all(li, 'a[href]')) if (isBackref(a, refIds)) remove(a);
        // A printed number label in front of the text (hexo-reference) repeats what `[^n]:` says.
        const lead = li.firstElementChild;
        if (lead && lead === li.firstChild && NUMBER_LABEL.test(lead.textContent ?? '')) remove(lead);
        const def = element(doc, 'div', { 'data-bv-md': 'footnote', 'data-label': label });
        while (li.firstChild) def.appendChild(li.firstChild);
        if (!isBlankText(def.textContent) || first(def, 'img')) defs.appendChild(def);
      });
      if (block !== list && block.previousElementSibling?.nodeName === 'HR') remove(block.previousElementSibling);
      replaceWith(block, defs);
    }
  },
};

export const footnoteReference: MarkdownRule = {
  name: 'footnote-reference',
  filter: (node) => marked(node, 'footnote-ref'),
  replacement: (_content, node) => `[^${node.getAttribute('data-label')}]`,
};

export const footnoteDefinition: MarkdownRule = {
  name: 'footnote-definition',
  filter: (node) => marked(node, 'footnote'),
  replacement(content, node) {
    const body = content.trim().replace(/\n/g, '\n    ');
    return `\n\n[^${node.getAttribute('data-label')}]: ${body}\n\n`;
  },
};
