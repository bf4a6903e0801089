import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { CLEAN_RULES } from './clean-rules.js';
import type { CleanContext, CleanRule } from './clean-rule.js';
import { PROTECTED } from './clean-vocabulary.js';
import { findIn } from '../html/query.js';
import { insideAny, walk } from '../html/walk.js';
import { nonSpaceLength, sameWords, wordPartPattern, wordsOnly } from '../html/text.js';
import { closestIn } from '../html/select.js';
import { indexSubtree } from '../html/select.js';
import { isDateLine } from '../text/dates.js';
import type { EngineRule } from './engines/index.js';
import { normaliseImages } from './images.js';
import { inRunningText } from './prose.js';
import { absolutiseUrls } from './urls.js';

export interface CleanOptions {
  /** Base for relative URLs (the page URL, or its `<base href>`). */
  base: string;
  engine?: EngineRule;
  /** The post title: a leading heading that repeats it is dropped. */
  title?: string;
  rules?: readonly CleanRule[];
}

const patterns = new WeakMap<CleanRule, RegExp>();

/**
 * The rule's words as one pattern matching a whole dash/underscore-separated part of a token. A word's
 * own dash matches either separator: themes write `post_meta` as often as `post-meta`.
 */
function wordPattern(rule: CleanRule): RegExp {
  let pattern = patterns.get(rule);
  if (!pattern) {
    pattern = wordPartPattern(rule.words!);
    patterns.set(rule, pattern);
  }
  return pattern;
}

/**
 * Class tokens, plus the id unless the id is a heading anchor slug that only names the text: a
 * heading's own id, or that of a section whose first element is its heading (docutils and Pandoc
 * write `<div class="section" id="select-related"><h2>select_related</h2>`).
 */
function hintTokens(el: Element): string[] {
  const tokens = (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
  const id = el.attribs.id;
  const firstChild = el.children.find((c): c is Element => c.type === 'tag');
  const headingLike = /^h[1-6]$/.test(el.name) || (firstChild !== undefined && /^h[1-6]$/.test(firstChild.name)) || (el.name === 'section' && el.children.some((c) => c.type === 'tag' && /^h[1-6]$/.test(c.name)));
  if (id && !headingLike) tokens.push(id);
  return tokens;
}

function matches(ctx: CleanContext, rule: CleanRule): Element[] {
  const { root } = ctx;
  const found = new Set<Element>();
  const selectors = [...(rule.selectors ?? []), ...(rule.selectorsFrom?.(ctx) ?? [])];
  if (selectors.length) {
    try {
      for (const el of ctx.select(selectors.join(', '))) found.add(el);
    } catch {
      // One malformed selector in a rule table must not stop extraction: try them one by one.
      for (const selector of selectors) {
        try {
          for (const el of ctx.select(selector)) found.add(el);
        } catch {
          continue;
        }
      }
    }
  }
  if (rule.words?.length) {
    const pattern = wordPattern(rule);
    for (const [el, tokens] of ctx.hinted) {
      if (tokens.some((t) => pattern.test(t))) found.add(el);
    }
  }
  const scanned = rule.scan === 'children' ? root.children().toArray() : rule.scan ? ctx.select(rule.scan) : [];
  const candidates = [...found].filter((el) => !rule.test || rule.test(el, ctx));
  return [...candidates, ...scanned.filter((el) => !found.has(el) && rule.test?.(el, ctx))];
}

/** The largest ancestor (below the root) that holds nothing but `el`. */
function outermostWrapper(ctx: CleanContext, el: Element): Cheerio<Element> {
  const text = ctx.$(el).text().trim();
  let top = ctx.$(el);
  const media = (el: Cheerio<Element>) => findIn(el, 'img, iframe, video, pre, table').length;
  for (let parent = top.parent(); parent.length && parent.get(0) !== ctx.root.get(0); parent = parent.parent()) {
    if (parent.text().trim() !== text || media(parent as Cheerio<Element>) > media(top)) break;
    top = parent as Cheerio<Element>;
  }
  return top;
}

function applyRule(ctx: CleanContext, rule: CleanRule): void {
  if (rule.when && !rule.when(ctx)) return;
  if (rule.apply) {
    rule.apply(ctx);
    return;
  }
  for (const el of matches(ctx, rule)) {
    if (!el.parent) continue; // already removed with an ancestor
    if (!rule.touchesProse && inRunningText(el, ctx.root.get(0))) continue;
    const $el = ctx.$(el);
    if (rule.maxShare !== undefined && ctx.rootText > 0 && !rule.beyondShare?.(el, ctx)) {
      const share = $el.text().replace(/\s+/g, ' ').trim().length / ctx.rootText;
      if (share > rule.maxShare) continue;
    }
    if (rule.action === 'unwrap') {
      $el.replaceWith($el.contents());
      continue;
    }
    const removed = rule.action === 'remove-block' ? outermostWrapper(ctx, el) : rule.action === 'remove-line' ? lineOf(ctx, el) : $el;
    if (!removed) continue;
    // A heading that only labelled the chrome just removed ("Written by" over an author box) goes with it;
    // what scripts, hidden or control elements leave behind is the author's (a heading before a gist).
    const label = rule.touchesProse ? undefined : headingBefore(removed.get(0)!);
    removed.remove();
    if (label && label.parent && !contentAfter(label)) ctx.$(label).remove();
  }
}

/**
 * The paragraph, list item or short block a link sits in, when it is a line made for the link ("Found a
 * mistake? Edit it!"); the link alone when it stands on its own; undefined when the link is part of the
 * author's sentences, which stay whole.
 */
function lineOf(ctx: CleanContext, el: Element): Cheerio<Element> | undefined {
  const line = closestIn(el, 'p, li, dd, div, section, span');
  if (!line || line === ctx.root.get(0) || !insideAny(line, new Set([ctx.root.get(0)!]))) return ctx.$(el);
  const lineChars = nonSpaceLength(ctx.$(line).text());
  const around = lineChars - nonSpaceLength(ctx.$(el).text());
  return lineChars <= LINE_CHARS && around <= PROMPT_CHARS ? ctx.$(line) : undefined;
}

/** A "line" of text around an edit link is at most this long; more is prose that only mentions it. */
const LINE_CHARS = 160;
/** The words around the link on such a line are a prompt ("Found a typo?"), not a sentence of the post. */
const PROMPT_CHARS = 45;

/**
 * The heading right before an element (its label: "Written by" over the author box, "Ads" over an
 * ad), or the wrapper holding only that heading.
 */
function headingBefore(el: Element): Element | undefined {
  for (let n = el.prev; n; n = n.prev) {
    if (n.type === 'text' && !n.data.trim()) continue;
    if (n.type !== 'tag') return undefined;
    let inner: Element = n;
    while (!/^h[1-6]$/.test(inner.name)) {
      const children = inner.children.filter((c) => c.type !== 'comment' && (c.type !== 'text' || c.data.trim()));
      if (children.length !== 1 || children[0]!.type !== 'tag') return undefined;
      inner = children[0] as Element;
    }
    return n;
  }
  return undefined;
}

/** Whether anything but whitespace follows the node in its parent. */
function contentAfter(node: AnyNode): boolean {
  for (let n = node.next; n; n = n.next) if (n.type !== 'comment' && (n.type !== 'text' || n.data.trim())) return true;
  return false;
}


/**
 * Drop the first heading when it only repeats the post title and nothing precedes it but, at most, a date
 * line: a theme's title block at the top of the article (the Astro blog starter shows the date, then the
 * title, then a rule). The block goes whole when it holds nothing else.
 */
function dropLeadingTitle($: CheerioAPI, root: Cheerio<Element>, title: string): void {
  const heading = $(findIn(root, 'h1, h2, h3')).first();
  if (!heading.length || !sameWords(heading.text(), title)) return;
  let textBefore = '';
  const textNodes: AnyNode[] = [];
  walk(root.get(0)!, (node) => {
    if (node === heading.get(0)) return true;
    if (node.type === 'text' && node.data.trim()) {
      textBefore += ` ${node.data.trim()}`;
      textNodes.push(node);
    }
    if (node.type === 'tag' && /^(img|iframe|video|pre|table)$/.test(node.name)) textBefore += '[media]';
    return false;
  });
  // A title that begins with a date ("2020年5月1日 山行") written as the first line is the author's line, not a date line.
  if (textBefore && (!isDateLine(textBefore) || sameWords(textBefore, title))) return;
  const compact = (text: string) => wordsOnly(text).replace(/\s/g, '');
  const blockText = compact(`${textBefore}${heading.text()}`);
  const noMedia = (el: Element) => !$(el).find('img, picture, video, iframe, pre, table').length;
  const block = heading
    .parentsUntil(root)
    .toArray()
    .filter((el) => noMedia(el) && (compact($(el).text()) === blockText || (!textBefore && titleThenDateLine(el, heading.get(0)!))))
    .pop();
  if (block) $(block).remove();
  else {
    heading.remove();
    for (const node of textNodes) $(node).remove();
  }
}

/**
 * Whether `el` holds the title heading and then only a date line (Anatole: `<div class="post-title"><h1>…</h1>
 * <div class="info"><span class="date">2021/7/8</span></div></div>`): the theme's title block, not text.
 */
function titleThenDateLine(el: Element, heading: Element): boolean {
  const inHeading = new Set<AnyNode>([heading]);
  let after = '';
  let seen = false;
  let textBefore = false;
  walk(el, (node) => {
    if (node === heading) seen = true;
    else if (node.type === 'text' && node.data.trim() && !insideAny(node, inHeading)) {
      if (!seen) textBefore = true;
      after += ` ${node.data.trim()}`;
    }
  });
  return seen && !textBefore && after.trim() !== '' && isDateLine(after);
}

/** Elements that are content even without text. */
const MEDIA = new Set(['img', 'picture', 'iframe', 'video', 'audio', 'object', 'embed', 'svg', 'canvas', 'math', 'hr', 'br', 'input', 'table', 'pre', 'code', 'script', 'td', 'th', 'source', 'track']);
/** Wrappers that may go when the rules left them with nothing in them. */
const DROPPABLE = new Set(['p', 'div', 'section', 'span', 'figure', 'ul', 'ol', 'header', 'footer', 'aside', 'small', 'strong', 'em', 'b', 'i', 'a', 'blockquote', 'figcaption', 'nav']);

const INLINE = new Set(['span', 'small', 'strong', 'em', 'b', 'i', 'a']);

/** What a node holds: 'content', 'space' (only whitespace: meaningful between inline words) or 'empty'. */
type Holds = 'content' | 'space' | 'empty';

/** What a node holds without looking inside it; undefined for an element whose children decide. */
function holdsAlone(node: AnyNode): Holds | undefined {
  if (node.type === 'text') return node.data.trim() ? 'content' : node.data ? 'space' : 'empty';
  if (node.type !== 'tag' && node.type !== 'script') return 'empty';
  // Whitespace inside code is code.
  return MEDIA.has((node as Element).name) ? 'content' : undefined;
}

const joined = (state: Holds, child: Holds): Holds => (child === 'content' ? 'content' : child === 'space' && state === 'empty' ? 'space' : state);

/** An element whose children hold `state`, removed when it is an empty wrapper. */
function closeBlock($: CheerioAPI, el: Element, state: Holds): Holds {
  if (state === 'content') return state;
  if (state === 'space' && INLINE.has(el.name)) return 'space';
  // Named anchors and ids are link targets (footnotes); keep them even when empty.
  const target = (el.name === 'a' && (el.attribs.id || el.attribs.name) && !el.attribs.href) || (el.name === 'span' && el.attribs.id);
  if (DROPPABLE.has(el.name) && !target) {
    $(el).remove();
    return 'empty';
  }
  return state;
}

/**
 * Remove wrappers the rules left empty (a <p> that only held a "Read more" link...), in one pass,
 * children before parents, with an explicit stack: an article may nest elements thousands deep.
 */
function dropEmptyBlocks($: CheerioAPI, root: Cheerio<Element>): void {
  type Frame = { el: Element; children: AnyNode[]; next: number; state: Holds };
  const open = (el: Element): Frame => ({ el, children: [...el.children], next: 0, state: 'empty' });
  for (const top of [...(root.get(0)?.children ?? [])]) {
    if (holdsAlone(top) !== undefined) continue;
    const stack = [open(top as Element)];
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const child = frame.children[frame.next++];
      if (child) {
        const alone = holdsAlone(child);
        if (alone === undefined) stack.push(open(child as Element));
        else frame.state = joined(frame.state, alone);
        continue;
      }
      stack.pop();
      const state = closeBlock($, frame.el, frame.state);
      const parent = stack[stack.length - 1];
      if (parent) parent.state = joined(parent.state, state);
    }
  }
}

/**
 * A horizontal rule with nothing after it in the article separated the text from what followed (a
 * "Last modified" line, a share bar) that the rules removed: on its own it ends the Markdown with `---`.
 */
function dropTrailingRules($: CheerioAPI, root: Cheerio<Element>): void {
  const top = root.get(0);
  const atEnd = (el: Element): boolean => {
    for (let n: AnyNode | null = el; n && n !== top; n = n.parent) if (contentAfter(n)) return false;
    return true;
  };
  for (let last = findIn(root, 'hr').at(-1); last && atEnd(last); last = findIn(root, 'hr').at(-1)) $(last).remove();
}

function dropEventHandlers(root: Cheerio<Element>): void {
  for (const el of findIn(root, '*')) {
    for (const name of Object.keys(el.attribs)) if (/^on/i.test(name)) delete el.attribs[name];
  }
}

/**
 * Clean the chosen article element in place: lazy images resolved, every named clean-up rule applied,
 * URLs made absolute, a title-repeating heading dropped.
 */
export function cleanContent($: CheerioAPI, root: Cheerio<Element>, options: CleanOptions): void {
  normaliseImages($, root);
  const el = root.get(0);
  // From here on elements are only removed or unwrapped, never added (see indexSubtree).
  if (el) cleanIndexed($, root, el, options);
}

function cleanIndexed($: CheerioAPI, root: Cheerio<Element>, el: Element, options: CleanOptions): void {
  const index = indexSubtree(el);
  const protectedSet = new Set<AnyNode>(index.select(PROTECTED));
  const ctx: CleanContext = {
    $,
    root,
    base: options.base,
    engine: options.engine,
    rootText: root.text().replace(/\s+/g, ' ').trim().length,
    // Highlighted code has a classed span per token: leaving it out spares the word rules most of their tests.
    select: (selector) => index.select(selector),
    hinted: index.select('[class], [id]')
      .filter((el) => !insideAny(el, protectedSet))
      .map((el) => [el, hintTokens(el)] as [Element, string[]]),
    protectedSet,
    title: options.title,
  };
  for (const rule of options.rules ?? CLEAN_RULES) applyRule(ctx, rule);
  if (options.title) dropLeadingTitle($, root, options.title);
  dropEmptyBlocks($, root);
  dropTrailingRules($, root);
  dropEventHandlers(root);
  absolutiseUrls($, root, options.base);

}
