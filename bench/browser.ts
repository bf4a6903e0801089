// Benchmark of the browser path (not a test): renders the client-side fixtures/spa-blog served on
// 127.0.0.1 in headless Chromium at concurrency 1 and 4: the index expanded through its "Load more"
// button, then every post rendered, extracted and converted to Markdown, `--rounds` times over.
// Prints posts/s and the peak memory of Node plus all Chromium processes (proportional set size,
// so pages shared between Chromium processes are not counted twice).
//
//   node --import tsx bench/browser.ts [--rounds 3] [--concurrency 1,4]
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../test/helpers/static-server.js';
import { createBrowserFetcher } from '../src/fetch/browser-fetcher.js';
import { createFetchLayer } from '../src/fetch/layer.js';
import { extractPost } from '../src/extract/index.js';
import { htmlToMarkdown } from '../src/convert/index.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SITE = join(ROOT, 'fixtures', 'spa-blog');

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

/** Proportional set size in KB of a process (falls back to RSS when smaps_rollup is unreadable). */
function memoryKb(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (pss) return Number(pss[1]);
  } catch {
    // kernel without smaps_rollup, or the process is gone
  }
  try {
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return rss ? Number(rss[1]) : 0;
  } catch {
    return 0;
  }
}

/** This process and every process below it (the browser and its renderers). */
function processTree(): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited
    }
  }
  const tree = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** Samples the memory of the whole process tree until stopped; returns the peak in MB. */
function memorySampler(intervalMs = 100): { stop(): number } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, processTree().reduce((sum, pid) => sum + memoryKb(pid), 0));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak / 1024;
    },
  };
}


async function run(baseUrl: string, concurrency: number, rounds: number): Promise<void> {
  const memory = memorySampler();
  const started = performance.now();
  const layer = createFetchLayer({ allowPrivateAddresses: true, ignoreRobots: true, concurrency });
  const fetcher = await createBrowserFetcher({ layer, concurrency });
  try {
    const launched = performance.now();
    const index = await fetcher.fetch(`${baseUrl}/`, { expand: true });
    const posts = [...new Set([...(index.text ?? '').matchAll(/href="(\/posts\/[^"]+)"/g)].map((m) => new URL(m[1], baseUrl).href))];
    const indexed = performance.now();
    let words = 0;
    const work = Array.from({ length: rounds }, () => posts).flat();
    await Promise.all(
      work.map(async (url) => {
        const page = await fetcher.fetch(url);
        const post = extractPost(page.text ?? '', page.finalUrl);
        words += htmlToMarkdown(post.contentHtml, page.finalUrl).split(/\s+/).length;
      }),
    );
    const done = performance.now();
    const seconds = (done - indexed) / 1000;
    console.log(
      [
        `concurrency ${concurrency}:`,
        `${work.length} posts in ${seconds.toFixed(1)} s = ${(work.length / seconds).toFixed(2)} posts/s`,
        `(launch ${((launched - started) / 1000).toFixed(1)} s, index with Load more ${((indexed - launched) / 1000).toFixed(1)} s, ${posts.length} posts listed, ${words} words)`,
      ].join(' '),
    );
  } finally {
    await fetcher.close();
    await layer.close();
    console.log(`  peak memory (Node + Chromium, PSS): ${memory.stop().toFixed(0)} MB`);
  }
}

const rounds = Math.max(1, Number(option('rounds', '3')));
const levels = option('concurrency', '1,4')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const server = await startStaticServer(SITE);
try {
  console.log(`browser path on fixtures/spa-blog (${rounds} rounds over every post):`);
  for (const concurrency of levels) await run(server.url, concurrency, rounds);
} finally {
  await server.close();
}
