import { extractPostTree } from '../extract/index.js';
import { treeToMarkdown } from '../convert/index.js';
import type { ExtractContext, PostMeta } from '../types.js';
import { PageError } from './errors.js';

export interface ProcessedPost {
  meta: PostMeta;
  /** Markdown body; images still point at their absolute source URLs. */
  markdown: string;
  engine?: string;
  /** ExtractedPost.dated. */
  dated: boolean;
}

/** The CPU-bound part of archiving a post, HTML in, Markdown out: extract, then convert. */
export function processPost(html: string, url: string, context: ExtractContext = {}): ProcessedPost {
  const { post, content } = PageError.during('extract', url, () => extractPostTree(html, url, context));
  const markdown = PageError.during('convert', url, () => treeToMarkdown(content, url));
  return { meta: post.meta, markdown, engine: post.engine, dated: post.dated };
}
