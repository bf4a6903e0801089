import { load, type CheerioAPI } from 'cheerio/slim';
import { Document, type AnyNode, type Element, type ParentNode } from 'domhandler';
import { parse, parseFragment, serialize, serializeOuter } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import { pool } from '../cache.js';

/**
 * HTML parsed as browsers parse it (parse5, the parser of Cheerio's main entry), into the domhandler
 * tree Cheerio works on: one tree per page, which extraction reads and cleans and conversion turns into
 * Markdown (dom-view.ts). Cheerio's main entry also loads its URL-fetching helpers (undici and more: a
 * tenth of a second on every thread that parses), which blogvault never uses; its slim entry wraps a
 * tree parsed here.
 */
const options = { treeAdapter: adapter };

/** A fact worked out once per page (text statistics, meta tags, furniture), named by an immutable key. */
export interface PageFact<V> {
  readonly name: string;
  /** Phantom: the value's type. */
  readonly value?: V;
}

export const pageFact = <V>(name: string): PageFact<V> => ({ name });

/**
 * A Cheerio root reused from page to page (the process cache's pool "cheerio roots"), with the facts
 * worked out about the page it holds now. Cheerio's `load` defines a class per call whose closure holds
 * the document, and V8's young-generation collector keeps such a class alive until the next full
 * collection: loading every page made each tree outlive its use (scavenges of 10-15 ms instead of 1-2)
 * and left the property lookups of the extraction code megamorphic. A page read while another is (a
 * <noscript> fragment) takes the next free root.
 */
interface Slot {
  root: Document;
  $: CheerioAPI;
  busy: boolean;
  facts: Map<PageFact<unknown>, unknown>;
}

const slots = pool<Slot>('cheerio roots');

/** Runs `read` on a parsed document, then lets go of its tree. Nodes `read` returns stay whole, detached. */
function withDocument<T>(doc: Document, read: ($: CheerioAPI) => T): T {
  let slot = slots.find((s) => !s.busy);
  if (!slot) {
    const root = new Document([]);
    slot = { root, $: load(root), busy: false, facts: new Map() };
    slots.push(slot);
  }
  const { root, $ } = slot;
  root.children = doc.children;
  for (const child of root.children) child.parent = root;
  root['x-mode'] = doc['x-mode'];
  slot.busy = true;
  try {
    return read($);
  } finally {
    for (const child of root.children) child.parent = null;
    root.children = [];
    slot.facts.clear();
    slot.busy = false;
  }
}

/** The value of `fact` for the page `$` reads, worked out by `compute` on first use. */
export function factOf<V>($: CheerioAPI, fact: PageFact<V>, compute: () => V): V {
  const slot = slots.find((s) => s.$ === $ && s.busy);
  if (!slot) return compute();
  if (slot.facts.has(fact)) return slot.facts.get(fact) as V;
  const value = compute();
  slot.facts.set(fact, value);
  return value;
}

/** Whether `fact` is known for the page `$` reads (without working it out). */
export function hasFact($: CheerioAPI, fact: PageFact<unknown>): boolean {
  return slots.some((s) => s.$ === $ && s.busy && s.facts.has(fact));
}

/** Sets `fact` for the page `$` reads. */
export function setFact<V>($: CheerioAPI, fact: PageFact<V>, value: V): void {
  slots.find((s) => s.$ === $ && s.busy)?.facts.set(fact, value);
}

/**
 * Elements that extraction never creates, moves out of order or copies: a whole-page query for one of
 * these tags can take the elements from an index built before any change to the page (one that was
 * removed since is recognised as detached).
 */
const INDEXED_TAGS = new Set(['html', 'head', 'body', 'title', 'base', 'meta', 'link', 'script', 'style']);
const BY_TAG = pageFact<Map<string, Element[]>>('elements by head tag');

/**
 * The elements named `tag` of the page being read whose root is `root`, in document order, some possibly
 * detached since; undefined when `tag` is not indexed or `root` is not such a page. Metadata reads ten
 * kinds of head element, each a query over the whole page: one walk serves them all.
 */
export function indexedElements(root: AnyNode, tag: string): readonly Element[] | undefined {
  if (!INDEXED_TAGS.has(tag)) return undefined;
  const slot = slots.find((s) => s.busy && s.root === root);
  if (!slot) return undefined;
  let byTag = slot.facts.get(BY_TAG) as Map<string, Element[]> | undefined;
  if (!byTag) {
    byTag = indexByTag(slot.root);
    slot.facts.set(BY_TAG, byTag);
  }
  return byTag.get(tag) ?? [];
}

function indexByTag(root: Document): Map<string, Element[]> {
  const byTag = new Map<string, Element[]>();
  const stack: ParentNode[] = [root];
  // Depth first, children pushed in reverse: document order.
  const ordered: Element[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]!;
      if (child.type === 'tag' || child.type === 'script' || child.type === 'style') stack.push(child);
    }
    if (node !== root) ordered.push(node as Element);
  }
  for (const el of ordered) {
    if (!INDEXED_TAGS.has(el.name)) continue;
    const list = byTag.get(el.name);
    if (list) list.push(el);
    else byTag.set(el.name, [el]);
  }
  return byTag;
}

/** `read` on a whole page: html, head and body as a browser builds them. `$` serves only until `read` returns. */
export function withPage<T>(html: string, read: ($: CheerioAPI) => T): T {
  return withDocument(parse(html, options), read);
}

/** `read` on a piece of markup (an attribute's HTML, a <noscript>'s text) parsed as the body of a template. */
export function withFragment<T>(html: string, read: ($: CheerioAPI) => T): T {
  return withDocument(parseFragment(html, options), read);
}

/** The markup of an element's children, serialised as the HTML standard says. */
export function innerHtml(node: ParentNode): string {
  return serialize(node, options);
}

/** The markup of a node itself, serialised as the HTML standard says. */
export function outerHtml(node: AnyNode): string {
  return serializeOuter(node as never, options);
}
