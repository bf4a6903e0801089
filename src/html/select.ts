/**
 * The one selector engine: every CSS query of every stage (discovery, extraction, clean-up, conversion)
 * goes through here, on the one parsed tree, and means what it means in a browser's
 * `querySelectorAll`: the selector is matched against the whole document, and of the elements it
 * matches, those inside the element asked are returned (`.entry p` asked from `.entry` finds its
 * paragraphs). Selectors are compiled once per process (the cache's "css selectors" table): extraction
 * runs the same few hundred selectors on every post, and compiling cost more than matching.
 */
import { compile } from 'css-select';
import { parse, SelectorType, type Selector } from 'css-what';
import { hasChildren, isTag, type AnyNode, type Element, type ParentNode } from 'domhandler';
import * as DomUtils from 'domutils';
import { answers } from '../cache.js';
import { elementsIn, isElement, walk } from './walk.js';
import { indexedElements } from './parse.js';

type Query = (el: Element) => boolean;

/**
 * domutils' existsOne (what `:has()` asks) as an explicit-stack walk in the same order: the recursive
 * one overflows the stack under a link nested twenty thousand elements deep.
 */
function existsOne(test: (el: Element) => boolean, nodes: AnyNode | AnyNode[]): boolean {
  const stack: AnyNode[] = Array.isArray(nodes) ? [...nodes].reverse() : [nodes];
  while (stack.length) {
    const node = stack.pop()!;
    if (isTag(node) && test(node)) return true;
    if (hasChildren(node)) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return false;
}

/**
 * Compiled queries are shared by every document, so nothing may be cached inside them: css-select's
 * descendant combinator remembers "no matching ancestor" per element by default.
 */
const OPTIONS = { relativeSelector: false, cacheResults: false, adapter: { ...DomUtils, existsOne } };

/** A selector compiled once, with what its subjects carry for the indexes to look up. */
interface Compiled {
  query: Query;
  /** Per alternative, the most selective thing its subject must carry; null when one carries nothing to look up. */
  keys: NonNullable<Key>[] | null;
  /** The tag every alternative's subject names, if they all name the same one: `meta[content]` -> meta. */
  tag: string | undefined;
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
  const any = (queries: Query[] | undefined, el: Element) => {
    if (queries) for (const query of queries) if (query(el)) return true;
    return false;
  };
  const classes = buckets.class;
  const attrs = [...buckets.attr];
  // Every whole-page query tests every element: an element is looked up without building strings or
  // enumerating its attributes (a parsed element's attributes are a dictionary, slow to enumerate).
  return (el) => {
    if (any(always, el) || any(buckets.tag.get(el.name), el)) return true;
    const { attribs } = el;
    if (buckets.id.size && attribs.id !== undefined && any(buckets.id.get(attribs.id), el)) return true;
    const cls = attribs.class;
    if (classes.size && cls) {
      if (!SPACE.test(cls)) {
        if (any(classes.get(cls), el)) return true;
      } else for (const name of cls.split(SPACES)) if (name && any(classes.get(name), el)) return true;
    }
    for (const [name, queries] of attrs) if (Object.hasOwn(attribs, name) && any(queries, el)) return true;
    return false;
  };
}

/** What separates the names of a class attribute (ASCII whitespace). */
const SPACE = /[ \t\n\f\r]/;
const SPACES = /[ \t\n\f\r]+/;

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

const compiledSelectors = answers<string, Compiled>('css selectors', 5_000);

/**
 * The compiled form of `selector`. Throws on a selector that is not valid CSS, or that needs something
 * only a scope gives (`> p`, `+ p`): `--content` and the other selector options are checked with it.
 */
export function compileSelector(selector: string): Compiled {
  return compiledSelectors.get(selector, () => {
    const token = parse(selector);
    for (const part of token) {
      const first = part[0]?.type;
      if (first === SelectorType.Child || first === SelectorType.Parent || first === SelectorType.Sibling || first === SelectorType.Adjacent || first === SelectorType.Descendant) {
        throw new Error(`a selector cannot begin with a combinator: ${selector}`);
      }
    }
    // One or two alternatives are tested faster as they are than through the keyed buckets.
    const query = token.length > 2 ? byKey(token) : compile<AnyNode, Element>(token, OPTIONS);
    return { query, keys: keysOf(token), tag: subjectTag(token) };
  });
}

/**
 * Elements inside `root` (an element or a whole document; never `root` itself) matching `selector`,
 * in document order, a `<template>`'s content included. Throws on a selector that is not valid CSS.
 */
export function selectIn(root: ParentNode, selector: string): Element[] {
  const { query, tag } = compileSelector(selector);
  if (root.type === 'root' && tag !== undefined) {
    const candidates = indexedElements(root, tag);
    if (candidates) return candidates.filter((el) => attachedTo(el, root) && query(el));
  }
  return elementsIn(root, (el) => el !== root && query(el));
}

/** The first element inside `root` matching `selector`. */
export function selectFirst(root: ParentNode, selector: string): Element | undefined {
  const { query } = compileSelector(selector);
  let found: Element | undefined;
  walk(root, (node) => {
    if (node !== root && isElement(node) && query(node)) found = node;
    return found !== undefined;
  });
  return found;
}

/** Whether `el` matches `selector`. */
export function matchesSelector(el: Element, selector: string): boolean {
  return compileSelector(selector).query(el);
}

function attachedTo(el: Element, root: ParentNode): boolean {
  let n: AnyNode | null = el;
  while (n.parent) n = n.parent;
  return n === root;
}

/** `el` or its nearest ancestor element matching `selector`. */
export function closestIn(el: Element, selector: string): Element | undefined {
  const { query } = compileSelector(selector);
  for (let n: AnyNode | null = el; n && n.type !== 'root'; n = n.parent) {
    if (isElement(n) && query(n)) return n;
  }
  return undefined;
}

/**
 * The elements under one root filed by tag, id, class and attribute name, with their position in
 * document order. The clean-up rules query the article a few dozen times; each query then tests only
 * the elements that carry what its subject needs, instead of walking the whole article again. While it
 * is in use, elements under `root` may be removed, or unwrapped into their parent's place, but none may
 * be added and no tag, id, class or attribute name may change: an index built before would not know.
 */
export interface SubtreeIndex {
  /** `selectIn(root, selector)`, from the index. */
  select(selector: string): Element[];
}

export function indexSubtree(root: Element): SubtreeIndex {
  const lists = { id: new Map<string, Element[]>(), class: new Map<string, Element[]>(), tag: new Map<string, Element[]>(), attr: new Map<string, Element[]>() };
  const position = new Map<Element, number>();
  const file = (map: Map<string, Element[]>, key: string, el: Element) => {
    const list = map.get(key);
    if (list) list.push(el);
    else map.set(key, [el]);
  };
  elementsIn(root, (el) => {
    if (el === root) return false;
    position.set(el, position.size);
    file(lists.tag, el.name, el);
    const { attribs } = el;
    for (const name in attribs) {
      file(lists.attr, name, el);
      if (name === 'id') file(lists.id, attribs.id!, el);
      else if (name === 'class') for (const token of attribs.class!.split(/[ \t\n\f\r]+/)) if (token) file(lists.class, token, el);
    }
    return false;
  });
  const candidates = (keys: NonNullable<Key>[]): Element[] => {
    if (keys.length === 1) return lists[keys[0]!.kind].get(keys[0]!.value) ?? [];
    const found = new Set<Element>();
    for (const key of keys) for (const el of lists[key.kind].get(key.value) ?? []) found.add(el);
    return [...found].sort((a, b) => position.get(a)! - position.get(b)!);
  };
  return {
    select(selector) {
      const { query, keys } = compileSelector(selector);
      // An element removed since the index was built is no longer under the root: it is left out.
      if (keys) return candidates(keys).filter((el) => query(el) && inside(el, root));
      return selectIn(root, selector);
    },
  };
}

function inside(el: Element, root: Element): boolean {
  for (let n: AnyNode | null = el.parent; n; n = n.parent) if (n === root) return true;
  return false;
}

/**
 * Why a CSS selector the user gave cannot be used (the selector engine's own words), or undefined when
 * it can: checked when options are read, since a selector that fails on every page would otherwise be
 * skipped silently, or fail a run halfway.
 */
export function selectorError(selector: string): string | undefined {
  if (!selector.trim()) return 'an empty selector';
  try {
    compileSelector(selector);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
