/**
 * The words and selectors of the clean-up rules (clean-rules.ts), as data: for each rule, the class/id
 * words (a whole dash/underscore-separated part of a class or id) and the selectors that mark what it
 * removes, and the wording of links it recognises.
 */
import { EMBED_SCRIPT_SRC } from '../url/embed-scripts.js';

/** Content that must never be touched by word-based rules: code, math, and things inside them. */
export const PROTECTED = 'pre, code, .highlight, figure.highlight, .katex, .katex-display, .MathJax, mjx-container, math, svg, .mermaid';

/** Classes of the permalink anchors engines add to headings. */
export const HEADING_ANCHOR_CLASS = /(^|[\s_-])(headerlink|anchor|anchorjs-link|header-anchor|heading-anchor|hash-link|direct-link|permalink|heading-link|zola-anchor|hanchor|anchor-link|autolink)([\s_-]|$)/i;

/** The text of a heading anchor: a glyph (¶, #, §, a link symbol) or nothing. */
export const ANCHOR_GLYPHS = /^[\s\u00a0\u200b¶#§🔗⚓︎\u{1F517}\uFE0F-]*$/u;

/** Wording of a "Read more" link left in the article. */
export const READ_MORE = /^(read more|read the rest|continue reading|keep reading|read full (post|article|story)|more|阅读全文|阅读更多|继续阅读|查看全文|続きを読む|weiterlesen|lire la suite|leer más)[\s.…»→>:!]*$/i;

/** Wording of an "Edit this page" link. */
export const EDIT_LINK = /^(edit( this( page| post| article)?)?|edit (on|in) github|improve this (page|doc(ument)?)|suggest (an )?edit|view source)$/i;

/** A link that edits a post's source file on a code host (GitHub, GitLab, Bitbucket, Codeberg, Gitee). */
export const EDIT_SOURCE_HREF = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gitee\.com)\/.+\/(?:-\/)?edit\/.+\.(?:md|markdown|mdx|mkd|rst|adoc|asciidoc|org|textile|html?)(?:[?#].*)?$/i;

/**
 * A link that shows a source file on a code host (`blob`, `tree`, `src`): the file's stem is captured, for
 * telling a post's "View the source of this page" link (its own file) from a link to any other file.
 */
export const VIEW_SOURCE_HREF = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gitee\.com)\/.+\/(?:-\/)?(?:blob|tree|src)\/(?:.+\/)?([^/?#]+)\.(?:md|markdown|mdx|mkd|rst|adoc|asciidoc|org|textile|html?)(?:[?#].*)?$/i;

/** "Back to top" in a few languages, or an arrow. */
export const BACK_TO_TOP = /^(?:(?:back )?to (?:the )?top|top|topo|arriba|nach oben|haut de page|返回顶部|回到顶部|トップへ|[↑⬆▲^])[\s↑⬆▲]*$/i;
/** Elements that are never text (MathJax TeX sources and scripts that write a code file where they stand are kept). */
export const SCRIPTS_AND_STYLES_SELECTORS = [`script:not([type^="math/tex" i])${EMBED_SCRIPT_SRC.map((src) => `:not(${src})`).join('')}`, 'style', 'link', 'meta', 'template', 'noscript', 'iframe[src^="about:"]'];

/** Elements hidden from readers. */
export const HIDDEN_SELECTORS = ['[hidden]', '[aria-hidden="true"]', '[style*="display:none" i]', '[style*="display: none" i]', '[style*="visibility:hidden" i]', '[style*="visibility: hidden" i]', '.sr-only', '.screen-reader-text', '.visually-hidden'];

/** Form controls and dialogs. */
export const CONTROLS_SELECTORS = ['form', 'button', 'input', 'select', 'textarea', '[role="button"]:not(summary)', 'dialog'];

/** Wrappers that make an image a button (Medium, lightbox plugins). */
export const IMAGE_BUTTONS_SELECTORS = ['[role="button"]'];

/** The page's navigation, banner, header and footer. */
export const PAGE_CHROME_SELECTORS = ['nav', '[role="navigation"]', '[role="banner"]', '[role="contentinfo"]', 'header', 'footer', '.site-header', '.site-footer', '#header', '#footer'];

/** Class/id words of sidebars and widget areas. */
export const SIDEBARS_WORDS = ['sidebar', 'widget', 'widgets', 'widget-area'];

/** Sidebars by element, role or id. */
export const SIDEBARS_SELECTORS = ['aside', '[role="complementary"]', '#secondary'];

/** Class/id words of comment sections and comment systems. */
export const COMMENTS_WORDS = ['comment', 'comments', 'commentlist', 'comment-list', 'disqus', 'giscus', 'utterances', 'gitalk', 'valine', 'waline', 'twikoo', 'respond', 'discussion', 'remark42', 'commento', 'isso', 'cusdis', 'responses'];

/** Comment systems' containers, and the credit link Disqus's embed code puts after its thread. */
export const COMMENTS_SELECTORS = ['#disqus_thread', '.dsq-brlink', '.giscus', '.utterances', '#gitalk-container', '#vcomments', '#waline', '#twikoo', '#tcomment'];

/** Class/id words of share buttons and social links. */
export const SHARE_BUTTONS_WORDS = ['share', 'sharing', 'shares', 'sharedaddy', 'addtoany', 'a2a', 'social', 'social-links', 'socials', 'shareaholic', 'sharethis', 'share-buttons', 'social-share', 'post-share', 'sns'];

/** Class/id words of related, recommended and recent posts. */
export const RELATED_POSTS_WORDS = ['related', 'related-posts', 'yarpp', 'jp-relatedposts', 'more-posts', 'recommended', 'read-next', 'also-like', 'similar-posts', 'popular-posts', 'recent-posts'];

/**
 * Class/id words of pagination, previous/next post links and breadcrumbs ('neighbors': Pelican names the
 * previous and next article so, and its themes the block holding their links; 'navigator' the block of
 * themes that call it a post's or section's navigator).
 */
export const PAGINATION_AND_POST_NAV_WORDS = ['pagination', 'pager', 'post-nav', 'postnav', 'post-navigation', 'nav-links', 'prev-next', 'next-prev', 'nav-previous', 'nav-next', 'article-nav', 'navigation', 'breadcrumb', 'breadcrumbs', 'page-links', 'paginav', 'pagenav', 'page-nav', 'paginator', 'neighbors', 'neighbours', 'navigator'];

/** Links to the previous and next page. */
export const PAGINATION_AND_POST_NAV_SELECTORS = ['a[rel~="prev"]', 'a[rel~="next"]'];

/** Class/id words of tables of contents. */
export const TABLE_OF_CONTENTS_WORDS = ['toc', 'table-of-contents', 'tableofcontents', 'post-toc', 'toc-container', 'ez-toc', 'ez-toc-container', 'lwptoc', 'toc-wrapper', 'markdown-toc'];

/** Tables of contents by id or class. */
export const TABLE_OF_CONTENTS_SELECTORS = ['#TableOfContents', '#toc', '#markdown-toc', '.toc', '.table-of-contents'];

/** "Read more" links and markers. */
export const READ_MORE_LINKS_SELECTORS = ['a.more-link', '.read-more', '.readmore', '.read-more-link', '.jump-link', 'span#more', 'a#more', 'p.more'];

/** Class/id words of bylines, date and tag lines, author boxes and copyright notes. */
export const POST_META_LINES_WORDS = ['post-meta', 'entry-meta', 'article-meta', 'post-info', 'postmeta', 'byline', 'post-byline', 'post-date', 'posted-on', 'post-tags', 'post-categories', 'tags-links', 'cat-links', 'entry-footer', 'post-footer', 'article-footer', 'meta-info', 'article-info', 'post-metadata', 'post-details', 'article-tag-list', 'article-category', 'post-labels', 'tag-list', 'taglist', 'entry-tags', 'post-author-box', 'author', 'post-author', 'byline-author', 'reading-time', 'read-time', 'readtime', 'author-bio', 'about-author', 'author-box', 'author-card', 'author-info', 'post-copyright', 'copyright'];

/** Class/id words of advertisements and sponsored blocks. */
export const ADS_WORDS = ['ad', 'ads', 'adsbygoogle', 'advert', 'adverts', 'advertisement', 'advertising', 'sponsor', 'sponsored', 'dfp', 'adsense', 'ad-slot', 'ad-container', 'ad-wrapper', 'promo', 'promoted'];

/** Ad slots by their ad network's markup. */
export const ADS_SELECTORS = ['ins.adsbygoogle', '[id^="div-gpt-ad"]', '[id^="google_ads"]', '[data-ad-slot]', '[data-ad-client]'];

/** Class/id words of subscription forms and calls to action (donate, follow). */
export const NEWSLETTER_AND_CTA_WORDS = ['subscribe', 'subscription', 'newsletter', 'signup', 'sign-up', 'mailchimp', 'mc_embed_signup', 'cta', 'follow-us', 'follow-button', 'donate', 'sponsor-me', 'reward', 'buymeacoffee'];

/** Links to donation and membership platforms: the box asking for support under a post holds one. */
export const DONATION_HREF = /^https?:\/\/(?:www\.)?(?:ko-fi\.com|buymeacoffee\.com|patreon\.com|liberapay\.com|opencollective\.com|paypal\.me|github\.com\/sponsors|afdian\.(?:net|com))\//i;
/** Such a box is short: longer text is a post that talks about the platform. */
export const DONATION_BOX_CHARS = 400;

/** "Edit this page" links by class. */
export const EDIT_LINKS_SELECTORS = ['.edit-link', '.post-edit-link', '.theme-edit-this-page', '.edit-page', '.edit-this-page', '.page-edit'];

/** Class/id words of licence notices under a post. */
export const LICENSE_NOTICES_WORDS = ['license', 'licence', 'licensing', 'cc-license', 'creative-commons', 'creativecommons', 'post-license', 'license-box'];

/**
 * Class/id words of the notice a multilingual theme puts above or below a post pointing to its version in
 * another language ("This post is also available in French: <a>…</a>").
 */
export const TRANSLATION_NOTICES_WORDS = ['translation', 'translations', 'post-translations', 'translation-notice', 'available-translations', 'other-languages', 'available-languages', 'language-switcher', 'lang-switcher'];

/** Length (non-space characters) above which a block marked as a translation notice is the author's text. */
export const TRANSLATION_NOTICE_CHARS = 200;

/** Class/id words of "back to top" links. */
export const BACK_TO_TOP_LINKS_WORDS = ['go-top', 'gotop', 'back-to-top', 'backtotop', 'to-top', 'totop', 'scroll-top', 'scrolltop', 'top-link', 'return-top', 'goto-top'];

/** Class/id words of copy-code buttons. */
export const COPY_CODE_BUTTONS_WORDS = ['copy-btn', 'copy-button', 'copy-code', 'code-copy', 'copy-code-button', 'clipboard', 'copy-to-clipboard', 'btn-copy'];

/** Class/id words of an <aside> that is chrome, not the author's aside. */
export const ASIDE_CHROME = /sidebar|widget|related|toc|share|social/i;

/** Classes of "Read more" links. */
export const READ_MORE_CLASS = /(^|[\s_-])(more-link|read-?more|jump-link)([\s_-]|$)/i;

/** Classes of edit links. */
export const EDIT_CLASS = /(^|[\s_-])edit/i;

/** Heading permalinks: links inside headings and links classed as engines' heading anchors. */
export const HEADING_ANCHOR_LINKS = 'h1 a, h2 a, h3 a, h4 a, h5 a, h6 a, a.headerlink, a.anchor, a.header-anchor, a.hash-link, a.anchorjs-link, a.direct-link, a.heading-anchor, a.zola-anchor';
