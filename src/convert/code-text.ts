import { hasClass, isElement, TEXT_NODE } from './dom.js';

/** Line-number columns and spans of Hexo, Hugo/Chroma, Rouge, Pygments, highlight.js-line-numbers, Prism, gists, Crayon. */
const GUTTER_CLASS = /^(?:gutter|rouge-gutter|linenos?|lineno|linenodiv|lnt|ln|lnlinks|line-numbers-rows|line-number|line-numbers-wrapper|hljs-ln-numbers|hljs-ln-n|blob-num|crayon-nums|code-line-number|gl)$/i;
/** Controls that sit inside code containers (copy buttons, language labels) and are not code. */
const SKIP_TAGS = new Set(['BUTTON', 'SCRIPT', 'STYLE', 'TEMPLATE', 'SVG', 'svg', 'TEXTAREA', 'NOSCRIPT']);
/** Elements some highlighters use for one line each, with no newline character between them. */
const LINE_BLOCKS = new Set(['DIV', 'P', 'LI', 'TR']);

const TABLE_STRUCTURE = new Set(['TABLE', 'TBODY', 'THEAD', 'TFOOT', 'TR']);
const NUMBERS_ONLY = /^[\s\d.:]*$/;

/** Hugo with inline styles (its default) marks line numbers only as unselectable. */
const UNSELECTABLE = /(?:^|;)\s*(?:-webkit-)?user-select\s*:\s*none/i;

export function isGutter(el: Element): boolean {
  // A class says "line number" on spans that hold the code itself too (rehype-prism-plus draws its numbers with CSS): only numbers make a gutter.
  if (hasClass(el, GUTTER_CLASS)) return NUMBERS_ONLY.test(el.textContent ?? '');
  if (UNSELECTABLE.test(el.getAttribute('style') ?? '') && NUMBERS_ONLY.test(el.textContent ?? '')) return true;
  if (el.nodeName !== 'TD' && el.nodeName !== 'TH') return false;
  // A non-last cell holding only numbers, in a row that also holds code.
  return !!el.nextElementSibling && NUMBERS_ONLY.test(el.textContent ?? '');
}

/** SyntaxHighlighter writes indentation as `<code class="spaces">&nbsp;&nbsp;</code>`. */
const NBSP_INDENT_CLASS = /^spaces$/;

/**
 * The exact text of a code block: `<br>` is a newline (Hexo joins its `span.line`s with it), line
 * numbers are left out, one-line-per-element markups (table rows, `div.line`) get their newlines.
 * Non-breaking spaces are the author's (pasted `tree` output, code copied from a web page) and stay,
 * unless a highlighter wrote them for indentation (SyntaxHighlighter's `.spaces`) or the block has no
 * plain space at all (every space was made non-breaking). Leading and trailing blank lines are
 * dropped, indentation kept.
 */
export function codeText(root: Element): string {
  let out = '';
  const walk = (parent: Node, indent = false): void => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === TEXT_NODE) {
        const data = (node as Text).data;
        const text = indent ? data.replace(/\u00a0/g, ' ') : data;
        // Indentation of table markup (between rows and cells) is not code.
        if (TABLE_STRUCTURE.has(parent.nodeName)) continue;
        const prev = node.previousSibling;
        // The newline between two line elements is markup layout, not an extra blank line.
        if (isElement(prev) && LINE_BLOCKS.has(prev.nodeName) && /^[ \t]*\n\s*$/.test(text)) continue;
        out += text;
        continue;
      }
      if (!isElement(node)) continue;
      const name = node.nodeName;
      if (name === 'BR') {
        out += '\n';
        continue;
      }
      if (SKIP_TAGS.has(name) || isGutter(node)) continue;
      const nbspIndent = indent || hasClass(node, NBSP_INDENT_CLASS);
      if (!LINE_BLOCKS.has(name)) {
        walk(node, nbspIndent);
        continue;
      }
      if (out && !out.endsWith('\n')) out += '\n';
      const start = out.length;
      walk(node, nbspIndent);
      if (out.length === start || !out.endsWith('\n')) out += '\n';
    }
  };
  walk(root);
  return tidyCode(out);
}

export function tidyCode(text: string): string {
  const allNonBreaking = text.includes('\u00a0') && !/[ \t]/.test(text);
  return (allNonBreaking ? text.replace(/\u00a0/g, ' ') : text)
    .replace(/\r\n?/g, '\n')
    .replace(/^(?:[ \t]*\n)+/, '')
    .replace(/(?:\n[ \t]*)+$/, '')
    .replace(/^[ \t]+$/, '');
}
