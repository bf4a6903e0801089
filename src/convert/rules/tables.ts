import { element, isBlankText, isElement, remove, replaceWith, unwrap } from '../dom.js';
import { all, first, closest } from '../select.js';
import type { DomRule, MarkdownRule } from './types.js';

const CELL_BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'DL', 'DT', 'DD', 'FIGURE', 'FIGCAPTION', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ADDRESS', 'CENTER', 'DETAILS', 'SUMMARY']);

const BLOCK_IN_CELL = 'p, div, ul, ol, h1, h2, h3, h4, h5, h6, blockquote, pre, figure, img';

/**
 * Tables used for page layout rather than data: a table inside, a single cell, `role="presentation"`;
 * or, without header cells: headings in cells, a single column (Blogger's image-and-caption table),
 * a single row of block content (picture beside text).
 */
function isLayoutTable(table: Element): boolean {
  const role = (table.getAttribute('role') ?? '').toLowerCase();
  if (role === 'presentation' || role === 'none') return true;
  if (first(table, 'table')) return true;
  const cells = all(table, 'td, th');
  if (cells.length <= 1) return true;
  if (first(table, 'th')) return false;
  if (first(table, 'h1, h2, h3, h4, h5, h6')) return true;
  const rows = all(table, 'tr');
  if (rows.every((tr) => tr.children.length <= 1)) return true;
  return rows.length === 1 && cells.some((c) => !!first(c, BLOCK_IN_CELL));
}

/** A layout table becomes a sequence of blocks, one per cell, so none of its content is lost. */
function unwrapLayout(table: Element): void {
  const doc = table.ownerDocument;
  const blocks: Element[] = [];
  for (const cell of all(table, 'td, th')) {
    if (closest(cell, 'table') !== table) continue;
    const div = element(doc, 'div');
    while (cell.firstChild) div.appendChild(cell.firstChild);
    blocks.push(div);
  }
  const caption = first(table, 'caption');
  if (caption) blocks.unshift(element(doc, 'p', {}, caption.textContent ?? ''));
  replaceWith(table, ...blocks);
}

function appendBreakIfMore(el: Node): void {
  let next = el.nextSibling;
  while (next && !isElement(next) && isBlankText(next.textContent)) next = next.nextSibling;
  if (next && el.parentNode) el.parentNode.insertBefore(el.ownerDocument!.createElement('br'), next);
}

/**
 * GFM table cells hold one line: blocks in a cell are joined with `<br>`, list items become `• item`
 * lines, a code block becomes one inline code span per line.
 */
function flattenCell(el: Element): void {
  const doc = el.ownerDocument;
  for (const child of Array.from(el.children)) {
    const name = child.nodeName;
    if (name === 'UL' || name === 'OL') {
      const items = Array.from(child.children).filter((c) => c.nodeName === 'LI');
      const parts: Node[] = [];
      items.forEach((li, i) => {
        flattenCell(li);
        if (i > 0) parts.push(doc.createElement('br'));
        parts.push(doc.createTextNode(name === 'OL' ? `${i + 1}. ` : '• '));
        parts.push(...Array.from(li.childNodes));
      });
      replaceWith(child, ...parts);
      if (parts.length) appendBreakIfMore(parts[parts.length - 1]);
    } else if (name === 'PRE') {
      const lines = (child.textContent ?? '').split('\n');
      const parts: Node[] = [];
      lines.forEach((line, i) => {
        if (i > 0) parts.push(doc.createElement('br'));
        if (line) parts.push(element(doc, 'code', {}, line));
      });
      replaceWith(child, ...parts);
      if (parts.length) appendBreakIfMore(parts[parts.length - 1]);
    } else if (name === 'HR') {
      remove(child);
    } else if (CELL_BLOCKS.has(name)) {
      flattenCell(child);
      appendBreakIfMore(child);
      unwrap(child);
    } else {
      flattenCell(child);
    }
  }
}

const spanOf = (cell: Element, name: string): number => Math.min(Math.max(Number.parseInt(cell.getAttribute(name) ?? '1', 10) || 1, 1), 100);

/**
 * A GFM row has no row span: the rows a `rowspan` cell covers get an empty cell in its column, so their
 * own cells stay in their columns instead of shifting left under the wrong header.
 */
function padRowSpans(table: Element): void {
  const doc = table.ownerDocument;
  // Column -> rows still covered by a cell above.
  const covered = new Map<number, number>();
  for (const row of all(table, 'tr')) {
    if (closest(row, 'table') !== table) continue;
    let col = 0;
    const fill = (before: Node | null) => {
      for (let left = covered.get(col) ?? 0; left > 0; left = covered.get(col) ?? 0) {
        covered.set(col++, left - 1);
        row.insertBefore(element(doc, 'td'), before);
      }
    };
    for (const cell of Array.from(row.children).filter((c) => c.nodeName === 'TD' || c.nodeName === 'TH')) {
      fill(cell);
      const wide = spanOf(cell, 'colspan');
      const tall = spanOf(cell, 'rowspan');
      for (let k = 0; k < wide; k++) covered.set(col + k, tall - 1);
      col += wide;
    }
    fill(null);
    // A short row still uses up its share of the spans past its last cell.
    for (const [at, left] of covered) if (at >= col && left > 0) covered.set(at, left - 1);
  }
}

export const tableLayout: DomRule = {
  name: 'table-layout',
  when: /<table/i,
  apply(root) {
    // Innermost first: a data table nested in a layout table survives the layout table's unwrapping.
    for (const table of all(root, 'table').reverse()) {
      if (!root.contains(table)) continue;
      if (isLayoutTable(table)) unwrapLayout(table);
      else {
        if (first(table, '[rowspan]')) padRowSpans(table);
        for (const cell of all(table, 'td, th')) flattenCell(cell);
      }
    }
  },
};

/**
 * A GFM table has one header row: a `<thead>` of several rows (a grouped header) keeps its first as the
 * header and its others become the first body rows, where the plugin would print a delimiter row
 * after each of them, the second one breaking the table.
 */
export const headerRows: DomRule = {
  name: 'header-rows',
  when: /<thead/i,
  apply(root) {
    for (const thead of all(root, 'thead')) {
      const rows = Array.from(thead.children).filter((c) => c.nodeName === 'TR');
      if (rows.length < 2) continue;
      const table = thead.parentNode as Element;
      let body = Array.from(table.children).find((c) => c.nodeName === 'TBODY');
      if (!body) {
        body = thead.ownerDocument!.createElement('tbody');
        table.insertBefore(body, thead.nextSibling);
      }
      const firstBodyRow = body.firstChild;
      for (const row of rows.slice(1)) body.insertBefore(row, firstBodyRow);
    }
  },
};

/**
 * The GFM plugin reads `table.rows` for every column of a header row and for every row (`rows.length`,
 * then `rows[i]`), and domino answers each read with a fresh walk of the table: quadratic in the rows.
 * Once the tables are final, each one's rows are fixed as a plain array; turndown does not change the tree.
 */
export const tableRows: DomRule = {
  name: 'table-rows',
  when: /<table/i,
  apply(root) {
    for (const table of all(root, 'table')) Object.defineProperty(table, 'rows', { value: Array.from((table as HTMLTableElement).rows) });
  },
};

/**
 * A GFM cell: one line, every `|` escaped (the plugin's own cell rule folds `||` into a single `\|`).
 * Rows and the table itself are the plugin's rules.
 */
export const tableCell: MarkdownRule = {
  name: 'table-cell',
  filter: ['th', 'td'],
  replacement(content, node) {
    const index = Array.prototype.indexOf.call(node.parentNode?.childNodes ?? [], node) as number;
    let text = content.trim().replace(/\n+/g, '<br>').replace(/\|/g, '\\|');
    const span = Number.parseInt(node.getAttribute('colspan') ?? '1', 10);
    for (let i = 1; i < span && i < 100; i++) text += ' | ';
    return `${index === 0 ? '| ' : ' '}${text} |`;
  },
};
