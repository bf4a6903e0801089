import type { ElementView } from '../html/dom-view.js';

/**
 * CSS queries of the conversion rules, through the one selector engine (html/select.ts) on the one
 * tree: a selector means here what it means in extraction, and what it means in a browser.
 */
const view = (el: Element) => el as unknown as ElementView;

/** The elements inside `root` matching `selector`, in document order, as a static array (the rules mutate the tree). */
export function all(root: Element, selector: string): Element[] {
  return view(root).querySelectorAll(selector) as unknown as Element[];
}

/** The first element inside `root` matching `selector`. */
export function first(root: Element, selector: string): Element | null {
  return view(root).querySelector(selector) as unknown as Element | null;
}

/** `el` or its nearest ancestor element, up to the conversion's root, matching `selector`. */
export function closest(el: Element, selector: string): Element | null {
  return view(el).closest(selector) as unknown as Element | null;
}
