import { collapse, element, remove } from '../dom.js';
import { all, closest } from '../select.js';
import type { DomRule } from './types.js';

/** The panels a tab list switches: those its tabs name by `aria-controls`, else the container's panels in order. */
function panelsOf(root: Element, list: Element, tabs: Element[]): Element[] | undefined {
  const byId = new Map(all(root, '[role="tabpanel"][id]').map((p) => [p.getAttribute('id'), p]));
  const named = tabs.map((t) => byId.get(t.getAttribute('aria-controls')));
  if (named.every((p): p is Element => p !== undefined)) return named;
  // The nearest container holding panels: Docusaurus, Starlight and most tab components number them in tab order.
  for (let box = list.parentElement; box; box = box.parentElement) {
    // A panel inside another panel belongs to a nested tab group.
    const panels = all(box, '[role="tabpanel"]').filter((p) => {
      const outer = p.parentElement && closest(p.parentElement, '[role="tabpanel"]');
      return !outer || !box.contains(outer);
    });
    if (panels.length) return panels.length === tabs.length ? panels : undefined;
  }
  return undefined;
}

/**
 * A tabbed block (ARIA `role="tablist"`) shows one panel at a time; the archive shows every panel, so each
 * gets its tab's label as a bold line above it and the row of tab buttons goes. A list whose tabs and
 * panels do not pair up is left as it is.
 */
export const tabs: DomRule = {
  name: 'tabs',
  when: /role=["']?tablist/i,
  apply(root) {
    const doc = root.ownerDocument;
    for (const list of all(root, '[role="tablist"]')) {
      const tabItems = all(list, '[role="tab"]');
      if (!tabItems.length) continue;
      const panels = panelsOf(root, list, tabItems);
      if (!panels) continue;
      panels.forEach((panel, i) => {
        const label = collapse(tabItems[i]!.textContent ?? '');
        if (!label) return;
        const p = element(doc, 'p');
        p.appendChild(element(doc, 'strong', {}, label));
        panel.parentNode?.insertBefore(p, panel);
      });
      remove(list);
    }
  },
};
