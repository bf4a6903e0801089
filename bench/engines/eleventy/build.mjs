// node build.mjs --out <site dir> [--source <bench site>] [--work <dir with node_modules>]
// An Eleventy 3 blog written in the style of eleventy-base-blog: the home page lists the latest 3 posts
// and points to the archive (/blog/), posts live at /blog/<slug>/, heading anchors from markdown-it-anchor,
// Prism highlighting, tag pages, an Atom feed of the latest 10 posts and a sitemap.
import { writeFileSync, mkdirSync, rmSync, cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parseArgs, loadPosts, frontMatter, copyImages, writeBenchSite } from '../common/posts.mjs';

const args = parseArgs(process.argv.slice(2));
const workIdx = process.argv.indexOf('--work');
const work = workIdx > 0 ? resolve(process.argv[workIdx + 1]) : dirname(fileURLToPath(import.meta.url));
const here = dirname(fileURLToPath(import.meta.url));
const posts = loadPosts(args.source);

for (const dir of ['content', '_includes', '_site']) rmSync(join(work, dir), { recursive: true, force: true });
mkdirSync(join(work, 'content', 'blog'), { recursive: true });
copyImages(args.source, join(work, 'content', 'images'));
for (const p of posts) {
  writeFileSync(
    join(work, 'content', 'blog', `${p.slug}.md`),
    frontMatter({ title: p.title, date: p.date, tags: ['posts', ...p.tags] }) + p.body + '\n',
  );
}
// The templates and config are committed under site/; the posts are generated above.
cpSync(join(here, 'site'), work, { recursive: true });
execFileSync(join(work, 'node_modules', '.bin', 'eleventy'), ['--quiet'], { cwd: work, stdio: 'inherit' });
writeBenchSite({
  ...args, name: 'eleventy-base', engine: 'eleventy 3.1.8 (eleventy-base-blog style layout)',
  builtDir: join(work, '_site'), posts, postsPerPage: 3, pathOf: (p) => `/blog/${p.slug}/`,
});
