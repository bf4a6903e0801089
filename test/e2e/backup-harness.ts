// Shared by the backup-*.test.ts and queue-*.test.ts files: many fixture blogs on a few loopback servers
// (test/helpers/blog-farm.ts), a config file listing them, and each blog's archive compared with the
// archive a single `blogvault archive` run makes of the same fixture.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import pLimit from 'p-limit';
import { ROOT, runCli, tempOut, walk } from './archive-harness.js';
import { output } from './incremental-harness.js';
import { serveFarm, type FarmServer, type ServedBlog } from '../helpers/blog-farm.js';

export interface Fixture {
  name: string;
  site: string;
  start: string;
  posts: number;
}

/** The jekyll blog and every index shape, each with its start page and post count from expected.json. */
export const FIXTURES: Fixture[] = [join(ROOT, 'fixtures', 'jekyll-blog'), ...readdirSync(join(ROOT, 'fixtures', 'shapes'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(ROOT, 'fixtures', 'shapes', d.name))].map((dir) => {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { start: string; posts: unknown[] };
  return { name: dir.split(sep).pop()!, site: join(dir, 'site'), start: expected.start, posts: expected.posts.length };
});

/**
 * The fixtures the farms cycle through: the jekyll blog and index shapes of different engines. Each
 * needs a reference run per test file; the other shapes are the archive-shapes tests' business.
 */
export const FARM_FIXTURES = ['jekyll-blog', 'hugo', 'wordpress', 'ghost', 'numbered', 'query-page', 'sub-path'].map((name) => FIXTURES.find((f) => f.name === name)!);

export interface FarmBlogRef extends ServedBlog {
  fixture: Fixture;
  /** Where the backup writes this blog. */
  out: string;
}

/**
 * One server per entry of `perServer`, holding that many blogs, the fixtures taken in turn; blog k is
 * served under /b<k>/ and written to <outRoot>/b<k>. Blogs of the same server are neighbours in the
 * returned list (and in a config written from it).
 */
export async function startFarm(perServer: number[], outRoot: string): Promise<{ blogs: FarmBlogRef[]; servers: FarmServer[] }> {
  const blogs: FarmBlogRef[] = [];
  const started: FarmServer[] = [];
  let k = 0;
  for (const count of perServer) {
    const wanted = Array.from({ length: count }, () => {
      const fixture = FARM_FIXTURES[k % FARM_FIXTURES.length];
      return { fixture, site: fixture.site, prefix: `b${k++}`, start: fixture.start };
    });
    const farm = await serveFarm(wanted);
    started.push(farm.server);
    farm.blogs.forEach((b, i) => blogs.push({ ...b, fixture: wanted[i].fixture, out: join(outRoot, b.prefix) }));
  }
  return { blogs, servers: started };
}

export async function writeConfig(file: string, blogs: FarmBlogRef[], extra = ''): Promise<void> {
  const lines = [extra, 'blogs:', ...blogs.flatMap((b) => [`  - url: ${b.url}`, `    out: ${b.out}`])];
  await writeFile(file, `${lines.join('\n')}\n`);
}

/**
 * Every file of an archive outside .blogvault, by posix path, with the blog's base URL (origin and
 * prefix) replaced: two copies of one fixture served at different places archive to equal maps.
 */
export async function normalizedArchive(out: string, base: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const full of await walk(out)) {
    const rel = relative(out, full).split(sep).join('/');
    if (rel.startsWith('.blogvault/') || rel.startsWith('.git/') || rel.startsWith('warc/')) continue;
    files.set(rel, (await readFile(full)).toString('latin1').split(base).join('<BASE>'));
  }
  return files;
}

/** Archives one copy of each fixture with a single `blogvault archive` run (three at a time). */
export async function referenceArchives(fixtures: Fixture[]): Promise<{ archives: Map<string, Map<string, string>>; close: () => Promise<void> }> {
  const farm = await serveFarm(fixtures.map((f, i) => ({ site: f.site, prefix: `ref${i}`, start: f.start })));
  const archives = new Map<string, Map<string, string>>();
  const limit = pLimit(3);
  await Promise.all(
    farm.blogs.map((blog, i) =>
      limit(async () => {
        const out = await tempOut();
        const r = await runCli(['archive', blog.url, '--out', out]);
        assert.equal(r.code, 0, `reference run of ${fixtures[i].name}: ${output(r)}`);
        const files = await normalizedArchive(out, blog.base);
        await rm(out, { recursive: true, force: true });
        const posts = [...files.keys()].filter((f) => f.endsWith('.md')).length;
        assert.equal(posts, fixtures[i].posts, `reference run of ${fixtures[i].name}: ${posts} posts, expected.json has ${fixtures[i].posts}`);
        archives.set(fixtures[i].name, files);
      }),
    ),
  );
  return { archives, close: () => farm.server.close() };
}

/** Asserts that a blog's archive holds exactly the files, with exactly the bytes, of its fixture's reference. */
export async function assertSameAsReference(blog: FarmBlogRef, references: Map<string, Map<string, string>>, what: string): Promise<void> {
  const want = references.get(blog.fixture.name)!;
  const got = await normalizedArchive(blog.out, blog.base);
  const missing = [...want.keys()].filter((k) => !got.has(k));
  const extra = [...got.keys()].filter((k) => !want.has(k));
  const differ = [...want.keys()].filter((k) => got.has(k) && got.get(k) !== want.get(k));
  assert.deepEqual({ missing, extra, differ }, { missing: [], extra: [], differ: [] }, `${what}: ${blog.url} (${blog.fixture.name}) -> ${blog.out} differs from a single-blog run`);
}
