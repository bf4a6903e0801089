// Writes a blag source tree (content/<slug>.md with Python-Markdown meta headers, content/images/) and the truth.
// usage: node prepare.mjs SRC_SITE SCORE_DIR BLAG_SITE OUT_SITE NAME
// blag's Markdown has no table extension: tables go in as the raw HTML marked renders for them (Python-Markdown
// passes block HTML through), everything else is Markdown for blag's own pipeline (fenced_code, codehilite,
// smarty). blag has tags (lower-cased) but no categories. Python-Markdown expands tabs (tab_length 4).
import fs from 'node:fs';
import path from 'node:path';
import { loadSource, loadMarked, rewriteInternalLinks, writeTruth } from '../common/source.mjs';

const [srcSite, scoreDir, site, outSite, name] = process.argv.slice(2);
const { marked } = loadMarked(scoreDir);
const posts = loadSource(srcSite);
const pathOf = (p) => `/${p.slug}.html`;
const contentDir = path.join(site, 'content');
fs.mkdirSync(path.join(contentDir, 'images'), { recursive: true });

const expandTabs = (text) => text.split('\n').map((line) => {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  return out;
}).join('\n');

for (const p of posts) {
  p.truthMarkdown = expandTabs(rewriteInternalLinks(p.markdown, posts, pathOf));
  const body = marked.lexer(p.truthMarkdown)
    .map((t) => (t.type === 'table' ? `\n${marked.parser([t]).trim()}\n\n` : t.raw))
    .join('');
  const head = [`title: ${p.title}`, `date: ${p.date.replace('Z', '+00:00')}`, `tags: ${p.tags.join(', ')}`, '', ''].join('\n');
  fs.writeFileSync(path.join(contentDir, `${p.slug}.md`), head + body);
  for (const file of p.imageFiles) fs.copyFileSync(file, path.join(contentDir, 'images', path.basename(file)));
}
fs.writeFileSync(path.join(site, 'config.ini'),
  '[main]\nbase_url = http://example.com/\ntitle = Bench Blog\ndescription = Notes on virtualization and kernels\nauthor = Bench Author\n');
writeTruth(outSite, name, posts.map((p) => ({ ...p, categories: [] })), pathOf);
