/**
 * Plain tree walks over the parsed document. Index pages ask the same questions of every entry; walking
 * the nodes directly is much cheaper than compiling a CSS selector per entry.
 */
import type { AnyNode, Element } from 'domhandler';
import type { CheerioAPI } from 'cheerio';
import { query } from '../extract/dom.js';
import { isElement, walk } from '../extract/tree-walk.js';

export { elementsIn, isElement } from '../extract/tree-walk.js';

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
