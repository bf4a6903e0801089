// Issue 23: `blogvault backup <config>` on 20 fixture blogs served by 6 loopback servers (several blogs per
// host, under their own paths). Every archive equals what a single `archive` run of the same fixture makes;
// a backup killed mid-run is completed by the next; blogs on one host never run at once; `--git` makes one
// commit per changed blog, listing what changed, and none when nothing did.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { requireBuild, runCli, tempOut } from './archive-harness.js';
import { output, postFileCount, removePost, editSite, spawnCli, tempFiles, waitFor } from './incremental-harness.js';
import { FARM_FIXTURES, assertSameAsReference, referenceArchives, startFarm, writeConfig, type FarmBlogRef } from './backup-harness.js';
import type { FarmServer } from '../helpers/blog-farm.js';

const BLOGS = 20;
let blogs: FarmBlogRef[];
let servers: FarmServer[];
let references: Map<string, Map<string, string>>;
let closeReferences: () => Promise<void>;
let root: string;

before(async () => {
  requireBuild();
  root = await tempOut();
  // 6 servers: the first holds 5 blogs, the others 3 each.
  ({ blogs, servers } = await startFarm([5, 3, 3, 3, 3, 3], join(root, 'unused')));
  assert.equal(blogs.length, BLOGS);
  ({ archives: references, close: closeReferences } = await referenceArchives(FARM_FIXTURES));
});

after(async () => {
  await Promise.all(servers?.map((s) => s.close()) ?? []);
  await closeReferences?.();
  if (root) await rm(root, { recursive: true, force: true });
});

/** The same blogs, written to other folders under `dir`. */
function elsewhere(dir: string): FarmBlogRef[] {
  return blogs.map((b, i) => ({ ...b, out: join(dir, `blog${i}`) }));
}

/** Intervals during which a server had a request in flight from one of `blogs` (their prefixes). */
function overlappingBlogsOnOneHost(server: FarmServer): string[] {
  const spans = new Map<string, { first: number; last: number }>();
  for (const e of server.log) {
    const prefix = /^\/(b\d+)\//.exec(e.path)?.[1];
    if (!prefix) continue;
    const span = spans.get(prefix) ?? { first: Infinity, last: -Infinity };
    span.first = Math.min(span.first, e.time);
    span.last = Math.max(span.last, e.end ?? e.time);
    spans.set(prefix, span);
  }
  const list = [...spans.entries()].sort((a, b) => a[1].first - b[1].first);
  const clashes: string[] = [];
  for (let i = 1; i < list.length; i++) if (list[i][1].first < list[i - 1][1].last) clashes.push(`${list[i - 1][0]} and ${list[i][0]}`);
  return clashes;
}

/** The repository of the --git runs, the blogs written into it, their config. */
let repo: string;
let inRepo: FarmBlogRef[];
let gitConfig: string;
const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
const commits = () => git('log', '--format=%H%x09%s').trim().split('\n').filter(Boolean);

test('backup --git of 20 blogs into one repository: archives equal single-blog runs, one blog per host at a time, one commit per blog', async () => {
  repo = join(root, 'repo');
  await mkdir(repo);
  execFileSync('git', ['init', '-q', repo]);
  inRepo = elsewhere(join(repo, 'blogs'));
  gitConfig = join(root, 'git.yaml');
  await writeConfig(gitConfig, inRepo);
  for (const s of servers) s.log.length = 0;
  const report = join(root, 'report.json');
  const r = await runCli(['backup', gitConfig, '--git', '--parallel', '4', '--report', report], 300_000);
  assert.equal(r.code, 0, output(r));
  assert.match(r.stdout, /^Done: 20 blogs, 20 complete, 0 partial, 0 failed; posts \d+ new/m);
  const json = JSON.parse(await readFile(report, 'utf8')) as { exitCode: number; blogs: { url: string; exitCode: number; counts: { new: number }; git: { commit: string } }[] };
  assert.equal(json.exitCode, 0);
  assert.deepEqual(json.blogs.map((b) => b.url), inRepo.map((b) => b.url), 'the report lists the blogs in the config\'s order');
  json.blogs.forEach((b, i) => assert.equal(b.counts.new, inRepo[i].fixture.posts, `${b.url}: new posts in the report`));
  for (const blog of inRepo) await assertSameAsReference(blog, references, 'backup');
  for (const s of servers) assert.deepEqual(overlappingBlogsOnOneHost(s), [], `${s.url}: two blogs of this host were archived at the same time`);

  assert.equal(commits().length, BLOGS, 'one commit per blog on the first run');
  for (const [i, blog] of inRepo.entries()) {
    const log = git('log', '--format=%H%n%B', '--', relative(repo, blog.out));
    assert.ok(log.startsWith(`${json.blogs[i].git.commit}\n`), `${blog.url}: the report names the blog's commit`);
    assert.match(log, new RegExp(`^blogvault: ${blog.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${blog.fixture.posts} new, 0 changed, 0 missing\\)`, 'm'));
  }
  assert.equal(git('status', '--porcelain'), '', 'the run leaves nothing uncommitted');
});

test('a backup killed mid-run is completed by the next run: same archives as single runs, no lock left', async () => {
  const set = elsewhere(join(root, 'killed'));
  const config = join(root, 'killed.yaml');
  await writeConfig(config, set);
  const run = spawnCli(['backup', config, '--parallel', '3']);
  // Killed once the first blog is done and some other has posts on disk: several archives are half-written.
  let stderr = '';
  run.child.stderr!.on('data', (d: Buffer) => (stderr += d));
  await waitFor(async () => (/\[1\/20\] done/.test(stderr) && (await Promise.all(set.map((b) => postFileCount(b.out)))).some((n, i) => n > 0 && n < set[i].fixture.posts)) || run.child.exitCode !== null, 'one blog done and another half-archived', 120_000);
  run.child.kill('SIGKILL');
  const killed = await run.done;
  assert.equal(killed.code, -1, `the backup ended before it could be killed:\n${output(killed)}`);
  const counts = await Promise.all(set.map((b) => postFileCount(b.out)));
  assert.ok(counts.some((n, i) => n < set[i].fixture.posts), `every blog was complete when the backup was killed: ${counts.join(' ')}`);

  const r = await runCli(['backup', config, '--parallel', '3'], 300_000);
  assert.equal(r.code, 0, output(r));
  for (const blog of set) {
    await assertSameAsReference(blog, references, 'resumed backup');
    assert.ok(!existsSync(join(blog.out, '.blogvault', 'lock')), `${blog.out}: lock left behind`);
    assert.deepEqual(await tempFiles(blog.out), [], `${blog.out}: temporary files left behind`);
  }
});

test('backup --git again: one commit per changed blog, listing changed and missing posts; none when nothing changed', async () => {
  assert.ok(repo, 'runs after the first --git backup');
  const set = inRepo;
  const config = gitConfig;
  // One post edited on one copy of the jekyll blog, one post removed from the other.
  const [edited, trimmed] = set.filter((b) => b.fixture.name === 'jekyll-blog');
  assert.ok(edited && trimmed, 'the farm holds two copies of the jekyll blog');
  await editSite(edited.dir, '2015/08/09/shell-tricks/index.html', (t) => t.replace('one-liners that save me time', 'one-liners that save me hours'));
  await removePost(trimmed.dir, 'page3/index.html', `/${trimmed.prefix}/2015/07/26/hello-jekyll/`, '2015/07/26/hello-jekyll/');
  const second = await runCli(['backup', config, '--git', '--quiet'], 300_000);
  assert.equal(second.code, 0, output(second));
  assert.match(second.stdout, /^Done: 20 blogs, 20 complete/m, 'a quiet run that changed something prints its summary');
  const after = commits();
  assert.equal(after.length, BLOGS + 2, `two blogs changed, two commits:\n${after.slice(0, 4).join('\n')}`);
  const messages = git('log', '-2', '--format=%B%x00').split('\0').map((m) => m.trim()).filter(Boolean);
  const editedMessage = messages.find((m) => m.includes(edited.url));
  const trimmedMessage = messages.find((m) => m.includes(trimmed.url));
  assert.ok(editedMessage && trimmedMessage, messages.join('\n---\n'));
  assert.match(editedMessage, /\(0 new, 1 changed, 0 missing\)/);
  assert.ok(editedMessage.includes(`changed:\n  ${edited.base}/2015/08/09/shell-tricks/`), editedMessage);
  assert.match(trimmedMessage, /\(0 new, 0 changed, 1 missing\)/);
  assert.ok(trimmedMessage.includes(`missing:\n  ${trimmed.base}/2015/07/26/hello-jekyll/`), trimmedMessage);
  // Each of the two commits holds one blog's files only.
  const folders = ['HEAD', 'HEAD~1'].map((rev) => new Set(git('show', '--name-only', '--format=', rev).trim().split('\n').map((f) => f.split('/').slice(0, 2).join('/'))));
  assert.deepEqual(folders.map((f) => [...f]).sort(), [edited, trimmed].map((b) => [relative(repo, b.out).split(sep).join('/')]).sort());
  assert.equal(git('status', '--porcelain'), '', 'the run leaves nothing uncommitted');

  const third = await runCli(['backup', config, '--git', '--quiet'], 300_000);
  assert.equal(third.code, 0, output(third));
  assert.equal(commits().length, BLOGS + 2, 'a run that changed nothing commits nothing');
  assert.equal(third.stdout, '', 'a quiet run that changed nothing prints nothing');
});

