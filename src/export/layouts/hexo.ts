/**
 * Hexo: `source/_posts/<slug>.md` with its images in the post asset folder `source/_posts/<slug>/`.
 * Tag plugins such as `{% post_path %}` break inside Markdown link destinations (Hexo swaps them for
 * placeholders that the Markdown renderer then URL-encodes), so links are plain paths: the old path
 * (kept through `permalink`) with --keep-urls, otherwise Hexo's default `:year/:month/:day/:title/`.
 * Markdown images are bare file names, which Hexo resolves to the asset folder with
 * `post_asset_folder: true` and `marked: { prependRoot: true, postAsset: true }`; HTML images, which
 * Hexo leaves alone, are relative to the post's page (its assets are published in `<page path>/`
 * without `.html`).
 */
import { hexoDate } from '../dates.js';
import type { FrontMatter, Layout, PlannedPost } from '../types.js';
import { basename, keptPath, pathForLink, titleOf } from './shared.js';

/** What Nunjucks would read as a tag, variable or comment. */
const NUNJUCKS = /\{\{|\{%|\{#/;

const sitePath = (post: PlannedPost, keepUrls: boolean | undefined): string => {
  const kept = keepUrls ? keptPath(post) : undefined;
  if (kept) return /\.html?$|\/$/.test(kept) ? kept : `${kept}/`;
  return `/${post.date.year}/${post.date.month}/${post.date.day}/${post.slug}/`;
};

export const hexoLayout: Layout = {
  target: 'hexo',
  postFile: (post) => `source/_posts/${post.slug}.md`,
  assetFile: (post, asset) => `source/_posts/${post.slug}/${basename(asset)}`,
  assetRef: (post, asset, syntax, options) => {
    const name = pathForLink(basename(asset));
    if (syntax === 'markdown') return name;
    const page = sitePath(post, options.keepUrls);
    return page.endsWith('/') ? name : `${pathForLink(page.split('/').pop()!.replace(/\.html?$/, ''))}/${name}`;
  },
  postRef: (to, _from, fragment, options) => pathForLink(sitePath(to, options.keepUrls)) + fragment,
  frontMatter(post, { options, body }) {
    const meta = post.meta;
    const fm: FrontMatter = [
      ['title', titleOf(post)],
      ['date', { raw: hexoDate(post.date) }],
    ];
    if (post.updated) fm.push(['updated', { raw: hexoDate(post.updated) }]);
    if (meta.author) fm.push(['author', meta.author]);
    if (meta.tags.length) fm.push(['tags', meta.tags]);
    // Hexo reads a flat list as one nested category path; each of ours is a category of its own.
    if (meta.categories.length) fm.push(['categories', meta.categories.length === 1 ? meta.categories : meta.categories.map((c) => [c])]);
    if (meta.description) fm.push(['description', meta.description]);
    const kept = options.keepUrls ? keptPath(post) : undefined;
    if (kept) fm.push(['permalink', sitePath(post, true)]);
    // Archive text is prose, never Hexo tags: without this, a `{{` in a post would fail the build.
    if (NUNJUCKS.test(body)) fm.push(['disableNunjucks', true]);
    return fm;
  },
  postUrl: (post, options) => sitePath(post, options.keepUrls),
  // The asset folder is published beside the page: in the page's folder, or in `<page>/` for `.html` pages.
  assetUrl: (post, asset, options) => `${sitePath(post, options.keepUrls).replace(/\.html?$/i, '/')}${basename(asset)}`,
};
