// Reads the bench's reference posts (truth.json + posts/<slug>.md of an existing bench site) so every engine
// builds the same 45 posts. `marked` is loaded from the bench scorer's node_modules (bench/score, `npm ci`).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export function loadSource(srcSite) {
  const truth = JSON.parse(fs.readFileSync(path.join(srcSite, 'truth.json'), 'utf8'));
  return truth.posts.map((p) => ({
    ...p,
    markdown: fs.readFileSync(path.join(srcSite, p.source), 'utf8'),
    imageFiles: p.images.map((name) => findImage(srcSite, name)),
  }));
}

function findImage(srcSite, name) {
  const stack = [path.join(srcSite, 'public')];
  while (stack.length) {
    const dir = stack.pop();
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (e.name === name) return full;
    }
  }
  throw new Error(`image ${name} not found under ${srcSite}/public`);
}

export function loadMarked(scoreDir) {
  return createRequire(path.join(path.resolve(scoreDir), 'package.json'))('marked');
}

// Internal links in the reference posts use Hexo's /YYYY/MM/DD/slug/ paths; engines with other permalinks
// rewrite them with this map so links stay valid on the built site.
export function rewriteInternalLinks(markdown, posts, pathOf) {
  let out = markdown;
  for (const p of posts) out = out.split(`](${p.path})`).join(`](${pathOf(p)})`);
  return out;
}

export function writeTruth(outSite, name, posts, pathOf, imagesOf = (p) => p.images) {
  fs.mkdirSync(path.join(outSite, 'posts'), { recursive: true });
  const truth = {
    site: name,
    posts: posts.map((p) => ({
      slug: p.slug, path: pathOf(p), title: p.title, date: p.date, tags: p.tags, categories: p.categories,
      images: imagesOf(p), source: `posts/${p.slug}.md`,
    })),
  };
  for (const p of posts) fs.writeFileSync(path.join(outSite, 'posts', `${p.slug}.md`), p.truthMarkdown ?? p.markdown);
  fs.writeFileSync(path.join(outSite, 'truth.json'), JSON.stringify(truth, null, 1) + '\n');
}
