/**
 * Astro: a content collection `src/content/blog/<slug>.md` whose front matter fits the blog starter's
 * schema (title, description, pubDate, updatedDate, tags, heroImage). Images go to `src/assets/`, referenced
 * relatively so Astro's image pipeline picks them up; post links use the starter's `/blog/<slug>/` routes.
 */
import { rfc3339Date } from '../dates.js';
import type { FrontMatter, Layout } from '../types.js';
import { join } from 'node:path';
import { hasEntries, type SiteFiles } from '../site-files.js';
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

/**
 * Astro's content collection for the posts (the blog starter's schema: what the front matter above
 * writes; entry ids are the file names, which post links use), and, when the folder has no pages, a
 * minimal site: a page per post and a home page listing them.
 */
const CONTENT_CONFIG = `// Written by blogvault export; yours to change.
import { glob } from 'astro/loaders';
import { defineCollection, z } from 'astro:content';

const blog = defineCollection({
  loader: glob({ base: './src/content/blog', pattern: '**/*.md', generateId: ({ entry }) => entry.replace(/\\.md$/, '') }),
  schema: ({ image }) =>
    z.object({
      title: z.string(),
      description: z.string(),
      pubDate: z.coerce.date(),
      updatedDate: z.coerce.date().optional(),
      author: z.string().optional(),
      tags: z.array(z.string()).optional(),
      categories: z.array(z.string()).optional(),
      heroImage: image().optional(),
    }),
});

export const collections = { blog };
`;

const ASTRO_PAGES: Record<string, string> = {
  'src/pages/index.astro': `---
import { getCollection } from 'astro:content';
const posts = (await getCollection('blog')).sort((a, b) => b.data.pubDate.valueOf() - a.data.pubDate.valueOf());
---
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Blog</title></head>
<body>
<ul class="post-list">
{posts.map((post) => <li><a class="post-link" href={\`/blog/\${post.id}/\`}>{post.data.title}</a> <time datetime={post.data.pubDate.toISOString()}>{post.data.pubDate.toISOString().slice(0, 10)}</time></li>)}
</ul>
</body>
</html>
`,
  'src/pages/blog/[...slug].astro': `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('blog')).map((post) => ({ params: { slug: post.id }, props: { post } }));
}
const { post } = Astro.props;
const { Content } = await render(post);
---
<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{post.data.title}</title></head>
<body>
<article class="post">
<h1 class="post-title">{post.data.title}</h1>
<time class="post-date" datetime={post.data.pubDate.toISOString()}>{post.data.pubDate.toISOString().slice(0, 10)}</time>
<div class="post-body"><Content /></div>
</article>
</body>
</html>
`,
};

export const astroSite: SiteFiles = {
  configNames: ['src/content.config.ts', 'src/content.config.mjs', 'src/content.config.js', 'src/content/config.ts', 'src/content/config.mjs', 'src/content/config.js'],
  config: () => CONTENT_CONFIG,
  requires: () => [],
  hasTheme: (dir) => hasEntries(join(dir, 'src', 'pages')),
  theme: () => ASTRO_PAGES,
  extra: () => ({
    'package.json': `${JSON.stringify({ name: 'blog', private: true, type: 'module', scripts: { build: 'astro build', dev: 'astro dev' }, dependencies: { astro: '^5.0.0' } }, null, 2)}\n`,
    'astro.config.mjs': "// Written by blogvault export; yours to change.\nimport { defineConfig } from 'astro/config';\n\nexport default defineConfig({});\n",
  }),
  ownConfigNote: 'the posts need a `blog` collection loading src/content/blog/*.md with ids from their file names, and a schema accepting title, description, pubDate, updatedDate, author, tags, categories and heroImage (an image)',
};

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
  site: astroSite,
};
