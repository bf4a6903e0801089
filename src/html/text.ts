/** Text of parsed nodes and of attribute values: collapsed, decoded, measured. */
import type { AnyNode, Element } from 'domhandler';
import { decodeHTML } from 'entities';
import { walk } from './walk.js';

/** Whitespace collapsed to single spaces, ends trimmed. */
export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Two lines saying the same words: width forms, case, spacing and closing punctuation aside ("My  Post:" is "my post"). */
export const sameWords = (a: string, b: string): boolean => wordsOnly(a) === wordsOnly(b);
export const wordsOnly = (s: string): string => s.normalize('NFKC').replace(/[\s\u00a0]+/g, ' ').replace(/[\s.:!?。：！？]+$/, '').trim().toLowerCase();

/**
 * The text of a subtree (or of the nodes of a Cheerio selection), whitespace collapsed. `spaced`: pieces
 * kept apart (`<p>Summary</p><span>May 4</span>` is not "SummaryMay 4").
 */
export function textOf(root: AnyNode | { toArray(): AnyNode[] }, spaced = false): string {
  const parts: string[] = [];
  for (const node of 'toArray' in root ? root.toArray() : [root]) {
    walk(node, (n) => {
      if (n.type === 'text') parts.push(n.data);
    });
  }
  return collapse(parts.join(spaced ? ' ' : ''));
}

/** Characters of `text` that are not whitespace (as `\s` in a RegExp), counted without building a new string. */
export function nonSpaceLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space =
      c === 32 || (c >= 9 && c <= 13) || (c > 127 && (c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff));
    if (!space) n++;
  }
  return n;
}

/**
 * Whether the text under `root` has more than `letters` characters that are not whitespace, read only
 * as far as needed: whole-text tests of long elements fail fast (their collapsed text is longer still).
 */
export function textExceeds(root: AnyNode, letters: number): boolean {
  let n = 0;
  walk(root, (node) => {
    if (node.type === 'text') n += nonSpaceLength(node.data);
    return n > letters;
  });
  return n > letters;
}

/** Class and id of an element as one lower-case string, for hint patterns. */
export function classAndId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.toLowerCase();
}

/**
 * A pattern matching any of `words` as a whole dash-, underscore- or space-separated part of a class or
 * id (`comments` in `static-comments`, in `post-comments main`). A word's own dash matches either
 * separator, once or doubled: themes write `post_meta` as often as `post-meta`, and BEM-named themes
 * join block and element with two (`article__info`, `post--meta`).
 */
export function wordPartPattern(words: readonly string[]): RegExp {
  const alternatives = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/-/g, '[-_]{1,2}')).join('|');
  return new RegExp(`(^|[\\s_-])(${alternatives})($|[\\s_-])`, 'i');
}

/** The class tokens and the id of an element, as written, for vocabularies that match whole tokens. */
export function classAndIdTokens(el: Element): string[] {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`.split(/\s+/).filter(Boolean);
}

/**
 * A string from JSON-LD or an attribute, with HTML entities decoded ("&#8217;", "&amp;") and whitespace
 * collapsed. A literal "<" stays text: titles such as "Escaping <HTML>" are not markup.
 */
export function decodeText(value: string | undefined | null): string | undefined {
  if (value == null) return undefined;
  const text = value.includes('&') ? decodeHTML(value) : value;
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed || undefined;
}
