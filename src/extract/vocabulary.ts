/**
 * The words and selectors extraction recognises in a post page, as data: what themes call the post's
 * container, page furniture, a date, an author, a tag or category. The rules that use them live in
 * furniture.ts, metadata.ts, post-dates.ts and taxonomy.ts; the clean-up rules' words are in
 * clean-vocabulary.ts, each engine's selectors in engines/.
 */

// ---- page furniture (furniture.ts) ----

/** The post's own container: the article around the body, its header and footer included. */
export const ARTICLE_SCOPE = 'article, [itemtype*="BlogPosting" i], [itemtype*="Article" i], .hentry, .h-entry, .type-post, .post, #post';

/** ARIA roles of page furniture. */
export const FURNITURE_ROLES = new Set(['navigation', 'complementary', 'banner', 'contentinfo']);

/** Class or id tokens of page furniture, as a whole token. */
export const FURNITURE_TOKEN = /^(sidebar|secondary|widget|widgets|widget-area|tagcloud|tag-cloud|site-header|site-footer|menu|post-nav|post-navigation|pagination|archive-list|category-list|tag-list)$/i;

/**
 * Furniture tokens that name a list of terms: in a sidebar the blog's every tag, but an element so marked
 * inside the post's article container lists that post's own terms (Type on Strap: `<div class="tag-list">`
 * after the body).
 */
export const TERM_LIST_FURNITURE = /^(tag-list|category-list)$/i;

/** Parts of a class or id token that make it furniture wherever they appear. */
export const FURNITURE_PART = /sidebar|widget|related|tag-cloud|tagcloud/i;

/** A sidebar beside the article: the article's scope is not widened over a parent holding one. */
export const SIDEBAR = 'aside, .sidebar, #sidebar, .widget';

// ---- dates (post-dates.ts) ----

/** Elements marked up as the post's publication date. */
export const PUBLISHED_ELEMENTS = ['[itemprop~="datePublished"]'];

/** Elements marked up as the post's last change. */
export const MODIFIED_ELEMENTS = ['[itemprop~="dateModified"]'];

/**
 * Class or itemprop names that mark a date element (or its wrapper) as the post's last change, and the
 * names that mark it as the publication date too (WordPress writes `class="entry-date published updated"`
 * on one element when the post never changed).
 */
export const CHANGE_CLASS = /(?:^|[-_])(?:updated?|modified|edited|lastmod|last-?modified)(?:$|[-_])|^datemodified$/i;
export const PUBLISH_CLASS = /(?:^|[-_])(?:published|posted|created|pubdate)(?:$|[-_])|^datepublished$/i;

/** Labels a theme prints right before the last change's date ("Updated on:", "更新于"), lower case. */
export const CHANGE_LABELS = [
  'updated', 'last updated', 'updated on', 'updated at', 'modified', 'last modified', 'modified on', 'edited', 'last edited', 'edited on', 'revised',
  '更新', '更新于', '更新於', '更新日', '最后更新', '最後更新', '修改于', '수정', '수정일', '업데이트',
  'mis à jour', 'mis à jour le', 'modifié le', 'aktualisiert', 'aktualisiert am', 'geändert am', 'actualizado', 'actualizado el',
  'atualizado', 'atualizado em', 'aggiornato', 'aggiornato il', 'обновлено',
];

/** <meta> names of the publication date in OpenGraph and schema.org terms. */
export const PUBLISHED_META = ['article:published_time', 'og:published_time', 'datePublished'];

/** Other <meta> names that carry a publication date (Dublin Core, news and analytics tags). */
export const DATE_META = ['date', 'dc.date', 'dc.date.issued', 'dcterms.created', 'publish-date', 'pubdate', 'parsely-pub-date', 'sailthru.date', 'article.published'];

/** <meta> names of the last change. */
export const MODIFIED_META = ['article:modified_time', 'og:updated_time', 'dateModified', 'last-modified'];

/** Elements where themes show the date near the post, most reliable first. */
export const DATE_ELEMENTS = ['time[datetime]', 'time', '.published', '.post-date', '.entry-date', '.date', '.post-meta', '.entry-meta', '.meta'];

// ---- title, author, description, image (metadata.ts) ----

/** <meta> names of the blog's name. */
export const SITE_NAME_META = ['og:site_name', 'application-name'];

/** <meta> names of the post's title as the page shares it. */
export const TITLE_META = ['og:title', 'twitter:title'];

/** <meta> names of the author. */
export const AUTHOR_META = ['author', 'dc.creator', 'parsely-author', 'sailthru.author'];

/** The author's name marked up inside the post (schema.org). */
export const AUTHOR_NAME_PROP = '[itemprop~="author"] [itemprop~="name"]';

/** Elements where themes show the author's name, most reliable first. */
export const AUTHOR_ELEMENTS = [AUTHOR_NAME_PROP, '[rel~="author"]', '.p-author', '.author .fn', '.byline .author', '.post-author', '.author-name'];

/** <meta> names of a page's summary, best first (a post's, or on the start page the blog's). */
export const DESCRIPTION_META = ['description', 'og:description', 'twitter:description'];

/** <meta> names of a page's share image, best first (a post's, or on the start page the blog's). */
export const IMAGE_META = ['og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'];

/** <meta> names of keywords, a post's tags where they are not the blog's own list. */
export const KEYWORDS_META = ['keywords', 'news_keywords'];

// ---- tags and categories (taxonomy.ts) ----

/** A breadcrumb trail: its own class or id, an ARIA label, or schema.org's BreadcrumbList. */
export const BREADCRUMB = '[class*="breadcrumb" i], [id*="breadcrumb" i], [aria-label*="breadcrumb" i], [itemtype*="BreadcrumbList" i]';

/** URL shapes of a category page: `/categories/x/`, `/category/x`, `/categories/#x`, `/categories.html#x`, `?cat=`. */
export const CATEGORY_HREF = /\/(?:categor(?:y|ies)|section)\/[^/?#]+|\/categor(?:y|ies)(?:\.html?)?\/?#.+|[?&](?:cat|category)=/i;

/** URL shapes of a tag page: `/tags/x/`, `/tag/x`, `/tagged/x`, `/topics/x`, `/labels/x`, Blogger's `/search/label/x`, `/tags.html#x`, `?tag=`. */
export const TAG_HREF = /\/(?:tags?|tagged|topics?|labels?|search\/label)\/[^/?#]+|\/(?:tags?|topics?|labels?)(?:\.html?)?\/?#.+|[?&]tag=/i;

/**
 * URL shape of the page listing every term of a kind (`/tags/`, `/categories`, `/tags.html`): a link there
 * names no term, even marked rel=tag (Hugo themes print a front-matter tag left empty as a rel=tag link to `/tags/`).
 * A term named like a taxonomy (`/tags/tags/`, `/categories/topics/`) is a term's page, not the list.
 */
export const TERM_INDEX_HREF =
  /(?<!\/(?:tags?|tagged|topics?|labels?|categor(?:y|ies)))\/(?:tags?|tagged|topics?|labels?|categor(?:y|ies))(?:\/(?:index\.html?)?|\.html?)?$/i;

/** A class token naming a list of terms: `post-tags`, `blog-post__metadata__tags`, `entry-categories`. */
export const TERM_LIST_CLASS = /(?:^|[-_])(tags?|keywords|labels?|topics?|categor(?:y|ies))$/i;

/** The label a theme prints before plain-text terms. */
export const TERM_LABEL = /^\s*(?:tags?|tagged(?:\s+with)?|keywords|labels?|topics?|categor(?:y|ies)|filed\s+under|posted\s+in)\s*[:：]?\s*/i;

/** Characters between terms: commas and semicolons (also CJK ones), bars, dots. */
export const TERM_SEPARATOR_CHARS = ',，、;；|·•';

/** Between plain-text terms: a separator character, or a space before `#`. */
export const TERM_SEPARATOR = new RegExp(`\\s*[${TERM_SEPARATOR_CHARS}]\\s*|\\s+(?=#)`);
