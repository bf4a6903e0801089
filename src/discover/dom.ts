/**
 * Plain tree walks over the parsed document. Index pages ask the same questions of every entry; walking
 * the nodes directly is much cheaper than compiling a CSS selector per entry.
 */
import type { AnyNode, Element } from 'domhandler';
import type { CheerioAPI } from 'cheerio';

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Elements under `root` (and `root` itself) that satisfy `test`, in document order. */
export function elementsIn(root: AnyNode, test: (el: Element) => boolean): Element[] {
  const out: Element[] = [];
  const visit = (node: AnyNode) => {
    if (isElement(node) && test(node)) out.push(node);
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(root);
  return out;
}

/** The first element under `root` (or `root` itself) in `set`, in document order. */
export function firstIn(root: AnyNode, set: Set<Element>): Element | undefined {
  if (isElement(root) && set.has(root)) return root;
  if ('children' in root) {
    for (const child of root.children) {
      const found = firstIn(child, set);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every ancestor of every node given (the nodes themselves excluded). */
export function ancestorsOf(nodes: Iterable<AnyNode>): Set<AnyNode> {
  const out = new Set<AnyNode>();
  for (const node of nodes) {
    for (let p = node.parent; p && !out.has(p); p = p.parent) out.add(p);
  }
  return out;
}

/** Text with its pieces kept apart (`<p>Summary</p><span>May 4, 2021</span>` is not "SummaryMay 4"). */
export function separateText(root: AnyNode): string {
  const parts: string[] = [];
  const visit = (node: AnyNode) => {
    if (node.type === 'text') parts.push(node.data);
    else if ('children' in node) node.children.forEach(visit);
  };
  visit(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Elements matching a selector, queried once per document and kept for membership tests. */
export function selectorSets($: CheerioAPI): (selector: string) => Set<Element> {
  const cache = new Map<string, Set<Element>>();
  return (selector) => {
    let set = cache.get(selector);
    if (!set) {
      set = new Set($(selector).toArray().filter(isElement));
      cache.set(selector, set);
    }
    return set;
  };
}
