import { element, hasClass, isElement, replaceWith, TEXT_NODE } from '../dom.js';
import { all, first } from '../select.js';
import type { DomRule, MarkdownRule } from './types.js';
import { marked } from './types.js';

/** Rendered-math siblings MathJax 2 leaves next to its `<script type="math/tex">` source. */
const MATHJAX_RENDERING = /^(?:MathJax_Preview|MathJax|MathJax_Display|MathJax_SVG|MathJax_SVG_Display|MathJax_CHTML|MathJax_MathML|mjx-chtml)$/;

/** The TeX sits in an attribute, where turndown's whitespace collapsing cannot reach its line breaks. */
function mathNode(doc: Document, tex: string, display: boolean): Element {
  const source = tex.trim();
  return element(doc, display ? 'div' : 'span', { 'data-bv-md': 'math', 'data-tex': source, 'data-display': String(display) }, source || ' ');
}

/** TeX of a MathML `<math>`: its TeX annotation or `alttext`; else its text, the best left. */
function texOfMathml(math: Element): string {
  const annotation = all(math, 'annotation').find((a) => /tex/i.test(a.getAttribute('encoding') ?? ''));
  return (annotation?.textContent ?? math.getAttribute('alttext') ?? math.textContent ?? '').trim();
}

/** `\(x\)`, `\[x\]`, `$x$`, `$$x$$` delimiters around TeX written out by pandoc or Arithmatex. */
function stripDelimiters(tex: string): string {
  const t = tex.trim();
  const m = /^(?:\\\(([\s\S]*)\\\)|\\\[([\s\S]*)\\\]|\$\$([\s\S]*)\$\$|\$([\s\S]*)\$)$/.exec(t);
  return m ? (m[1] ?? m[2] ?? m[3] ?? m[4]).trim() : t;
}

/**
 * Typeset math goes back to its TeX source: KaTeX (`annotation encoding="application/x-tex"`),
 * MathJax 2 (`script type="math/tex"`), MathJax 3 (`mjx-container` with its assistive MathML),
 * MathML, pandoc/Arithmatex `.math.inline`/`.math.display`, and WordPress LaTeX images.
 */
export const math: DomRule = {
  name: 'math',
  when: /katex|<math|math\/tex|mjx-|class="[^"]*\b(?:math|arithmatex|latex)\b|latex\.php|codecogs/i,
  apply(root) {
    const doc = root.ownerDocument;
    for (const el of all(root, '.katex-display, .katex')) {
      if (!root.contains(el)) continue;
      const katex = hasClass(el, /^katex$/) ? el : first(el, '.katex');
      const math = (katex && first(katex, 'math'));
      if (math) replaceWith(el, mathNode(doc, texOfMathml(math), hasClass(el, /^katex-display$/)));
    }
    for (const script of all(root, 'script[type^="math/tex"]')) {
      for (let prev = script.previousElementSibling; prev && hasClass(prev, MATHJAX_RENDERING); prev = script.previousElementSibling) prev.parentNode?.removeChild(prev);
      replaceWith(script, mathNode(doc, script.textContent ?? '', /mode\s*=\s*display/i.test(script.getAttribute('type') ?? '')));
    }
    for (const el of all(root, 'mjx-container')) {
      if (!root.contains(el)) continue;
      const math = first(el, 'math');
      const tex = el.getAttribute('data-tex') ?? (math ? texOfMathml(math) : '');
      if (tex) replaceWith(el, mathNode(doc, tex, el.getAttribute('display') === 'true' || el.getAttribute('display') === 'block'));
    }
    for (const el of all(root, 'math')) {
      if (root.contains(el)) replaceWith(el, mathNode(doc, texOfMathml(el), el.getAttribute('display') === 'block'));
    }
    for (const el of all(root, '.math, .arithmatex')) {
      if (!root.contains(el) || el.getAttribute('data-bv-md') === 'math') continue;
      const inner = first(el, '[data-bv-md="math"]');
      const display = hasClass(el, /^display$/) || el.nodeName === 'DIV' || /^\s*(?:\\\[|\$\$)/.test(el.textContent ?? '');
      if (inner) replaceWith(el, mathNode(doc, inner.getAttribute('data-tex') ?? '', display));
      else replaceWith(el, mathNode(doc, stripDelimiters(el.textContent ?? ''), display));
    }
    for (const img of all(root, 'img.latex, img[src*="latex.php"], img[src*="codecogs.com"]')) {
      const alt = img.getAttribute('alt');
      if (alt) replaceWith(img, mathNode(doc, alt, false));
    }
  },
};

export const mathMarkdown: MarkdownRule = {
  name: 'math',
  filter: (node) => marked(node, 'math'),
  replacement(_content, node) {
    const tex = node.getAttribute('data-tex') ?? '';
    if (!tex) return '';
    return node.getAttribute('data-display') === 'true' ? `\n\n$$\n${tex}\n$$\n\n` : `$${tex}$`;
  },
};

/** MathJax's default delimiters left in the text for client-side typesetting: `\(…\)`, `\[…\]`, `$$…$$`. */
const DELIMITED = /\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]|\$\$([\s\S]+?)\$\$/g;
const NOT_PROSE = new Set(['PRE', 'CODE', 'SCRIPT', 'STYLE', 'TEXTAREA', 'KBD', 'SAMP']);

function textNodes(node: Node, out: Text[]): Text[] {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === TEXT_NODE) out.push(c as Text);
    else if (isElement(c) && !NOT_PROSE.has(c.nodeName) && c.getAttribute('data-bv-md') !== 'math') textNodes(c, out);
  }
  return out;
}

/**
 * TeX still between delimiters in the text (a page typeset in the browser, served untypeset) becomes
 * `$…$` / `$$…$$` like typeset math, so its `_` and `\` are not escaped as Markdown.
 */
export const delimitedMath: DomRule = {
  name: 'delimited-math',
  when: /\\\(|\\\[|\$\$/,
  apply(root) {
    const doc = root.ownerDocument;
    for (const text of textNodes(root, [])) {
      const data = text.data;
      DELIMITED.lastIndex = 0;
      if (!DELIMITED.test(data)) continue;
      DELIMITED.lastIndex = 0;
      const parts: Node[] = [];
      let last = 0;
      for (const m of data.matchAll(DELIMITED)) {
        if (m.index > last) parts.push(doc.createTextNode(data.slice(last, m.index)));
        parts.push(mathNode(doc, m[1] ?? m[2] ?? m[3], m[1] === undefined));
        last = m.index + m[0].length;
      }
      if (last < data.length) parts.push(doc.createTextNode(data.slice(last)));
      replaceWith(text, ...parts);
    }
  },
};
