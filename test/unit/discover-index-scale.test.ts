// Index pages with tens of thousands of post links (issue 18): reading one used to take time quadratic in
// the number of links (8,000 links: 43 s; 50,000: never done, 1.3 GB); 20,000 links took minutes. Each shape of listing is read in a
// child process with a capped heap and a deadline far above linear time and far below quadratic time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LINKS = 20_000;
const HEAP_MB = 768;
const DEADLINE_MS = 90_000;

/** One entry of each listing shape: the code paths that find entries differ for each. */
const SHAPES: Record<string, string> = {
  // entries named like entries, each with its title link
  article: '<article class="summary"><h2><a href="/posts/p$/">Post number $</a></h2><p>A short summary. <a href="/posts/p$/">More…</a></p></article>',
  // a flat archive list: entries found by repeated structure
  li: '<li><a href="/posts/p$/">Post number $</a> <span>2022-01-01</span></li>',
  // an entry whose link sits just outside its named body
  story: '<div class="entry"><div class="story"><p>Text $</p></div><a href="/posts/p$/">Permalink</a></div>',
  // no structure at all
  plain: '<a href="/posts/p$/">Post number $</a><br>',
};

const CHILD = `
import { readIndexPage } from ${JSON.stringify(new URL('../../src/discover/index-walk.ts', import.meta.url).href)};
const [entry, count, wrap] = JSON.parse(process.argv[1]);
const body = Array.from({ length: count }, (_, i) => entry.replaceAll('$', String(i))).join('\\n');
const html = '<!doctype html><html><head><title>Big</title></head><body><main>' + (wrap ? '<ul>' + body + '</ul>' : body) + '<nav><a rel="next" href="?page=2">Older</a></nav></main></body></html>';
const read = readIndexPage({ html, url: 'http://b.test/', scope: 'http://b.test/', first: true });
process.stdout.write(JSON.stringify({ found: read.found.length, first: read.found[0]?.url, last: read.found.at(-1)?.url, next: read.nextPages }));
`;

function readInChild(shape: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', '--input-type=module', '-e', CHILD, JSON.stringify([SHAPES[shape], LINKS, shape === 'li'])],
      { cwd: ROOT, timeout: DEADLINE_MS, maxBuffer: 1 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

for (const shape of Object.keys(SHAPES)) {
  test(`an index of ${LINKS} links (${shape}) is read whole, within ${DEADLINE_MS / 1000} s and ${HEAP_MB} MB of heap`, async () => {
    const r = await readInChild(shape);
    assert.equal(r.code, 0, `exit ${r.code} (null: killed at the deadline)\n${r.stderr.slice(0, 2000)}`);
    const read = JSON.parse(r.stdout) as { found: number; first: string; last: string; next: string[] };
    assert.equal(read.found, LINKS);
    assert.equal(read.first, 'http://b.test/posts/p0/');
    assert.equal(read.last, `http://b.test/posts/p${LINKS - 1}/`);
    assert.deepEqual(read.next, ['http://b.test/?page=2']);
  });
}
