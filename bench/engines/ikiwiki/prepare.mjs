// Writes an ikiwiki blog source (posts/<slug>.html pages through the html plugin, with meta/tag directives;
// an index inlining the latest posts in full and an archives page listing all) and the bench truth.
// usage: node prepare.mjs SRC_SITE SCORE_DIR WIKI_SRC OUT_SITE NAME
// ikiwiki has tags but no categories: the truth has no categories. Bodies are rendered by marked, so the page
// shows exactly the reference Markdown; internal links move to ikiwiki's /posts/<slug>/.
import fs from 'node:fs';
import path from 'node:path';
import { loadSource, loadMarked, rewriteInternalLinks, writeTruth } from '../common/source.mjs';

const [srcSite, scoreDir, src, outSite, name] = process.argv.slice(2);
const { marked } = loadMarked(scoreDir);
const posts = loadSource(srcSite);
const pathOf = (p) => `/posts/${p.slug}/`;
fs.mkdirSync(path.join(src, 'posts'), { recursive: true });
fs.mkdirSync(path.join(src, 'images'), { recursive: true });

for (const p of posts) {
  p.truthMarkdown = rewriteInternalLinks(p.markdown, posts, pathOf);
  const directives = [
    `[[!meta title="${p.title.replace(/"/g, '&quot;')}"]]`,
    `[[!meta date="${p.date.replace('T', ' ').replace('Z', ' UTC')}"]]`,
    `[[!tag ${p.tags.map((t) => t.replace(/\s+/g, '_')).join(' ')}]]`,
  ].join('\n');
  const file = path.join(src, 'posts', `${p.slug}.html`);
  fs.writeFileSync(file, `${directives}\n${marked.parse(p.truthMarkdown)}`);
  // ikiwiki shows "Last edited" from the file's mtime: the post was last edited when it was written
  fs.utimesSync(file, new Date(p.date), new Date(p.date));
  for (const file of p.imageFiles) fs.copyFileSync(file, path.join(src, 'images', path.basename(file)));
}
fs.writeFileSync(path.join(src, 'index.mdwn'), [
  'Notes on virtualization and kernels.', '',
  '[[!inline pages="page(posts/*)" show="10" actions="no" feeds="yes"]]', '',
  'Older posts are in the [[archives]].', '',
].join('\n'));
fs.writeFileSync(path.join(src, 'archives.mdwn'),
  '[[!meta title="Archives"]]\n[[!inline pages="page(posts/*)" archive="yes" show="0" quick="yes" feeds="no"]]\n');
fs.writeFileSync(path.join(src, 'tags.mdwn'), '[[!meta title="Tags"]]\n[[!map pages="tags/*"]]\n');
writeTruth(outSite, name, posts.map((p) => ({ ...p, categories: [] })), pathOf);
