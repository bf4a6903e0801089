/**
 * Hugo: page bundles `content/posts/<slug>/index.md` with the post's images beside it. Links to other
 * posts use `{{< relref >}}`, which follows the site's permalink settings and stops the build when the
 * target is missing.
 */
import { rfc3339Date } from '../dates.js';
import type { FrontMatter, Layout } from '../types.js';
import { basename, keptPath, pathForLink, titleOf } from './shared.js';

const bundle = (slug: string) => `content/posts/${slug}`;

/** Turns shortcode calls found in archive text into Hugo's escaped form, shown literally. */
export const escapeHugoShortcodes = (text: string) =>
  text.replace(/\{\{([<%])(?!\/\*)([\s\S]*?)([>%])\}\}/g, (_, open: string, inner: string, close: string) => `{{${open}/*${inner}*/${close}}}`);

export const hugoLayout: Layout = {
  target: 'hugo',
  postFile: (post) => `${bundle(post.slug)}/index.md`,
  assetFile: (post, asset) => `${bundle(post.slug)}/${basename(asset)}`,
  assetRef: (_post, asset) => pathForLink(basename(asset)),
  postRef: (to, _from, fragment) => `{{< relref "/posts/${to.slug}/index.md" >}}${fragment}`,
  frontMatter(post, { options, imageAsset }) {
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
    const kept = options.keepUrls ? keptPath(post) : undefined;
    // An alias equal to the page's own path would overwrite the page with a redirect.
    if (kept && kept.toLowerCase().replace(/\/?$/, '/') !== `/posts/${post.slug.toLowerCase()}/`) fm.push(['aliases', [kept]]);
    return fm;
  },
  protectText: escapeHugoShortcodes,
};
