/** Pieces several layouts share. */
import { percent } from '../markdown-scan.js';
import type { PlannedPost } from '../types.js';

export const basename = (path: string) => path.split('/').pop()!;

/** A URL path written as plain text in Markdown: spaces, parentheses and `%` escaped, the rest kept readable. */
export const pathForLink = (path: string) => path.replace(/[\s()%]/g, percent);

/** The old URL path as a site-relative path, or undefined when it is the site root (nothing to keep). */
export function keptPath(post: PlannedPost): string | undefined {
  return post.oldPath && post.oldPath !== '/' ? post.oldPath : undefined;
}

/** A title on one line, never empty (engines require one). */
export const titleOf = (post: PlannedPost) => post.meta.title.replace(/\s+/g, ' ').trim() || post.slug;

/** Wraps a stretch of archive text that holds template syntax in a Liquid raw block. */
export function rawWrap(text: string, syntax: RegExp): string {
  return syntax.test(text) ? `{% raw %}${text}{% endraw %}` : text;
}
