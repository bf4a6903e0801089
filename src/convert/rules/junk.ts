import { isTabPanel } from '../../html/tab-panel.js';
import { remove } from '../dom.js';
import { all } from '../select.js';
import type { DomRule } from './types.js';

/**
 * Markup with no Markdown meaning: scripts and styles, icons, form controls (checkboxes are task
 * markers), and the head elements of a whole document passed in by mistake.
 */
const JUNK_TAGS = ['script', 'style', 'template', 'svg', 'button', 'select', 'canvas', 'link', 'meta', 'input', 'title', 'base'];

export const junk: DomRule = {
  name: 'junk',
  when: /<(?:script|style|template|svg|button|select|canvas|link|meta|input|title|base)\b|\shidden[\s=>]/i,
  apply(root) {
    for (const tag of JUNK_TAGS) {
      for (const el of Array.from(root.getElementsByTagName(tag))) {
        if (tag !== 'input' || (el.getAttribute('type') ?? '').toLowerCase() !== 'checkbox') remove(el);
      }
    }
    for (const el of all(root, '[hidden]')) if (!isTabPanel(el.getAttribute('role'), el.getAttribute('class'))) remove(el);
  },
};
