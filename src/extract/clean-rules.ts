import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { findIn } from '../html/query.js';
import { insideAny } from '../html/walk.js';
import { nonSpaceLength } from '../html/text.js';
import { closestIn, selectIn } from '../html/select.js';
import { isDateLine } from '../text/dates.js';
import { isMetaLine } from './meta-line.js';
import { isTaxonomyLink } from './taxonomy.js';
import type { EngineRule } from './engines/index.js';
import { EMBED_SCRIPT_SRC } from '../url/embed-scripts.js';

/**
 * The named clean-up rules, applied in order to the chosen article element. Each removes (or unwraps)
 * one kind of thing that is not the article body. Rules find elements by selector, by class/id words,
 * or by a test; `maxShare` keeps a rule from deleting an element that holds most of the article's text.
 */
export interface CleanContext {
  $: CheerioAPI;
  root: Cheerio<Element>;
  /** The page's URL (or its `<base href>`): links are judged against the blog's own origin. */
  base: string;
  engine?: EngineRule;
  /** Text length of the root before cleaning, for `maxShare`. */
  rootText: number;
  /** Elements under the root matching a selector (through the article's index: html/select.ts `indexSubtree`). */
  select(selector: string): Element[];
  /** Elements under the root with their class/id tokens, collected once for the word-based rules; none inside `protectedSet`. */
  hinted: [Element, string[]][];
  /** Code and math elements: nothing inside them is touched by word-based rules. */
  protectedSet: ReadonlySet<AnyNode>;
}

export interface CleanRule {
  name: string;
  /** Elements to act on. */
  selectors?: string[];
  /** Words that, as a whole dash/underscore-separated part of a class or id, mark an element. */
  words?: string[];
  /** Extra test for elements found by `selectors` or `words`, or the only test when `scan` is set. */
  test?: (el: Element, ctx: CleanContext) => boolean;
  /** Elements to run `test` on when the rule has no selectors or words: a selector, or `children` (the article's own). */
  scan?: string;
  /**
   * What to do with a match (default remove; remove-block also removes wrappers holding only it;
   * remove-line removes the short line of text, the paragraph or item, it sits in).
   */
  action?: 'remove' | 'unwrap' | 'remove-block' | 'remove-line';
  /** Skip matches holding more than this share of the article's text. */
  maxShare?: number;
  /** Rules that need the whole context (engine data). */
  selectorsFrom?: (ctx: CleanContext) => string[];
  /** Precondition on the whole article: skip the rule's scan when it cannot match. */
  when?: (ctx: CleanContext) => boolean;
  /** Rules about nodes that are not elements (comments). */
  apply?: (ctx: CleanContext) => void;
  /**
   * Whether the rule may remove an inline element that sits in running text (see prose.ts). Only rules
   * about what is never text (scripts, hidden and control elements, glyph-only anchors) may; chrome
   * found by words or links in a sentence is the author's text.
   */
  touchesProse?: true;
}

/** Content that must never be touched by word-based rules: code, math, and things inside them. */
export const PROTECTED = 'pre, code, .highlight, figure.highlight, .katex, .katex-display, .MathJax, mjx-container, math, svg, .mermaid';

const linkHeavy = (ctx: CleanContext, el: Element) => {
  const $el = ctx.$(el);
  const total = nonSpaceLength($el.text());
  const anchors = findIn($el, 'a');
  return anchors.length >= 3 && nonSpaceLength(ctx.$(anchors).text()) > 0.5 * total;
};

const HEADING_ANCHOR_CLASS = /(^|[\s_-])(headerlink|anchor|anchorjs-link|header-anchor|heading-anchor|hash-link|direct-link|permalink|heading-link|zola-anchor|hanchor|anchor-link|autolink)([\s_-]|$)/i;
const ANCHOR_GLYPHS = /^[\s\u00a0\u200b¶#§🔗⚓︎\u{1F517}\uFE0F-]*$/u;

const READ_MORE = /^(read more|read the rest|continue reading|keep reading|read full (post|article|story)|more|阅读全文|阅读更多|继续阅读|查看全文|続きを読む|weiterlesen|lire la suite|leer más)[\s.…»→>:!]*$/i;
const EDIT_LINK = /^(edit( this( page| post| article)?)?|edit (on|in) github|improve this (page|doc(ument)?)|suggest (an )?edit|view source)$/i;

export { isTaxonomyLink };

/** A link that edits a post's source file on a code host (GitHub, GitLab, Bitbucket, Codeberg, Gitee). */
const EDIT_SOURCE_HREF = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gitee\.com)\/.+\/(?:-\/)?edit\/.+\.(?:md|markdown|mdx|mkd|rst|adoc|asciidoc|org|textile|html?)(?:[?#].*)?$/i;
/** "Back to top" in a few languages, or an arrow. */
const BACK_TO_TOP = /^(?:(?:back )?to (?:the )?top|top|topo|arriba|nach oben|haut de page|返回顶部|回到顶部|トップへ|[↑⬆▲^])[\s↑⬆▲]*$/i;

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
    selectors: [`script:not([type^="math/tex" i])${EMBED_SCRIPT_SRC.map((src) => `:not(${src})`).join('')}`, 'style', 'link', 'meta', 'template', 'noscript', 'iframe[src^="about:"]'],
  },
  {
    name: 'hidden',
    touchesProse: true,
    selectors: ['[hidden]', '[aria-hidden="true"]', '[style*="display:none" i]', '[style*="display: none" i]', '[style*="visibility:hidden" i]', '[style*="visibility: hidden" i]', '.sr-only', '.screen-reader-text', '.visually-hidden'],
    test: (el, ctx) => !insideAny(el, ctx.protectedSet),
  },
  {
    name: 'controls',
    touchesProse: true,
    selectors: ['form', 'button', 'input', 'select', 'textarea', '[role="button"]:not(summary)', 'dialog'],
    // Task-list checkboxes carry the item's state; a zoomable image wrapped as a button is content.
    test: (el) =>
      !(el.name === 'input' && el.attribs.type === 'checkbox' && closestIn(el, 'li') !== undefined) && !(el.attribs.role === 'button' && hasMedia(el)),
  },
  {
    name: 'image-buttons',
    touchesProse: true,
    // Medium and lightbox plugins wrap images in role="button" elements: keep the image, drop the wrapper.
    selectors: ['[role="button"]'],
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
    selectors: ['nav', '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]', 'header', 'footer', '.site-header', '.site-footer', '#header', '#footer'],
    // A <footer> inside a quotation or figure is its citation, not page furniture.
    test: (el) => !(el.parent?.type === 'tag' && closestIn(el.parent as Element, 'blockquote, figure')),
    maxShare: 0.6,
  },
  {
    name: 'sidebars',
    selectors: ['aside', '[role="complementary"]', '#secondary'],
    words: ['sidebar', 'widget', 'widgets', 'widget-area'],
    test: (el, ctx) => el.name !== 'aside' || linkHeavy(ctx, el) || /sidebar|widget|related|toc|share|social/i.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`),
    maxShare: 0.6,
  },
  {
    name: 'comments',
    selectors: ['#disqus_thread', '.giscus', '.utterances', '#gitalk-container', '#vcomments', '#waline', '#twikoo', '#tcomment'],
    words: ['comment', 'comments', 'commentlist', 'comment-list', 'disqus', 'giscus', 'utterances', 'gitalk', 'valine', 'waline', 'twikoo', 'respond', 'discussion', 'remark42', 'commento', 'isso', 'cusdis', 'responses'],
  },
  {
    name: 'share-buttons',
    words: ['share', 'sharing', 'shares', 'sharedaddy', 'addtoany', 'a2a', 'social', 'social-links', 'socials', 'shareaholic', 'sharethis', 'share-buttons', 'social-share', 'post-share', 'sns'],
    maxShare: 0.3,
  },
  {
    name: 'related-posts',
    words: ['related', 'related-posts', 'yarpp', 'jp-relatedposts', 'more-posts', 'recommended', 'read-next', 'also-like', 'similar-posts', 'popular-posts', 'recent-posts'],
    maxShare: 0.5,
  },
  {
    name: 'pagination-and-post-nav',
    selectors: ['a[rel~="prev"]', 'a[rel~="next"]'],
    words: ['pagination', 'pager', 'post-nav', 'postnav', 'post-navigation', 'nav-links', 'prev-next', 'next-prev', 'nav-previous', 'nav-next', 'article-nav', 'navigation', 'breadcrumb', 'breadcrumbs', 'page-links', 'paginav', 'pagenav', 'page-nav'],
    maxShare: 0.3,
  },
  {
    name: 'table-of-contents',
    selectors: ['#TableOfContents', '#toc', '#markdown-toc', '.toc', '.table-of-contents'],
    words: ['toc', 'table-of-contents', 'tableofcontents', 'post-toc', 'toc-container', 'ez-toc', 'ez-toc-container', 'lwptoc', 'toc-wrapper', 'markdown-toc'],
    maxShare: 0.4,
  },
  {
    name: 'read-more-links',
    selectors: ['a.more-link', '.read-more', '.readmore', '.read-more-link', '.jump-link', 'span#more', 'a#more', 'p.more'],
    scan: 'a',
    test: (el, ctx) =>
      /(^|[\s_-])(more-link|read-?more|jump-link)([\s_-]|$)/i.test(el.attribs.class ?? '') ||
      (el.name === 'a' && READ_MORE.test(ctx.$(el).text().replace(/\s+/g, ' ').trim())) ||
      el.name !== 'a',
  },
  {
    name: 'post-meta-lines',
    words: ['post-meta', 'entry-meta', 'article-meta', 'post-info', 'postmeta', 'byline', 'post-byline', 'post-date', 'posted-on', 'post-tags', 'post-categories', 'tags-links', 'cat-links', 'entry-footer', 'post-footer', 'article-footer', 'meta-info', 'article-info', 'post-metadata', 'post-details', 'article-tag-list', 'article-category', 'post-labels', 'tag-list', 'taglist', 'entry-tags', 'post-author-box', 'author', 'post-author', 'byline-author', 'reading-time', 'read-time', 'readtime', 'author-bio', 'about-author', 'author-box', 'author-card', 'author-info', 'post-copyright', 'copyright'],
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
      const $el = ctx.$(el);
      const links = selectIn(el, 'a[href]');
      if (!links.length || !links.every((a) => isTaxonomyLink(a, ctx.base))) return false;
      const linkText = links.reduce((n, a) => n + ctx.$(a).text().trim().length, 0);
      return $el.text().replace(/\s+/g, ' ').trim().length - linkText <= 24;
    },
  },
  {
    name: 'lone-date-lines',
    scan: 'children',
    // A short line that is only a date ("Posted on July 26, 2015") at the top or bottom of the body.
    test: (el, ctx) => {
      const parent = el.parent;
      if (parent !== ctx.root.get(0) || !/^(p|div|span|time|small|h[4-6]|em)$/.test(el.name)) return false;
      return nearEdge(el) && isDateLine(ctx.$(el).text());
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
    selectors: ['ins.adsbygoogle', '[id^="div-gpt-ad"]', '[id^="google_ads"]', '[data-ad-slot]', '[data-ad-client]'],
    words: ['ad', 'ads', 'adsbygoogle', 'advert', 'adverts', 'advertisement', 'advertising', 'sponsor', 'sponsored', 'dfp', 'adsense', 'ad-slot', 'ad-container', 'ad-wrapper', 'promo', 'promoted'],
    maxShare: 0.3,
  },
  {
    name: 'newsletter-and-cta',
    words: ['subscribe', 'subscription', 'newsletter', 'signup', 'sign-up', 'mailchimp', 'mc_embed_signup', 'cta', 'follow-us', 'donate', 'sponsor-me', 'reward', 'buymeacoffee'],
    maxShare: 0.3,
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
    selectors: ['.edit-link', '.post-edit-link', '.theme-edit-this-page', '.edit-page', '.edit-this-page', '.page-edit'],
    scan: 'a',
    test: (el, ctx) => el.name !== 'a' || EDIT_LINK.test(ctx.$(el).text().replace(/\s+/g, ' ').trim()) || /(^|[\s_-])edit/i.test(el.attribs.class ?? ''),
  },
  {
    name: 'edit-this-post-lines',
    touchesProse: true,
    scan: 'a[href]',
    // "Found a mistake? Edit it!" in any language: a short line whose link edits the post's own source
    // file on a code host. The line goes with the link: it only invites the edit.
    test: (el) => EDIT_SOURCE_HREF.test(el.attribs.href ?? ''),
    action: 'remove-line',
  },
  {
    name: 'license-notices',
    words: ['license', 'licence', 'licensing', 'cc-license', 'creative-commons', 'creativecommons', 'post-license', 'license-box'],
    scan: 'p, div, section, aside',
    // The licence block under a post: short, and linking its licence (rel="license", Creative Commons).
    test: (el, ctx) => selectIn(el, 'a[rel~="license"], a[href*="creativecommons.org/licenses"]').length > 0 && nonSpaceLength(ctx.$(el).text()) <= 400,
    maxShare: 0.3,
  },
  {
    name: 'back-to-top-links',
    words: ['go-top', 'gotop', 'back-to-top', 'backtotop', 'to-top', 'totop', 'scroll-top', 'scrolltop', 'top-link', 'return-top', 'goto-top'],
    scan: 'a[href="#"], a[href="#top"]',
    test: (el, ctx) => el.name !== 'a' || BACK_TO_TOP.test(ctx.$(el).text().replace(/\s+/g, ' ').trim()),
  },
  {
    name: 'copy-code-buttons',
    touchesProse: true,
    words: ['copy-btn', 'copy-button', 'copy-code', 'code-copy', 'copy-code-button', 'clipboard', 'copy-to-clipboard', 'btn-copy'],
  },
  {
    name: 'heading-anchors',
    touchesProse: true,
    scan: 'h1 a, h2 a, h3 a, h4 a, h5 a, h6 a, a.headerlink, a.anchor, a.header-anchor, a.hash-link, a.anchorjs-link, a.direct-link, a.heading-anchor, a.zola-anchor',
    // Empty or glyph-only self-links (¶, #, 🔗) and anchor-classed links; the heading text itself stays.
    test: (el, ctx) => {
      const href = el.attribs.href ?? '';
      const text = ctx.$(el).text();
      if (HEADING_ANCHOR_CLASS.test(el.attribs.class ?? '') && (ANCHOR_GLYPHS.test(text) || !closestIn(el, 'h1, h2, h3, h4, h5, h6'))) return true;
      return href.startsWith('#') && ANCHOR_GLYPHS.test(text) && selectIn(el, 'img').length === 0;
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
