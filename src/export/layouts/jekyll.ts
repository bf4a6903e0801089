/**
 * Jekyll: `_posts/YYYY-MM-DD-slug.md`, images under `assets/`. Links go through `{% post_url %}` and
 * `{% link %}`: both follow whatever permalink and baseurl the site sets, and fail the build loudly
 * when their target is missing instead of shipping a broken link.
 */
import { dayOf, jekyllDate } from '../dates.js';
import type { ExportOptions, FrontMatter, Layout, PlannedPost } from '../types.js';
import { join } from 'node:path';
import { hasEntries, quoted, type SiteFiles } from '../site-files.js';
import { keptPath, rawWrap, titleOf } from './shared.js';

const LIQUID = /\{\{|\{%/;

/** The post's URL with `permalink: /:year/:month/:day/:title/` (the README's setting), or its kept old path. */
const jekyllUrl = (post: PlannedPost, options: ExportOptions) =>
  (options.keepUrls && keptPath(post)) || `/${post.date.year}/${post.date.month}/${post.date.day}/${postName(post).slice(11)}/`;

const postName = (post: PlannedPost) => `${dayOf(post.date)}-${post.slug.replace(/^\d{4}-\d{2}-\d{2}-/, '')}`;

/** Templates of the minimal layout: the `post` layout the posts name, the home page listing them. */
const JEKYLL_THEME: Record<string, string> = {
  '_layouts/default.html': `<!doctype html>
<html lang="{{ page.lang | default: 'en' }}">
<head>
<meta charset="utf-8">
<title>{% if page.title %}{{ page.title | escape }} | {% endif %}{{ site.title | escape }}</title>
</head>
<body>
{{ content }}
</body>
</html>
`,
  '_layouts/post.html': `---
layout: default
---
<article class="post">
<h1 class="post-title">{{ page.title | escape }}</h1>
<time class="post-date" datetime="{{ page.date | date_to_xmlschema }}">{{ page.date | date: '%Y-%m-%d' }}</time>
<div class="post-body">
{{ content }}
</div>
</article>
`,
  'index.html': `---
layout: default
---
<h1>{{ site.title | escape }}</h1>
<ul class="post-list">
{% for post in site.posts %}<li><a class="post-link" href="{{ post.url | relative_url }}">{{ post.title | escape }}</a> <time datetime="{{ post.date | date_to_xmlschema }}">{{ post.date | date: '%Y-%m-%d' }}</time></li>
{% endfor %}</ul>
`,
};

const JEKYLL_PERMALINK = '/:year/:month/:day/:title/';

export const jekyllSite: SiteFiles = {
  configNames: ['_config.yml', '_config.yaml'],
  config: (info) => `# Written by blogvault export; yours to change.
title: ${quoted(info.title)}
markdown: kramdown
# The redirect maps point at posts under this permalink.
permalink: ${JEKYLL_PERMALINK}
`,
  requires: (options) => (options.keepUrls ? [] : [{ path: ['permalink'], value: JEKYLL_PERMALINK, add: `permalink: ${JEKYLL_PERMALINK}` }]),
  hasTheme: (dir, config) => Boolean(config?.theme || config?.remote_theme) || hasEntries(join(dir, '_layouts')),
  theme: () => JEKYLL_THEME,
};

export const jekyllLayout: Layout = {
  target: 'jekyll',
  postFile: (post) => `_posts/${postName(post)}.md`,
  assetFile: (_post, asset) => asset,
  assetRef: (_post, asset) => `{% link ${asset} %}`,
  postRef: (to, _from, fragment) => `{% post_url ${postName(to)} %}${fragment}`,
  frontMatter(post, { options, imageAsset }) {
    const meta = post.meta;
    const fm: FrontMatter = [
      ['layout', 'post'],
      ['title', titleOf(post)],
      ['date', { raw: jekyllDate(post.date) }],
    ];
    if (post.updated) fm.push(['last_modified_at', { raw: jekyllDate(post.updated) }]);
    if (meta.author) fm.push(['author', meta.author]);
    if (meta.tags.length) fm.push(['tags', meta.tags]);
    if (meta.categories.length) fm.push(['categories', meta.categories]);
    if (meta.description) fm.push(['description', meta.description]);
    if (meta.lang) fm.push(['lang', meta.lang]);
    if (imageAsset) fm.push(['image', `/${imageAsset}`]);
    else if (meta.image) fm.push(['image', meta.image]);
    const kept = keptPath(post);
    if (kept && options.keepUrls) fm.push(['permalink', kept]);
    // Read by the jekyll-redirect-from plugin: a page at the old path that sends readers on.
    else if (kept && kept !== jekyllUrl(post, options)) fm.push(['redirect_from', [kept]]);
    return fm;
  },
  postUrl: (post, options) => jekyllUrl(post, options),
  assetUrl: (_post, asset) => `/${asset}`,
  protectText: (text) => rawWrap(text, LIQUID),
  site: jekyllSite,
};
