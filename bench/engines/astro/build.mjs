// node build.mjs --out <site dir> [--source <bench site>] [--work <dir with node_modules>] [--paper]
// An Astro 5 blog written in the style of the official blog starter (`npm create astro -- --template blog`):
// content collection in src/content/blog, posts at /blog/<id>/, a card list at /blog/ with no pagination,
// a home page with no post list, Shiki highlighting, RSS and sitemap. With --paper, templates in the style
// of the AstroPaper theme (site-paper/): home with 4 recent posts and "All Posts", /posts/ paginated by
// Astro's paginate() (/posts/2/, Prev/Next with a disabled end), title and date outside the article,
// "#tag" links after it, share links and previous/next post cards.
import { writeFileSync, mkdirSync, rmSync, cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parseArgs, loadPosts, frontMatter, copyImages, writeBenchSite } from '../common/posts.mjs';

const args = parseArgs(process.argv.slice(2));
const workIdx = process.argv.indexOf('--work');
const here = dirname(fileURLToPath(import.meta.url));
const work = workIdx > 0 ? resolve(process.argv[workIdx + 1]) : here;
const posts = loadPosts(args.source);
const paper = process.argv.includes('--paper');

for (const dir of ['src', 'public', 'dist', '.astro']) rmSync(join(work, dir), { recursive: true, force: true });
// The templates and config are committed under site/; the posts are generated below.
cpSync(join(here, paper ? 'site-paper' : 'site'), work, { recursive: true });
mkdirSync(join(work, 'src', 'content', 'blog'), { recursive: true });
copyImages(args.source, join(work, 'public', 'images'));
for (const p of posts) {
  writeFileSync(
    join(work, 'src', 'content', 'blog', `${p.slug}.md`),
    frontMatter({ title: p.title, description: descriptionOf(p.body), pubDate: p.date, ...(paper ? { tags: p.tags } : {}) }) + p.body + '\n',
  );
}
execFileSync(join(work, 'node_modules', '.bin', 'astro'), ['build', '--silent'], { cwd: work, stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
writeBenchSite({
  ...args, name: paper ? 'astro-paper' : 'astro-blog',
  engine: `astro 5.18.2 (${paper ? 'AstroPaper theme style' : 'official blog starter style'})`,
  builtDir: join(work, 'dist'), posts, postsPerPage: paper ? 10 : 45,
  pathOf: (p) => `/${paper ? 'posts' : 'blog'}/${p.slug}/`,
});

/** The first sentence of the first prose paragraph, as the starter's required `description`. */
function descriptionOf(body) {
  const para = body.split(/\n\n/).find((b) => /^[A-Za-z\u4e00-\u9fff]/.test(b.trim())) ?? '';
  const plain = para.replace(/[*_`[\]]|\(https?:[^)]*\)/g, '').replace(/\s+/g, ' ').trim();
  return (plain.match(/^.*?[.。](?=\s|$)/)?.[0] ?? plain).slice(0, 160);
}
