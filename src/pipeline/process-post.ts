import { extractPostTree } from '../extract/index.js';
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
  const { post, content } = extractPostTree(html, url, overrides);
  return { meta: post.meta, markdown: htmlToMarkdown(post.contentHtml, url, content), engine: post.engine };
}
