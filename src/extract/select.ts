import { compile } from 'css-select';
import { parse, SelectorType, type Selector } from 'css-what';
import { select as cheerioSelect } from 'cheerio-select';
import { findAll } from 'domutils';
import { Element, type AnyNode, type ParentNode } from 'domhandler';

/**
 * CSS queries over a parsed page with each selector compiled once per process. Cheerio parses and
 * compiles a selector on every call, which cost more than matching it: extraction runs the same few
 * hundred selectors on every post.
 */
type Query = (el: Element) => boolean;

/**
 * The element a scoped query is relative to. Compiled `:scope` tests read the first slot of their
 * context array when they run, so one compiled query serves every scope; it is set before each query.
 */
const scope: AnyNode[] = [new Element('x-scope', {})];

/** null: the selector needs Cheerio's own engine (jQuery positional filters such as `:first`, sibling-first selectors). */
const scopedQueries = new Map<string, Query | null>();
const documentQueries = new Map<string, Query | null>();

const SCOPE: Selector = { type: SelectorType.Pseudo, name: 'scope', data: null };
const DESCENDANT: Selector = { type: SelectorType.Descendant };

/** Cheerio's semantics for `$(el).find(selector)`: every compound is matched inside `el`, `> x` means children of `el`. */
function scoped(token: Selector[][]): Selector[][] | null {
  const out: Selector[][] = [];
  for (const part of token) {
    const first = part[0];
    if (first?.type === SelectorType.Adjacent || first?.type === SelectorType.Sibling) return null;
    out.push(first?.type === SelectorType.Child || first?.type === SelectorType.Descendant ? [SCOPE, ...part] : [SCOPE, DESCENDANT, ...part]);
  }
  return out;
}

function compiled(selector: string, withScope: boolean): Query | null {
  const cache = withScope ? scopedQueries : documentQueries;
  const known = cache.get(selector);
  if (known !== undefined) return known;
  const token = parse(selector);
  const prepared = withScope ? scoped(token) : token;
  let query: Query | null = null;
  if (prepared) {
    try {
      query = compile<AnyNode, Element>(prepared, { relativeSelector: false, context: scope });
    } catch (err) {
      // css-select knows no jQuery extensions (`:first`, `:eq(2)`...); Cheerio's engine does.
      if (!/unknown pseudo/i.test(String(err))) throw err;
    }
  }
  cache.set(selector, query);
  return query;
}

/**
 * Descendants of `root` (an element or a whole document) matching `selector`, in document order.
 * Throws on a selector that is not valid CSS, as Cheerio does.
 */
export function selectIn(root: ParentNode, selector: string): Element[] {
  const isDocument = root.type === 'root';
  const query = compiled(selector, !isDocument);
  if (!query) return cheerioSelect(selector, root as Element) as Element[];
  if (!isDocument) scope[0] = root;
  return findAll(query, root.children);
}
