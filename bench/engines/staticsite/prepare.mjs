// Writes a staticsite source tree (content/posts/<slug>.md with YAML front matter, content/images/, a blog
// index; build.sh adds the tags taxonomy of the package's demo) and the truth. usage: node prepare.mjs SRC_SITE SITE OUT_SITE NAME
// staticsite renders Markdown with Python-Markdown (extra, codehilite, fenced_code), which expands tabs
// (tab_length 4). The default theme shows tags but no categories.
import fs from 'node:fs';
import path from 'node:path';
import { loadSource, rewriteInternalLinks, writeTruth } from '../common/source.mjs';

const [srcSite, site, outSite, name] = process.argv.slice(2);
const posts = loadSource(srcSite);
const pathOf = (p) => `/posts/${p.slug}/`;
const content = path.join(site, 'content');
fs.mkdirSync(path.join(content, 'posts'), { recursive: true });
fs.mkdirSync(path.join(content, 'images'), { recursive: true });

const expandTabs = (text) => text.split('\n').map((line) => {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  return out;
}).join('\n');
const q = (s) => JSON.stringify(s);

for (const p of posts) {
  p.truthMarkdown = expandTabs(rewriteInternalLinks(p.markdown, posts, pathOf));
  const front = ['---', `title: ${q(p.title)}`, `date: ${q(p.date.replace('T', ' ').replace('Z', '+00:00'))}`,
    `tags: [${p.tags.map(q).join(', ')}]`, '---', '', ''].join('\n');
  fs.writeFileSync(path.join(content, 'posts', `${p.slug}.md`), front + p.truthMarkdown);
  for (const file of p.imageFiles) fs.copyFileSync(file, path.join(content, 'images', path.basename(file)));
}
fs.writeFileSync(path.join(content, 'index.md'), [
  '```yaml', 'site_url: http://example.com', 'site_name: Bench Blog', 'template: blog.html', 'syndication: yes',
  'pages: "posts/*"', '```', '', '# Bench Blog', '', 'Notes on virtualization and kernels.', '',
].join('\n'));
writeTruth(outSite, name, posts.map((p) => ({ ...p, categories: [] })), pathOf);
