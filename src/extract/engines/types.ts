/**
 * What blogvault knows about one blog engine, as data: how to recognise its pages and where its themes
 * put the article, its metadata and their own clutter. Selectors are tried in order, first match wins.
 */
export interface EngineRule {
  /** Engine name reported in ExtractedPost.engine (e.g. "hexo"). */
  name: string;
  detect: {
    /** Matched against `<meta name="generator">`. */
    generator?: RegExp;
    /** Markup signatures: any selector present on the page identifies the engine. */
    selectors?: string[];
    /** Matched against the raw HTML, for signatures that are not elements (CDN hosts...). */
    html?: RegExp;
  };
  /** The element holding the article body, per theme. */
  content: string[];
  title?: string[];
  /** Elements whose `datetime`/`content`/`title` attribute or text carries the publication date. */
  date?: string[];
  updated?: string[];
  author?: string[];
  /** Links (or elements) whose text is one tag / category of this post. */
  tags?: string[];
  categories?: string[];
  /**
   * The engine's templates fill `article:section` and JSON-LD `articleSection` with the content section
   * (Hugo: `.Section`, "posts", or that section's title, "Welcome to Posts!"), never with a category.
   */
  sectionIsNotCategory?: boolean;
  /** Elements inside the content that are not article body on this engine's themes. */
  junk?: string[];
}
