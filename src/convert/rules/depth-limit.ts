import { isElement, TEXT_NODE } from '../dom.js';
import type { DomRule } from './types.js';

/**
 * Turndown converts recursively, so a hostile or broken page nested thousands of levels deep would
 * overflow the stack. Below this depth an element's subtree is replaced by its text, which no real
 * article reaches (it keeps the words; only the markup that deep is lost).
 */
export const MAX_DEPTH = 200;

/** Text of a subtree, walked without recursion. */
function flatText(el: Element): string {
  let out = '';
  const stack: Node[] = [el];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === TEXT_NODE) out += (node as Text).data;
    else for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return out;
}

export const depthLimit: DomRule = {
  name: 'depth-limit',
  apply(root) {
    const stack: Array<[Element, number]> = [[root, 0]];
    while (stack.length) {
      const [el, depth] = stack.pop()!;
      if (depth >= MAX_DEPTH) {
        if (el.firstElementChild) el.textContent = flatText(el);
        continue;
      }
      for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (isElement(c)) stack.push([c, depth + 1]);
    }
  },
};
