import { compile, type Options } from 'css-select';
import { isElement } from './dom.js';

/**
 * CSS queries over the DOM the converter works on (domino's, turndown's own), each selector compiled
 * once per process by css-select. Domino parses and compiles a selector on every `querySelectorAll` and
 * answers a selector list by collecting each part by tag name, then sorting: 14% of the conversion time
 * on the 1,000-post bench went there.
 */

function childElements(parent: Node): Element[] {
  const out: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) if (isElement(n)) out.push(n);
  return out;
}

/** Elements of the subtrees of `nodes` passing `test`, in document order. */
function findAll(test: (el: Element) => boolean, nodes: Node[]): Element[] {
  const out: Element[] = [];
  const walk = (node: Node): void => {
    for (let n = node.firstChild; n; n = n.nextSibling) {
      if (!isElement(n)) continue;
      if (test(n)) out.push(n);
      walk(n);
    }
  };
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (test(node)) out.push(node);
    walk(node);
  }
  return out;
}

function findOne(test: (el: Element) => boolean, nodes: Node[]): Element | null {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (test(node)) return node;
    const found = findOne(test, childElements(node));
    if (found) return found;
  }
  return null;
}

const adapter: NonNullable<Options<Node, Element>['adapter']> = {
  isTag: isElement,
  existsOne: (test, nodes) => findAll(test, nodes).length > 0,
  getAttributeValue: (el, name) => el.getAttribute(name) ?? undefined,
  getChildren: (node) => Array.from(node.childNodes),
  getName: (el) => el.localName,
  getParent: (node) => node.parentNode,
  getSiblings: (node) => (node.parentNode ? Array.from(node.parentNode.childNodes) : [node]),
  getText: (node) => node.textContent ?? '',
  hasAttrib: (el, name) => el.hasAttribute(name),
  removeSubsets: (nodes) => nodes.filter((node, i) => nodes.indexOf(node) === i && !nodes.some((other) => other !== node && other.contains(node))),
  findAll,
  findOne,
};

type Query = (node: Node) => boolean;
const queries = new Map<string, Query>();

function compiled(selector: string): Query {
  let query = queries.get(selector);
  if (!query) {
    query = compile<Node, Element>(selector, { adapter, cacheResults: false, relativeSelector: false });
    queries.set(selector, query);
  }
  return query;
}

/**
 * The descendants of `root` matching `selector`, in document order, as a static array (the rules
 * mutate the tree). As `querySelectorAll`: the selector is matched against the whole tree, only its
 * subject must be inside `root`. Nothing is cached per element: the same query serves every post.
 */
export function all(root: Element, selector: string): Element[] {
  return findAll(compiled(selector), childElements(root));
}

/** The first descendant of `root` matching `selector` (`querySelector`, compiled once). */
export function first(root: Element, selector: string): Element | null {
  return findOne(compiled(selector), childElements(root));
}

/** `el` or its nearest ancestor element matching `selector` (`closest`, compiled once). */
export function closest(el: Element, selector: string): Element | null {
  const query = compiled(selector);
  for (let n: Node | null = el; isElement(n); n = n.parentNode) if (query(n)) return n;
  return null;
}
