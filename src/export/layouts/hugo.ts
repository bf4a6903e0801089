/**
 * Hugo: page bundles `content/posts/<slug>/index.md` with the post's images beside it. Links to other
 * posts use `{{< relref >}}`, which follows the site's permalink settings and stops the build when the
 * target is missing.
 */
import { rfc3339Date } from '../dates.js';
import { maskCode } from '../markdown-scan.js';
import type { FrontMatter, Layout, PlannedPost } from '../types.js';
import { join } from 'node:path';
import { hasEntries, quoted, type SiteFiles } from '../site-files.js';
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

/** Templates of the minimal layout: a page per post, the home page listing them. */
const HUGO_THEME: Record<string, string> = {
  'layouts/_default/baseof.html': `<!doctype html>
<html lang="{{ with .Params.lang }}{{ . }}{{ else }}{{ site.LanguageCode | default "en" }}{{ end }}">
<head>
<meta charset="utf-8">
<title>{{ if .IsPage }}{{ .Title }} | {{ end }}{{ site.Title }}</title>
</head>
<body>
{{ block "main" . }}{{ end }}
</body>
</html>
`,
  'layouts/_default/single.html': `{{ define "main" }}
<article class="post">
<h1 class="post-title">{{ .Title }}</h1>
<time class="post-date" datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time>
<div class="post-body">
{{ .Content }}
</div>
</article>
{{ end }}
`,
  'layouts/_default/list.html': `{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="post-list">
{{ range .Pages }}<li><a class="post-link" href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
{{ end }}
`,
  'layouts/index.html': `{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul class="post-list">
{{ range where site.RegularPages "Section" "posts" }}<li><a class="post-link" href="{{ .RelPermalink }}">{{ .Title }}</a> <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>
{{ end }}
`,
};

export const hugoSite: SiteFiles = {
  configNames: ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json', 'config/_default/hugo.toml', 'config/_default/config.toml'],
  config: (info) => `# Written by blogvault export; yours to change.
baseURL = "/"
title = ${quoted(info.title)}

[markup.goldmark.renderer]
# Archived posts keep embeds, tables and other raw HTML.
unsafe = true
`,
  requires: () => [{ path: ['markup', 'goldmark', 'renderer', 'unsafe'], value: true, add: '[markup.goldmark.renderer] unsafe = true' }],
  hasTheme: (dir, config) => Boolean(config?.theme) || hasEntries(join(dir, 'layouts')) || hasEntries(join(dir, 'themes')),
  theme: () => HUGO_THEME,
};

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
  site: hugoSite,
};
