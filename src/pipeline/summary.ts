/** What a run did, for the closing summary, the JSON report and the exit code. */
export interface RunSummary {
  startUrl: string;
  out: string;
  renderer: 'http' | 'browser';
  indexPages: number;
  postsFound: number;
  new: string[];
  changed: string[];
  unchanged: string[];
  failed: { url: string; reason: string }[];
  /** Index pages that could not be read: the posts they list may be missing from the run. */
  indexFailed: { url: string; reason: string }[];
  /** Posts listed by the feed or sitemap but not reached by the index walk. */
  notInIndex: string[];
  /** Pages the feed or sitemap listed that are not posts (no publication date, or a list of posts): not archived. */
  notPosts: string[];
  /** How posts were checked: every one ('all'), or those the sitemap's dates say changed plus a sample ('sitemap'). */
  checked: 'all' | 'sitemap';
  /** HTTP requests the run made (redirect hops, retries and robots.txt included). */
  requests: number;
  /** Archived by an earlier run, no longer listed by the blog (kept, marked in the manifest). */
  vanished: string[];
  images: number;
  imagesFailed: number;
  /** Post files written new or changed by this run, by URL: the summary names them. */
  files: Record<string, string>;
  /** Retries of failed requests, by reason ("HTTP 503"): a run through a flaky server says so. */
  retries: Record<string, number>;
  /** Requests that needed at least one retry. */
  retriedRequests: number;
  /** The walk stopped at --max-pages with pages left: posts beyond them were not looked for. */
  maxPagesReached: boolean;
  interrupted: boolean;
  elapsedMs: number;
  /** With --warc: the files written (relative to the archive), the records, the error that stopped the recording. */
  warc?: { files: string[]; records: number; error?: string };
}

export function emptySummary(startUrl: string, out: string): RunSummary {
  return {
    startUrl,
    out,
    renderer: 'http',
    indexPages: 0,
    postsFound: 0,
    new: [],
    changed: [],
    unchanged: [],
    failed: [],
    indexFailed: [],
    notInIndex: [],
    notPosts: [],
    checked: 'all',
    requests: 0,
    vanished: [],
    images: 0,
    imagesFailed: 0,
    files: {},
    retries: {},
    retriedRequests: 0,
    maxPagesReached: false,
    interrupted: false,
    elapsedMs: 0,
  };
}

export function archivedCount(s: RunSummary): number {
  return s.new.length + s.changed.length + s.unchanged.length;
}

/** Post files named per kind in the summary; more are counted. */
const NAMED = 10;

export function formatSummary(s: RunSummary): string {
  const seconds = s.elapsedMs / 1000;
  const rate = seconds > 0 ? (archivedCount(s) / seconds).toFixed(1) : '0';
  const lines = [
    `${s.interrupted ? 'Interrupted' : 'Done'}: ${s.indexPages} index pages, ${s.postsFound} posts found, ` +
      `${archivedCount(s)} archived (${s.new.length} new, ${s.changed.length} changed, ${s.unchanged.length} unchanged), ` +
      `${s.failed.length} failed, ${s.images} images, ${s.requests} requests, ${seconds.toFixed(1)} s (${rate} posts/s) -> ${s.out}`,
  ];
  if (s.checked === 'sitemap') lines.push(`  only posts the sitemap dates as changed were fetched, with a sample of the others (--verify fetches them all)`);
  // Names, so that a scheduled run's mail says what happened; a first run's hundreds of new posts are not listed.
  const named = (label: string, urls: string[]) => {
    const files = urls.map((u) => s.files[u] ?? u);
    if (files.length) lines.push(`  ${files.length} ${label}: ${files.slice(0, NAMED).join(', ')}${files.length > NAMED ? `, and ${files.length - NAMED} more` : ''}`);
  };
  if (s.unchanged.length || s.changed.length) named('new', s.new);
  named('changed', s.changed);
  for (const f of s.failed) lines.push(`  failed: ${f.url}: ${f.reason}`);
  for (const f of s.indexFailed) lines.push(`  index page failed: ${f.url}: ${f.reason}`);
  const reasons = Object.entries(s.retries).sort((a, b) => b[1] - a[1]);
  if (reasons.length) {
    const retries = reasons.reduce((n, [, k]) => n + k, 0);
    lines.push(`  ${s.retriedRequests} requests retried (${retries} retries): ${reasons.map(([reason, n]) => `${reason} ×${n}`).join(', ')}`);
  }
  if (s.maxPagesReached) lines.push(`  the index walk stopped at --max-pages (${s.indexPages} pages): posts listed on later pages were not looked for`);
  if (s.imagesFailed) lines.push(`  ${s.imagesFailed} images could not be downloaded (kept as remote links)`);
  if (s.notInIndex.length) {
    lines.push(`  ${s.notInIndex.length} posts listed by the feed/sitemap but not found by the index walk:`);
    for (const u of s.notInIndex) lines.push(`    ${u}`);
  }
  if (s.vanished.length) lines.push(`  ${s.vanished.length} archived posts are no longer listed by the blog (kept, marked missing)`);
  if (s.warc) lines.push(`  WARC: ${s.warc.records} records written to ${s.warc.files.join(', ') || 'no file'}`);
  if (s.warc?.error) lines.push(`  WARC recording stopped: ${s.warc.error}`);
  return lines.join('\n');
}
