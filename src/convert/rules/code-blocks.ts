import { codeLanguage } from '../code-language.js';
import { codeText, isGutter } from '../code-text.js';
import { collapse, element, hasClass, isBlankText, isElement, replaceWith } from '../dom.js';
import { all, first, closest } from '../select.js';
import type { DomRule, MarkdownRule } from './types.js';
import { marked } from './types.js';

/**
 * Elements a highlighter wraps around one code block (figure, div, the cells of a line-number table,
 * and the `<code>` Rouge puts around its line-number table when no `<pre>` holds it: Chirpy).
 */
const WRAPPER_TAGS = new Set(['DIV', 'FIGURE', 'TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR', 'TD', 'TH', 'SPAN', 'SECTION', 'CODE']);
/** Parts of a code container that are chrome, not content: toolbars, copy buttons, language labels. */
const CHROME_CLASS = /copy|toolbar|tools|code-?header|lang(?:uage)?-?(?:label|name)|^lang$|codeBlockTitle|code-?title|filename|buttonGroup/i;
/** Chrome that names the code (a file name, a title); kept as a line above the block. */
const TITLE_CLASS = /codeBlockTitle|code-?title|filename|^title$/i;
const CHROME_TAGS = new Set(['BUTTON', 'FIGCAPTION', 'SCRIPT', 'STYLE', 'TEMPLATE', 'svg', 'SVG']);
/** Tables that render code one line per row without a `<pre>` (GitHub gists, highlight.js line numbers, Crayon). */
const LINE_TABLE_CELL = /^(?:blob-code|blob-code-inner|hljs-ln-code|code-line|crayon-code)$/i;

const NUMBERS_ONLY = /^[\s\d.:]*$/;

function isChrome(el: Element): boolean {
  return CHROME_TAGS.has(el.nodeName) || hasClass(el, CHROME_CLASS) || isGutter(el);
}

/** A `<pre>` that only holds the line numbers of a neighbouring code `<pre>`. */
function isGutterPre(pre: Element): boolean {
  if (!NUMBERS_ONLY.test(pre.textContent ?? '')) return false;
  for (let n: Node | null = pre, depth = 0; n && depth < 4; n = n.parentNode, depth++) {
    if (isElement(n) && isGutter(n)) return true;
  }
  return false;
}

/** Whether `parent` holds nothing but `box` and chrome, so it belongs to the same code block. */
function onlyWraps(parent: Element, box: Element): boolean {
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n === box) continue;
    if (isElement(n)) {
      if (!isChrome(n) && !isBlankText(n.textContent)) return false;
    } else if (!isBlankText(n.textContent)) return false;
  }
  return true;
}

const TABLE_PARTS = new Set(['TBODY', 'THEAD', 'TFOOT', 'TR', 'TD', 'TH']);

/** The outermost element around the code that holds nothing else; never a table part (it stays in its table). */
function container(code: Element, root: Element): Element {
  let box = code;
  let best = code;
  for (let parent = box.parentNode; parent && parent !== root && isElement(parent); parent = parent.parentNode) {
    if (!WRAPPER_TAGS.has(parent.nodeName) || !onlyWraps(parent, box)) break;
    box = parent;
    if (!TABLE_PARTS.has(box.nodeName)) best = box;
  }
  return best;
}

function chain(code: Element, box: Element): Element[] {
  const els: Element[] = [];
  const inner = code.nodeName === 'PRE' && code.firstElementChild?.nodeName === 'CODE' ? code.firstElementChild : undefined;
  if (inner) els.push(inner);
  for (let n: Node | null = code; n; n = n.parentNode) {
    if (!isElement(n)) break;
    els.push(n);
    if (n === box) break;
  }
  return els;
}

/**
 * A code block's caption (Hexo puts the file name in the code figure's `figcaption`). The code itself
 * is not searched: a highlighter wraps every token of it in a classed span.
 */
function caption(box: Element, code: Element): string {
  for (let el = box.firstElementChild; el; el = el.nextElementSibling) {
    if (el === code) continue;
    if (!el.contains(code) && (el.nodeName === 'FIGCAPTION' || hasClass(el, TITLE_CLASS))) return collapse(el.textContent ?? '');
    const inner = caption(el, code);
    if (inner) return inner;
  }
  return '';
}

/** A table of code lines without `<pre>`: a line-table cell class, or (SyntaxHighlighter) a gutter cell next to a `td.code`. */
function isCodeTable(table: Element): boolean {
  const cells = all(table, 'td');
  if (cells.some((td) => hasClass(td, LINE_TABLE_CELL))) return true;
  return cells.some((td) => hasClass(td, /^(?:rouge-)?code$/) && !!td.previousElementSibling && isGutter(td.previousElementSibling));
}

/**
 * A table that holds one code line per row, each line its own `<pre>` after a line-number cell (Hexo's
 * markdown-it renderer under Shoka numbers lines with CSS from `td[data-num]`, leaving the cell empty).
 * Each `<pre>` is a line of one block, not a block of its own.
 */
function isPreLineTable(table: Element): boolean {
  const rows = all(table, 'tr').filter((tr) => closest(tr, 'table') === table);
  return (
    rows.length > 0 &&
    rows.every((tr) => {
      const cells = Array.from(tr.children);
      const last = cells[cells.length - 1];
      // The number cells hold bare numbers or nothing: a gutter cell holding a `<pre>` sits beside a whole block.
      if (cells.length < 2 || !last || last.nodeName !== 'TD' || !cells.slice(0, -1).every((td) => isGutter(td) && td.children.length === 0)) return false;
      const pres = Array.from(last.children);
      return pres.length === 1 && pres[0]!.nodeName === 'PRE' && onlyWraps(last, pres[0]!);
    })
  );
}

/**
 * A `<pre>` holding one `<code>` and, beside it, a caption or label element (`<pre><span
 * class="caption">main.go</span><code>…</code></pre>`): the code is the `<code>`'s text, the other
 * element a title line. Undefined for a plain `<pre>`.
 */
function innerCodeAndLabel(pre: Element): { code: Element; label: string } | undefined {
  if (pre.nodeName !== 'PRE') return undefined;
  let code: Element | undefined;
  let label = '';
  for (let n = pre.firstChild; n; n = n.nextSibling) {
    if (isElement(n)) {
      if (n.nodeName === 'CODE') {
        if (code) return undefined;
        code = n;
      } else if (isGutter(n) || (n.nodeName !== 'FIGCAPTION' && CHROME_TAGS.has(n.nodeName))) continue;
      // A line wrapper holding code is the code's first line: `<pre><span class="code-line"><code>` has
      // its <code> closed with the line by the HTML parser, which reopens one for the remaining lines.
      else if (first(n, 'code')) return undefined;
      else if (!/\n/.test((n.textContent ?? '').trim())) label ||= collapse(n.textContent ?? '');
      else return undefined;
    } else if (!isBlankText(n.textContent)) return undefined;
  }
  return code && label ? { code, label } : undefined;
}

function normalise(code: Element, root: Element, language?: string): void {
  const box = container(code, root);
  const doc = root.ownerDocument;
  const labelled = innerCodeAndLabel(code);
  const lang = language ?? codeLanguage(labelled ? [labelled.code, ...chain(code, box)] : chain(code, box));
  const pre = element(doc, 'pre', { 'data-bv-md': 'code', 'data-lang': lang }, codeText(labelled?.code ?? code));
  const title = labelled?.label || (box === code ? '' : caption(box, code));
  if (title) replaceWith(box, element(doc, 'p', {}, title), pre);
  else replaceWith(box, pre);
}

/** Diagram sources left for mermaid.js to draw: a ```mermaid block renders on GitHub and GitLab. */
export const mermaidBlocks: DomRule = {
  name: 'mermaid-blocks',
  when: /mermaid/i,
  apply(root) {
    for (const el of all(root, '.mermaid')) {
      if (el.nodeName !== 'PRE' && !first(el, 'svg') && !isBlankText(el.textContent)) normalise(el, root, 'mermaid');
    }
  },
};

/**
 * Every code block becomes `<pre data-bv-md="code" data-lang="x">exact text</pre>`, replacing its whole
 * container: line-number gutters, toolbars and wrappers go, the language is read from any level.
 */
export const codeBlocks: DomRule = {
  name: 'code-blocks',
  when: /<pre|<table/i,
  apply(root) {
    // One walk for both: the highlighted code is most of the tree until its blocks are replaced.
    const blocks = all(root, 'pre, table');
    const lineTables = new Set(blocks.filter((el) => el.nodeName === 'TABLE' && isPreLineTable(el)));
    for (const pre of blocks) {
      if (pre.nodeName !== 'PRE' || !root.contains(pre) || (pre.parentElement && closest(pre.parentElement, 'pre')) || marked(pre as HTMLElement, 'code')) continue;
      if (isGutterPre(pre)) continue;
      const table = pre.parentElement && closest(pre.parentElement, 'table');
      if (table && lineTables.has(table)) continue;
      normalise(pre, root);
    }
    for (const table of blocks) {
      if (table.nodeName !== 'TABLE' || !root.contains(table)) continue;
      if (lineTables.has(table) || isCodeTable(table)) normalise(table, root);
    }
  },
};

function fenceFor(code: string): string {
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

export const fencedCodeBlock: MarkdownRule = {
  name: 'fenced-code-block',
  filter: 'pre',
  replacement(_content, node) {
    const code = marked(node, 'code') ? node.textContent ?? '' : codeText(node);
    const fence = fenceFor(code);
    return `\n\n${fence}${node.getAttribute('data-lang') ?? ''}\n${code}\n${fence}\n\n`;
  },
};

/** Inline code from its text (markup inside `<code>` is highlighting, not Markdown); docutils and old pages write `<tt>`. */
export const inlineCode: MarkdownRule = {
  name: 'inline-code',
  filter: (node) => node.nodeName === 'CODE' || node.nodeName === 'TT',
  replacement(_content, node) {
    const text = (node.textContent ?? '').replace(/\r?\n|\r/g, ' ');
    if (!text) return '';
    let fence = '`';
    const runs = new Set(text.match(/`+/g) ?? []);
    while (runs.has(fence)) fence += '`';
    const pad = /^`|`$/.test(text) || (/^ .*[^ ].* $/.test(text)) ? ' ' : '';
    return fence + pad + text + pad + fence;
  },
};
