import domino from '@mixmark-io/domino';
import type { AnyNode, ParentNode } from 'domhandler';

/**
 * Turndown parses with domino under Node; parsing once with the very same package (a dependency here
 * with turndown's own version range, so npm installs one copy) lets the normalising rules work on a
 * real DOM and hand turndown a node, so the HTML is parsed a single time.
 */
const HTML_NS = 'http://www.w3.org/1999/xhtml';
let blank: Document | undefined;

/** The fragment's elements inside one wrapper element (a custom tag keeps `<meta>`/`<style>` out of `<head>`). */
export function parseFragment(html: string): Element {
  const doc = domino.createDocument(`<x-root>${html}</x-root>`);
  return doc.querySelector('x-root') ?? doc.body;
}

/**
 * The same fragment built from the children of an element of an already parsed page (Cheerio's tree):
 * no serialising and parsing again. Undefined when a name is not one the DOM accepts (hostile markup
 * the HTML parser let through); `parseFragment` on the serialised HTML handles those.
 */
export function importChildren(parent: ParentNode): Element | undefined {
  blank ??= domino.createDocument('');
  const doc = blank;
  const root = doc.createElement('x-root');
  const copy = (from: ParentNode, to: Node): void => {
    for (const child of from.children as AnyNode[]) {
      if (child.type === 'text') {
        // Clean-up leaves neighbouring text nodes where it removed an element; parsed HTML has them as one.
        const last = to.lastChild;
        if (last?.nodeType === TEXT_NODE) (last as Text).appendData(child.data);
        else to.appendChild(doc.createTextNode(child.data));
      }
      else if (child.type === 'comment') to.appendChild(doc.createComment(child.data));
      else if (child.type === 'tag' || child.type === 'script' || child.type === 'style') {
        const ns = child.namespace;
        const el = ns && ns !== HTML_NS ? doc.createElementNS(ns, child.name) : doc.createElement(child.name);
        for (const [name, value] of Object.entries(child.attribs)) el.setAttribute(name, value);
        copy(child, el);
        to.appendChild(el);
      }
    }
  };
  try {
    copy(parent, root);
  } catch {
    return undefined;
  }
  return root;
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
