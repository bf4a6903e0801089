/**
 * Plain walks over a parsed tree (domhandler nodes), in document order. Iterative: a hostile page
 * nesting tens of thousands of elements must not overflow the stack.
 */
import type { AnyNode, Element } from 'domhandler';

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
