/**
 * The URL shapes of numbered index pages (`/page/2/`, `/page2/`, `/index2.html`, `?page=2`, `?paged=2`, `/2/`): the page
 * number a URL carries and the index root it hangs under.
 */

export interface PageUrlShape {
  name: string;
  /** The page number in `url`, or undefined when the URL does not have this shape. */
  numberOf(url: URL): number | undefined;
  /** `url` with the page part removed: the index root the pages hang under. */
  root(url: URL): URL;
}

const copy = (url: URL): URL => new URL(url.href);

function pathShape(name: string, pattern: RegExp): PageUrlShape {
  return {
    name,
    numberOf(url) {
      const m = pattern.exec(url.pathname);
      return m ? Number(m[2]) : undefined;
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
    root(url) {
      const u = copy(url);
      u.searchParams.delete(param);
      return u;
    },
  };
}

/** Checked in this order: the more specific shapes first, so `/page/3/` is not read as `/3/`. */
export const PAGE_URL_SHAPES: PageUrlShape[] = [
  pathShape('/page/N/', /(\/)page\/(\d{1,7})\/?(?:index\.html?)?$/i),
  pathShape('/pageN/', /(\/)page(\d{1,7})\/?(?:index\.html?)?$/i),
  pathShape('/indexN.html', /(\/)index(\d{1,7})\.html?$/i),
  queryShape('page'),
  queryShape('paged'),
  // A bare number under 1000 without a leading zero, not under a year (`/2015/07/` is a month archive).
  pathShape('/N/', /(\/)(?<!\/\d{4}\/)([1-9]\d{0,2})\/?$/),
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
 * The URL of page `number` of the series in which `from` and `to` are two numbered pages: `from` with
 * its page number replaced, provided that replacing it by `to`'s number gives `to` exactly (the rest of
 * the URL is the series', not a guess). Undefined when the two do not line up that way.
 */
export function numberedPageUrl(from: string, to: string, number: number): string | undefined {
  const a = pageNumberOf(from);
  const b = pageNumberOf(to);
  if (!a || !b || a.shape !== b.shape) return undefined;
  for (const m of from.matchAll(/\d+/g)) {
    if (m[0] !== String(a.number)) continue;
    const around = (n: number) => from.slice(0, m.index) + String(n) + from.slice(m.index! + m[0].length);
    if (around(b.number) === to) return around(number);
  }
  return undefined;
}
