// Writes the Hugo content (content/posts/<slug>.md with YAML front matter, static/images/) and the bench truth.
// usage: node prepare.mjs SRC_SITE HUGO_SITE OUT_SITE NAME [BASE_PATH]   (BASE_PATH: where the blog lives, "/blog/")
// Every third code block gets Chroma line numbers in a table, every third+1 inline line numbers; the truth keeps
// the plain fence. Internal links move from Hexo's /YYYY/MM/DD/slug/ to Hugo's /posts/slug/.
import fs from 'node:fs';
import path from 'node:path';
import { loadSource, rewriteInternalLinks, writeTruth } from '../common/source.mjs';

const [srcSite, hugoSite, outSite, name, basePath = '/'] = process.argv.slice(2);
const posts = loadSource(srcSite);
const pathOf = (p) => `${basePath}posts/${p.slug}/`;
const contentDir = path.join(hugoSite, 'content', 'posts');
const imageDir = path.join(hugoSite, 'static', 'images');
fs.mkdirSync(contentDir, { recursive: true });
fs.mkdirSync(imageDir, { recursive: true });

let block = 0;
const q = (s) => JSON.stringify(s);
for (const p of posts) {
  p.truthMarkdown = rewriteInternalLinks(p.markdown, posts, pathOf);
  p.truthMarkdown = p.truthMarkdown.replace(/\]\(\/images\//g, `](${basePath}images/`);
  const body = p.truthMarkdown.replace(/^```(\w+)$/gm, (line, lang) => {
    const n = block++;
    return n % 3 === 0 ? `\`\`\`${lang} {linenos=table}` : n % 3 === 1 ? `\`\`\`${lang} {linenos=inline}` : line;
  });
  const front = [
    '---', `title: ${q(p.title)}`, `date: ${p.date}`, `slug: ${q(p.slug)}`,
    `tags: [${p.tags.map(q).join(', ')}]`, `categories: [${p.categories.map(q).join(', ')}]`, '---', '',
  ].join('\n');
  fs.writeFileSync(path.join(contentDir, `${p.slug}.md`), front + body);
  for (const file of p.imageFiles) fs.copyFileSync(file, path.join(imageDir, path.basename(file)));
}
writeTruth(outSite, name, posts, pathOf);
