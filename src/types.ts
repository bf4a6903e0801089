/** Metadata of one post, as found on its page. Dates are ISO 8601 strings. */
export interface PostMeta {
  title: string;
  date?: string;
  updated?: string;
  author?: string;
  tags: string[];
  categories: string[];
  description?: string;
  canonical?: string;
  lang?: string;
  image?: string;
}

/** What extraction hands to conversion: the article's cleaned HTML and its metadata. */
export interface ExtractedPost {
  url: string;
  meta: PostMeta;
  /** Cleaned article HTML (no nav, share buttons, comments...), image/link URLs made absolute. */
  contentHtml: string;
  /** The engine recognised on the page, if any (e.g. "hexo", "jekyll"). */
  engine?: string;
  /** How the content element was chosen (a CSS path or the rule's name), shown by `blogvault inspect`. */
  contentSelector?: string;
  /** The page itself gives a publication date (not only its URL): what tells a post from a site page. */
  dated: boolean;
}

/** A post link found while walking the index. */
export interface PostLink {
  url: string;
  title?: string;
  date?: string;
  /** Terms the blog's feed gives the post (RSS/Atom `<category>`): themes that show one tag name them all. */
  terms?: string[];
  /** The language section (`/en/`) whose sitemap listed it: its path is shaped like the known posts' below that prefix. */
  section?: string;
}

/**
 * What the blog's start page says of the whole blog, to tell a post's own metadata from the blog's:
 * a `<meta name="keywords">` or `<title>` that every page repeats names no post.
 */
export interface SiteFacts {
  /** The start page's `<title>`. */
  title?: string;
  /** The start page's `<meta name="keywords">`, split. */
  keywords?: string[];
  /** The start page's description and share image (as written): a post repeating them has none of its own. */
  description?: string;
  image?: string;
}

/** What extraction is told besides the page itself. */
export interface ExtractContext {
  overrides?: Overrides;
  site?: SiteFacts;
}

/** User-supplied CSS selectors and patterns that override detection (CLI flags or a site profile). */
export interface Overrides {
  postLink?: string;
  next?: string;
  content?: string;
  title?: string;
  date?: string;
  exclude?: string[];
}
