import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { EngineRule } from './engines/index.js';

/**
 * The named clean-up rules, applied in order to the chosen article element. Each removes (or unwraps)
 * one kind of thing that is not the article body. Rules find elements by selector, by class/id words,
 * or by a test; `maxShare` keeps a rule from deleting an element that holds most of the article's text.
 */
export interface CleanContext {
  $: CheerioAPI;
  root: Cheerio<Element>;
  /** The page's URL (or its `<base href>`): links are judged against the blog's own origin. */
  base: string;
  engine?: EngineRule;
  /** Text length of the root before cleaning, for `maxShare`. */
  rootText: number;
  /** Elements under the root matching a selector (through the article's index: html/select.ts `indexSubtree`). */
  select(selector: string): Element[];
  /** Elements under the root with their class/id tokens, collected once for the word-based rules; none inside `protectedSet`. */
  hinted: [Element, string[]][];
  /** Code and math elements: nothing inside them is touched by word-based rules. */
  protectedSet: ReadonlySet<AnyNode>;
  /** The post's title, when known: a line repeating it is the author's, whatever it looks like. */
  title?: string;
}

export interface CleanRule {
  name: string;
  /** Elements to act on. */
  selectors?: string[];
  /** Words that, as a whole dash/underscore-separated part of a class or id, mark an element. */
  words?: string[];
  /** Extra test for elements found by `selectors` or `words`, or the only test when `scan` is set. */
  test?: (el: Element, ctx: CleanContext) => boolean;
  /** Elements to run `test` on when the rule has no selectors or words: a selector, or `children` (the article's own). */
  scan?: string;
  /**
   * What to do with a match (default remove; remove-block also removes wrappers holding only it;
   * remove-line removes the short line of text, the paragraph or item, it sits in).
   */
  action?: 'remove' | 'unwrap' | 'remove-block' | 'remove-line';
  /** Skip matches holding more than this share of the article's text. */
  maxShare?: number;
  /** An element this accepts goes whatever its share of the text (a column of chrome beside a very short post). */
  beyondShare?: (el: Element, ctx: CleanContext) => boolean;
  /** Rules that need the whole context (engine data). */
  selectorsFrom?: (ctx: CleanContext) => string[];
  /** Precondition on the whole article: skip the rule's scan when it cannot match. */
  when?: (ctx: CleanContext) => boolean;
  /** Rules about nodes that are not elements (comments). */
  apply?: (ctx: CleanContext) => void;
  /**
   * Whether the rule may remove an inline element that sits in running text (see prose.ts). Only rules
   * about what is never text (scripts, hidden and control elements, glyph-only anchors) may; chrome
   * found by words or links in a sentence is the author's text.
   */
  touchesProse?: true;
}
