/**
 * The named clean-up rules, in the order cleanContent applies them: what each removes and how it finds
 * it. What a rule may say: clean-rule.ts; the words and selectors of each: clean-vocabulary.ts.
 */
import type { AnyNode, Element } from 'domhandler';
import { findIn } from '../html/query.js';
import { insideAny, walk } from '../html/walk.js';
import { isTabPanel } from '../html/tab-panel.js';
import { classAndId, nonSpaceLength, sameWords, textOf, wordPartPattern } from '../html/text.js';
import { closestIn, selectIn } from '../html/select.js';
import { isDateLine } from '../text/dates.js';
import { isMetaLine } from './meta-line.js';
import { isTaxonomyLink } from './taxonomy.js';
import { TERM_SEPARATOR_CHARS } from './vocabulary.js';
import type { CleanContext, CleanRule } from './clean-rule.js';
import * as vocabulary from './clean-vocabulary.js';

const linkHeavy = (ctx: CleanContext, el: Element) => {
  const $el = ctx.$(el);
  const total = nonSpaceLength($el.text());
  const anchors = findIn($el, 'a');
  return anchors.length >= 3 && nonSpaceLength(ctx.$(anchors).text()) > 0.5 * total;
};

export { isTaxonomyLink };

/** A post's slug this short could be part of any file's name. */
const MIN_SLUG_CHARS = 4;

/**
 * A code host's view of the page's own source file: its name holds the page's slug (the last segment of
 * its path: `/blog/the-glider/` from `_posts/2024-10-28-the-glider.md`). A link to another file is the author's.
 */
function isOwnSource(href: string, base: string): boolean {
  const stem = vocabulary.VIEW_SOURCE_HREF.exec(href)?.[1];
  if (!stem) return false;
  try {
    const slug = decodeURIComponent(new URL(base).pathname.split('/').filter(Boolean).pop() ?? '').replace(/\.[a-z0-9]+$/i, '');
    return slug.length >= MIN_SLUG_CHARS && decodeURIComponent(stem).toLowerCase().includes(slug.toLowerCase());
  } catch {
    // A malformed escape in either is no file name to compare.
    return false;
  }
}

/** A link to another page of the page's own site (not an anchor within the page). */
function isSameSite(href: string, base: string): boolean {
  try {
    const url = new URL(href.trim(), base);
    const page = new URL(base);
    return url.origin === page.origin && url.pathname !== page.pathname;
  } catch {
    return false;
  }
}

/** A link to the blog's home: its origin's root or index file, or the first path segment (`/blog/`). */
function isOwnHomeLink(href: string, base: string): boolean {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return false;
  }
  const page = new URL(base);
  if (url.origin !== page.origin || url.search || url.hash) return false;
  const path = url.pathname.replace(/(^|\/)index\.html?$/i, '$1');
  const blogRoot = /^\/[^/]+\//.exec(page.pathname)?.[0];
  return path === '/' || path === blogRoot || path === blogRoot?.slice(0, -1);
}

/** A link's place in `textBesideLinks`, and the spacing or separators between two links. */
const LINK_MARK = '\u0000';
const BETWEEN_LINKS = new RegExp(`${LINK_MARK}[\\s${TERM_SEPARATOR_CHARS}]*(?=${LINK_MARK})`, 'g');

/**
 * The text of a line beside its links, the spacing and separators between consecutive links left out:
 * "Tags:" of "Tags: a, b"; nothing of thirty tag pills, whose spacing alone once outweighed a label.
 */
function textBesideLinks(el: Element, links: Element[]): string {
  const set = new Set<AnyNode>(links);
  let text = '';
  walk(el, (node) => {
    if (set.has(node)) text += LINK_MARK;
    else if (node.type === 'text' && !insideAny(node, set)) text += node.data;
  });
  return text.replace(BETWEEN_LINKS, '').replaceAll(LINK_MARK, ' ').replace(/\s+/g, ' ').trim();
}

const hasMedia = (el: Element) => selectIn(el, 'img, picture, video, iframe').length > 0;

/** True when at most one element sibling precedes or follows `el`. */
function nearEdge(el: Element): boolean {
  const within = (step: (n: AnyNode) => AnyNode | null) => {
    let count = 0;
    for (let n = step(el); n; n = step(n)) if (n.type === 'tag' && ++count > 1) return false;
    return true;
  };
  return within((n) => n.prev) || within((n) => n.next);
}

/** The sidebar rule's own words, anywhere in a class or id. */
const SIDEBAR_WORDED = new RegExp(vocabulary.SIDEBARS_WORDS.join('|'), 'i');

/** Whether an element sibling before `el` that is not itself sidebar-worded holds text or media. */
function columnAfterContent(el: Element): boolean {
  for (let n = el.prev; n; n = n.prev) {
    if (n.type !== 'tag') continue;
    if (SIDEBAR_WORDED.test(`${n.attribs.class ?? ''} ${n.attribs.id ?? ''}`)) continue;
    if (selectIn(n, 'img, iframe, video, p, pre').length) return true;
  }
  return false;
}

function removeComments(ctx: CleanContext, root: Element): void {
  const stack = [root];
  while (stack.length) {
    for (const child of [...stack.pop()!.children]) {
      if (child.type === 'comment') ctx.$(child).remove();
      else if (child.type === 'tag') stack.push(child);
    }
  }
}

export const CLEAN_RULES: CleanRule[] = [
  {
    name: 'html-comments',
    touchesProse: true,
    apply: (ctx) => removeComments(ctx, ctx.root.get(0)!),
  },
  {
    name: 'scripts-and-styles',
    touchesProse: true,
    // MathJax 2 keeps the TeX source in <script type="math/tex">, and an unrendered gist is only its
    // <script src>: both are content the converter turns into Markdown.
    selectors: vocabulary.SCRIPTS_AND_STYLES_SELECTORS,
  },
  {
    name: 'hidden',
    touchesProse: true,
    selectors: vocabulary.HIDDEN_SELECTORS,
    test: (el, ctx) => !insideAny(el, ctx.protectedSet) && !isTabPanel(el.attribs.role, el.attribs.class),
  },
  {
    name: 'controls',
    touchesProse: true,
    selectors: vocabulary.CONTROLS_SELECTORS,
    // Task-list checkboxes carry the item's state; a zoomable image wrapped as a button is content; a
    // tab's button (Bootstrap, Starlight) is its panel's label, which the converter's tabs rule puts above it.
    test: (el) =>
      !(el.name === 'input' && el.attribs.type === 'checkbox' && closestIn(el, 'li') !== undefined) &&
      !(el.attribs.role === 'button' && hasMedia(el)) &&
      !(el.attribs.role === 'tab' && closestIn(el, '[role="tablist"]') !== undefined),
  },
  {
    name: 'image-buttons',
    touchesProse: true,
    // Medium and lightbox plugins wrap images in role="button" elements: keep the image, drop the wrapper.
    selectors: vocabulary.IMAGE_BUTTONS_SELECTORS,
    test: hasMedia,
    action: 'unwrap',
  },
  {
    name: 'engine-junk',
    touchesProse: true,
    selectorsFrom: (ctx) => ctx.engine?.junk ?? [],
    maxShare: 0.6,
  },
  {
    name: 'page-chrome',
    selectors: vocabulary.PAGE_CHROME_SELECTORS,
    // A <footer> inside a quotation or figure is its citation, not page furniture.
    test: (el) => !(el.parent?.type === 'tag' && closestIn(el.parent as Element, 'blockquote, figure')),
    maxShare: 0.6,
  },
  {
    name: 'sidebars',
    selectors: vocabulary.SIDEBARS_SELECTORS,
    words: vocabulary.SIDEBARS_WORDS,
    test: (el, ctx) => el.name !== 'aside' || linkHeavy(ctx, el) || vocabulary.ASIDE_CHROME.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`),
    maxShare: 0.6,
    // A post that is only an embed (slides, a chart) leaves the sidebar column beside it most of the text;
    // a column after the post's own, holding no paragraph, is still the sidebar.
    beyondShare: (el) => !selectIn(el, 'p, pre, table, blockquote').length && columnAfterContent(el),
  },
  {
    name: 'comments',
    selectors: vocabulary.COMMENTS_SELECTORS,
    words: vocabulary.COMMENTS_WORDS,
  },
  {
    name: 'share-buttons',
    words: vocabulary.SHARE_BUTTONS_WORDS,
    maxShare: 0.3,
  },
  {
    name: 'related-posts',
    words: vocabulary.RELATED_POSTS_WORDS,
    maxShare: 0.5,
  },
  {
    name: 'pagination-and-post-nav',
    selectors: vocabulary.PAGINATION_AND_POST_NAV_SELECTORS,
    words: vocabulary.PAGINATION_AND_POST_NAV_WORDS,
    maxShare: 0.3,
  },
  {
    name: 'table-of-contents',
    selectors: vocabulary.TABLE_OF_CONTENTS_SELECTORS,
    words: vocabulary.TABLE_OF_CONTENTS_WORDS,
    // A heading is never the table itself: `<h3 id="toc">TOC</h3>` is the author's heading "TOC", its id made from its words.
    test: (el) => !/^h[1-6]$/.test(el.name),
    maxShare: 0.4,
  },
  {
    name: 'read-more-links',
    selectors: vocabulary.READ_MORE_LINKS_SELECTORS,
    scan: 'a',
    test: (el, ctx) =>
      vocabulary.READ_MORE_CLASS.test(el.attribs.class ?? '') ||
      (el.name === 'a' && vocabulary.READ_MORE.test(ctx.$(el).text().replace(/\s+/g, ' ').trim())) ||
      el.name !== 'a',
  },
  {
    name: 'post-meta-lines',
    words: vocabulary.POST_META_LINES_WORDS,
    // An attribution inside a quotation or figure is content.
    test: (el) => !closestIn(el, 'blockquote, figure'),
    maxShare: 0.3,
  },
  {
    name: 'taxonomy-lines',
    when: (ctx) => ctx.select('a[href]').some((a) => isTaxonomyLink(a, ctx.base)),
    scan: 'p, div, ul, ol, span, small, section',
    // A line made only of tag/category links ("Tags: a, b", a topic label above the title).
    test: (el, ctx) => {
      if (insideAny(el, ctx.protectedSet)) return false;
      const links = selectIn(el, 'a[href]');
      if (!links.length || !links.every((a) => isTaxonomyLink(a, ctx.base))) return false;
      return textBesideLinks(el, links).length <= 24;
    },
  },
  {
    name: 'lone-date-lines',
    scan: 'children',
    // A short line that is only a date ("Posted on July 26, 2015") at the top or bottom of the body.
    test: (el, ctx) => {
      const parent = el.parent;
      if (parent !== ctx.root.get(0) || !/^(p|div|span|time|small|h[4-6]|em)$/.test(el.name)) return false;
      const text = ctx.$(el).text();
      // A title that begins with a date ("2020年5月1日 山行"), written again as the first line, is no date line.
      return nearEdge(el) && isDateLine(text) && !(ctx.title !== undefined && sameWords(text, ctx.title));
    },
  },
  {
    name: 'lead-meta-lines',
    scan: 'children',
    // "published on 2016-02-18 · tagged with #a and #b" as a block at the top or bottom of the body.
    test: (el, ctx) => el.parent === ctx.root.get(0) && nearEdge(el) && isMetaLine(ctx.$, el),
  },
  {
    name: 'ads',
    selectors: vocabulary.ADS_SELECTORS,
    words: vocabulary.ADS_WORDS,
    maxShare: 0.3,
  },
  {
    name: 'newsletter-and-cta',
    words: vocabulary.NEWSLETTER_AND_CTA_WORDS,
    maxShare: 0.3,
  },
  {
    name: 'donation-boxes',
    scan: 'article, aside, section, div',
    // The support box a theme or an include closes every post with ("buy me a coffee", a Ko-fi or
    // Patreon link), whatever its class: short, last in the article, linking a donation platform.
    // The innermost block around the link: never a wrapper of the post's own text.
    test: (el, ctx) =>
      !contentAfterIn(el, ctx.root.get(0)!) &&
      nonSpaceLength(ctx.$(el).text()) <= vocabulary.DONATION_BOX_CHARS &&
      selectIn(el, 'a[href]').some((a) => vocabulary.DONATION_HREF.test(a.attribs.href ?? '') && closestIn(a, 'article, aside, section, div') === el),
    maxShare: 0.5,
  },
  {
    name: 'back-to-index-links',
    scan: 'a[href]',
    // "back to index" / "Home": a block holding nothing but a link to this blog's own home page. A link
    // to another site's home ("[NumPy](https://numpy.org/)") is a reference, wherever it stands.
    test: (el, ctx) => {
      if (!isOwnHomeLink(el.attribs.href ?? '', ctx.base)) return false;
      const own = ctx.$(el).text().trim();
      return own.length > 0 && own.length <= 40;
    },
    action: 'remove-block',
  },
  {
    name: 'edit-links',
    selectors: vocabulary.EDIT_LINKS_SELECTORS,
    scan: 'a',
    test: (el, ctx) => el.name !== 'a' || vocabulary.EDIT_LINK.test(ctx.$(el).text().replace(/\s+/g, ' ').trim()) || vocabulary.EDIT_CLASS.test(el.attribs.class ?? ''),
  },
  {
    name: 'edit-this-post-lines',
    touchesProse: true,
    scan: 'a[href]',
    // "Found a mistake? Edit it!" in any language: a short line whose link edits the post's own source
    // file on a code host, or shows it ("Source of this page"). The line goes with the link: it only
    // invites the edit.
    test: (el, ctx) => vocabulary.EDIT_SOURCE_HREF.test(el.attribs.href ?? '') || isOwnSource(el.attribs.href ?? '', ctx.base),
    action: 'remove-line',
  },
  {
    name: 'license-notices',
    words: vocabulary.LICENSE_NOTICES_WORDS,
    scan: 'p, div, section, aside',
    // The licence block under a post: short, and linking its licence (rel="license", Creative Commons).
    // One found by its link alone is under the body only when no prose follows it: a paragraph of the
    // body may end by naming the licence of what it shares ("the file is free under CC 4.0").
    test: (el, ctx) =>
      selectIn(el, 'a[rel~="license"], a[href*="creativecommons.org/licenses"]').length > 0 &&
      nonSpaceLength(ctx.$(el).text()) <= 400 &&
      (LICENSE_HINT.test(classAndId(el)) || !proseAfterIn(el, ctx.root.get(0)!)),
    maxShare: 0.3,
  },
  {
    name: 'translation-notices',
    words: vocabulary.TRANSLATION_NOTICES_WORDS,
    // The notice is a line of chrome: short, and linking the other version on the blog itself. A longer
    // block so classed (a quotation and its translation) is the author's.
    test: (el, ctx) =>
      !/^(span|code|em|i|q|blockquote|mark)$/.test(el.name) &&
      nonSpaceLength(ctx.$(el).text()) <= vocabulary.TRANSLATION_NOTICE_CHARS &&
      selectIn(el, 'a[href]').some((a) => isSameSite(a.attribs.href ?? '', ctx.base)),
    maxShare: 0.3,
  },
  {
    name: 'back-to-top-links',
    words: vocabulary.BACK_TO_TOP_LINKS_WORDS,
    scan: 'a[href="#"], a[href="#top"]',
    test: (el, ctx) => el.name !== 'a' || vocabulary.BACK_TO_TOP.test(ctx.$(el).text().replace(/\s+/g, ' ').trim()),
  },
  {
    name: 'copy-code-buttons',
    touchesProse: true,
    words: vocabulary.COPY_CODE_BUTTONS_WORDS,
  },
  {
    name: 'heading-anchors',
    touchesProse: true,
    scan: vocabulary.HEADING_ANCHOR_LINKS,
    // Empty or glyph-only self-links (¶, #, 🔗) and anchor-classed links; the heading text itself stays.
    test: (el, ctx) => {
      const href = el.attribs.href ?? '';
      const text = ctx.$(el).text();
      if (vocabulary.HEADING_ANCHOR_CLASS.test(el.attribs.class ?? '') && (vocabulary.ANCHOR_GLYPHS.test(text) || !closestIn(el, 'h1, h2, h3, h4, h5, h6'))) return true;
      return href.startsWith('#') && vocabulary.ANCHOR_GLYPHS.test(text) && selectIn(el, 'img').length === 0;
    },
  },
  {
    name: 'heading-self-links',
    touchesProse: true,
    action: 'unwrap',
    scan: 'h1 > a[href^="#"], h2 > a[href^="#"], h3 > a[href^="#"], h4 > a[href^="#"], h5 > a[href^="#"], h6 > a[href^="#"]',
    // <h2><a href="#setup">Setup</a></h2>: the link is the heading's permalink; keep only its text.
    test: () => true,
  },
];

const LICENSE_HINT = wordPartPattern(vocabulary.LICENSE_NOTICES_WORDS);
const PROSE_NAMES = ['p', 'ul', 'ol', 'pre', 'blockquote', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const PROSE = PROSE_NAMES.join(', ');

/** Whether a paragraph, list, code block, table or heading follows `el` up to the end of `root`. */
function proseAfterIn(el: Element, root: Element): boolean {
  for (let node: AnyNode | null = el; node && node !== root; node = node.parent) {
    for (let n = node.next; n; n = n.next) {
      if (n.type !== 'tag') continue;
      const blocks = PROSE_NAMES.includes(n.name) ? [n] : selectIn(n, PROSE);
      if (blocks.some((b) => nonSpaceLength(textOf(b)) > 0)) return true;
    }
  }
  return false;
}

/** Whether anything but whitespace and comments follows `el` up to the end of `root`. */
function contentAfterIn(el: Element, root: Element): boolean {
  for (let node: AnyNode | null = el; node && node !== root; node = node.parent) {
    for (let n = node.next; n; n = n.next) if (n.type !== 'comment' && (n.type !== 'text' || n.data.trim())) return true;
  }
  return false;
}
