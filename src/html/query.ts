import type { Cheerio, CheerioAPI } from 'cheerio';
import { isTag, type AnyNode, type Element, type ParentNode } from 'domhandler';
import { isElement } from './walk.js';
import { selectIn } from './select.js';

/**
 * Queries from Cheerio selections through the one selector engine (select.ts). Cheerio's own `.find()`,
 * `.is()` and `.closest()` would use a second engine (cheerio-select), with jQuery's scoping; they are
 * not used.
 */

/** Elements inside the nodes of `scope` matching `selector`, in document order, each once. */
export function findIn(scope: Cheerio<AnyNode>, selector: string): Element[] {
  const roots = scope.toArray().filter((n): n is ParentNode => isTag(n) || n.type === 'root');
  if (roots.length === 1) return selectIn(roots[0]!, selector);
  const seen = new Set<Element>();
  const out: Element[] = [];
  for (const root of roots) for (const el of selectIn(root, selector)) if (!seen.has(el)) seen.add(el), out.push(el);
  return out;
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
