/**
 * Hugo: page bundles `content/posts/<slug>/index.md` with the post's images beside it. Links to other
 * posts use `{{< relref >}}`, which follows the site's permalink settings and stops the build when the
 * target is missing.
 */
import { rfc3339Date } from '../dates.js';
import { maskCode } from '../markdown-scan.js';
import type { FrontMatter, Layout, PlannedPost } from '../types.js';
import { basename, keptPath, pathForLink, titleOf } from './shared.js';

const bundle = (slug: string) => `content/posts/${slug}`;
const hugoUrl = (post: PlannedPost) => `/posts/${post.slug.toLowerCase()}/`;

/**
 * Turns shortcode calls found in archive text into Hugo's escaped form, shown literally. An opener
 * without its closer would stop the build; in prose it becomes character references, which read the same.
 */
export function escapeHugoShortcodes(text: string): string {
  const paired = text.replace(/\{\{([<%])(?!\/\*)((?:(?!\{\{)[^\n]|\n(?![ \t]*\n))*?)([>%])\}\}/g, (_, open: string, inner: string, close: string) => `{{${open}/*${inner}*/${close}}}`);
  const masked = maskCode(paired);
  let out = '';
  let last = 0;
  for (const m of masked.matchAll(/\{\{(?=[<%](?!\/\*))/g)) {
    out += `${paired.slice(last, m.index)}&#123;&#123;`;
    last = m.index + 2;
  }
  return out + paired.slice(last);
}

export const hugoLayout: Layout = {
  target: 'hugo',
  postFile: (post) => `${bundle(post.slug)}/index.md`,
  assetFile: (post, asset) => `${bundle(post.slug)}/${basename(asset)}`,
  assetRef: (_post, asset) => pathForLink(basename(asset)),
  postRef: (to, _from, fragment) => `{{< relref "/posts/${to.slug}/index.md" >}}${fragment}`,
  frontMatter(post, { imageAsset }) {
    const meta = post.meta;
    const fm: FrontMatter = [
      ['title', titleOf(post)],
      ['date', { raw: rfc3339Date(post.date) }],
    ];
    if (post.updated) fm.push(['lastmod', { raw: rfc3339Date(post.updated) }]);
    if (meta.author) fm.push(['author', meta.author]);
    if (meta.tags.length) fm.push(['tags', meta.tags]);
    if (meta.categories.length) fm.push(['categories', meta.categories]);
    if (meta.description) fm.push(['description', meta.description]);
    if (imageAsset) fm.push(['images', [basename(imageAsset)]]);
    else if (meta.image) fm.push(['images', [meta.image]]);
    // Aliases keep old URLs answering on any static host (a page that redirects), with or without --keep-urls.
    const kept = keptPath(post);
    // An alias equal to the page's own path would overwrite the page with a redirect.
    if (kept && kept.toLowerCase().replace(/\/?$/, '/') !== hugoUrl(post)) fm.push(['aliases', [kept]]);
    return fm;
  },
  postUrl: (post) => hugoUrl(post),
  // Hugo lower-cases the page's path; the bundle's files are published beside the page under their own names.
  assetUrl: (post, asset) => `${hugoUrl(post)}${basename(asset)}`,
  protectText: escapeHugoShortcodes,
};
