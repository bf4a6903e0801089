import { extractPostTree } from '../extract/index.js';
import { treeToMarkdown } from '../convert/index.js';
import { isLinkList } from '../discover/link-list.js';
import type { ExtractContext, PostMeta } from '../types.js';
import { PageError } from './errors.js';

export interface ProcessedPost {
  meta: PostMeta;
  /** Markdown body; images still point at their absolute source URLs. */
  markdown: string;
  engine?: string;
  /** ExtractedPost.dated. */
  dated: boolean;
  /** The article is only links to other pages of the blog (discover/link-list.ts): a listing, not a post. */
  linkList: boolean;
  /** The article is one entry of a list of like entries (extract/list-entry.ts): the page is a listing. */
  listEntry: boolean;
}

/** The CPU-bound part of archiving a post, HTML in, Markdown out: extract, then convert. */
export function processPost(html: string, url: string, context: ExtractContext = {}): ProcessedPost {
  const { post, content, listEntry } = PageError.during('extract', url, () => extractPostTree(html, url, context));
  // Measured before conversion, which may rework the tree.
  const linkList = isLinkList(content, url);
  const markdown = PageError.during('convert', url, () => treeToMarkdown(content, url));
  return { meta: post.meta, markdown, engine: post.engine, dated: post.dated, linkList, listEntry };
}
