import { codeLanguage } from '../code-language.js';
import { codeText } from '../code-text.js';
import { element, replaceWith } from '../dom.js';
import { all, first, closest } from '../select.js';
import type { DomRule } from './types.js';

/** The gist's page: the file link (`…/gist.github.com/user/id#file-x`) without the fragment, else the raw link's gist. */
function gistUrl(file: Element): string | undefined {
  for (const a of all(file, '.gist-meta a[href]')) {
    const m = /^(https?:\/\/gist\.github\.com\/[^/#?]+\/[0-9a-f]+)/i.exec(a.getAttribute('href') ?? '');
    if (m) return m[1];
  }
  return undefined;
}

function fileName(file: Element): string {
  for (const a of all(file, '.gist-meta a[href]')) {
    const href = a.getAttribute('href') ?? '';
    if (/#file-/.test(href) && !/\/raw\//.test(href)) return (a.textContent ?? '').trim();
  }
  return '';
}

/**
 * A rendered GitHub gist embed (`div.gist` with one `div.gist-file` per file): a link to the gist
 * and each file as a fenced code block, without the line numbers and the "hosted with ❤" footer.
 */
export const gists: DomRule = {
  name: 'gists',
  when: /\bgist\b/i,
  apply(root) {
    for (const gist of all(root, 'div.gist')) {
      if (!root.contains(gist)) continue;
      const doc = gist.ownerDocument;
      const parts: Element[] = [];
      for (const file of all(gist, '.gist-file')) {
        const table = first(file, 'table');
        const source = table ?? first(file, '.gist-data');
        if (!source) continue;
        const url = gistUrl(file);
        const name = fileName(file);
        if (url) {
          const p = element(doc, 'p');
          p.appendChild(element(doc, 'a', { href: url }, name ? `Gist: ${name}` : 'Gist'));
          parts.push(p);
        }
        const wrapper = closest(source, '[class*="type-"]');
        const typeLang = /(?:^|\s)type-([\w+#-]+)/.exec(wrapper?.getAttribute('class') ?? '')?.[1];
        const lang = codeLanguage([source]) || (typeLang && typeLang !== 'text' ? typeLang.toLowerCase() : '');
        parts.push(element(doc, 'pre', { 'data-bv-md': 'code', 'data-lang': lang }, codeText(source)));
      }
      if (parts.length) replaceWith(gist, ...parts);
    }
  },
};
