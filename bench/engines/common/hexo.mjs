// Builds a Hexo site from the bench posts with a theme installed from npm, then writes it in the
// bench format. Each hexo-<theme>/build.mjs passes its theme name and theme configuration.
import { writeFileSync, mkdirSync, rmSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadPosts, withMoreMarker, frontMatter, copyImages, writeBenchSite } from './posts.mjs';

export function buildHexo({
  name, theme, themeVersion, themeConfig, work, source, out,
  prism = process.argv.includes('--prism'),
  // --subpath: deployed under /blog/ (GitHub project pages style): url and root say so, files move there.
  subpath = process.argv.includes('--subpath') ? '/blog' : '',
}) {
  const posts = loadPosts(source);
  rmSync(join(work, 'source'), { recursive: true, force: true });
  rmSync(join(work, 'public'), { recursive: true, force: true });
  rmSync(join(work, 'db.json'), { force: true });
  mkdirSync(join(work, 'source', '_posts'), { recursive: true });
  copyImages(source, join(work, 'source', 'images'));
  for (const p of posts) {
    const fm = frontMatter({
      title: p.title,
      date: p.date.replace('T', ' ').replace('Z', ''),
      tags: p.tags,
      categories: p.categories,
    });
    writeFileSync(join(work, 'source', '_posts', `${p.slug}.md`), fm + withMoreMarker(p.body) + '\n');
  }
  writeFileSync(join(work, '_config.yml'), [
    'title: Bench Blog',
    'author: Bench Author',
    'language: en',
    'timezone: UTC',
    `url: http://example.com${subpath}`,
    `root: ${subpath}/`,
    'permalink: :year/:month/:day/:title/',
    'per_page: 10',
    'pagination_dir: page',
    `theme: ${theme}`,
    'index_generator:',
    '  path: ""',
    '  per_page: 10',
    '  order_by: -date',
    // --prism: Prism.js on the server with its line-number rows inside <code>, instead of highlight.js tables.
    ...(prism
      ? ['syntax_highlighter: prismjs', 'prismjs:', '  preprocess: true', '  line_number: true', '  tab_replace: ""']
      : ['syntax_highlighter: highlight.js', 'highlight:', '  line_number: true', '  auto_detect: false', '  wrap: true']),
    '',
  ].join('\n'));
  writeFileSync(join(work, `_config.${theme}.yml`), themeConfig);
  execFileSync(join(work, 'node_modules', '.bin', 'hexo'), ['generate', '--silent'], { cwd: work, stdio: 'inherit' });
  let builtDir = join(work, 'public');
  if (subpath) {
    builtDir = join(work, 'public-subpath');
    rmSync(builtDir, { recursive: true, force: true });
    cpSync(join(work, 'public'), join(builtDir, subpath), { recursive: true });
  }
  const suffix = `${prism ? '-prism' : ''}${subpath ? '-subpath' : ''}`;
  writeBenchSite({
    out, name: `${name}${suffix}`, source, builtDir, posts, postsPerPage: 10, start: `${subpath}/`,
    engine: `hexo 8.1.2 + hexo-theme-${theme} ${themeVersion}${prism ? ' (prismjs highlighter)' : ''}${subpath ? ` (under ${subpath}/)` : ''}`,
    pathOf: (p) => `${subpath}/${p.date.slice(0, 4)}/${p.date.slice(5, 7)}/${p.date.slice(8, 10)}/${p.slug}/`,
  });
}
