// node build.mjs --out <site dir> [--source <bench site>] [--work <dir with node_modules>]
// Wintersmith 2.5 with its bundled `blog` example (pug templates, paginator plugin, 3 articles per page,
// /page/N/, articles at /articles/<slug>/ with a "more" split, typogr and smartypants, highlight.js 9,
// an archive page and an RSS feed). The example is copied from node_modules, only config and posts change.
import { writeFileSync, mkdirSync, rmSync, cpSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parseArgs, loadPosts, withMoreMarker, frontMatter, copyImages, writeBenchSite } from '../common/posts.mjs';

const args = parseArgs(process.argv.slice(2));
const workIdx = process.argv.indexOf('--work');
const work = workIdx > 0 ? resolve(process.argv[workIdx + 1]) : dirname(fileURLToPath(import.meta.url));
const posts = loadPosts(args.source);
const site = join(work, 'site');

rmSync(site, { recursive: true, force: true });
cpSync(join(work, 'node_modules', 'wintersmith', 'examples', 'blog'), site, { recursive: true });
rmSync(join(site, 'contents', 'articles'), { recursive: true, force: true });
const config = JSON.parse(readFileSync(join(site, 'config.json'), 'utf8'));
config.locals.url = 'http://example.com';
config.locals.name = 'Bench Blog';
writeFileSync(join(site, 'config.json'), JSON.stringify(config, null, 2));
copyImages(args.source, join(site, 'contents', 'images'));
for (const p of posts) {
  const dir = join(site, 'contents', 'articles', p.slug);
  mkdirSync(dir, { recursive: true });
  // The example's "more" split is a line `<span class="more"></span>` in the Markdown.
  writeFileSync(
    join(dir, 'index.md'),
    frontMatter({ title: p.title, author: 'the-wintersmith', date: p.date.replace('T', ' ').replace('Z', ''), template: 'article.pug' }) +
      withMoreMarker(p.body, '<span class="more"></span>') + '\n',
  );
}
execFileSync(join(work, 'node_modules', '.bin', 'wintersmith'), ['build', '-C', site, '-o', join(site, 'build'), '--clean', '-q'], { stdio: 'inherit', env: { ...process.env, TZ: 'UTC' } });
// marked 0.5 turns every tab of the source into 4 spaces before parsing: the page's code has no tabs.
const shown = posts.map((p) => ({ ...p, body: p.body.replace(/\t/g, '    ') }));
writeBenchSite({
  ...args, name: 'wintersmith-blog', engine: 'wintersmith 2.5.0 (bundled blog example)',
  builtDir: join(site, 'build'), posts: shown, postsPerPage: 3, pathOf: (p) => `/articles/${p.slug}/`,
});
