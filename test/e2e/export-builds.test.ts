// Issue 20 #3: an export into an empty folder builds as it is with the real engine (`hugo`, `jekyll
// build`, `hexo generate`): the export writes the engine's config with the settings it relies on and
// a minimal layout. A user's own config and theme are never overwritten: a config missing a setting
// the export needs is named with what to add.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './archive-harness.js';
import { prepareSite, removeSite } from '../engines/engines.js';
import { exportBuildAndCheck } from '../engines/site-checks.js';
import { exportArchive } from '../../src/export/index.js';

const SAMPLE = join(ROOT, 'fixtures', 'archive-sample');
const sites: string[] = [];
after(async () => {
  for (const site of sites) await removeSite(site);
});

for (const engine of ['hugo', 'jekyll', 'hexo'] as const) {
  test(`export to ${engine} into an empty folder: ${engine} builds a page per post as it is`, async () => {
    const { report, pages } = await exportBuildAndCheck(SAMPLE, engine, false, sites, true);
    assert.equal(pages.length, report.posts.length);
    assert.deepEqual(report.warnings, []);
  });
}

test('hugo: the config written sets unsafe = true; a user config without it is kept and named', async () => {
  const fresh = await mkdtemp(join(tmpdir(), 'bv-hugo-fresh-'));
  sites.push(fresh);
  await exportArchive(SAMPLE, { to: 'hugo', out: fresh });
  assert.match(await readFile(join(fresh, 'hugo.toml'), 'utf8'), /\[markup\.goldmark\.renderer\][^[]*unsafe = true/);

  const site = await prepareSite('hugo');
  sites.push(site);
  const own = '# mine\nbaseURL = "https://me.example/"\ntitle = "Mine"\n';
  await writeFile(join(site, 'hugo.toml'), own);
  const report = await exportArchive(SAMPLE, { to: 'hugo', out: site });
  assert.equal(await readFile(join(site, 'hugo.toml'), 'utf8'), own, 'the user config is left as it is');
  assert.deepEqual(report.warnings, ['hugo.toml is yours and was left as it is; the export relies on: [markup.goldmark.renderer] unsafe = true']);
  assert.match(report.summary, /warning: hugo\.toml is yours/);
  // The site's own templates stay; no minimal layout is added beside them.
  assert.deepEqual((await readdir(join(site, 'layouts', '_default'))).sort(), ['baseof.html', 'list.html', 'single.html']);
});

test('hexo: a user config lacking the asset folder settings is kept and named; its theme stays', async () => {
  const site = await prepareSite('hexo');
  sites.push(site);
  const config = (await readFile(join(site, '_config.yml'), 'utf8')).replace('post_asset_folder: true', 'post_asset_folder: false');
  await writeFile(join(site, '_config.yml'), config);
  const report = await exportArchive(SAMPLE, { to: 'hexo', out: site });
  assert.equal(await readFile(join(site, '_config.yml'), 'utf8'), config);
  assert.deepEqual(report.warnings, ['_config.yml is yours and was left as it is; the export relies on: post_asset_folder: true']);
  assert.ok(!existsSync(join(site, 'themes', 'blogvault')), 'no theme added to a site that has one');
});

test('jekyll: a site with its own layouts and config gets neither; an empty one gets both', async () => {
  const site = await prepareSite('jekyll');
  sites.push(site);
  const before = await readFile(join(site, '_config.yml'), 'utf8');
  const index = await readFile(join(site, 'index.html'), 'utf8');
  await exportArchive(SAMPLE, { to: 'jekyll', out: site });
  assert.equal(await readFile(join(site, '_config.yml'), 'utf8'), before);
  assert.equal(await readFile(join(site, 'index.html'), 'utf8'), index);
  const fresh = await mkdtemp(join(tmpdir(), 'bv-jekyll-fresh-'));
  sites.push(fresh);
  await exportArchive(SAMPLE, { to: 'jekyll', out: fresh });
  for (const file of ['_config.yml', '_layouts/default.html', '_layouts/post.html', 'index.html']) assert.ok(existsSync(join(fresh, file)), file);
});

test('astro: an empty folder gets the content collection the front matter fits, pages and package.json; its own config is named', async () => {
  const fresh = await mkdtemp(join(tmpdir(), 'bv-astro-fresh-'));
  sites.push(fresh);
  const report = await exportArchive(SAMPLE, { to: 'astro', out: fresh });
  const config = await readFile(join(fresh, 'src', 'content.config.ts'), 'utf8');
  assert.match(config, /defineCollection\(\{\s*loader: glob\(\{ base: '\.\/src\/content\/blog'/);
  for (const key of ['title: z.string()', 'description: z.string()', 'pubDate: z.coerce.date()', 'heroImage: image().optional()']) assert.ok(config.includes(key), key);
  assert.ok(existsSync(join(fresh, 'src', 'pages', 'blog', '[...slug].astro')));
  assert.equal((JSON.parse(await readFile(join(fresh, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies.astro !== undefined, true);
  assert.deepEqual(report.warnings, []);

  const own = await mkdtemp(join(tmpdir(), 'bv-astro-own-'));
  sites.push(own);
  await cp(join(fresh, 'src', 'pages'), join(own, 'src', 'pages'), { recursive: true });
  await writeFile(join(own, 'src', 'content.config.ts'), '// mine\n');
  const mine = await exportArchive(SAMPLE, { to: 'astro', out: own });
  assert.equal(await readFile(join(own, 'src', 'content.config.ts'), 'utf8'), '// mine\n');
  assert.match(mine.warnings.join('\n'), /src\/content\.config\.ts is yours and was left as it is; the posts need a `blog` collection/);
});

