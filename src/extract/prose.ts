/**
 * Running text: the words of a paragraph, list item or cell around an inline element. Clean-up rules
 * remove page chrome, and chrome is a block of its own; an inline element with prose around it (a link
 * "in [NumPy](https://numpy.org/)." or a `<span class="author">` in a sentence) is the article's text.
 */
import type { AnyNode, Element } from 'domhandler';
import { isElement } from '../html/walk.js';

/** Elements that start a block of text: the nearest one around an inline element holds its sentence. */
const BLOCKS = new Set([
  'p', 'li', 'dd', 'dt', 'td', 'th', 'blockquote', 'figcaption', 'caption', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'div', 'section', 'article', 'main', 'aside', 'header', 'footer', 'nav', 'ul', 'ol', 'dl', 'table', 'tbody', 'thead', 'tr',
  'figure', 'details', 'summary', 'pre', 'form', 'fieldset', 'body', 'html',
]);

/** Words of prose around an element: at least this many letters or digits outside it. */
const MIN_WORD_CHARS = 12;
/** CJK text has no spaces: a few characters are already a clause. */
const MIN_CJK_CHARS = 4;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export const isBlock = (el: Element): boolean => BLOCKS.has(el.name);

/**
 * True when `el` is inline and the line of text around it has words of its own: at least two words (or
 * a few CJK characters) in the nearest block around it, outside `el`, other links and the other blocks
 * that block holds (a paragraph beside a lone link is not the link's sentence).
 */
export function inRunningText(el: Element, stopAt?: AnyNode): boolean {
  if (isBlock(el)) return false;
  let block: AnyNode | null = el.parent;
  while (block && block !== stopAt && isElement(block) && !isBlock(block)) block = block.parent;
  if (!block) return false;
  let letters = 0;
  let cjk = 0;
  let words = 0;
  const stack: AnyNode[] = 'children' in block ? [...block.children].reverse() : [];
  while (stack.length) {
    const node = stack.pop()!;
    // Other links' words are not prose either: a line of tag links is a list of links.
    if (node === el || (isElement(node) && (isBlock(node) || node.name === 'a'))) continue;
    if (node.type === 'text') {
      let inWord = false;
      for (const ch of node.data) {
        if (!WORD_CHAR.test(ch)) {
          inWord = false;
          continue;
        }
        letters++;
        if (CJK_CHAR.test(ch)) cjk++;
        if (!inWord) words++;
        inWord = true;
      }
    } else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return cjk >= MIN_CJK_CHARS || (letters >= MIN_WORD_CHARS && words >= 2);
}

/** Elements whose text is not the author's prose: code, scripts, styles, math. */
const NOT_PROSE = new Set(['pre', 'code', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'kbd', 'samp', 'tt']);

/** The prose under `root` (code, scripts and math left out), up to `max` characters: what tells its language. */
export function proseOf(root: AnyNode, max = 4000): string {
  let text = '';
  const stack: AnyNode[] = [root];
  while (stack.length && text.length < max) {
    const node = stack.pop()!;
    if (node.type === 'text') text += `${node.data} `;
    else if (isElement(node) && NOT_PROSE.has(node.name)) continue;
    else if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return text;
}
