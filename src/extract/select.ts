import { compile } from 'css-select';
import { parse, SelectorType, type Selector } from 'css-what';
import { is as cheerioIs, select as cheerioSelect } from 'cheerio-select';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import { elementsIn } from './tree-walk.js';
import { indexedElements } from './parse.js';

/**
 * CSS queries over a parsed page with each selector compiled once per process. Cheerio parses and
 * compiles a selector on every call, which cost more than matching it: extraction runs the same few
 * hundred selectors on every post.
 */
type Query = (el: Element) => boolean;

/** The element a scoped query is relative to, read by the `:bv-scope` test when the query runs. */
let scope: AnyNode | undefined;

/**
 * Compiled queries are shared by every scope and document, so nothing may be cached inside them:
 * css-select's descendant combinator remembers "no matching ancestor" per element by default.
 */
const OPTIONS = { relativeSelector: false, cacheResults: false, pseudos: { 'bv-scope': (el: Element) => el === scope } };

/** A selector compiled once, with what its subjects carry for the indexes to look up. */
interface Compiled {
  /** null: the selector needs Cheerio's own engine (jQuery positional filters such as `:first`, sibling-first selectors). */
  query: Query | null;
  /** Per alternative, the most selective thing its subject must carry; null when one carries nothing to look up. */
  keys: NonNullable<Key>[] | null;
  /** The tag every alternative's subject names, if they all name the same one: `meta[content]` -> meta. */
  tag: string | undefined;
}

const scopedQueries = new Map<string, Compiled>();
const documentQueries = new Map<string, Compiled>();

const SCOPE: Selector = { type: SelectorType.Pseudo, name: 'bv-scope', data: null };
const DESCENDANT: Selector = { type: SelectorType.Descendant };

/**
 * `:bv-scope` before each selector of the list: every compound is matched strictly inside the scope,
 * `> x` means its children (a selector beginning with `article` never matches the scope itself).
 */
function scoped(token: Selector[][]): Selector[][] | null {
  const out: Selector[][] = [];
  for (const part of token) {
    const first = part[0];
    if (first?.type === SelectorType.Adjacent || first?.type === SelectorType.Sibling) return null;
    out.push(first?.type === SelectorType.Child || first?.type === SelectorType.Descendant ? [SCOPE, ...part] : [SCOPE, DESCENDANT, ...part]);
  }
  return out;
}

/** What an element must carry for a selector to match it, read from the selector's subject (last) compound. */
type Key = { kind: 'id' | 'class' | 'tag' | 'attr'; value: string } | undefined;

const KEY_RANK = { id: 0, class: 1, tag: 2, attr: 3 };

/** Everything the subject compound of `part` requires that an element can be looked up by. */
function carried(part: Selector[]): NonNullable<Key>[] {
  const keys: NonNullable<Key>[] = [];
  for (let i = part.length - 1; i >= 0; i--) {
    const t = part[i]!;
    if (t.type === SelectorType.Tag) {
      if (!t.namespace) keys.push({ kind: 'tag', value: t.name.toLowerCase() });
    } else if (t.type === SelectorType.Attribute) {
      // `!=` matches elements without the attribute; namespaced or upper-case names are left to css-select.
      if (t.action === 'not' || t.namespace || t.name !== t.name.toLowerCase()) continue;
      if (t.name === 'id' && t.action === 'equals' && t.ignoreCase !== true) keys.push({ kind: 'id', value: t.value });
      else if (t.name === 'class' && t.action === 'element' && t.ignoreCase !== true) keys.push({ kind: 'class', value: t.value });
      else keys.push({ kind: 'attr', value: t.name });
    } else if (t.type !== SelectorType.Pseudo && t.type !== SelectorType.Universal && t.type !== SelectorType.PseudoElement) break;
  }
  return keys;
}

function subjectKey(part: Selector[]): Key {
  let key: Key;
  for (const candidate of carried(part)) if (!key || KEY_RANK[candidate.kind] < KEY_RANK[key.kind]) key = candidate;
  return key;
}

/**
 * A selector list tested the way browsers do: each alternative is filed under what its subject must
 * carry (an id, a class, a tag, an attribute), so an element is tested only against the alternatives it
 * could match. The clean-up rules test every element of the article against lists of ten selectors.
 */
function byKey(token: Selector[][]): Query {
  const buckets = { id: new Map<string, Query[]>(), class: new Map<string, Query[]>(), tag: new Map<string, Query[]>(), attr: new Map<string, Query[]>() };
  const always: Query[] = [];
  for (const part of token) {
    const query = compile<AnyNode, Element>([part], OPTIONS);
    const key = subjectKey(part);
    if (!key) always.push(query);
    else {
      const bucket = buckets[key.kind];
      const list = bucket.get(key.value);
      if (list) list.push(query);
      else bucket.set(key.value, [query]);
    }
  }
  const any = (queries: Query[] | undefined, el: Element) => !!queries && queries.some((q) => q(el));
  return (el) => {
    if (any(always, el) || any(buckets.tag.get(el.name), el)) return true;
    const { attribs } = el;
    if (buckets.id.size && attribs.id !== undefined && any(buckets.id.get(attribs.id), el)) return true;
    if (buckets.class.size && attribs.class) {
      for (const name of attribs.class.split(/[ \t\n\f\r]+/)) if (name && any(buckets.class.get(name), el)) return true;
    }
    if (buckets.attr.size) {
      for (const name in attribs) if (any(buckets.attr.get(name), el)) return true;
    }
    return false;
  };
}

function subjectTag(token: Selector[][]): string | undefined {
  let tag: string | undefined;
  for (const part of token) {
    const own = carried(part).find((key) => key.kind === 'tag')?.value;
    if (!own || (tag && own !== tag)) return undefined;
    tag = own;
  }
  return tag;
}

function keysOf(token: Selector[][]): NonNullable<Key>[] | null {
  const keys: NonNullable<Key>[] = [];
  for (const part of token) {
    const key = subjectKey(part);
    if (!key) return null;
    keys.push(key);
  }
  return keys;
}

/**
 * The elements under an element filed by tag, id, class and attribute name, with their position in
 * document order. The clean-up rules query the article a few dozen times; each query then tests only
 * the elements that carry what its subject needs, instead of walking the whole article again.
 */
interface SubtreeIndex {
  root: Element;
  position: Map<Element, number>;
  lists: { id: Map<string, Element[]>; class: Map<string, Element[]>; tag: Map<string, Element[]>; attr: Map<string, Element[]> };
}

let indexed: SubtreeIndex | undefined;

function buildIndex(root: Element): SubtreeIndex {
  const lists = { id: new Map<string, Element[]>(), class: new Map<string, Element[]>(), tag: new Map<string, Element[]>(), attr: new Map<string, Element[]>() };
  const position = new Map<Element, number>();
  const file = (map: Map<string, Element[]>, key: string, el: Element) => {
    const list = map.get(key);
    if (list) list.push(el);
    else map.set(key, [el]);
  };
  const visit = (node: ParentNode): void => {
    for (const child of node.children) {
      if (child.type !== 'tag' && child.type !== 'script' && child.type !== 'style') continue;
      position.set(child, position.size);
      file(lists.tag, child.name, child);
      const { attribs } = child;
      for (const name in attribs) {
        file(lists.attr, name, child);
        if (name === 'id') file(lists.id, attribs.id!, child);
        else if (name === 'class') for (const token of attribs.class!.split(/[ \t\n\f\r]+/)) if (token) file(lists.class, token, child);
      }
      visit(child);
    }
  };
  visit(root);
  return { root, position, lists };
}

/**
 * Runs `read` with the elements under `root` indexed for the queries scoped to `root`. While it runs,
 * elements under `root` may be removed, or unwrapped into their parent's place, but none may be added
 * and no tag, id, class or attribute name may change: an index built before would not know of them.
 */
export function withSubtreeIndex<T>(root: Element, read: () => T): T {
  const outer = indexed;
  indexed = buildIndex(root);
  try {
    return read();
  } finally {
    indexed = outer;
  }
}

/** The indexed elements that may match `keys`, in document order; the query still decides. */
function candidatesFor(index: SubtreeIndex, keys: NonNullable<Key>[]): Element[] {
  if (keys.length === 1) return index.lists[keys[0]!.kind].get(keys[0]!.value) ?? [];
  const found = new Set<Element>();
  for (const key of keys) for (const el of index.lists[key.kind].get(key.value) ?? []) found.add(el);
  return [...found].sort((a, b) => index.position.get(a)! - index.position.get(b)!);
}

function compiled(selector: string, withScope: boolean): Compiled {
  const cache = withScope ? scopedQueries : documentQueries;
  const known = cache.get(selector);
  if (known) return known;
  const token = parse(selector);
  const prepared = withScope ? scoped(token) : token;
  let query: Query | null = null;
  if (prepared) {
    try {
      // One or two alternatives are tested faster as they are than through the keyed buckets.
      query = prepared.length > 2 ? byKey(prepared) : compile<AnyNode, Element>(prepared, OPTIONS);
    } catch (err) {
      // css-select knows no jQuery extensions (`:first`, `:eq(2)`...); Cheerio's engine does.
      if (!/unknown pseudo/i.test(String(err))) throw err;
    }
  }
  const entry = { query, keys: prepared && keysOf(prepared), tag: subjectTag(token) };
  cache.set(selector, entry);
  return entry;
}

/**
 * Descendants of `root` (an element or a whole document) matching `selector`, in document order.
 * Throws on a selector that is not valid CSS, as Cheerio does.
 */
export function selectIn(root: ParentNode, selector: string): Element[] {
  const isDocument = root.type === 'root';
  const { query, keys, tag } = compiled(selector, !isDocument);
  if (!query) return cheerioSelect(selector, root as Element) as Element[];
  if (!isDocument) {
    scope = root;
    // An element removed since the index was built no longer has the scope above it: the query fails it.
    if (keys && indexed?.root === root) return candidatesFor(indexed, keys).filter(query);
  } else {
    const candidates = tag === undefined ? undefined : indexedElements(root, tag);
    if (candidates) return candidates.filter((el) => attachedTo(el, root) && query(el));
  }
  // Document order, a <template>'s content included, as domutils' findAll; findAll keeps its stacks
  // with unshift and shift, and a query over a whole page took a third longer with it. The root never
  // matches: a document is no element, and a scoped query wants an ancestor that is the scope.
  return elementsIn(root, query);
}

function attachedTo(el: Element, root: ParentNode): boolean {
  let n: AnyNode | null = el;
  while (n.parent) n = n.parent;
  return n === root;
}

/** `el` or its nearest ancestor element matching `selector` (Cheerio's `closest`), from the same cache. */
export function closestIn(el: Element, selector: string): Element | undefined {
  const { query } = compiled(selector, false);
  for (let n: AnyNode | null = el; n && n.type !== 'root'; n = n.parent) {
    if (n.type !== 'tag' && n.type !== 'script' && n.type !== 'style') continue;
    if (query ? query(n as Element) : cheerioIs(n as Element, selector)) return n as Element;
  }
  return undefined;
}
