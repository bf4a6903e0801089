import { extractPost } from '../extract/index.js';
import { htmlToMarkdown } from '../convert/index.js';
import type { Overrides, PostMeta } from '../types.js';

export interface ProcessedPost {
  meta: PostMeta;
  /** Markdown body; images still point at their absolute source URLs. */
  markdown: string;
  engine?: string;
}

/** The CPU-bound part of archiving a post, HTML in, Markdown out: extract, then convert. */
export function processPost(html: string, url: string, overrides?: Overrides): ProcessedPost {
  const extracted = extractPost(html, url, overrides);
  return { meta: extracted.meta, markdown: htmlToMarkdown(extracted.contentHtml, url), engine: extracted.engine };
}
