import { load, type CheerioAPI } from 'cheerio/slim';
import type { Document, ParentNode } from 'domhandler';
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
 * A table for what is worked out once per page (text statistics, meta tags), keyed by the page's `$`.
 * withPage drops a page's entries when done with it: V8's young-generation collector treats the values
 * of a long-lived WeakMap as alive whatever their key, so they would hold the page's tree until the next
 * full collection.
 */
export function pageMemo<V>(): WeakMap<CheerioAPI, V> {
  const memo = new WeakMap<CheerioAPI, V>();
  memos.add(memo);
  return memo;
}

/**
 * Runs `read` on a parsed document, then lets go of the document's tree.
 *
 * Cheerio's `load` defines a class per document whose closure holds the document, and V8's young-
 * generation collector keeps such a class alive until the next full collection. Every page read
 * therefore outlived its use: its whole tree was copied, then promoted to the old generation, which
 * made scavenges take 10-15 ms instead of 1-2. Emptying the document once read leaves the class holding
 * an empty root. Nodes `read` returns stay whole (detached from that root).
 */
function withDocument<T>(doc: Document, read: ($: CheerioAPI) => T): T {
  const $ = load(doc);
  try {
    return read($);
  } finally {
    doc.children = [];
    for (const memo of memos) memo.delete($);
  }
}

/** `read` on a whole page: html, head and body as a browser builds them. */
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
