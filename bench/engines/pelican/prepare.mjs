// Writes the Pelican content (content/posts/<slug>.md with Pelican's metadata header, content/images/) and the
// bench truth. usage: node prepare.mjs SRC_SITE PELICAN_SITE OUT_SITE NAME
// Every third code block asks Pygments for line numbers (a table); the truth keeps the plain fence. Internal links
// and images use Pelican's {filename}/{static} syntax, which it resolves to SITEURL paths.
import fs from 'node:fs';
import path from 'node:path';
import { loadSource, rewriteInternalLinks, writeTruth } from '../common/source.mjs';

const [srcSite, site, outSite, name] = process.argv.slice(2);
const posts = loadSource(srcSite);
const pathOf = (p) => `/${p.slug}.html`;
const contentDir = path.join(site, 'content', 'posts');
const imageDir = path.join(site, 'content', 'images');
fs.mkdirSync(contentDir, { recursive: true });
fs.mkdirSync(imageDir, { recursive: true });

// Python-Markdown expands tabs (tab_length 4) in the whole source before parsing: the page never shows a tab.
const expandTabs = (text) => text.split('\n').map((line) => {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  return out;
}).join('\n');

let block = 0;
for (const p of posts) {
  p.truthMarkdown = expandTabs(rewriteInternalLinks(p.markdown, posts, pathOf));
  const body = rewriteInternalLinks(p.markdown, posts, (q) => `{filename}/posts/${q.slug}.md`)
    .replace(/\]\(\/images\//g, ']({static}/images/')
    .replace(/^```(\w+)$/gm, (line, lang) => (block++ % 3 === 0 ? `\`\`\`{.${lang} linenums="1"}` : line));
  const head = [
    `Title: ${p.title}`, `Date: ${p.date.replace('T', ' ').replace(/:00Z$/, '')}`, `Slug: ${p.slug}`,
    `Category: ${p.categories[0]}`, `Tags: ${p.tags.join(', ')}`, '', '',
  ].join('\n');
  fs.writeFileSync(path.join(contentDir, `${p.slug}.md`), head + body);
  for (const file of p.imageFiles) fs.copyFileSync(file, path.join(imageDir, path.basename(file)));
}
writeTruth(outSite, name, posts, pathOf);
