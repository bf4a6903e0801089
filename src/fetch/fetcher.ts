/** One HTTP (or rendered) response. `body` holds the raw bytes; `text` the decoded document for text types. */
export interface FetchResult {
  /** The URL that was asked for. */
  url: string;
  /** The URL after redirects (or the browser's final location). */
  finalUrl: string;
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Lower-cased MIME type without parameters, e.g. "text/html". */
  contentType: string;
  body: Buffer;
  /** The body decoded to a string (charset from header, BOM or <meta>) for HTML/XML/text responses. */
  text?: string;
  /** True when a conditional request was answered 304 Not Modified (body is empty then). */
  notModified?: boolean;
}

export interface FetchOptions {
  /** "page": HTML expected, redirects must stay on the start origin; "asset": any type (images); "data": XML/text (feeds, sitemaps, robots). */
  kind?: 'page' | 'asset' | 'data';
  /** Conditional request validators from an earlier run. */
  etag?: string;
  lastModified?: string;
  /** Index pages only: a browser clicks "Load more" and scrolls until no new content appears before snapshotting. */
  expand?: boolean;
  /**
   * With `expand`: handed the page as first rendered, then again after each "Load more" or scroll that
   * added links, so that the posts it shows can be archived while the rest of the index loads. The
   * result is the page once fully expanded, as without it.
   */
  onRender?: (page: FetchResult) => void;
  /** The User-Agent to send instead of blogvault's: a browser fetching the documents it renders sends its own. */
  userAgent?: string;
  /**
   * A browser asks this with the page's document before rendering it: false returns the document as
   * fetched, unrendered (its static HTML already has the content). Fetchers that do not render ignore it.
   */
  renderIf?: (document: FetchResult) => Promise<boolean>;
}

/** Fetching is a service the stages call; HTTP and the browser implement the same interface. */
export interface Fetcher {
  fetch(url: string, options?: FetchOptions): Promise<FetchResult>;
  close(): Promise<void>;
}

/** A fetch that failed for good (after retries). The message names the URL and the reason. */
export class FetchError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly status?: number,
    /** Errors that retrying later may cure (network, 5xx, 429) versus permanent ones (404, not HTML, disallowed). */
    readonly transient = false,
  ) {
    super(`${url}: ${reason}`);
    this.name = 'FetchError';
  }
}

/** A request robots.txt does not allow: the server was never asked, so nothing is known of the page. */
export class RobotsDisallowed extends FetchError {
  constructor(url: string, reason = 'disallowed by robots.txt') {
    super(url, reason);
  }
}
