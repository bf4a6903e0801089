/**
 * Plain tree walks over the parsed document. Index pages ask the same questions of every entry; walking
 * the nodes directly is much cheaper than compiling a CSS selector per entry.
 */
import type { AnyNode, Element } from 'domhandler';
import type { CheerioAPI } from 'cheerio';
import { query } from '../extract/dom.js';

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/**
 * Visits nodes under `root` (and `root` itself) in document order until `visit` returns true. Iterative:
 * a hostile page nesting tens of thousands of elements must not overflow the stack.
 */
function walk(root: AnyNode, visit: (node: AnyNode) => boolean | void): void {
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (visit(node)) return;
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** Elements under `root` (and `root` itself) that satisfy `test`, in document order. */
export function elementsIn(root: AnyNode, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  walk(root, (node) => {
    if (isElement(node) && test(node)) out.push(node);
  });
  return out;
}

/** The first element under `root` (or `root` itself) in `set`, in document order. */
export function firstIn(root: AnyNode, set: Set<Element>): Element | undefined {
  let found: Element | undefined;
  walk(root, (node) => {
    if (!isElement(node) || !set.has(node)) return false;
    found = node;
    return true;
  });
  return found;
}

/** Every ancestor of every node given (the nodes themselves excluded). */
export function ancestorsOf(nodes: Iterable<AnyNode>): Set<AnyNode> {
  const out = new Set<AnyNode>();
  for (const node of nodes) {
    for (let p = node.parent; p && !out.has(p); p = p.parent) out.add(p);
  }
  return out;
}

/** The text of a subtree, whitespace collapsed. `spaced`: pieces kept apart (`<p>Summary</p><span>May 4</span>` is not "SummaryMay 4"). */
export function textOf(root: AnyNode, spaced = false): string {
  const parts: string[] = [];
  walk(root, (node) => {
    if (node.type === 'text') parts.push(node.data);
  });
  return parts.join(spaced ? ' ' : '').replace(/\s+/g, ' ').trim();
}

/** Elements matching a selector, queried once per document and kept for membership tests. */
export function selectorSets($: CheerioAPI): (selector: string) => Set<Element> {
  const cache = new Map<string, Set<Element>>();
  return (selector) => {
    let set = cache.get(selector);
    if (!set) {
      set = new Set(query($, selector).toArray().filter(isElement));
      cache.set(selector, set);
    }
    return set;
  };
}
