// Writes chronicle entries (input/<slug>.txt: Title/Tags/Date headers, then the HTML marked renders) and the
// truth. usage: node prepare.mjs SRC_SITE SCORE_DIR INPUT_DIR OUT_SITE NAME
// chronicle names each page after its title (non-ASCII letters become "_", so CJK titles collide): a title with
// no ASCII letter gets its slug appended, "容器网络浅析 (post-3)". It has tags but no categories.
import fs from 'node:fs';
import path from 'node:path';
import { loadSource, loadMarked, rewriteInternalLinks, writeTruth } from '../common/source.mjs';

const [srcSite, scoreDir, input, outSite, name] = process.argv.slice(2);
const { marked } = loadMarked(scoreDir);
const posts = loadSource(srcSite).map((p) => (/[a-z]/i.test(p.title) ? p : { ...p, title: `${p.title} (${p.slug})` }));
// chronicle's fileToTitle: every character outside [a-z0-9] (case-insensitive) becomes "_"
const pathOf = (p) => `/${p.title.replace(/[^a-z0-9]/gi, '_')}.html`;
fs.mkdirSync(path.join(input, 'images'), { recursive: true });

const rfc2822 = (iso) => new Date(iso).toUTCString().replace('GMT', '+0000');
for (const p of posts) {
  p.truthMarkdown = rewriteInternalLinks(p.markdown, posts, pathOf);
  const head = [`Title: ${p.title}`, `Tags: ${p.tags.join(', ')}`, `Date: ${rfc2822(p.date)}`, `Slug: ${p.slug}`, '', ''].join('\n');
  fs.writeFileSync(path.join(input, `${p.slug}.txt`), head + marked.parse(p.truthMarkdown));
  for (const file of p.imageFiles) fs.copyFileSync(file, path.join(input, 'images', path.basename(file)));
}
writeTruth(outSite, name, posts.map((p) => ({ ...p, categories: [] })), pathOf);
