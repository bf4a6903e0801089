/**
 * The entries of a listing: elements named like one (`article`, `.post`, a card...), or, where no
 * markup names them, elements repeated in structure (list items, rows, headings) around post links.
 */
import type { AnyNode, Element } from 'domhandler';
import { ancestorsOf, isElement } from '../html/walk.js';
import { candidateAnchors, inProse, isReadMore, type Ctx } from './listing-anchors.js';
import { TITLE_LINKS } from './vocabulary.js';

/**
 * The entries among elements named like one: the outermost ones, except that one holding several others
 * and no title or "Read more" link of its own is a wrapper around the list, and its inner ones count.
 * An entry showing a whole post keeps the cards of related posts inside it to itself.
 */
export function listingEntries(ctx: Ctx, matches: Element[]): Element[] {
  const out: Element[] = [];
  // The outermost matches inside a match are those whose nearest matching ancestor it is: grouped in one
  // pass, since asking every match about every other took minutes on an index of thousands.
  const pool = new Set<AnyNode>(matches);
  const directlyInside = new Map<AnyNode, Element[]>();
  for (const m of matches) {
    let p = m.parent;
    while (p && !pool.has(p)) p = p.parent;
    if (p) directlyInside.set(p, [...(directlyInside.get(p) ?? []), m]);
  }
  // Depth first, in document order, with an explicit stack: entries may nest thousands deep.
  const stack = outermost(matches).reverse();
  while (stack.length) {
    const el = stack.pop()!;
    const inside = directlyInside.get(el) ?? [];
    const nested = new Set(inside);
    const own = candidateAnchors(ctx, el).filter((a) => ![...ancestorsOf([a])].some((p) => nested.has(p as Element)));
    const titled = own.some((a) => isReadMore(ctx, a) || TITLE_LINKS.some((sel) => ctx.sets(sel).has(a)));
    if (inside.length >= 2 && !titled) for (let i = inside.length - 1; i >= 0; i--) stack.push(inside[i]!);
    else out.push(el);
  }
  return out;
}

/** For each element holding any of `els`, how many of them it holds (strictly inside). */
export function countInside(els: Element[]): Map<AnyNode, number> {
  const counts = new Map<AnyNode, number>();
  for (const el of els) {
    for (let p = el.parent; p; p = p.parent) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return counts;
}

/**
 * An entry-named element with no title or "Read more" link of its own may be only the body of the entry
 * (blosxom-style `div.story`), its "Permalink" sitting just outside: the nearest ancestor that holds such
 * a link, and no other entry, is the entry.
 */
export function widenToOwnLink(ctx: Ctx, el: Element, entriesUnder: Map<AnyNode, number>): Element {
  const ownLink = (e: Element) => candidateAnchors(ctx, e).some((a) => isReadMore(ctx, a) || TITLE_LINKS.some((sel) => ctx.sets(sel).has(a)));
  if (ownLink(el)) return el;
  let wider: Element = el;
  for (let i = 0; i < 3 && wider.parent && isElement(wider.parent) && wider.parent.name !== 'body'; i++) {
    wider = wider.parent;
    // `el` is one of the entries under `wider`: another one makes it more than this entry's frame.
    if ((entriesUnder.get(wider) ?? 0) >= 2) return el;
    if (ownLink(wider)) return wider;
  }
  return el;
}

function outermost(els: Element[]): Element[] {
  const set = new Set<AnyNode>(els);
  return els.filter((el) => ![...ancestorsOf([el])].some((p) => set.has(p)));
}

/** Drops elements that contain another element of the list (the cell inside a repeated row). */
function innermost(els: Element[]): Element[] {
  const containers = ancestorsOf(els);
  return els.filter((el) => !containers.has(el));
}

/** Class tokens with numbers dropped (`post-12` and `post-13` are the same kind of element). */
function classTokens(el: Element): Set<string> {
  return new Set((el.attribs['class'] ?? '').split(/\s+/).filter(Boolean).map((c) => c.replace(/\d+/g, '')));
}

/**
 * Whether `el` has a sibling of the same kind among `holders`. Each parent's children are
 * indexed once by tag and class token: comparing every child with all its siblings was quadratic in a
 * flat list of thousands of entries.
 */
function hasPeerIn(el: Element, parent: Element, holders: Set<AnyNode>, kinds: Map<Element, Map<string, number>>): boolean {
  let index = kinds.get(parent);
  if (!index) {
    index = new Map();
    for (const c of parent.children) {
      if (!isElement(c) || !holders.has(c)) continue;
      for (const key of kindKeys(c)) index.set(key, (index.get(key) ?? 0) + 1);
    }
    kinds.set(parent, index);
  }
  const counts = index;
  return kindKeys(el).some((key) => (counts.get(key) ?? 0) >= 2);
}

/**
 * Two elements are of the same kind when they share one of these keys: same tag, and either no classes on
 * both or at least one class in common (`card tag-news` ~ `card tag-life`).
 */
function kindKeys(el: Element): string[] {
  const tokens = classTokens(el);
  return tokens.size ? [...tokens].map((t) => `${el.name}.${t}`) : [el.name];
}

/**
 * Entries found by structure alone: for each post link, the nearest ancestor that has at least one
 * sibling of the same kind (tag and classes) also holding a post link — list items of an archive,
 * repeated headings, cards, rows, `div.item`s.
 */
export function repeatedEntries(ctx: Ctx): Element[] {
  const anchors = candidateAnchors(ctx, ctx.$.root().get(0)!);
  const holders = ancestorsOf(anchors);
  for (const a of anchors) holders.add(a);
  const entries: Element[] = [];
  const taken = new Set<Element>();
  const kinds = new Map<Element, Map<string, number>>();
  for (const a of anchors) {
    // A link inside a sentence ("An earlier post, X, covers the basics") is prose: an index showing
    // whole posts has paragraphs with such links, and neither they nor the links are listing entries.
    if (inProse(a)) continue;
    for (let el: Element = a; el.parent && el.parent.type === 'tag'; el = el.parent) {
      if (!hasPeerIn(el, el.parent, holders, kinds)) continue;
      if (!taken.has(el)) {
        taken.add(el);
        entries.push(el);
      }
      break;
    }
  }
  return innermost(entries);
}
