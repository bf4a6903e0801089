// `npm run bench`: archives the generated 1,000-post blog served on 127.0.0.1 with the built CLI and
// prints throughput and peak memory, with the machine's one-thread speed just before and after; then
// archives it again into the same folder (the incremental run) and prints how its time compares; then
// runs bench/browser.ts when it exists. Figures only, no assertions: timings depend on the machine.
//
//   npm run bench [-- --posts N --concurrency C --keep]
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../test/helpers/static-server.js';
import { DEFAULT_DIR, existingBlog, generateBlog } from './generate-blog.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'blogvault.js');
const TIME = '/usr/bin/time';

interface Measured {
  code: number | null;
  seconds: number;
  /** Peak resident set size of the CLI process in MB, when it could be measured. */
  peakMb?: number;
  /** User + system CPU seconds of the CLI process (GNU time only): less sensitive to a busy machine than wall time. */
  cpuSeconds?: number;
  stdout: string;
  stderr: string;
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/**
 * Runs the CLI as a child process. Peak RSS comes from GNU time (`%M`, in KB) when it is installed;
 * otherwise from polling /proc/<pid>/status VmHWM (the kernel's own high-water mark) until exit.
 */
function measure(args: string[]): Promise<Measured> {
  const useTime = existsSync(TIME);
  const marker = '__blogvault_bench__';
  const [cmd, argv] = useTime ? [TIME, ['-f', `${marker} %e %M %U %S`, process.execPath, BIN, ...args]] : [process.execPath, [BIN, ...args]];
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    let polledKb = 0;
    const poll = useTime
      ? undefined
      : setInterval(async () => {
          const status = await readFile(`/proc/${child.pid}/status`, 'utf8').catch(() => '');
          const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
          polledKb = Math.max(polledKb, kb);
        }, 50);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const wall = (performance.now() - started) / 1000;
      const timeLine = new RegExp(`${marker} ([\\d.]+) (\\d+) ([\\d.]+) ([\\d.]+)`).exec(stderr);
      stderr = stderr.replace(new RegExp(`^.*${marker}.*$\\n?`, 'm'), '');
      resolvePromise({
        code,
        seconds: timeLine ? Number(timeLine[1]) : wall,
        peakMb: timeLine ? Number(timeLine[2]) / 1024 : polledKb ? polledKb / 1024 : undefined,
        cpuSeconds: timeLine ? Number(timeLine[3]) + Number(timeLine[4]) : undefined,
        stdout,
        stderr,
      });
    });
  });
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

async function countMarkdown(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && e.name.endsWith('.md')).length;
}

function build(): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT }, (err, _stdout, stderr) =>
      err ? reject(new Error(`build failed:\n${stderr}`)) : resolvePromise(),
    );
  });
}

const lastLines = (text: string, n: number) => text.trim().split('\n').slice(-n).join('\n');
const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function main(): Promise<void> {
  const posts = Number(option('posts') ?? 1000);
  const concurrency = option('concurrency');
  const blogDir = posts === 1000 ? DEFAULT_DIR : `${DEFAULT_DIR}-${posts}`;
  const outDir = join(ROOT, '.tmp', 'bench-archive');

  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    console.log('building dist/ ...');
    await build();
  }
  let blog = await existingBlog(blogDir, posts);
  if (!blog) {
    console.log(`generating a ${posts}-post blog in ${blogDir} ...`);
    blog = await generateBlog(blogDir, posts);
  }
  const server = await startStaticServer(blog.dir);
  const args = ['archive', `${server.url}/`, '--out', outDir, ...(concurrency ? ['--concurrency', concurrency] : [])];
  console.log(`blog: ${blog.posts} posts, ${blog.indexPages} index pages, ${blog.images} images, served at ${server.url}/`);
  console.log(`cmd:  node bin/blogvault.js ${args.join(' ')}`);
  // Figures from a busy machine mislead: say how busy it was.
  console.log(`load: ${loadavg().map((l) => fmt(l, 2)).join(' ')} (1/5/15 min) on ${availableParallelism()} CPUs`);

  try {
    await rm(outDir, { recursive: true, force: true });
    const speedBefore = await oneThreadMsPerPost(blog.dir);
    const first = await measure(args);
    const speedAfter = await oneThreadMsPerPost(blog.dir);
    const archived = await countMarkdown(outDir);
    console.log(`\nfull run: exit ${first.code}, ${archived}/${blog.posts} posts archived in ${fmt(first.seconds, 2)} s`);
    console.log(`  throughput: ${fmt(archived / first.seconds)} posts/s`);
    console.log(`  peak RSS:   ${first.peakMb === undefined ? 'not measured' : `${fmt(first.peakMb)} MB`}`);
    if (first.cpuSeconds !== undefined) console.log(`  CPU:        ${fmt(first.cpuSeconds, 2)} s (${fmt((first.cpuSeconds * 1000) / Math.max(1, archived))} ms per post)`);
    console.log(`  requests:   ${server.log.length}`);
    console.log(`  machine:    ${fmt(speedBefore, 2)} ms per post before the run, ${fmt(speedAfter, 2)} after (${SPEED_POSTS} posts extracted and converted on one thread, warm)`);
    if (first.code !== 0) console.log(`  output (last lines):\n${lastLines(`${first.stdout}\n${first.stderr}`, 15)}`);

    const before = server.log.length;
    const second = await measure(args);
    console.log(`\nincremental run (same archive): exit ${second.code} in ${fmt(second.seconds, 2)} s`);
    console.log(`  time ratio: ${fmt(second.seconds / first.seconds, 3)} of the full run`);
    console.log(`  peak RSS:   ${second.peakMb === undefined ? 'not measured' : `${fmt(second.peakMb)} MB`}`);
    if (second.cpuSeconds !== undefined) console.log(`  CPU:        ${fmt(second.cpuSeconds, 2)} s`);
    console.log(`  requests:   ${server.log.length - before} (${server.log.slice(before).filter((e) => e.status === 304).length} answered 304 Not Modified)`);
    if (second.code !== 0) console.log(`  output (last lines):\n${lastLines(`${second.stdout}\n${second.stderr}`, 15)}`);
  } finally {
    await server.close();
    if (!process.argv.includes('--keep')) await rm(outDir, { recursive: true, force: true });
  }

  const browserBench = join(ROOT, 'bench', 'browser.ts');
  if (existsSync(browserBench)) {
    console.log('\nbrowser benchmark (bench/browser.ts):');
    await new Promise<void>((resolvePromise) => {
      const child = spawn(process.execPath, ['--import', 'tsx', browserBench], { cwd: ROOT, stdio: 'inherit' });
      child.on('close', () => resolvePromise());
    });
  }
}

await main();
