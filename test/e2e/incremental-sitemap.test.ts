// Issue 21: a rerun over a blog whose sitemap dates each post's last change fetches only what those
// dates say changed, plus a sample of the rest; an edit or a new post the dates announce is archived; a
// sitemap caught dating a changed post as unchanged makes this run and every later one check every post;
// --verify checks every post whatever the dates say.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { requireBuild, runCli, tempOut, type CliResult, type ServedFixture } from './archive-harness.js';
import { JEKYLL_POSTS, STATIC, archiveFiles, diffFiles, editSite, output, postRequests, serveJekyll, touchedFiles, type FileState } from './incremental-harness.js';

const EDITED = '/2015/08/09/shell-tricks/';
const ADDED = '/2016/02/14/fresh-start/';
const NEWEST = '/2016/01/03/configs/';
const OLD = '/2015/07/30/python-generators/';

interface Run {
  result: CliResult;
  report: { requests: number; checked: string; new: string[]; changed: string[]; unchanged: string[]; postsFound: number };
  /** Requests the server saw during the run, and those for post pages. */
  requests: number;
  posts: string[];
  /** Requests for the feed (the fixture's /feed.xml). */
  feeds: number;
  files: Map<string, FileState>;
}

let served: ServedFixture;
let out: string;
const runs: Run[] = [];

async function run(extra: string[] = []): Promise<Run> {
  const mark = served.server.log.length;
  const reportFile = `${out}-report.json`;
  const result = await runCli(['archive', `${served.url}/`, '--out', out, '--report', reportFile, ...STATIC, ...extra]);
  const report = JSON.parse(await readFile(reportFile, 'utf8')) as Run['report'];
  await rm(reportFile, { force: true });
  const entry: Run = {
    result,
    report,
    requests: served.server.log.length - mark,
    posts: postRequests(served.server.log, mark).map((e) => e.path),
    feeds: served.server.log.slice(mark).filter((e) => e.path === '/feed.xml').length,
    files: await archiveFiles(out),
  };
  runs.push(entry);
  return entry;
}

/** Moves the sitemap's `<lastmod>` of `path` to `date`, as a generator that dates edits would. */
const redate = (path: string, date: string) =>
  editSite(served.root, 'sitemap.xml', (t) => t.replace(new RegExp(`(<loc>[^<]*${path}</loc>\\s*<lastmod>)[^<]*`), `$1${date}`));

const fileOf = (r: Run, path: string) => [...r.files.keys()].find((k) => k.endsWith('.md') && r.files.get(k)!.bytes.toString().includes(`url: ${served.url}${path}`));

before(async () => {
  requireBuild();
  served = await serveJekyll();
  out = await tempOut();
  // The fixture's sitemap dates posts by publication, as Jekyll's does; a sitemap that dates changes puts
  // each post's last edit after it.
  await editSite(served.root, 'sitemap.xml', (t) => t.replace(/<lastmod>(\d{4}-\d\d-\d\d)T/g, (_, d: string) => `<lastmod>${new Date(Date.parse(d) + 3 * 86_400_000).toISOString().slice(0, 10)}T`));
  await run(); // 0: first archive
  await run(); // 1: nothing changed

  // 2: an old post edited and a new post published, both dated by the sitemap.
  await editSite(served.root, `${EDITED}index.html`, (t) => t.replace('save me time on servers', 'save me hours on servers'));
  await redate(EDITED, '2016-03-01T10:00:00+00:00');
  await cp(join(served.root, OLD), join(served.root, ADDED), { recursive: true });
  await editSite(served.root, `${ADDED}index.html`, (t) => t.split(OLD).join(ADDED).split('2015-07-30').join('2016-02-14'));
  await editSite(served.root, 'index.html', (t) =>
    t.replace('<ul class="post-list posts">', `<ul class="post-list posts">\n    <li class="post">\n      <h2 class="post-title"><a class="post-link" href="${ADDED}">A Fresh Start</a></h2>\n    </li>\n`),
  );
  await editSite(served.root, 'sitemap.xml', (t) => t.replace('<url>', `<url>\n<loc>${served.url}${ADDED}</loc>\n<lastmod>2016-02-15T09:00:00+00:00</lastmod>\n</url>\n<url>`));
  await run();
  await run(['--verify']); // 3

  // 4: two posts edited, their sitemap dates left as they were: the sample (the newest posts) sees one.
  await editSite(served.root, `${NEWEST}index.html`, (t) => t.replace('this very blog', 'this very blog, edited'));
  await editSite(served.root, `${OLD}index.html`, (t) => t.replace(/(<p>[^<]{10,})(<\/p>)/, '$1 An edit.$2'));
  await run();
  await run(); // 5: nothing changed, and the sitemap is no longer trusted
});

after(async () => {
  await served?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

test('sitemap-guided reruns: every run succeeds', () => {
  for (const [i, r] of runs.entries()) assert.equal(r.result.code, 0, `run ${i}: ${output(r.result)}`);
});

test('sitemap-guided reruns: the summary counts every request the run made', () => {
  for (const [i, r] of runs.entries()) assert.equal(r.report.requests, r.requests, `run ${i}`);
  assert.match(runs[1]!.result.stdout, new RegExp(`, ${runs[1]!.requests} requests, `));
});

test('unchanged blog with an accurate sitemap: a handful of requests, the sample only, no file touched', () => {
  const [first, second] = runs;
  assert.equal(first!.posts.length, JEKYLL_POSTS);
  assert.equal(second!.report.checked, 'sitemap');
  assert.ok(second!.posts.length <= 4, `post pages fetched: ${second!.posts.join(', ')}`);
  assert.ok(second!.posts.includes(NEWEST), 'the newest post is in the sample');
  assert.ok(second!.requests <= 10, `requests: ${second!.requests}`);
  // The feed only completes what is fetched: the first run reads it, a run that fetched nothing new does not.
  assert.deepEqual([first!.feeds, second!.feeds], [1, 0]);
  assert.equal(second!.report.postsFound, JEKYLL_POSTS);
  assert.equal(second!.report.unchanged.length, JEKYLL_POSTS);
  assert.deepEqual(touchedFiles(first!.files, second!.files), []);
  assert.match(second!.result.stdout, /only posts the sitemap dates as changed were fetched/);
});

test('an edit and a new post the sitemap dates are archived, fetching little else', () => {
  const [, before, r] = runs;
  assert.equal(r!.report.checked, 'sitemap');
  assert.ok(r!.posts.includes(EDITED) && r!.posts.includes(ADDED), r!.posts.join(', '));
  assert.ok(r!.posts.length <= 6, `post pages fetched: ${r!.posts.join(', ')}`);
  const diff = diffFiles(before!.files, r!.files);
  assert.deepEqual(diff.changed, [fileOf(r!, EDITED)]);
  assert.match(r!.files.get(fileOf(r!, EDITED)!)!.bytes.toString(), /save me hours on servers/);
  assert.deepEqual(diff.added, [fileOf(r!, ADDED)]);
  assert.deepEqual(r!.report.new, [`${served.url}${ADDED}`]);
  assert.equal(r!.feeds, 1, 'the feed is read for the posts fetched');
});

test('--verify asks for every post, whatever the sitemap says', () => {
  const r = runs[3]!;
  assert.equal(r.report.checked, 'all');
  assert.equal(new Set(r.posts).size, JEKYLL_POSTS + 1);
  assert.deepEqual(diffFiles(runs[2]!.files, r.files), { added: [], removed: [], changed: [] });
});

test('a sitemap that dates an edited post as unchanged is caught: that run and the next check every post', () => {
  const [, , , before, caught, after] = runs;
  assert.match(caught!.result.stderr, /dates .*configs.* as unchanged, and it changed/);
  assert.equal(caught!.report.checked, 'all');
  assert.deepEqual(diffFiles(before!.files, caught!.files).changed.sort(), [fileOf(caught!, NEWEST), fileOf(caught!, OLD)].sort(), 'both edits archived');
  assert.equal(after!.report.checked, 'all');
  assert.equal(new Set(after!.posts).size, JEKYLL_POSTS + 1);
});
