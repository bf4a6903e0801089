// Shared by the faults-*.test.ts files (issue 5): a fixture blog behind the fault-injecting server, the
// archive read back as bytes, the manifest, and the JSON report of a run.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startFaultServer, type FaultServer, type FaultServerOptions } from '../helpers/fault-server.js';
import { FIXTURE_ORIGIN, walk } from './archive-harness.js';

export interface ServedFaulty {
  server: FaultServer;
  root: string;
  url: string;
  close(): Promise<void>;
}

const TEXT_EXT = new Set(['.html', '.xml', '.txt', '.json', '.css']);

/** Serves a copy of `siteDir` through the fault server, every `http://example.com` made the server's own origin. */
export async function serveFaulty(siteDir: string, options: FaultServerOptions = {}): Promise<ServedFaulty> {
  const root = await mkdtemp(join(tmpdir(), 'bv-fault-site-'));
  const server = await startFaultServer(root, options);
  await cp(siteDir, root, { recursive: true });
  for (const file of await walk(root)) {
    if (!TEXT_EXT.has(extname(file))) continue;
    const text = await readFile(file, 'utf8');
    if (text.includes(FIXTURE_ORIGIN)) await writeFile(file, text.split(FIXTURE_ORIGIN).join(server.url));
  }
  return {
    server,
    root,
    url: server.url,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Every file of an archive outside .blogvault/, by posix path relative to the archive. */
export async function archiveBytes(outDir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  if (!existsSync(outDir)) return files;
  for (const full of await walk(outDir)) {
    const rel = relative(outDir, full).split(sep).join('/');
    if (rel.split('/')[0] === '.blogvault') continue;
    files.set(rel, await readFile(full));
  }
  return files;
}

export interface ManifestEntry {
  url: string;
  file?: string;
  status: 'archived' | 'failed' | 'missing';
  error?: string;
  attempts?: number;
}

/** The manifest's entries (its on-disk shape is read independently of src/). */
export async function readManifest(outDir: string): Promise<ManifestEntry[]> {
  const data = JSON.parse(await readFile(join(outDir, '.blogvault', 'manifest.json'), 'utf8')) as { posts: Record<string, ManifestEntry> };
  return Object.values(data.posts);
}

/** The JSON report printed by `--json` (the RunSummary). */
export interface JsonReport {
  postsFound: number;
  indexPages: number;
  new: string[];
  changed: string[];
  unchanged: string[];
  failed: { url: string; reason: string }[];
  images: number;
  imagesFailed: number;
}

export function parseReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

/** Paths of the logged requests, without the query string when `withQuery` is false. */
export function requestedPaths(server: FaultServer, withQuery = true): string[] {
  return server.log.map((e) => (withQuery ? e.path : e.path.replace(/\?.*$/, '')));
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface IndexItem {
  href: string;
  title: string;
  date: string;
}

/** A blog index page in a common shape (title links with dates, an "Older posts" link), for handler-made blogs. */
export function indexPage(blog: string, items: IndexItem[], next?: string): string {
  const list = items
    .map((p) => `<article class="summary"><h2><a href="${escapeHtml(p.href)}">${escapeHtml(p.title)}</a></h2><p class="when"><time datetime="${p.date}">${p.date}</time></p><p>A short summary of the post. <a href="${escapeHtml(p.href)}">More…</a></p></article>`)
    .join('\n');
  const pager = next ? `<nav class="paging"><a rel="next" href="${escapeHtml(next)}">Older posts ›</a></nav>` : '';
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(blog)}</title>\n</head>\n<body>\n<header><h1><a href="/">${escapeHtml(blog)}</a></h1></header>\n<main>\n${list}\n${pager}\n</main>\n</body>\n</html>\n`;
}

/** A post page: the title as <title> and <h1>, a date, and `bodyHtml` as the article (inserted raw). */
export function postPage(title: string, date: string, bodyHtml: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(title)}</title>\n</head>\n<body>\n<header><a href="/">Home</a></header>\n<main>\n<article>\n<h1>${escapeHtml(title)}</h1>\n<p><time datetime="${date}">${date}</time></p>\n${bodyHtml}\n</article>\n</main>\n<footer>Footer</footer>\n</body>\n</html>\n`;
}

export function sendHtml(res: ServerResponse, html: string, status = 200): true {
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }).end(body);
  return true;
}

// The limiter spaces request starts in the client; the server sees arrivals, which lag the starts by the
// client's own latency (a new connection, a busy CPU shared with other tests). One request may arrive
// late and make the next gap look short, but no burst can hide inside this allowance.
export const JITTER_MS = 120;

/**
 * The longest stall of this process's event loop from now until `stop()`, in ms. The test servers log
 * arrivals on this loop: a request that arrives while it is stalled is logged when the stall ends, so
 * the gap to the next one looks shorter by up to the stall. On a loaded machine (CI runs many tests at
 * once) stalls of 150 ms were seen; runs of several requests still catch any burst.
 */
export function loopStall(): { stop(): number } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      // The histogram counts the timer's own resolution in every sample.
      return Math.max(0, histogram.max / 1e6 - 10);
    },
  };
}

/**
 * The worst spacing violation in the request log: for every run of up to `longestRun` + 1 consecutive
 * arrivals, how much shorter its span is than the interval demands, allowing JITTER_MS plus `stallMs`
 * (see loopStall). Returns the smallest margin (negative: violated). Longer runs catch a rate only a
 * little too high (two clients at once).
 */
export function spacing(log: { time: number; path: string }[], intervalMs: number, longestRun = 5, stallMs = 0): { margin: number; smallestGap: number; where: string } {
  const sorted = [...log].sort((a, b) => a.time - b.time);
  const allowance = JITTER_MS + stallMs;
  let worst = { margin: Infinity, smallestGap: Infinity, where: '' };
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0) worst.smallestGap = Math.min(worst.smallestGap, sorted[i].time - sorted[i - 1].time);
    for (let k = 1; k <= longestRun && i + k < sorted.length; k++) {
      const margin = sorted[i + k].time - sorted[i].time - (k * intervalMs - allowance);
      if (margin < worst.margin) worst = { ...worst, margin, where: `${k + 1} requests ${sorted[i].path} .. ${sorted[i + k].path} in ${sorted[i + k].time - sorted[i].time} ms` };
    }
  }
  return worst;
}
