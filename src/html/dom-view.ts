/**
 * The DOM interface Turndown (and the conversion rules written against the DOM) expect, as a view over
 * the one parsed tree (domhandler nodes, the tree extraction read and cleaned): no second parse, no
 * copy. Each node gets one view object, made on first use by its `ViewDocument`; reading a view reads
 * the node, changing one (appending, removing, setting an attribute or text) changes the node.
 *
 * Only what the conversion uses is there: node kinds and names, tree navigation, attributes, text,
 * element creation, insertion and removal, selector queries (through html/select.ts, so a selector
 * means the same in conversion as in extraction), serialisation, and the table accessors of the GFM
 * plugin (`rows`, `cells`, `style.textAlign`). The view tree is rooted at the element it was made for:
 * the article's own parent, if any, is not visible from it.
 */
import { Comment, Element, Text, type AnyNode, type ChildNode, type ParentNode } from 'domhandler';
import { appendChild as attach, prepend, removeElement } from 'domutils';
import { matchesSelector, selectFirst, selectIn } from './select.js';
import { innerHtml, outerHtml } from './parse.js';
import { isElement, walk } from './walk.js';

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** The name the conversion's root element shows (an unknown element, like the wrapper of a parsed fragment). */
const ROOT_NAME = 'X-ROOT';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;
const DOCUMENT_FRAGMENT_NODE = 11;

/** One conversion's views over one tree, rooted at `root`. */
export class ViewDocument {
  private readonly views = new Map<AnyNode, NodeView>();

  constructor(readonly root: ParentNode) {}

  view(node: AnyNode): NodeView;
  view(node: AnyNode | null | undefined): NodeView | null;
  view(node: AnyNode | null | undefined): NodeView | null {
    if (!node) return null;
    let view = this.views.get(node);
    if (!view) {
      view = isElement(node) ? new ElementView(this, node) : node.type === 'text' ? new TextView(this, node) : new NodeView(this, node);
      this.views.set(node, view);
    }
    return view;
  }

  createElement(tag: string): ElementView {
    return this.view(new Element(tag.toLowerCase(), {})) as ElementView;
  }

  createTextNode(data: string): TextView {
    return this.view(new Text(data)) as TextView;
  }

  createComment(data: string): NodeView {
    return this.view(new Comment(data));
  }
}

/** A node of the tree seen through the DOM interface. */
export class NodeView {
  /** Flags Turndown sets on the nodes it visits. */
  isBlock?: boolean;
  isCode?: boolean;
  flankingWhitespace?: unknown;

  constructor(readonly ownerDocument: ViewDocument, readonly node: AnyNode) {}

  get nodeType(): number {
    const { node } = this;
    if (isElement(node)) return ELEMENT_NODE;
    if (node.type === 'text') return TEXT_NODE;
    if (node.type === 'comment') return COMMENT_NODE;
    return node.type === 'root' ? DOCUMENT_FRAGMENT_NODE : 0;
  }

  get nodeName(): string {
    const { node } = this;
    // The root is the conversion's container, whatever element it is on the page (an <ol>, a
    // <blockquote> chosen as the article): its children are converted, not it.
    if (node === this.ownerDocument.root) return ROOT_NAME;
    if (isElement(node)) return !node.namespace || node.namespace === HTML_NS ? node.name.toUpperCase() : node.name;
    if (node.type === 'text') return '#text';
    if (node.type === 'comment') return '#comment';
    return '#document-fragment';
  }

  private at(node: AnyNode | null | undefined): NodeView | null {
    return node ? this.ownerDocument.view(node) : null;
  }

  get parentNode(): NodeView | null {
    return this.node === this.ownerDocument.root ? null : this.at(this.node.parent);
  }

  get parentElement(): ElementView | null {
    const parent = this.parentNode;
    return parent instanceof ElementView ? parent : null;
  }

  get nextSibling(): NodeView | null {
    return this.node === this.ownerDocument.root ? null : this.at(this.node.next);
  }

  get previousSibling(): NodeView | null {
    return this.node === this.ownerDocument.root ? null : this.at(this.node.prev);
  }

  get childNodes(): NodeView[] {
    return 'children' in this.node ? this.node.children.map((c) => this.ownerDocument.view(c)) : [];
  }

  get firstChild(): NodeView | null {
    return 'children' in this.node ? this.at(this.node.children[0]) : null;
  }

  get lastChild(): NodeView | null {
    return 'children' in this.node ? this.at(this.node.children[this.node.children.length - 1]) : null;
  }

  get textContent(): string {
    const { node } = this;
    if (node.type === 'text' || node.type === 'comment') return node.data;
    let text = '';
    walk(node, (n) => {
      if (n.type === 'text') text += n.data;
    });
    return text;
  }

  set textContent(value: string) {
    const { node } = this;
    if (node.type === 'text' || node.type === 'comment') {
      node.data = value;
      return;
    }
    if (!('children' in node)) return;
    for (const child of [...node.children]) removeElement(child);
    if (value) attach(node as ParentNode, new Text(value) as ChildNode);
  }

  get nodeValue(): string | null {
    const { node } = this;
    return node.type === 'text' || node.type === 'comment' ? node.data : null;
  }

  set nodeValue(value: string | null) {
    const { node } = this;
    if (node.type === 'text' || node.type === 'comment') node.data = value ?? '';
  }

  get data(): string {
    return this.nodeValue ?? '';
  }

  set data(value: string) {
    this.nodeValue = value;
  }

  contains(other: NodeView | null): boolean {
    for (let n: AnyNode | null = other?.node ?? null; n; n = n.parent) {
      if (n === this.node) return true;
      if (n === this.ownerDocument.root) break;
    }
    return false;
  }

  appendChild<T extends NodeView>(child: T): T {
    attach(this.node as ParentNode, child.node as ChildNode);
    return child;
  }

  insertBefore<T extends NodeView>(child: T, ref: NodeView | null): T {
    if (!ref) return this.appendChild(child);
    prepend(ref.node as ChildNode, child.node as ChildNode);
    return child;
  }

  removeChild<T extends NodeView>(child: T): T {
    removeElement(child.node as ChildNode);
    return child;
  }

  replaceChild<T extends NodeView>(child: NodeView, old: T): T {
    this.insertBefore(child, old);
    return this.removeChild(old);
  }

  /** Turndown copies the node it is given; this tree exists for the conversion, which may use it as it is. */
  cloneNode(): this {
    return this;
  }
}

export class TextView extends NodeView {
  get length(): number {
    return this.data.length;
  }
}

/** The `style` properties the GFM plugin reads (a cell's `text-align`). */
interface StyleView {
  textAlign: string;
}

export class ElementView extends NodeView {
  declare readonly node: Element;

  get tagName(): string {
    return this.nodeName;
  }

  get localName(): string {
    return this.node === this.ownerDocument.root ? ROOT_NAME.toLowerCase() : this.node.name;
  }

  get children(): ElementView[] {
    return this.node.children.filter(isElement).map((c) => this.ownerDocument.view(c) as ElementView);
  }

  // Without a view of every child: code blocks ask a <pre> of a thousand line spans for its first.
  get firstElementChild(): ElementView | null {
    const first = this.node.children.find(isElement);
    return first ? (this.ownerDocument.view(first) as ElementView) : null;
  }

  get lastElementChild(): ElementView | null {
    const last = this.node.children.findLast(isElement);
    return last ? (this.ownerDocument.view(last) as ElementView) : null;
  }

  private sibling(step: (n: AnyNode) => AnyNode | null): ElementView | null {
    if (this.node === this.ownerDocument.root) return null;
    for (let n = step(this.node); n; n = step(n)) if (isElement(n)) return this.ownerDocument.view(n) as ElementView;
    return null;
  }

  get nextElementSibling(): ElementView | null {
    return this.sibling((n) => n.next);
  }

  get previousElementSibling(): ElementView | null {
    return this.sibling((n) => n.prev);
  }

  getAttribute(name: string): string | null {
    if (this.node === this.ownerDocument.root) return null;
    return this.node.attribs[name.toLowerCase()] ?? null;
  }

  setAttribute(name: string, value: string): void {
    this.node.attribs[name.toLowerCase()] = String(value);
  }

  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null;
  }

  removeAttribute(name: string): void {
    delete this.node.attribs[name.toLowerCase()];
  }

  get className(): string {
    return this.getAttribute('class') ?? '';
  }

  get id(): string {
    return this.getAttribute('id') ?? '';
  }

  get type(): string {
    return (this.getAttribute('type') ?? '').toLowerCase();
  }

  get checked(): boolean {
    return this.hasAttribute('checked');
  }

  get src(): string {
    return this.getAttribute('src') ?? '';
  }

  get style(): StyleView {
    const m = /(?:^|;)\s*text-align\s*:\s*([^;]+)/i.exec(this.getAttribute('style') ?? '');
    return { textAlign: m ? m[1]!.trim() : '' };
  }

  get innerHTML(): string {
    return innerHtml(this.node);
  }

  get outerHTML(): string {
    return outerHtml(this.node);
  }

  querySelectorAll(selector: string): ElementView[] {
    return selectIn(this.node, selector).map((el) => this.ownerDocument.view(el) as ElementView);
  }

  querySelector(selector: string): ElementView | null {
    const el = selectFirst(this.node, selector);
    return el ? (this.ownerDocument.view(el) as ElementView) : null;
  }

  getElementsByTagName(tag: string): ElementView[] {
    return this.querySelectorAll(tag);
  }

  /** This element or its nearest ancestor, up to the root, matching `selector`. */
  closest(selector: string): ElementView | null {
    for (let n: NodeView | null = this; n; n = n.parentNode) {
      if (n instanceof ElementView && matchesSelector(n.node, selector)) return n;
    }
    return null;
  }

  /** A table's rows, its own and those of its head, bodies and foot (not those of nested tables). */
  get rows(): ElementView[] {
    const rows: ElementView[] = [];
    for (const child of this.children) {
      if (child.localName === 'tr') rows.push(child);
      else if (/^(thead|tbody|tfoot)$/.test(child.localName)) rows.push(...child.children.filter((c) => c.localName === 'tr'));
    }
    return rows;
  }

  /** A row's cells. */
  get cells(): ElementView[] {
    return this.children.filter((c) => c.localName === 'td' || c.localName === 'th');
  }

  get caption(): ElementView | null {
    return this.children.find((c) => c.localName === 'caption') ?? null;
  }
}
