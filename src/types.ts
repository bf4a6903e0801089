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
}

/** A post link found while walking the index. */
export interface PostLink {
  url: string;
  title?: string;
  date?: string;
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
