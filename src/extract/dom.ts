import type { Cheerio, CheerioAPI } from 'cheerio';
import { isTag, type AnyNode, type ChildNode, type Element, type ParentNode } from 'domhandler';
import { decodeHTML } from 'entities';
import { selectIn } from './select.js';

/** Text of an element with whitespace collapsed. */
export function textOf($el: Cheerio<AnyNode>): string {
  return $el.text().replace(/\s+/g, ' ').trim();
}

/** Characters of `text` that are not whitespace (as `\s` in a RegExp), counted without building a new string. */
export function nonSpaceLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space =
      c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
    if (!space) n++;
  }
  return n;
}

/** Class and id of an element as one lower-case string, for hint patterns. */
export function classAndId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
}

/**
 * A string from JSON-LD or an attribute, with HTML entities decoded ("&#8217;", "&amp;") and whitespace
 * collapsed. A literal "<" stays text: titles such as "Escaping <HTML>" are not markup.
 */
export function decodeText(value: string | undefined | null): string | undefined {
  if (value == null) return undefined;
  const text = value.includes('&') ? decodeHTML(value) : value;
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed || undefined;
}

/**
 * Descendants of `scope` matching `selector`, in document order. Cheerio's `.find()` hands the
 * selector engine the list of the scope's children, which it de-duplicates in time quadratic in their
 * number (a 4,000-paragraph post took 14 s); querying from the element itself is linear.
 */
export function findIn(scope: Cheerio<AnyNode>, selector: string): Element[] {
  const el = scope.get(0);
  if (scope.length !== 1 || !el || !(isTag(el) || el.type === 'root')) return scope.find(selector).toArray();
  return selectIn(el as ParentNode, selector);
}

/** `$(selector)` through the compiled-selector cache: every element of the page matching `selector`. */
export function query($: CheerioAPI, selector: string): Cheerio<Element> {
  return $(selectIn($.root().get(0)!, selector));
}

/** The first element matching one of the selectors (in selector order), searching within `scope` if given. */
export function firstMatch($: CheerioAPI, selectors: readonly string[] | undefined, scope?: Cheerio<AnyNode>): Cheerio<Element> | undefined {
  for (const selector of selectors ?? []) {
    let found: Cheerio<Element>;
    try {
      found = $(findIn(scope ?? $.root(), selector));
    } catch {
      continue;
    }
    if (found.length) return found.first();
  }
  return undefined;
}

/** Every element matching a selector, ignoring selectors Cheerio cannot parse (user-supplied ones). */
export function safeSelect($: CheerioAPI, selector: string, scope?: Cheerio<AnyNode>): Cheerio<Element> {
  try {
    return $(findIn(scope ?? $.root(), selector));
  } catch {
    return $([]) as Cheerio<Element>;
  }
}

/** True when the node or one of its ancestors is in `set` (precomputed once, instead of closest() per node). */
export function insideAny(node: AnyNode, set: ReadonlySet<AnyNode>): boolean {
  for (let n: AnyNode | null = node; n; n = n.parent) if (set.has(n)) return true;
  return false;
}

/**
 * Hostile or broken pages can nest elements thousands deep, which overflows every recursive tree walk
 * (text(), html(), ours). Below `maxDepth`, keep only the leaves (text, images...) in document order.
 */
export function flattenDeepNesting(doc: AnyNode, maxDepth = 256): void {
  // Recursion is bounded by maxDepth, and spares a stack entry per node: this runs on every page.
  const visit = (node: AnyNode, depth: number): void => {
    if (!hasChildNodes(node)) return;
    if (depth >= maxDepth) flatten(node);
    else for (const child of node.children) visit(child, depth + 1);
  };
  visit(doc, 0);
}

function hasChildNodes(node: AnyNode): node is ParentNode {
  return 'children' in node && node.children.length > 0;
}

function flatten(el: ParentNode): void {
  const leaves: ChildNode[] = [];
  const stack: ChildNode[] = [...el.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (hasChildNodes(node)) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    else leaves.push(node);
  }
  el.children = leaves;
  leaves.forEach((node, i) => {
    node.parent = el;
    node.prev = leaves[i - 1] ?? null;
    node.next = leaves[i + 1] ?? null;
  });
}
