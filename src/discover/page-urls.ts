/**
 * The URL shapes of numbered index pages (`/page/2/`, `/page2/`, `?page=2`, `?paged=2`, `/2/`): reading the
 * page number of a URL and building the URL of another page in the same shape.
 */

export interface PageUrlShape {
  name: string;
  /** The page number in `url`, or undefined when the URL does not have this shape. */
  numberOf(url: URL): number | undefined;
  /** `url` turned into page `n` of the same shape (page 1 of a path shape is the bare root). */
  withNumber(url: URL, n: number): URL;
  /** `url` with the page part removed: the index root the pages hang under. */
  root(url: URL): URL;
}

const copy = (url: URL): URL => new URL(url.href);

function pathShape(name: string, pattern: RegExp, build: (n: number) => string): PageUrlShape {
  return {
    name,
    numberOf(url) {
      const m = pattern.exec(url.pathname);
      return m ? Number(m[2]) : undefined;
    },
    withNumber(url, n) {
      const u = copy(url);
      const m = pattern.exec(u.pathname);
      const root = m ? u.pathname.slice(0, m.index) + m[1] : u.pathname.replace(/[^/]*$/, '');
      u.pathname = n <= 1 ? root : `${root}${build(n)}`;
      return u;
    },
    root(url) {
      const u = copy(url);
      const m = pattern.exec(u.pathname);
      if (m) u.pathname = u.pathname.slice(0, m.index) + m[1];
      return u;
    },
  };
}

function queryShape(param: string): PageUrlShape {
  return {
    name: `?${param}=N`,
    numberOf(url) {
      const v = url.searchParams.get(param);
      return v !== null && /^\d{1,7}$/.test(v) ? Number(v) : undefined;
    },
    withNumber(url, n) {
      const u = copy(url);
      u.searchParams.set(param, String(n));
      return u;
    },
    root(url) {
      const u = copy(url);
      u.searchParams.delete(param);
      return u;
    },
  };
}

/** Checked in this order: the more specific shapes first, so `/page/3/` is not read as `/3/`. */
export const PAGE_URL_SHAPES: PageUrlShape[] = [
  pathShape('/page/N/', /(\/)page\/(\d{1,7})\/?(?:index\.html?)?$/i, (n) => `page/${n}/`),
  pathShape('/pageN/', /(\/)page(\d{1,7})\/?(?:index\.html?)?$/i, (n) => `page${n}/`),
  queryShape('page'),
  queryShape('paged'),
  // A bare number under 1000 without a leading zero, not under a year (`/2015/07/` is a month archive).
  pathShape('/N/', /(\/)(?<!\/\d{4}\/)([1-9]\d{0,2})\/?$/, (n) => `${n}/`),
];

/** The page number a URL carries and the shape it uses, if any. */
export function pageNumberOf(url: string): { number: number; shape: PageUrlShape } | undefined {
  const u = new URL(url);
  for (const shape of PAGE_URL_SHAPES) {
    const number = shape.numberOf(u);
    if (number !== undefined) return { number, shape };
  }
  return undefined;
}

/** The index root of a paginated page: `/blog/page/3/` -> `/blog/`; other URLs come back unchanged. */
export function indexRootOf(url: string): string {
  const found = pageNumberOf(url);
  return found ? found.shape.root(new URL(url)).href : url;
}

/**
 * URLs the page after `url` would have in every shape (`/blog/` -> `/blog/page/2/`, `/blog/page2/`,
 * `/blog/?page=2`, ...), the shape `url` already uses first.
 */
export function nextPageGuesses(url: string): string[] {
  const u = new URL(url);
  const found = pageNumberOf(url);
  if (found) return [found.shape.withNumber(u, found.number + 1).href];
  return PAGE_URL_SHAPES.map((shape) => shape.withNumber(u, 2).href);
}
