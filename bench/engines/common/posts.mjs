// Shared by every engine build: reads the 45 bench posts (metadata from the hexo-landscape truth,
// bodies from posts/<slug>.md, images from public/images) and writes a built site in the bench format.
import { readFileSync, writeFileSync, mkdirSync, cpSync, existsSync, rmSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEFAULT_SOURCE = '/work/shared/bench/sites/hexo-landscape';

export function parseArgs(argv) {
  const args = { source: DEFAULT_SOURCE, out: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--source') args.source = resolve(argv[++i]);
    else if (argv[i] === '--out') args.out = resolve(argv[++i]);
  }
  if (!args.out) throw new Error('usage: node build.mjs --out <site dir> [--source <bench site>]');
  return args;
}

/** Posts newest first: { slug, title, date (ISO), tags, categories, images, body }. */
export function loadPosts(source) {
  const truth = JSON.parse(readFileSync(join(source, 'truth.json'), 'utf8'));
  return truth.posts.map((p) => ({
    slug: p.slug,
    title: p.title,
    date: p.date,
    tags: p.tags,
    categories: p.categories,
    images: p.images,
    body: readFileSync(join(source, p.source), 'utf8'),
  }));
}

/** Body with an excerpt marker after the first paragraph (engines that cut excerpts at a marker). */
export function withMoreMarker(body, marker = '<!-- more -->') {
  const blocks = body.split(/\n\n/);
  const first = blocks.findIndex((b) => b.trim() && !b.startsWith('```') && !b.startsWith('|'));
  if (first < 0) return body;
  blocks.splice(first + 1, 0, marker);
  return blocks.join('\n\n');
}

/** A front matter value written as is (a YAML timestamp some engines need unquoted). */
export function raw(value) {
  return { toString: () => String(value) };
}

/** YAML front matter; JSON strings are valid YAML scalars, so every value is quoted safely. */
export function frontMatter(fields) {
  const lines = ['---'];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      lines.push(`${k}:`);
      for (const item of v) lines.push(`  - ${JSON.stringify(item)}`);
    } else lines.push(`${k}: ${typeof v === 'string' ? JSON.stringify(v) : v}`);
  }
  lines.push('---', '');
  return lines.join('\n');
}

export function copyImages(source, destDir) {
  mkdirSync(destDir, { recursive: true });
  cpSync(join(source, 'public', 'images'), destDir, { recursive: true });
}

/**
 * Writes <out>/{public,truth.json,posts/,site.json}. `pathOf(post)` is the path the engine produced;
 * it is checked against the built files so the truth never names a page that does not exist.
 */
export function writeBenchSite({ out, name, engine, builtDir, posts, pathOf, postsPerPage, source, start = '/' }) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'posts'), { recursive: true });
  cpSync(builtDir, join(out, 'public'), { recursive: true });
  const truthPosts = posts.map((p) => {
    const path = pathOf(p);
    const file = join(out, 'public', decodeURIComponent(path), path.endsWith('/') ? 'index.html' : '');
    if (!existsSync(file)) throw new Error(`${name}: built site has no page for ${p.slug} at ${path}`);
    if (!readFileSync(file, 'utf8').includes(escapeHtml(p.title).slice(0, 12))) {
      throw new Error(`${name}: page ${path} does not show the title of ${p.slug}`);
    }
    writeFileSync(join(out, 'posts', `${p.slug}.md`), p.body);
    return {
      slug: p.slug, path, title: p.title, date: p.date, tags: p.tags, categories: p.categories,
      images: p.images, source: `posts/${p.slug}.md`,
    };
  });
  writeFileSync(join(out, 'truth.json'), JSON.stringify({ site: name, posts: truthPosts }, null, 1) + '\n');
  writeFileSync(join(out, 'site.json'), JSON.stringify({
    name, engine, kind: 'static', root: 'public', start, posts_per_page: postsPerPage,
    hidden: false, origin: 'http://example.com', built_from: source,
  }, null, 1) + '\n');
  const count = readdirSync(join(out, 'posts')).length;
  console.log(`${name}: ${count} posts written to ${out}`);
}

function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
