import type { ParentNode } from 'domhandler';
import { Element as TreeElement } from 'domhandler';
import { parseFragment as parseHtml } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import { ViewDocument, type ElementView } from '../html/dom-view.js';

/**
 * The conversion rules and Turndown work on the DOM interface; they get it as a view over the one
 * parsed tree (html/dom-view.ts). The types here are the DOM's (lib.dom) because the rules and Turndown
 * are written against them; the objects are views, which implement what the conversion uses.
 */

/** The DOM view of `root` (the article's element, or the wrapper of a parsed fragment), rooted there. */
export function domOf(root: ParentNode): Element {
  return new ViewDocument(root).view(root) as unknown as Element;
}

/** The underlying tree element of a view. */
export const treeOf = (el: Element): ParentNode => (el as unknown as ElementView).node;

/** A fragment of HTML parsed as a template's content would be, inside one wrapper element, as a DOM view. */
export function parseFragment(html: string): Element {
  // As domino did, and as an article's HTML reads once scripts are gone: <noscript> holds markup.
  const fragment = parseHtml(html, { treeAdapter: adapter, scriptingEnabled: false });
  const root = new TreeElement('x-root', {}, []);
  for (const child of [...fragment.children]) {
    child.parent = root;
    root.children.push(child);
  }
  root.children.forEach((child, i) => {
    child.prev = root.children[i - 1] ?? null;
    child.next = root.children[i + 1] ?? null;
  });
  return domOf(root);
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isElement(node: Node | null | undefined): node is Element {
  return !!node && node.nodeType === ELEMENT_NODE;
}

export function classList(el: Element): string[] {
  const cls = el.getAttribute('class');
  return cls ? cls.trim().split(/\s+/) : [];
}

export function hasClass(el: Element, pattern: RegExp): boolean {
  return classList(el).some((c) => pattern.test(c));
}

export function replaceWith(old: Node, ...nodes: Node[]): void {
  const parent = old.parentNode;
  if (!parent) return;
  for (const n of nodes) parent.insertBefore(n, old);
  parent.removeChild(old);
}

/** Replaces an element by its children. */
export function unwrap(el: Element): void {
  const parent = el.parentNode;
  if (!parent) return;
  while (el.firstChild) parent.insertBefore(el.firstChild, el);
  parent.removeChild(el);
}

export function remove(node: Node): void {
  node.parentNode?.removeChild(node);
}

export function element(doc: Document, tag: string, attrs: Record<string, string> = {}, text?: string): Element {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.appendChild(doc.createTextNode(text));
  return el;
}

/** Whitespace in the HTML sense plus the zero-width characters themes put in icon links. */
export function isBlankText(s: string | null | undefined): boolean {
  return !s || /^[\s\u200b\u200c\u200d\u2060\ufeff]*$/.test(s);
}

export function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function closest(el: Element, test: (e: Element) => boolean, stop?: Node): Element | null {
  for (let n: Node | null = el; n && n !== stop; n = n.parentNode) {
    if (isElement(n) && test(n)) return n;
  }
  return null;
}
