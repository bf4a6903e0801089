/**
 * The process's one cache. Every stage asks the same questions thousands of times a run: the same few
 * hundred CSS selectors compiled, the same URLs resolved and normalised, the same word lists turned
 * into patterns, the same Turndown rule table built. The answers live here, and only here: no other
 * module keeps mutable state.
 *
 * Rules for what may go in:
 * - an answer that depends on its key alone (a compiled selector, a URL's normal form), never on a run,
 *   a blog or a page: sharing it between posts, runs and worker jobs cannot change any result;
 * - or a reusable object whose use leaves nothing behind (the Turndown service);
 * - every table is bounded: when full it is emptied, so a crawl of any size holds at most `max`
 *   answers per table.
 *
 * Per-page facts (a page's head elements by tag, its text statistics) are not cached here: they live
 * in the page's own `Page` object (html/parse.ts) and go with it.
 */

/** A bounded table of answers: emptied when it reaches `max` entries. */
export class Answers<K, V> {
  private readonly map = new Map<K, V>();

  constructor(readonly name: string, private readonly max: number) {}

  /** The answer for `key`, worked out by `answer` on the first ask. */
  get(key: K, answer: (key: K) => V): V {
    const known = this.map.get(key);
    if (known !== undefined || this.map.has(key)) return known as V;
    const value = answer(key);
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(key, value);
    return value;
  }

  get size(): number {
    return this.map.size;
  }
}

const tables = new Map<string, Answers<unknown, unknown>>();

/** The table named `name` (one per name per process), created on first use. */
export function answers<K, V>(name: string, max = 20_000): Answers<K, V> {
  let table = tables.get(name);
  if (!table) {
    table = new Answers<unknown, unknown>(name, max);
    tables.set(name, table);
  }
  return table as Answers<K, V>;
}

const pools = new Map<string, unknown[]>();

/**
 * A named pool of reusable objects (the Cheerio roots pages are read with): the objects are handed out
 * and given back by their owner module, which leaves nothing of a page in them when it gives one back.
 */
export function pool<T>(name: string): T[] {
  let list = pools.get(name);
  if (!list) {
    list = [];
    pools.set(name, list);
  }
  return list as T[];
}
