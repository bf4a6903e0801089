/**
 * Plain walks over a parsed tree (domhandler nodes), in document order. Iterative: a hostile page
 * nesting tens of thousands of elements must not overflow the stack.
 */
import type { AnyNode, ChildNode, Element, ParentNode } from 'domhandler';

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Visits nodes under `root` (and `root` itself) in document order until `visit` returns true. */
export function walk(root: AnyNode, visit: (node: AnyNode) => boolean | void): void {
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
