/**
 * Reading feeds: one parser setup, and helpers for the shapes fast-xml-parser returns; the body of a
 * `.xml.gz` response for sitemaps too (sitemap.ts reads them through a tokenizer instead).
 */
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import type { FetchResult } from '../fetch/fetcher.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
});

export type XmlNode = Record<string, unknown>;

/** The parsed document, or undefined when the text is not XML. */
export function parseXml(text: string): XmlNode | undefined {
  if (!/^\s*(?:\uFEFF)?\s*</.test(text)) return undefined;
  try {
    return parser.parse(text) as XmlNode;
  } catch {
    return undefined;
  }
}

/** The body of a response as text, gunzipped when it is a `.xml.gz` sitemap. */
export function responseText(res: FetchResult): string {
  if (res.body.length > 2 && res.body[0] === 0x1f && res.body[1] === 0x8b) {
    try {
      return gunzipSync(res.body).toString('utf8');
    } catch {
      return '';
    }
  }
  return res.text ?? res.body.toString('utf8');
}

/** A child that may be absent, one node or many, always as a list. */
export function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text content of an element parsed either as a plain value or as `{ '#text': ..., '@_attr': ... }`. */
export function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || undefined;
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object') return text((value as XmlNode)['#text']);
  return undefined;
}

export function attr(value: unknown, name: string): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = (value as XmlNode)[`@_${name}`];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}
