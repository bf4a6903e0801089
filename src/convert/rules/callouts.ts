import { classList, collapse, element, hasClass, remove } from '../dom.js';
import { all, closest } from '../select.js';
import type { DomRule } from './types.js';

/**
 * Admonition markups: Python-Markdown/MkDocs/Sphinx `.admonition`, Docusaurus `.theme-admonition`,
 * GitHub `.markdown-alert`, VuePress/VitePress `.custom-block`, Hexo NexT/Butterfly/Fluid `.note`,
 * Hugo themes `.notice(s)`/`.callout`/`.hint`, Bootstrap `.alert-*`, Chirpy `.prompt-*`, Ghost `.kg-callout-card`.
 */
const CALLOUT_CLASS = /^(?:admonition|callout|kg-callout-card|theme-admonition|markdown-alert|custom-block|notices?|note|tip|hint|warning|caution|danger|important|alert|book-hint|prompt-(?:tip|info|warning|danger))$/i;
const KINDS = ['note', 'tip', 'info', 'warning', 'danger', 'caution', 'important', 'success', 'error', 'abstract', 'summary', 'example', 'question', 'quote', 'bug', 'failure', 'todo', 'hint', 'attention', 'seealso', 'primary', 'default'];
const KIND_CLASS = new RegExp(`^(?:(?:admonition|theme-admonition|markdown-alert|alert|note|prompt|notice|callout|is)-)?(${KINDS.join('|')})$`, 'i');
const TITLE_CLASS = /(?:admonition|callout|alert|custom-block|markdown-alert|notice)-?(?:title|heading)|admonitionHeading|^title$|kg-callout-emoji/i;

/** The most specific type among the classes: NexT's `note info` is an info box, `admonition warning` a warning. */
function kindOf(el: Element): string {
  let kind = 'note';
  for (const c of classList(el)) {
    const m = KIND_CLASS.exec(c);
    if (m && m[1].toLowerCase() !== 'default' && m[1].toLowerCase() !== 'primary') kind = m[1].toLowerCase();
  }
  return kind;
}

function capitalise(s: string): string {
  return s === s.toLowerCase() || s === s.toUpperCase() ? s.charAt(0).toUpperCase() + s.slice(1).toLowerCase() : s;
}

/**
 * A callout becomes a blockquote that starts with its title in bold (`> **Warning**`), which reads
 * well as plain text and renders everywhere; the type names the title when the markup has none.
 */
export const callouts: DomRule = {
  name: 'callouts',
  when: /class\s*=\s*["']?[^"'>]*\b(?:admonition|callout|markdown-alert|custom-block|notices?|note|tip|hint|warning|caution|danger|important|alert|book-hint|prompt-)/i,
  apply(root) {
    const doc = root.ownerDocument;
    for (const box of all(root, 'div, aside, section, blockquote')) {
      if (!root.contains(box) || !hasClass(box, CALLOUT_CLASS) || closest(box, 'pre, table')) continue;
      const titleEl = Array.from(box.children).find((c) => hasClass(c, TITLE_CLASS));
      const title = titleEl ? collapse(titleEl.textContent ?? '') : '';
      if (titleEl) remove(titleEl);
      const quote = element(doc, 'blockquote');
      const head = element(doc, 'p');
      head.appendChild(element(doc, 'strong', {}, capitalise(title || kindOf(box))));
      quote.appendChild(head);
      while (box.firstChild) quote.appendChild(box.firstChild);
      box.parentNode?.replaceChild(quote, box);
    }
  },
};
