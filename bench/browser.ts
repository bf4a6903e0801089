// Benchmark of the browser path (not a test): renders the client-side fixtures/spa-blog served on
// 127.0.0.1 in headless Chromium at concurrency 1 and 4: the index expanded through its "Load more"
// button, then every post rendered, extracted and converted to Markdown, `--rounds` times over.
// Prints posts/s and the peak memory of Node plus all Chromium processes (proportional set size,
// so pages shared between Chromium processes are not counted twice).
//
//   node --import tsx bench/browser.ts [--rounds 3] [--concurrency 1,4]
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../test/helpers/static-server.js';
import { createBrowserFetcher } from '../src/fetch/browser-fetcher.js';
import { createFetchLayer } from '../src/fetch/layer.js';
import { extractPost } from '../src/extract/index.js';
import { htmlToMarkdown } from '../src/convert/index.js';
import { memorySampler } from './process-memory.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SITE = join(ROOT, 'fixtures', 'spa-blog');

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
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
