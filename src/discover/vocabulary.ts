/**
 * The words and selectors discovery recognises, as data: what themes call a listing's entries, a "Read
 * more" link, a next page, site chrome, an archive. The rules that use them live in post-links.ts,
 * listing-chrome.ts, entry-links.ts, pagination.ts, archive-links.ts and link-filters.ts.
 */

// ---- index pages: listings and their entries (post-links.ts, listing-chrome.ts, entry-links.ts) ----

/** Never part of a listing. */
export const NOISE = 'script, style, noscript, template, svg, canvas, iframe, object, embed, select, button, input, textarea';

/** Site chrome, by element or role: removed with everything inside. */
export const CHROME = 'nav, aside, dialog, [role="navigation"], [role="complementary"], [role="banner"], [role="contentinfo"], [role="search"]';

/** Class or id tokens of site chrome (sidebars, widgets, menus, comment and share blocks). */
export const CHROME_TOKEN =
  /^(?:[\w-]*(?:sidebar|side-bar|widget)[\w-]*|secondary|header|footer|site-header|site-footer|page-footer|global-header|global-footer|site-nav|nav|navigation|topbar|top-bar|masthead|navbar|nav-menu|main-menu|menu|breadcrumbs?|comments?|comment-list|disqus_thread|related|related-posts|share|sharing|share-buttons|social|social-links|tagcloud|tag-cloud|recent-posts|popular-posts|blogroll|toc|table-of-contents)$/i;

/** Chrome is never this: a block holding the listing itself (Blogger's posts live in a `.widget`). */
export const HOLDS_LISTING = 'main, [role="main"], article, .hentry, .h-entry, [itemprop="blogPost"], .blog-posts, .post-list, .posts';

/** Elements that are one entry of a listing, in any engine's words. */
export const ENTRY =
  'article, [itemprop="blogPost"], [itemtype*="BlogPosting"], .hentry, .h-entry, .post, .entry, .post-item, .post-entry, .post-preview, .post-card, .post-summary, .post-block, .blog-post, .blog-entry, .post-outer, .card, .archive-post, .archive-item, .post-list-item, .list-item, .article-item, .entry-item, .note, .story';

/** Entry-like ancestors that keep their own <header>/<footer> (which hold the title link). */
export const ENTRY_OR_LISTING = `${ENTRY}, main, [role="main"]`;

/** Wording of "Read more" links, after arrows and punctuation are trimmed; may be followed by the title. */
export const READ_MORE =
  /^(?:read more|read on|read the rest|read full (?:post|article|story)|read (?:the )?(?:post|article|story)|continue reading|keep reading|view post|full post|full article|阅读全文|阅读更多|查看全文|继续阅读|阅读剩余部分|閱讀全文|閱讀更多|繼續閱讀|続きを読む|もっと読む|더 보기|weiterlesen|mehr lesen|lire la suite|lire plus|leer más|seguir leyendo|continua a leggere|leia mais|читать далее)(?![\p{L}\p{N}])/iu;

/**
 * Words that mean "Read more" only when they are the whole label ("More thoughts on X" is a title); a
 * "Permalink" under an entry (blosxom-style themes, whose titles are no links) is the post's own link too.
 */
export const READ_MORE_WORD = /^(?:more|continue|全文|更多|permalink|permanent link|固定链接)$/i;

/**
 * Labels of the share buttons beside an entry that link the post itself ("Copy link": a theme's
 * clipboard button, an icon whose only words are its title attribute): an action, never the title.
 */
export const SELF_LINK_ACTION = /^(?:copy(?: the)?(?: link| url)?|share(?: this)?(?: post| article)?|link kopieren|teilen|copier le lien|partager|copiar (?:el )?enlace|compartir|copia link|condividi|复制链接|分享|リンクをコピー|共有|링크 복사|공유|копировать ссылку|поделиться)$/i;

/** Class tokens of "Read more" links and of their wrappers. */
export const READ_MORE_TOKEN = /^(?:[a-z]+[-_])?(?:more-link|read-?more|jump-link|continue-reading)(?:[-_][a-z]+)?$|^(?:more|continue|btn-more|more-button)$/i;

/** Arrows, bullets and brackets around a link's label ("» Read more", "[Archive]"), trimmed before matching words. */
export const EDGE_PUNCTUATION = /^[\s«»‹›←→⟵⟶⇐⇒<>|·•.:…\-–—()[\]]+|[\s«»‹›←→⟵⟶⇐⇒<>|·•.:…\-–—()[\]]+$/g;

/** Where an entry's title link lives, most specific first. */
export const TITLE_LINKS = [
  '.post-title a, .entry-title a, .article-title a, .card-title a, .post-heading a, .title a',
  'a.post-link, a.post-title-link, a.post-title, a.entry-title, a.article-title, a.title, a[rel~="bookmark"]',
  'h1 a, h2 a, h3 a, h4 a',
  'a:has(h1, h2, h3, h4, h5)',
  'header a',
];

/** Elements holding an entry's title when its title is not a link. */
export const TITLE_TEXT = '.post-title, .entry-title, .article-title, .card-title, h1, h2, h3, h4, .title';

/** Where an entry shows its date, most reliable first. */
export const DATE_ELEMENTS = [
  '[itemprop~="datePublished"]',
  'time.published, time.dt-published, .dt-published',
  'time[datetime]',
  '.post-date, .entry-date, .published, .date, time',
  '[class*="date"], [class*="time"], .post-meta, .entry-meta, .meta',
];

/** How a link to another page of the listing names itself: "Next page", "Page 3", "Older posts". */
export const PAGE_LABEL = /^(?:(?:go to )?(?:next|previous|prev|older|newer|first|last)(?: page| posts| entries)?|page \d+|第\s*\d+\s*页|下一页|上一页|次のページ|前のページ)$/i;

/** Class words of the title inside a link that wraps a whole card. */
export const TITLE_CLASS = /(?:^|[-_])(?:title|name|heading|headline)(?:$|[-_])/i;

/** Elements that make up a card inside a link (image, title, date, excerpt). */
export const CARD_BLOCKS = new Set(['div', 'p', 'span', 'section', 'header', 'footer', 'time', 'figure', 'img']);

// ---- pagination (pagination.ts) ----

/** A next-page (older posts) link's own words, after arrows and punctuation are trimmed. */
export const NEXT_WORDS =
  /^(?:next|older|next page|next posts|older posts?|older entries|older articles|older stories|previous posts|previous entries|previous articles|earlier posts|(?:load |show |see |view )?more (?:posts|articles|entries|stories)|load more|show more|下一页|下页|下一頁|下頁|更早|更早的文章|较早的文章|更旧的文章|后一页|次のページ|次へ|다음|다음 페이지|suivant|page suivante|articles plus anciens|weiter|nächste seite|ältere beiträge|siguiente|entradas anteriores|entradas antiguas|próxima página|articoli meno recenti|oudere berichten|過去の投稿|較舊的文章|舊文章|以前的文章)$/i;

/** A previous-page (newer posts) link's own words. */
export const PREV_WORDS =
  /^(?:prev|previous|previous page|newer|newer posts?|newer entries|newer articles|newer stories|上一页|上页|上一頁|上頁|更新的文章|较新的文章|前一页|前のページ|前へ|이전|이전 페이지|précédent|page précédente|articles plus récents|zurück|vorherige seite|neuere beiträge|anterior|entradas más recientes|entradas recientes|articoli più recenti|nieuwere berichten|新しい投稿|較新的文章)$/i;

/** Links to the first or last page, which say nothing about direction. */
export const EDGE_WORDS = /^(?:first|last|first page|last page|首页|尾页|末页|最后一页|最後一頁)$/i;

/** A next-page link that is only an arrow. */
export const NEXT_ARROWS = /^[»›→⟶⇒>]+$/;

/** A previous-page link that is only an arrow. */
export const PREV_ARROWS = /^[«‹←⟵⇐<]+$/;

/** Arrows and bullets around a page link's label (brackets stay: "[2]" is a page number). */
export const PAGE_LINK_EDGES = /^[\s«»‹›←→⟵⟶⇐⇒<>|·•.:…\-–—]+|[\s«»‹›←→⟵⟶⇐⇒<>|·•.:…\-–—]+$/g;

/** Class or id tokens of icon-only next-page links and their wrappers (`extend next`, `nav-next`, `blog-pager-older-link`). */
export const NEXT_TOKEN = /(?:^|[-_])(?:next|older)(?:[-_]|$)/i;

/** Class or id tokens of icon-only previous-page links. */
export const PREV_TOKEN = /(?:^|[-_])(?:prev|previous|newer)(?:[-_]|$)/i;

/** Class or id of a block of page links. */
export const PAGINATION_CONTAINER = /pag(e|ing|ination)|pager|page-?nav|nav-links|navigation/i;

/** The page-number link of the page being read. */
export const CURRENT_PAGE = '.current, [aria-current], .active, .is-current, .is-active, .selected, .this-page';

/**
 * Classes and attributes that hide or disable a link. Icarus keeps an invisible "Next" to /page/N+1/ on
 * the last page (Bulma `is-invisible`); Bootstrap disables it (`page-item disabled`). Responsive classes
 * such as `is-hidden-mobile` hide it on some screens only and do not count.
 */
export const HIDDEN_CLASS = /^(?:is-invisible|invisible|hidden|is-hidden|d-none|disabled|is-disabled)$/i;

/** Inline styles that hide a link. */
export const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

// ---- the link from a home page to the list of all posts (archive-links.ts) ----

/** "View all posts" and its kin: a link to the full list. */
export const ALL_POSTS_WORDS =
  /^(?:(?:view|see|browse|show|read) )?(?:all|every) (?:the )?(?:posts|articles|entries|stories|writing|blog posts)(?: in the archives?)?$|^(?:all|more|older) (?:posts|articles|entries) (?:in|are in) the archives?$|^全部文章$|^所有文章$|^全部博文$|^查看全部文章$|^更多文章$|^すべての記事$|^記事一覧$|^전체 ?글$|^모든 ?글$|^(?:alle (?:beiträge|artikel)(?: anzeigen)?|weitere (?:beiträge|artikel)|mehr (?:beiträge|artikel))$|^(?:(?:voir )?tous les (?:articles|billets)|plus d'articles|d'autres articles)$|^(?:(?:ver )?todas las (?:entradas|publicaciones)|(?:ver )?todos los (?:artículos|posts)|más (?:artículos|entradas))$|^(?:(?:ver )?todos os (?:artigos|posts)|(?:ver )?todas as (?:publicações|postagens)|mais (?:artigos|posts))$|^(?:tutti gli articoli|tutti i post|altri articoli)$|^(?:alle (?:berichten|artikelen)|meer (?:berichten|artikelen))$|^(?:все (?:статьи|записи|посты)|больше статей)$/i;

/** A link named "Archive". */
export const ARCHIVE_WORDS =
  /^(?:the )?(?:blog |post |posts |full |complete )?archives?$|^(?:archives? of (?:all )?posts)$|^(?:归档|文章归档|歸檔|文章歸檔|存档|アーカイブ|archiv|archivo|archivio|archief|arquivo|arkiv|архив|아카이브|보관함)$/i;

/** A menu item naming the blog section: the Astro blog starter's home page lists no post and links "Blog". */
export const BLOG_WORDS = /^(?:(?:the )?blog|posts|articles|writing|writings|journal|博客|博文|文章|ブログ|記事|블로그|artikel|beiträge|articles du blog|articles de blog|billets|entradas|artículos|artigos|publicações|статьи|записи|блог)$/i;

/** The path of an archive page. */
export const ARCHIVE_PATH = /\/(?:archives?|all-posts|posts-archive|blog-archive)(?:\.html?)?\/?$/i;

// ---- URLs that are no post (link-filters.ts) ----

/** Path segments of listings and of the engine's own pages (tags, feeds, admin, login). */
export const LISTING_SEGMENTS = new Set([
  'tag', 'tags', 'category', 'categories', 'label', 'labels', 'topic', 'topics', 'author', 'authors', 'search',
  'feed', 'feeds', 'rss', 'atom', 'comments', 'wp-admin', 'wp-json', 'wp-content', 'wp-includes', 'cdn-cgi',
  'login', 'signin', 'signup', 'register', 'subscribe', 'users', 'members',
]);

/** The last segment of a site page near the top of the site (`/about/`, `/blog/links/`). */
export const SITE_PAGES = new Set([
  'about', 'about-me', 'about-us', 'about_me', 'contact', 'contact-me', 'privacy', 'privacy-policy', 'privacy_policy',
  'terms', 'imprint', 'impressum', 'disclaimer', 'links', 'friends', 'sitemap', 'search', 'tags', 'categories',
  'archives', 'archive', 'subscribe', 'newsletter', 'now', 'uses', 'projects', 'portfolio', 'resume', 'cv', '404',
  'profile', 'blogroll', 'guestbook', 'work', 'experience',
]);

/** Files that are no page (calendars, contact cards and outlines are data a home page links to: "Add to your calendar"). */
export const FILE_EXTENSION = /\.(xml|rss|atom|json|txt|css|js|mjs|map|png|jpe?g|gif|svg|webp|avif|ico|bmp|pdf|zip|gz|tgz|rar|7z|tar|bz2|xz|mp3|mp4|m4a|flac|webm|ogg|wav|mov|mkv|avi|woff2?|ttf|eot|exe|dmg|apk|deb|epub|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv|ics|ical|vcf|opml)$/i;

/**
 * Words a calendar archive's path may start with (`/archive/2016/02/`, `/blog/2016/`, `/en/2016/`): a
 * year after anything else (`/notes/life/2025/`, a post a Hexo category permalink names by year) is a slug.
 */
export const CALENDAR_PREFIX = /^(archives?|blog|posts|date|calendar|[a-z]{2}(-[a-z]{2})?)$/i;

/** Query parameters of listings, searches and actions. */
export const LISTING_QUERY = /^(s|q|cat|tag|category|author|m|year|monthnum|feed|paged|page|replytocom|share|like_comment|action|updated-max|updated-min|max-results|by-date)$/i;
