// node build.mjs --out <site dir> [--source <bench site>] [--work <dir with node_modules>] [--with-docs]
// A Docusaurus 3 site in blog-only mode (preset-classic, docs off, blog at /), or with --with-docs the
// classic layout (docs at /docs, blog at /blog, start URL /blog/): numbered pagination
// (/page/2), "Read More" after <!-- truncate -->, a recent-posts sidebar, /archive, tags, RSS/Atom feeds,
// Prism code blocks, images emitted as /assets/images/<name>-<hash>.png.
import { writeFileSync, mkdirSync, rmSync, cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parseArgs, loadPosts, withMoreMarker, frontMatter, raw, copyImages, writeBenchSite } from '../common/posts.mjs';

const args = parseArgs(process.argv.slice(2));
const workIdx = process.argv.indexOf('--work');
const here = dirname(fileURLToPath(import.meta.url));
const work = workIdx > 0 ? resolve(process.argv[workIdx + 1]) : here;
const posts = loadPosts(args.source);
const withDocs = process.argv.includes('--with-docs');
const blogBase = withDocs ? '/blog' : '';

for (const dir of ['blog', 'docs', 'static', 'build', '.docusaurus']) rmSync(join(work, dir), { recursive: true, force: true });
cpSync(join(here, 'site'), work, { recursive: true });
if (withDocs) {
  mkdirSync(join(work, 'docs'), { recursive: true });
  writeFileSync(join(work, 'docs', 'intro.md'), '---\nsidebar_position: 1\n---\n\n# Introduction\n\nThe documentation of the project.\n');
}
mkdirSync(join(work, 'blog'), { recursive: true });
copyImages(args.source, join(work, 'static', 'images'));
for (const p of posts) {
  writeFileSync(
    join(work, 'blog', `${p.date.slice(0, 10)}-${p.slug}.md`),
    frontMatter({ title: p.title, date: raw(p.date), tags: p.tags }) + withMoreMarker(p.body, '<!-- truncate -->') + '\n',
  );
}
execFileSync(join(work, 'node_modules', '.bin', 'docusaurus'), ['build', '--no-minify'], {
  cwd: work, stdio: 'inherit', env: { ...process.env, DOCUSAURUS_TELEMETRY_DISABLED: '1', BENCH_WITH_DOCS: withDocs ? '1' : '' },
});
writeBenchSite({
  ...args, name: withDocs ? 'docusaurus-docs-blog' : 'docusaurus-blog',
  engine: `docusaurus 3.10.2 (preset-classic, ${withDocs ? 'docs and blog at /blog' : 'blog-only mode'})`,
  builtDir: join(work, 'build'), posts, postsPerPage: 10, start: `${blogBase}/`,
  pathOf: (p) => `${blogBase}/${p.date.slice(0, 4)}/${p.date.slice(5, 7)}/${p.date.slice(8, 10)}/${p.slug}/`,
});
