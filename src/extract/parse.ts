import { load, type CheerioAPI } from 'cheerio/slim';
import type { ParentNode } from 'domhandler';
import { parse, parseFragment, serialize } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';

/**
 * HTML parsed as browsers parse it (parse5, the parser of Cheerio's main entry), wrapped for Cheerio.
 * Cheerio's main entry also loads its URL-fetching helpers (undici and more: a tenth of a second on
 * every thread that parses), which blogvault never uses; its slim entry wraps a tree parsed here.
 */
const options = { treeAdapter: adapter };

/** A whole page: html, head and body as a browser builds them. */
export function loadPage(html: string): CheerioAPI {
  return load(parse(html, options));
}

/** A piece of markup (an attribute's HTML, a <noscript>'s text) parsed as the body of a template. */
export function loadFragment(html: string): CheerioAPI {
  return load(parseFragment(html, options));
}

/** The markup of an element's children, serialised as the HTML standard says. */
export function innerHtml(node: ParentNode): string {
  return serialize(node, options);
}
