import { load, type CheerioAPI } from 'cheerio/slim';
import { Document, type AnyNode, type Element, type ParentNode } from 'domhandler';
import { parse, parseFragment, serialize } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';

/**
 * HTML parsed as browsers parse it (parse5, the parser of Cheerio's main entry), wrapped for Cheerio.
 * Cheerio's main entry also loads its URL-fetching helpers (undici and more: a tenth of a second on
 * every thread that parses), which blogvault never uses; its slim entry wraps a tree parsed here.
 */
const options = { treeAdapter: adapter };

const memos = new Set<WeakMap<CheerioAPI, unknown>>();

/**
 * A table for what is worked out once per page (text statistics, meta tags), keyed by the `$` the page
 * is read with. withPage drops the page's entries when done with it: the next page is read with the same
 * `$`, and V8's young-generation collector treats the values of a long-lived WeakMap as alive whatever
 * their key, so they would hold the page's tree until the next full collection.
 */
export function pageMemo<V>(): WeakMap<CheerioAPI, V> {
  const memo = new WeakMap<CheerioAPI, V>();
  memos.add(memo);
  return memo;
}

/**
 * Loaded Cheerio roots, one per nesting depth of withDocument (a page's <noscript> fragment is read while
 * the page is), each given the nodes of the document being read.
 *
 * Cheerio's `load` defines a class per call whose closure holds the document, and V8's young-generation
 * collector keeps such a class alive until the next full collection. Loading every page made each tree
 * outlive its use (it was copied, then promoted to the old generation: scavenges of 10-15 ms instead of
 * 1-2), and gave every page's Cheerio objects a class of their own, which left the property lookups of
 * the extraction code megamorphic.
 */
const roots: { root: Document; $: CheerioAPI; byTag?: Map<string, Element[]> }[] = [];
let depth = 0;

/** Runs `read` on a parsed document, then lets go of its tree. Nodes `read` returns stay whole, detached. */
function withDocument<T>(doc: Document, read: ($: CheerioAPI) => T): T {
  let slot = roots[depth];
  if (!slot) {
    const root = new Document([]);
    slot = roots[depth] = { root, $: load(root) };
  }
  const { root, $ } = slot;
  root.children = doc.children;
  for (const child of root.children) child.parent = root;
  root['x-mode'] = doc['x-mode'];
  depth++;
  try {
    return read($);
  } finally {
    depth--;
    for (const child of root.children) child.parent = null;
    root.children = [];
    slot.byTag = undefined;
    for (const memo of memos) memo.delete($);
  }
}

/**
 * Elements that extraction never creates, moves out of order or copies: a whole-page query for one of
 * these tags can take the elements from an index built before any change to the page (one that was
 * removed since is recognised as detached).
 */
const INDEXED_TAGS = new Set(['html', 'head', 'body', 'title', 'base', 'meta', 'link', 'script', 'style']);

/**
 * The elements named `tag` of the page being read whose root is `root`, in document order, some possibly
 * detached since; undefined when `tag` is not indexed or `root` is not such a page. Metadata reads ten
 * kinds of head element, each a query over the whole page: one walk serves them all.
 */
export function indexedElements(root: AnyNode, tag: string): readonly Element[] | undefined {
  if (!INDEXED_TAGS.has(tag)) return undefined;
  const slot = roots.find((s, i) => i < depth && s.root === root);
  if (!slot) return undefined;
  slot.byTag ??= indexByTag(slot.root);
  return slot.byTag.get(tag) ?? [];
}

function indexByTag(root: Document): Map<string, Element[]> {
  const byTag = new Map<string, Element[]>();
  const visit = (node: ParentNode): void => {
    for (const child of node.children) {
      if (child.type !== 'tag' && child.type !== 'script' && child.type !== 'style') continue;
      if (INDEXED_TAGS.has(child.name)) {
        const list = byTag.get(child.name);
        if (list) list.push(child);
        else byTag.set(child.name, [child]);
      }
      visit(child);
    }
  };
  visit(root);
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
