// `npm run bench`: the figures of issue 21, each printed beside its floor or baseline from the same run
// and the issue's target. Figures only, no assertions: timings depend on the machine, which is shared,
// so every section opens with the load average. Sections, in this order:
//
//   cpu      the generated blog (1,000 posts) archived on 127.0.0.1 at default settings: posts/s, CPU per
//            post, peak RSS, requests, this machine's one-thread speed before and after; then
//            `wget --mirror` of the same site right after it, and the time ratio
//   rerun    scheduled reruns (`blogvault update`): a copy of the blog with a sitemap and a feed dating
//            each post's last change, rerun (i) unchanged, (ii) after an old post was edited and its date
//            moved, (iii) after the newest post was edited and its date kept (the sitemap lies); and
//            (iv) the blog without sitemap or feed, unchanged
//   net      the blog through bench/latency-proxy.ts at 50 ms and 200 ms round trips: wall time against
//            the floor, requests × RTT ÷ concurrency
//   big      (slow: only with --big or --only big) a 10,000-post blog beside the 1,000-post one: peak
//            RSS and time per post
//   browser  the CLI on fixtures/spa-blog at default settings (posts/s, peak memory of Node and
//            Chromium), then bench/browser.ts
//
//   npm run bench [-- --only cpu,rerun,net,big,browser] [--big] [--posts 1000] [--net-posts 1000]
//                    [--big-posts 10000] [--concurrency 4] [--keep]
//
// Generated blogs are kept in .tmp/bench-blog[-N] (made once); the sitemap copy is made anew on each run,
// since its URLs name the port it is served on and the run edits it. Archives go to .tmp/bench-out.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { execFile, spawn } from 'node:child_process';
import { startStaticServer, type TestServer } from '../test/helpers/static-server.js';
import { DEFAULT_DIR, editPost, existingBlog, generateBlog, type GeneratedBlog } from './generate-blog.js';
import { startLatencyProxy } from './latency-proxy.js';
import { measure, ROOT, runCli, type Measured, type RunReport } from './measure.js';

const SECTIONS = ['cpu', 'rerun', 'net', 'big', 'browser'] as const;
type Section = (typeof SECTIONS)[number];
/** The CLI's default `--concurrency`: the floor of the network figures divides by it. */
const DEFAULT_CONCURRENCY = 4;
const RTTS_MS = [50, 200];
const WGET = '/usr/bin/wget';
const OUT = join(ROOT, '.tmp', 'bench-out');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function count(name: string, fallback: number): number {
  const value = Number(option(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench: --${name} must be a positive whole number, not ${option(name)}`);
    process.exit(2);
  }
  return value;
}

function sections(): Section[] {
  const only = option('only');
  const names = only ? only.split(',').map((s) => s.trim()) : SECTIONS.filter((s) => s !== 'big' || process.argv.includes('--big'));
  const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length) {
    console.error(`bench: unknown section ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')})`);
    process.exit(2);
  }
  return SECTIONS.filter((s) => names.includes(s));
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const int = (n: number) => n.toLocaleString('en-US');
const mb = (m: Measured) => (m.peakMb === undefined ? 'not measured' : `${fmt(m.peakMb)} MB`);
const lastLines = (text: string, n: number) => text.trim().split('\n').slice(-n).join('\n');
const archivedOf = (r: RunReport | undefined) => (r ? r.new.length + r.changed.length + r.unchanged.length : 0);

function heading(title: string): void {
  console.log(`\n== ${title}`);
  // Figures from a busy machine mislead: say how busy it was.
  console.log(`load: ${loadavg().map((l) => fmt(l, 2)).join(' ')} (1/5/15 min) on ${availableParallelism()} CPUs`);
}

/** The exit code and last lines of a run that failed, so that a figure is never read off a broken run. */
function failure(m: Measured): void {
  if (m.code !== 0) console.log(`  exit ${m.code}; output (last lines):\n${lastLines(`${m.stdout}\n${m.stderr}`, 15)}`);
}

const SPEED_POSTS = 200;

/**
 * This machine's one-thread speed at the moment of the run: extract + convert of the blog's first posts
 * in this process, warm (the second pass is timed). On a shared VM the same code runs up to 70% slower
 * from one minute to the next, and a throughput figure means little without this one beside it.
 */
async function oneThreadMsPerPost(blogDir: string): Promise<number> {
  const { processPost } = await import('../src/pipeline/process-post.js');
  const files = (await readdir(blogDir, { recursive: true }))
    .filter((f) => /^\d{4}\/.*index\.html$/.test(f))
    .sort()
    .slice(0, SPEED_POSTS);
  const pages = await Promise.all(files.map(async (f) => ({ html: await readFile(join(blogDir, f), 'utf8'), url: `http://127.0.0.1/${f.slice(0, -'index.html'.length)}` })));
  let ms = 0;
  for (let pass = 0; pass < 2; pass++) {
    const start = performance.now();
    for (const { html, url } of pages) processPost(html, url);
    ms = performance.now() - start;
  }
  return ms / Math.max(1, pages.length);
}

/** The generated blog of `posts` posts without sitemap or feed, made once and kept for later runs. */
async function plainBlog(posts: number): Promise<GeneratedBlog> {
  const dir = posts === 1000 ? DEFAULT_DIR : `${DEFAULT_DIR}-${posts}`;
  const kept = await existingBlog(dir, posts);
  if (kept) return kept;
  console.log(`generating a ${int(posts)}-post blog in ${relative(ROOT, dir)} ...`);
  const started = performance.now();
  const blog = await generateBlog(dir, posts);
  console.log(`  generated in ${fmt((performance.now() - started) / 1000)} s`);
  return blog;
}

/** The text of the post file archived for the post at `path`, read through the archive's manifest. */
async function archivedPost(archive: string, path: string): Promise<string | undefined> {
  const manifest = JSON.parse(await readFile(join(archive, '.blogvault', 'manifest.json'), 'utf8')) as { posts: Record<string, { url: string; file?: string }> };
  const entry = Object.values(manifest.posts).find((e) => new URL(e.url).pathname === path);
  return entry?.file ? readFile(join(archive, entry.file), 'utf8').catch(() => undefined) : undefined;
}

interface FullRun {
  blog: GeneratedBlog;
  server: TestServer;
  archive: string;
  run: Measured & { report?: RunReport };
  archived: number;
  speedBefore: number;
  speedAfter: number;
}

class Bench {
  readonly posts = count('posts', 1000);
  readonly netPosts = count('net-posts', this.posts);
  readonly bigPosts = count('big-posts', 10_000);
  readonly concurrency = count('concurrency', DEFAULT_CONCURRENCY);
  /** Passed to every `archive` run only when given, so that the runs are at the CLI's default settings. */
  readonly cliOptions = option('concurrency') ? ['--concurrency', String(this.concurrency)] : [];
  private readonly servers: TestServer[] = [];
  private full?: Promise<FullRun>;

  async serve(dir: string): Promise<TestServer> {
    const server = await startStaticServer(dir);
    this.servers.push(server);
    return server;
  }

  /**
   * The first run of the plain blog, shared by the sections that compare with it (the wget ratio, the
   * rerun without sitemap, the 10k figures): made once, its server kept for the runs after it.
   */
  fullRun(): Promise<FullRun> {
    this.full ??= (async () => {
      const blog = await plainBlog(this.posts);
      const server = await this.serve(blog.dir);
      const archive = join(OUT, 'plain');
      await rm(archive, { recursive: true, force: true });
      const args = ['archive', `${server.url}/`, '--out', archive, ...this.cliOptions];
      console.log(`blog: ${int(blog.posts)} posts, ${blog.indexPages} index pages, ${blog.images} images, served at ${server.url}/`);
      console.log(`cmd:  bin/blogvault.js ${args.join(' ')}`);
      const speedBefore = await oneThreadMsPerPost(blog.dir);
      const run = await runCli(args, join(OUT, 'plain-first.json'));
      const speedAfter = await oneThreadMsPerPost(blog.dir);
      return { blog, server, archive, run, archived: archivedOf(run.report), speedBefore, speedAfter };
    })();
    return this.full;
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.close()));
  }
}

async function cpuSection(bench: Bench): Promise<void> {
  heading(`CPU per post: the ${int(bench.posts)}-post blog at default settings, then wget --mirror of the same site`);
  const { blog, server, run, archived, speedBefore, speedAfter } = await bench.fullRun();
  console.log(`full run: exit ${run.code}, ${archived}/${blog.posts} posts archived in ${fmt(run.seconds, 2)} s`);
  console.log(`  throughput: ${fmt(archived / run.seconds)} posts/s (issue 21 target: ≥ 200)`);
  if (run.cpuSeconds !== undefined) console.log(`  CPU:        ${fmt(run.cpuSeconds, 2)} s, ${fmt((run.cpuSeconds * 1000) / Math.max(1, archived), 2)} ms per post`);
  console.log(`  peak RSS:   ${mb(run)}`);
  console.log(`  requests:   ${int(run.report?.requests ?? 0)}`);
  console.log(`  machine:    ${fmt(speedBefore, 2)} ms per post before the run, ${fmt(speedAfter, 2)} after (${SPEED_POSTS} posts extracted and converted on one thread, warm)`);
  failure(run);

  if (!existsSync(WGET)) {
    console.log(`wget: not installed (${WGET}), no ratio`);
    return;
  }
  const dir = join(OUT, 'wget');
  await rm(dir, { recursive: true, force: true });
  const before = server.log.length;
  // Right after the run, on the same server: the ratio is what it is worth only back to back. Without
  // --span-hosts wget stays on 127.0.0.1:port (the posts link to example.org).
  const wget = await measure(WGET, ['--mirror', '--no-verbose', '-P', dir, `${server.url}/`]);
  const answered = server.log.slice(before);
  console.log(
    `wget --mirror right after: exit ${wget.code} in ${fmt(wget.seconds, 2)} s, ${int(answered.length)} requests` +
      ` (${answered.filter((e) => e.status === 404).length} answered 404: tag, category, archive and script links the generated blog does not have)`,
  );
  console.log(`  time ratio blogvault ÷ wget: ${fmt(run.seconds / wget.seconds, 2)} (issue 21: about 3.5 before the work)`);
  await rm(dir, { recursive: true, force: true });
}

/** One rerun of an archive with `blogvault update`, described beside the first run's time. */
async function rerun(label: string, archive: string, reportFile: string, first: Measured): Promise<Measured & { report?: RunReport }> {
  const run = await runCli(['update', archive], reportFile);
  const r = run.report;
  const inRun = r ? `; inside the run ${fmt(r.elapsedMs / 1000, 2)} s = ${fmt(r.elapsedMs / 1000 / first.seconds, 3)}` : '';
  console.log(`${label}`);
  console.log(`  time:     ${fmt(run.seconds, 2)} s = ${fmt(run.seconds / first.seconds, 3)} of the first run's ${fmt(first.seconds, 2)} s (process start included${inRun})`);
  console.log(`  requests: ${r ? int(r.requests) : '?'}, checked: ${r?.checked ?? '?'} (${r ? `${r.changed.length} changed, ${r.unchanged.length} unchanged, ${r.new.length} new, ${r.failed.length} failed` : 'no report'})`);
  failure(run);
  return run;
}

/** Whether the archived file of an edited post changed and now holds the added sentence. */
async function editFound(archive: string, path: string, text: string, before: string | undefined): Promise<string> {
  const after = await archivedPost(archive, path);
  const found = after !== undefined && after !== before && after.includes(text);
  return `${found ? 'yes' : 'NO'} (${path}: file ${after === undefined ? 'missing' : after === before ? 'unchanged' : 'rewritten'}, ${after?.includes(text) ? 'holds' : 'lacks'} the added sentence)`;
}

async function rerunSection(bench: Bench): Promise<void> {
  heading(`Scheduled reruns (blogvault update) of the ${int(bench.posts)}-post blog, each beside its first run`);
  // A copy with sitemap and feed, apart from the kept plain blog: the sitemap names the server's port,
  // and the cases edit posts.
  const dir = `${DEFAULT_DIR}-sitemap`;
  const server = await bench.serve(dir);
  const blog = await generateBlog(dir, bench.posts, { sitemapOrigin: server.url });
  const archive = join(OUT, 'sitemap');
  await rm(archive, { recursive: true, force: true });
  const first = await runCli(['archive', `${server.url}/`, '--out', archive, ...bench.cliOptions], join(OUT, 'sitemap-first.json'));
  console.log(`with sitemap.xml and atom.xml (each post's <lastmod> a few days after publication), in ${relative(ROOT, dir)}:`);
  console.log(`  first run: exit ${first.code}, ${archivedOf(first.report)} posts in ${fmt(first.seconds, 2)} s, ${int(first.report?.requests ?? 0)} requests`);
  failure(first);

  await rerun('(i) unchanged, accurate sitemap (issue 21 target: ≤ 0.05 of the time, ≤ 20 requests)', archive, join(OUT, 'rerun-1.json'), first);

  // An old post, outside the sample of newest posts: only its moved date can lead the rerun to it.
  const old = Math.floor(blog.posts / 2);
  const oldEdit = await editPost(blog, old, `Erratum added to post ${old} with its sitemap date moved.`, true);
  const oldBefore = await archivedPost(archive, oldEdit.path);
  await rerun(`(ii) post ${old} of ${blog.posts} (newest first) edited, its sitemap date moved`, archive, join(OUT, 'rerun-2.json'), first);
  console.log(`  edit found: ${await editFound(archive, oldEdit.path, oldEdit.text, oldBefore)}`);

  // The typo fixed right after publishing, while the sitemap keeps the first date: only the sample sees it.
  const newEdit = await editPost(blog, 0, 'Erratum added to the newest post with its sitemap date kept.', false);
  const newBefore = await archivedPost(archive, newEdit.path);
  const lying = await rerun('(iii) newest post edited, its sitemap date kept (the sitemap lies)', archive, join(OUT, 'rerun-3.json'), first);
  // The archive's own record says whether the run caught the sitemap lying: `checked: all` alone would
  // also follow from any other reason for a full check.
  const state = await readFile(join(archive, '.blogvault', 'update-state.json'), 'utf8').then((t) => JSON.parse(t) as { sitemapDatesTrusted?: boolean }, () => undefined);
  const distrusted = state?.sitemapDatesTrusted === false;
  const notice = `${lying.stdout}\n${lying.stderr}`.split('\n').find((l) => /the sitemap dates/i.test(l));
  console.log(`  detected:   ${lying.report?.checked === 'all' && distrusted ? 'yes' : 'NO'} (checked: ${lying.report?.checked ?? '?'}; update-state.json: sitemap dates ${distrusted ? 'no longer trusted' : 'trusted'})`);
  console.log(`  notice:     ${notice ? `"${notice.trim()}"` : 'none printed (update is quiet by default, and quiet drops notices)'}`);
  console.log(`  edit found: ${await editFound(archive, newEdit.path, newEdit.text, newBefore)}`);

  const full = await bench.fullRun();
  console.log(`without sitemap or feed (${relative(ROOT, full.blog.dir)}): first run ${fmt(full.run.seconds, 2)} s, ${int(full.run.report?.requests ?? 0)} requests`);
  const before = full.server.log.length;
  await rerun('(iv) unchanged, no sitemap or feed (issue 21 target: ≤ 0.15 of the time, conditional requests)', full.archive, join(OUT, 'rerun-4.json'), full.run);
  console.log(`  answered 304 Not Modified: ${int(full.server.log.slice(before).filter((e) => e.status === 304).length)} of ${int(full.server.log.length - before)}`);
}

async function netSection(bench: Bench): Promise<void> {
  const blog = await plainBlog(bench.netPosts);
  const server = await bench.serve(blog.dir);
  for (const rtt of RTTS_MS) {
    heading(`Across a network: the ${int(blog.posts)}-post blog through a ${rtt} ms round trip (bench/latency-proxy.ts), concurrency ${bench.concurrency}`);
    const proxy = await startLatencyProxy(server.url, rtt);
    try {
      const archive = join(OUT, `net-${rtt}`);
      await rm(archive, { recursive: true, force: true });
      const run = await runCli(['archive', `${proxy.url}/`, '--out', archive, ...bench.cliOptions], join(OUT, `net-${rtt}.json`));
      // The floor: every request waits one round trip, `concurrency` of them at a time, nothing idle.
      const floor = (proxy.requests * rtt) / 1000 / bench.concurrency;
      console.log(`  wall:        ${fmt(run.seconds, 2)} s, ${archivedOf(run.report)} posts archived`);
      // A run short of CPU (a busy machine) leaves request slots idle that no scheduling can fill.
      if (run.cpuSeconds !== undefined) console.log(`  CPU:         ${fmt(run.cpuSeconds, 2)} s (user + system)`);
      console.log(`  requests:    ${int(proxy.requests)} on ${proxy.connections} connections`);
      console.log(`  floor:       ${fmt(floor, 2)} s (requests × ${rtt} ms ÷ ${bench.concurrency})`);
      console.log(`  efficiency:  ${fmt(floor / run.seconds, 3)} = floor ÷ wall (issue 21 target: ≥ 0.95)`);
      failure(run);
      await rm(archive, { recursive: true, force: true });
    } finally {
      await proxy.close();
    }
  }
}

async function bigSection(bench: Bench): Promise<void> {
  heading(`${int(bench.bigPosts)} posts beside ${int(bench.posts)}: peak memory and time per post`);
  const small = await bench.fullRun();
  const blog = await plainBlog(bench.bigPosts);
  const server = await bench.serve(blog.dir);
  const archive = join(OUT, 'big');
  await rm(archive, { recursive: true, force: true });
  const big = await runCli(['archive', `${server.url}/`, '--out', archive, ...bench.cliOptions], join(OUT, 'big.json'));
  failure(big);
  const row = (run: Measured, archived: number) =>
    `${int(archived).padStart(8)} posts  ${fmt(run.seconds, 1).padStart(7)} s  ${fmt((run.seconds * 1000) / Math.max(1, archived), 2).padStart(6)} ms/post  ` +
    `${(run.cpuSeconds === undefined ? '?' : fmt((run.cpuSeconds * 1000) / Math.max(1, archived), 2)).padStart(6)} CPU ms/post  peak RSS ${mb(run)}`;
  console.log(`  ${row(small.run, small.archived)}`);
  console.log(`  ${row(big, archivedOf(big.report))}`);
  console.log('  (issue 21 target: peak RSS ≤ 150 MB at both sizes, ms per post the same)');
  await rm(archive, { recursive: true, force: true });
}

async function browserSection(): Promise<void> {
  heading('JavaScript-rendered blog: the CLI on fixtures/spa-blog at default settings');
  const server = await startStaticServer(join(ROOT, 'fixtures', 'spa-blog'));
  try {
    const archive = join(OUT, 'spa');
    await rm(archive, { recursive: true, force: true });
    const run = await runCli(['archive', `${server.url}/`, '--out', archive], join(OUT, 'spa.json'), { tree: true });
    const archived = archivedOf(run.report);
    const inRun = run.report ? run.report.elapsedMs / 1000 : run.seconds;
    console.log(`  ${archived} posts in ${fmt(run.seconds, 2)} s = ${fmt(archived / run.seconds, 2)} posts/s (${fmt(archived / inRun, 2)} posts/s inside the run, Chromium's start included; issue 21 target: ≥ 8)`);
    console.log(`  peak memory: ${run.treePeakMb === undefined ? 'not measured' : `${fmt(run.treePeakMb)} MB`} for Node and Chromium (PSS); Node alone ${mb(run)} RSS`);
    failure(run);
    await rm(archive, { recursive: true, force: true });
  } finally {
    await server.close();
  }
  console.log('\nbrowser path without the CLI (bench/browser.ts):');
  await new Promise<void>((resolvePromise) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'browser.ts')], { cwd: ROOT, stdio: 'inherit' });
    child.on('close', () => resolvePromise());
  });
}

function build(): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }, (err, _stdout, stderr) =>
      err ? reject(new Error(`build failed:\n${stderr}`)) : resolvePromise(),
    );
  });
}

async function main(): Promise<void> {
  const chosen = sections();
  const bench = new Bench();
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    console.log('building dist/ ...');
    await build();
  }
  console.log(`sections: ${chosen.join(', ')}${chosen.includes('big') ? '' : ' (add --big for 10,000 posts)'}`);
  try {
    if (chosen.includes('cpu')) await cpuSection(bench);
    if (chosen.includes('rerun')) await rerunSection(bench);
    if (chosen.includes('net')) await netSection(bench);
    if (chosen.includes('big')) await bigSection(bench);
    if (chosen.includes('browser')) await browserSection();
  } finally {
    await bench.close();
    if (!process.argv.includes('--keep')) {
      await rm(OUT, { recursive: true, force: true });
      await rm(`${DEFAULT_DIR}-sitemap`, { recursive: true, force: true });
    }
  }
}

await main();
