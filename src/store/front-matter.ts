/**
 * The post file format: YAML front matter (documented key order, deterministic bytes) followed by the
 * Markdown body. Rendering is strict about quoting so that YAML 1.1 readers (Jekyll, Hexo) and 1.2
 * readers agree on every value; parsing reads the file back for export and rebuild.
 */
import YAML from 'yaml';
import type { PostMeta } from '../types.js';

/** Front matter keys in the order the archive format documents. */
export const FRONT_MATTER_KEYS = [
  'title',
  'date',
  'updated',
  'author',
  'tags',
  'categories',
  'description',
  'url',
  'canonical',
  'lang',
  'image',
] as const;

const DATE_KEYS = new Set(['date', 'updated']);
/** ISO 8601 day or instant: written unquoted so every YAML reader sees a timestamp. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

type Value = string | string[];

function presentValue(value: unknown): Value | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const items = value.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
    const kept = items.filter((v) => v.trim());
    return kept.length ? kept : undefined;
  }
  return undefined;
}

/**
 * Beyond ASCII, all but what YAML escapes or a 1.1 reader takes for a line break: C1 controls, lone
 * surrogates, U+2028/2029, the BOM, U+FFFE/FFFF.
 */
const WIDE = '\\u{A0}-\\u{2027}\\u{202A}-\\u{D7FF}\\u{E000}-\\u{FEFE}\\u{FF00}-\\u{FFFD}\\u{10000}-\\u{10FFFF}';
const PUNCTUATION = "./()+=?&%~;!'\"*@|>`[\\]{}$^<\\-";
/**
 * Strings that YAML writes bare and every 1.1 or 1.2 reader takes back as the same string: a letter or
 * a printable non-ASCII character first, then letters, digits, such characters, single spaces and ASCII
 * punctuation except `#` and `\`, with no `: `, no final `:` or space, and not a word 1.1 reads as a
 * boolean, null or number. Most titles, tags, descriptions and every plain URL are such strings, in
 * any script; they are written directly, since a YAML document per value was most of the cost of
 * writing a post. A unit test compares this shortcut with YAML.stringify over thousands of generated
 * strings.
 */
const BARE = new RegExp(`^[A-Za-z${WIDE}][\\w ,${PUNCTUATION}${WIDE}]*(:[\\w${PUNCTUATION}${WIDE}]+)*[\\w ,${PUNCTUATION}${WIDE}]*$`, 'u');
/** 1.1's boolean and null words, and its floats with no digit before the exponent (`e9`). */
const RESERVED = /^(y|n|yes|no|true|false|on|off|null|e[-+]?[0-9_]+)$/i;
const bare = (text: string) => BARE.test(text) && !text.endsWith(' ') && !text.includes(': ') && !text.includes('  ') && !RESERVED.test(text);

function renderKey(key: string, value: Value): string {
  if (DATE_KEYS.has(key) && typeof value === 'string' && ISO_DATE.test(value)) return `${key}: ${value}\n`;
  if (/^[a-z][a-z0-9_]*$/.test(key) && !RESERVED.test(key)) {
    if (typeof value === 'string' && bare(value)) return `${key}: ${value}\n`;
    if (Array.isArray(value) && value.every(bare)) return `${key}:\n${value.map((v) => `  - ${v}\n`).join('')}`;
  }
  // Stringified under YAML 1.1 rules so that values such as `yes`, `on` or `2015-07-26` in a title get
  // quoted: a 1.1 reader would otherwise turn them into booleans or dates. What 1.1 leaves plain but 1.2
  // reads as a number (`0o17`, `1e3`) is double-quoted, which both versions read alike.
  const text = YAML.stringify({ [key]: value }, { version: '1.1', lineWidth: 0, indentSeq: true });
  if (readsBackAs(text, key, value)) return text;
  return YAML.stringify({ [key]: value }, { version: '1.1', lineWidth: 0, indentSeq: true, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
}

function readsBackAs(text: string, key: string, value: Value): boolean {
  const read = (YAML.parse(text, { version: '1.2' }) as Record<string, unknown>)[key];
  return Array.isArray(value) ? Array.isArray(read) && read.length === value.length && read.every((v, i) => v === value[i]) : read === value;
}

/**
 * Renders the front matter block for `meta` plus the source `url`: documented keys first in their
 * order, then any other keys the extractor supplied, alphabetically; empty values omitted.
 */
export function renderFrontMatter(meta: Partial<PostMeta>, url: string): string {
  const record = meta as Record<string, unknown>;
  const values = new Map<string, Value>();
  for (const key of FRONT_MATTER_KEYS) {
    const value = key === 'url' ? url : presentValue(record[key]);
    if (value !== undefined) values.set(key, value);
  }
  const known = new Set<string>(FRONT_MATTER_KEYS);
  for (const key of Object.keys(record).filter((k) => !known.has(k)).sort()) {
    const value = presentValue(record[key]);
    if (value !== undefined) values.set(key, value);
  }
  let out = '---\n';
  for (const [key, value] of values) out += renderKey(key, value);
  return `${out}---\n`;
}

/** Line endings to LF, trailing whitespace of the document dropped, one final newline. */
export function normalizeMarkdown(markdown: string): string {
  const text = markdown.replace(/\r\n?/g, '\n').replace(/^\n+/, '').replace(/\s+$/, '');
  return text ? `${text}\n` : '';
}

/** The whole post file: front matter, a blank line, the Markdown body. */
export function renderPostFile(meta: Partial<PostMeta>, url: string, markdown: string): string {
  const body = normalizeMarkdown(markdown);
  return body ? `${renderFrontMatter(meta, url)}\n${body}` : renderFrontMatter(meta, url);
}

export interface ParsedPost {
  /** Front matter as PostMeta (title '' and empty lists when absent), extra keys kept. */
  meta: PostMeta & Record<string, unknown>;
  /** The `url` front matter key, or '' when the file has none. */
  url: string;
  markdown: string;
}

export class FrontMatterError extends Error {
  constructor(readonly file: string | undefined, reason: string) {
    super(`${file ?? 'post file'}: ${reason}`);
    this.name = 'FrontMatterError';
  }
}

function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(String);
  if (typeof value === 'string' && value.trim()) return value.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

function asText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/**
 * Reads a post file back. Accepts files written by other tools too (CRLF, BOM, `...` terminator,
 * tags as a comma string); a file without front matter yields empty meta and the whole text as body.
 */
export function parsePostFile(text: string, file?: string): ParsedPost {
  const source = text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  const open = /^---[ \t]*\n/.exec(source);
  let data: Record<string, unknown> = {};
  let body = source;
  if (open) {
    const close = /^(---|\.\.\.)[ \t]*$/m;
    const rest = source.slice(open[0].length);
    const end = close.exec(rest);
    if (!end) throw new FrontMatterError(file, 'front matter is not closed');
    const yamlText = rest.slice(0, end.index);
    let parsed: unknown;
    try {
      parsed = YAML.parse(yamlText);
    } catch (error) {
      throw new FrontMatterError(file, `invalid front matter: ${(error as Error).message.split('\n')[0]}`);
    }
    if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed))) {
      throw new FrontMatterError(file, 'front matter is not a mapping');
    }
    data = (parsed ?? {}) as Record<string, unknown>;
    body = rest.slice(end.index + end[0].length).replace(/^\n/, '').replace(/^\n/, '');
  }
  const meta: PostMeta & Record<string, unknown> = { ...data, title: asText(data.title) ?? '', tags: asList(data.tags), categories: asList(data.categories) };
  for (const key of ['date', 'updated', 'author', 'description', 'canonical', 'lang', 'image'] as const) {
    const value = asText(data[key]);
    if (value === undefined) delete meta[key];
    else meta[key] = value;
  }
  delete meta.url;
  return { meta, url: asText(data.url) ?? '', markdown: body };
}
