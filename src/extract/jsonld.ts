import type { CheerioAPI } from 'cheerio';
import { query } from '../html/query.js';

type Json = Record<string, unknown>;

const ARTICLE_TYPES = /^(blogposting|article|newsarticle|techarticle|scholarlyarticle|report|socialmediaposting|liveblogposting|analysisnewsarticle|opinionnewsarticle|reportagenewsarticle|reviewnewsarticle)$/i;

function parseLoose(text: string): unknown {
  const body = text.replace(/^\s*(<!\[CDATA\[|\/\/\s*<!\[CDATA\[)/, '').replace(/(\]\]>|\/\/\s*\]\]>)\s*$/, '').trim();
  try {
    return JSON.parse(body);
  } catch {
    try {
      // Raw control characters inside strings and trailing commas are the usual hand-written mistakes.
      return JSON.parse(body.replace(/[\u0000-\u001f]+/g, ' ').replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return undefined;
    }
  }
}

/** Every object of a JSON-LD value in document order, with an explicit stack: arrays may nest thousands deep. */
function collect(value: unknown, out: Json[]): void {
  const stack: unknown[] = [value];
  while (stack.length) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
    } else if (item && typeof item === 'object') {
      const obj = item as Json;
      out.push(obj);
      // A post page may nest its article under the page (mainEntity) or the blog (blogPost).
      const inner = ['mainEntity', 'mainEntityOfPage', 'blogPost'].map((key) => obj[key]).filter((v) => v && typeof v === 'object');
      if (obj['@graph']) inner.unshift(obj['@graph']);
      for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]);
    }
  }
}

function types(node: Json): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** The JSON-LD nodes of a page plus a resolver for `{"@id": ...}` references (Yoast's @graph uses them). */
export interface JsonLd {
  article?: Json;
  resolve(value: unknown): unknown;
}

export function readJsonLd($: CheerioAPI): JsonLd {
  const nodes: Json[] = [];
  query($, 'script[type="application/ld+json" i]').each((_, el) => collect(parseLoose($(el).text()), nodes));
  const byId = new Map<string, Json>();
  for (const n of nodes) if (typeof n['@id'] === 'string') byId.set(n['@id'], n);
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object') {
      const id = (value as Json)['@id'];
      if (typeof id === 'string' && Object.keys(value).length === 1 && byId.has(id)) return byId.get(id);
    }
    return value;
  };
  const article = nodes.find((n) => types(n).some((t) => ARTICLE_TYPES.test(t)));
  return { article, resolve };
}

/** Names out of a JSON-LD value that may be a string, a {name} object, a reference or an array of those. */
export function jsonNames(value: unknown, resolve: (v: unknown) => unknown): string[] {
  const v = resolve(value);
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap((x) => jsonNames(x, resolve));
  if (v && typeof v === 'object') {
    const name = (v as Json).name;
    if (typeof name === 'string') return [name];
  }
  return [];
}

/** A URL out of a JSON-LD image-like value (string, ImageObject, array). */
export function jsonUrl(value: unknown, resolve: (v: unknown) => unknown): string | undefined {
  const v = resolve(value);
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.length ? jsonUrl(v[0], resolve) : undefined;
  if (v && typeof v === 'object') {
    const o = v as Json;
    return typeof o.url === 'string' ? o.url : typeof o.contentUrl === 'string' ? o.contentUrl : undefined;
  }
  return undefined;
}

export function jsonString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
