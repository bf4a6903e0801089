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
import { join } from 'node:path';
import { hasEntries, quoted, type SiteFiles } from '../site-files.js';
import { basename, keptPath, pathForLink, titleOf } from './shared.js';

/** What Nunjucks would read as a tag, variable or comment. */
const NUNJUCKS = /\{\{|\{%|\{#/;

const sitePath = (post: PlannedPost, keepUrls: boolean | undefined): string => {
  const kept = keepUrls ? keptPath(post) : undefined;
  if (kept) return /\.html?$|\/$/.test(kept) ? kept : `${kept}/`;
  return `/${post.date.year}/${post.date.month}/${post.date.day}/${post.slug}/`;
};

/** Templates of the minimal theme `blogvault`: a page per post, the home page listing them. */
const HEXO_THEME: Record<string, string> = {
  'themes/blogvault/layout/layout.ejs': `<!doctype html>
<html lang="<%= page.lang || config.language || 'en' %>">
<head>
<meta charset="utf-8">
<title><%= page.title ? page.title + ' | ' + config.title : config.title %></title>
</head>
<body>
<%- body %>
</body>
</html>
`,
  'themes/blogvault/layout/post.ejs': `<article class="post">
<h1 class="post-title"><%= page.title %></h1>
<time class="post-date" datetime="<%= page.date.toISOString() %>"><%= page.date.format('YYYY-MM-DD') %></time>
<div class="post-body">
<%- page.content %>
</div>
</article>
`,
  'themes/blogvault/layout/page.ejs': `<article class="page">
<h1><%= page.title %></h1>
<%- page.content %>
</article>
`,
  'themes/blogvault/layout/index.ejs': `<h1><%= config.title %></h1>
<ul class="post-list">
<% page.posts.each(function (post) { %>
<li><a class="post-link" href="<%- url_for(post.path) %>"><%= post.title %></a> <time datetime="<%= post.date.toISOString() %>"><%= post.date.format('YYYY-MM-DD') %></time></li>
<% }) %>
</ul>
`,
};

/** The plugins the export and the minimal theme need: Hexo loads those its site's package.json lists. */
const HEXO_PACKAGE = {
  name: 'blog',
  private: true,
  scripts: { build: 'hexo generate', server: 'hexo server' },
  hexo: { version: '8.1.2' },
  dependencies: { hexo: '^8.1.2', 'hexo-generator-index': '^4.0.0', 'hexo-renderer-ejs': '^2.0.0', 'hexo-renderer-marked': '^7.0.1', 'hexo-server': '^3.0.0' },
};

const DEFAULT_PERMALINK = ':year/:month/:day/:title/';

export const hexoSite: SiteFiles = {
  configNames: ['_config.yml', '_config.yaml'],
  config: (info, _options, theme) => `# Written by blogvault export; yours to change. Build with \`npm install\`, then \`npx hexo generate\`.
title: ${quoted(info.title)}
url: ${quoted(info.url ? new URL(info.url).origin : 'http://example.com')}
root: /
permalink: ${DEFAULT_PERMALINK}
# Images sit beside each post, in source/_posts/<slug>/.
post_asset_folder: true
marked:
  prependRoot: true
  postAsset: true
${theme ? 'theme: blogvault\n' : ''}`,
  requires: (options) => [
    { path: ['post_asset_folder'], value: true, add: 'post_asset_folder: true' },
    { path: ['marked', 'prependRoot'], value: true, add: 'marked: { prependRoot: true }' },
    { path: ['marked', 'postAsset'], value: true, add: 'marked: { postAsset: true }' },
    // Links between posts are written for the default permalink, unless every post keeps its own.
    ...(options.keepUrls ? [] : [{ path: ['permalink'], value: DEFAULT_PERMALINK, add: `permalink: ${DEFAULT_PERMALINK}` }]),
  ],
  hasTheme: (dir, config) => (typeof config?.theme === 'string' && config.theme !== '') || hasEntries(join(dir, 'themes')),
  theme: () => HEXO_THEME,
  extra: () => ({ 'package.json': `${JSON.stringify(HEXO_PACKAGE, null, 2)}\n` }),
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
  site: hexoSite,
};
