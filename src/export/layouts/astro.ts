/**
 * Astro: a content collection `src/content/blog/<slug>.md` whose front matter fits the blog starter's
 * schema (title, description, pubDate, updatedDate, tags, heroImage). Images go to `src/assets/`, referenced
 * relatively so Astro's image pipeline picks them up; post links use the starter's `/blog/<slug>/` routes.
 */
import { rfc3339Date } from '../dates.js';
import type { FrontMatter, Layout } from '../types.js';
import { pathForLink, titleOf } from './shared.js';

/** The starter's schema requires a description: the post's own, else the start of its text. */
export function descriptionFromBody(markdown: string, max = 160): string {
  const text = markdown
    .replace(/^(`{3,}|~{3,})[\s\S]*?^\1/gm, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : cut.length)}…`;
}

const assetPath = (asset: string) => `src/${asset}`;

export const astroLayout: Layout = {
  target: 'astro',
  postFile: (post) => `src/content/blog/${post.slug}.md`,
  assetFile: (_post, asset) => assetPath(asset),
  assetRef: (_post, asset) => pathForLink(`../../${asset}`),
  postRef: (to, _from, fragment) => `/blog/${pathForLink(to.slug)}/${fragment}`,
  frontMatter(post, { imageAsset }) {
    const meta = post.meta;
    const fm: FrontMatter = [
      ['title', titleOf(post)],
      ['description', meta.description?.trim() || descriptionFromBody(post.markdown)],
      ['pubDate', { raw: rfc3339Date(post.date) }],
    ];
    if (post.updated) fm.push(['updatedDate', { raw: rfc3339Date(post.updated) }]);
    if (meta.author) fm.push(['author', meta.author]);
    if (meta.tags.length) fm.push(['tags', meta.tags]);
    if (meta.categories.length) fm.push(['categories', meta.categories]);
    if (imageAsset) fm.push(['heroImage', `../../${imageAsset}`]);
    return fm;
  },
  postUrl: (post) => `/blog/${post.slug}/`,
  // Astro's image pipeline publishes src/assets under hashed names known only after the build.
  assetUrl: () => undefined,
  warnings: (options) =>
    options.keepUrls ? ['astro: routes come from your pages, so --keep-urls keeps no old URL; add `redirects` in astro.config'] : [],
};
