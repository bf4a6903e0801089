// End to end (issue 5): input built to make a crawler run forever or fall over. Endless pagination with
// ever-new URLs and ever-new posts (bounded by --max-pages), endless pagination repeating the same posts
// and a calendar of empty months (both ended by the no-new-posts rule), 10,000 nested divs and malformed
// HTML in posts (no crash, under a capped heap), and an endless image bigger than the asset cap (skipped
// with its reason; the post is still archived).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { readArchive, requireBuild, runCli, tempOut, unescaped, type CliResult } from './archive-harness.js';
import { indexPage, parseReport, postPage, sendHtml } from './faults-harness.js';

const MAX_BYTES = 1_000_000;
const HEAP_MB = 256;

let server: TestServer;
const outs: string[] = [];
let hugeImageBytesSent = 0;

// A 1x1 PNG.
const SMALL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const DEEP = `<p>Before the nesting.</p>${'<div>'.repeat(10_000)}<p>Deep text at the bottom.</p>${'</div>'.repeat(10_000)}<p>After the nesting.</p>`;
const LONG_PARAGRAPHS = 6_000;
const LONG = Array.from({ length: LONG_PARAGRAPHS }, (_, i) => `<p>Paragraph ${i} of a very long post.</p>`).join('\n');
const MALFORMED = [
  '<p>First paragraph never closed',
  '<p>Second <b>bold <i>overlapping</b> italic</i> text.',
  '</div></div></section>',
  '<li>An orphan list item',
  '<table><td>a lonely cell</table>',
  '<p <p class="x">Attribute soup survives.</p>',
  '<a href="javascript:alert(1)">a javascript link</a> and <a href="http://[::1">a broken URL</a>.',
  '<img src="" alt=""><img>',
  '<p>Last words before an unterminated comment.</p><!-- never closed <p>hidden',
].join('\n');

function monthPage(year: number, month: number): string {
  const prev = month === 1 ? [year - 1, 12] : [year, month - 1];
  const next = month === 12 ? [year + 1, 1] : [year, month + 1];
  const link = ([y, m]: number[]) => `/calendar/${y}/${String(m).padStart(2, '0')}/`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Archive ${year}-${month}</title></head><body>
<main><h1>Posts from ${year}-${month}</h1><p>No posts this month.</p>
<nav class="calendar"><a rel="prev" href="${link(prev)}">« Older</a> <a rel="next" href="${link(next)}">Newer »</a></nav></main></body></html>`;
}

before(async () => {
  requireBuild();
  server = await startStaticServer(tmpdir(), (req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const page = Number(u.searchParams.get('page') ?? '1');
    const post = /^\/(\w+)\/posts\/([\w-]+)\/$/.exec(u.pathname);
    if (post) {
      const [, blog, slug] = post;
      const body =
        slug === 'deep' ? DEEP
        : slug === 'malformed' ? MALFORMED
        : slug === 'long' ? LONG
        : slug === 'huge-image' ? '<p>A tiny image: <img src="/blog/img/small.png" alt="small"></p><p>An endless one: <img src="/blog/img/huge.png" alt="huge"></p>'
        : `<p>Post ${slug} of ${blog}.</p>`;
      return sendHtml(res, postPage(`${blog} ${slug}`, '2022-02-02', body));
    }
    switch (u.pathname) {
      case '/endless/': {
        // Every page has a new URL and three new posts: only --max-pages can stop this.
        const items = [1, 2, 3].map((k) => ({ href: `/endless/posts/p${page}-${k}/`, title: `Page ${page} post ${k}`, date: '2022-01-01' }));
        return sendHtml(res, indexPage('Endless', items, `?page=${page + 1}`));
      }
      case '/same/': {
        const items = ['a', 'b', 'c'].map((s) => ({ href: `/same/posts/${s}/`, title: `Same ${s}`, date: '2022-01-01' }));
        return sendHtml(res, indexPage('Same posts forever', items, `?page=${page + 1}`));
      }
      case '/calendar/': {
        const items = ['first', 'second'].map((s) => ({ href: `/calendar/posts/${s}/`, title: `Calendar ${s}`, date: '2021-01-01' }));
        return sendHtml(res, indexPage('Calendar', items, '/calendar/2020/12/'));
      }
      case '/long/': {
        return sendHtml(res, indexPage('Long', [{ href: '/long/posts/long/', title: 'long', date: '2022-02-02' }]));
      }
      case '/blog/': {
        const items = ['deep', 'malformed', 'huge-image', 'plain'].map((s) => ({ href: `/blog/posts/${s}/`, title: `blog ${s}`, date: '2022-02-02' }));
        return sendHtml(res, indexPage('Traps', items));
      }
      case '/blog/img/small.png':
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': SMALL_PNG.length }).end(SMALL_PNG);
        return true;
      case '/blog/img/huge.png': {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.on('error', () => undefined);
        const chunk = Buffer.alloc(64 * 1024, 7);
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) hugeImageBytesSent += chunk.length;
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return true;
      }
    }
    const month = /^\/calendar\/(\d{4})\/(\d{2})\/$/.exec(u.pathname);
    if (month) return sendHtml(res, monthPage(Number(month[1]), Number(month[2])));
    return sendHtml(res, '<!doctype html><title>Not found</title>', 404);
  });
});

after(async () => {
  await server?.close();
  await Promise.all(outs.map((o) => rm(o, { recursive: true, force: true })));
});

/** Runs the CLI with its heap capped, so a blow-up shows as a crash rather than a slow machine. */
async function archive(path: string, ...args: string[]): Promise<{ result: CliResult; out: string }> {
  return archiveWithin(90_000, path, ...args);
}

async function archiveWithin(timeoutMs: number, path: string, ...args: string[]): Promise<{ result: CliResult; out: string }> {
  const out = await tempOut();
  outs.push(out);
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${saved ?? ''} --max-old-space-size=${HEAP_MB}`.trim();
  try {
    const result = await runCli(['archive', `${server.url}${path}`, '--out', out, ...args], timeoutMs);
    return { result, out };
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
}

const show = (r: CliResult) => `exit ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
const requested = (prefix: string) => server.log.filter((e) => e.path.startsWith(prefix)).map((e) => e.path);

describe('hostile traps', { concurrency: true }, () => {
  test('endless pagination with ever-new posts stops at --max-pages', async () => {
    const { result } = await archive('/endless/', '--max-pages', '4', '--json');
    assert.equal(result.code, 0, show(result));
    const report = parseReport(result.stdout);
    assert.equal(report.indexPages, 4, show(result));
    assert.equal(report.postsFound, 12);
    assert.equal(report.new.length, 12);
    const pages = requested('/endless/').filter((p) => /^\/endless\/(\?page=\d+)?$/.test(p));
    assert.deepEqual(pages.sort(), ['/endless/', '/endless/?page=2', '/endless/?page=3', '/endless/?page=4']);
  });

  test('endless pagination repeating the same posts ends at the first page adding none', async () => {
    const { result } = await archive('/same/', '--json');
    assert.equal(result.code, 0, show(result));
    const report = parseReport(result.stdout);
    assert.equal(report.postsFound, 3, show(result));
    const pages = requested('/same/').filter((p) => /^\/same\/(\?page=\d+)?$/.test(p));
    assert.ok(pages.length <= 3, `the walk read ${pages.length} pages: ${pages.join(' ')}`);
  });

  test('a calendar of empty months ends the walk', async () => {
    const { result } = await archive('/calendar/', '--json');
    assert.equal(result.code, 0, show(result));
    const report = parseReport(result.stdout);
    assert.equal(report.postsFound, 2, show(result));
    const months = requested('/calendar/').filter((p) => /\/\d{4}\/\d{2}\/$/.test(p));
    assert.ok(months.length <= 2, `the walk read ${months.length} month pages: ${months.join(' ')}`);
  });

  test('deep nesting, malformed HTML and an endless image: no crash, posts archived, the image skipped with its reason', async () => {
    const { result, out } = await archive('/blog/', '--max-bytes', String(MAX_BYTES), '--verbose');
    assert.equal(result.code, 0, show(result));
    assert.doesNotMatch(result.stderr, /heap out of memory|RangeError|Maximum call stack/i, show(result));
    const posts = await readArchive(out);
    const byslug = (slug: string) => posts.find((p) => String(p.fm.url).endsWith(`/blog/posts/${slug}/`));
    for (const slug of ['deep', 'malformed', 'huge-image', 'plain']) assert.ok(byslug(slug), `${slug} was not archived\n${show(result)}`);

    const deep = unescaped(byslug('deep')!.body);
    for (const s of ['Before the nesting.', 'Deep text at the bottom.', 'After the nesting.']) assert.ok(deep.includes(s), `deep: lacks ${s}`);
    const malformed = unescaped(byslug('malformed')!.body);
    for (const s of ['First paragraph never closed', 'overlapping', 'a lonely cell', 'Attribute soup survives.', 'Last words before an unterminated comment.']) {
      assert.ok(malformed.includes(s), `malformed: lacks ${JSON.stringify(s)}\n${malformed}`);
    }
    assert.doesNotMatch(byslug('malformed')!.body, /javascript:/i, 'a javascript: link survived');

    const image = byslug('huge-image')!.body;
    assert.match(image, /!\[small\]\(assets\/[^)]+\)/, `the small image is not archived\n${image}`);
    assert.match(image, new RegExp(`!\\[huge\\]\\(${server.url.replace(/[.:/]/g, '\\$&')}/blog/img/huge\\.png\\)`), `the huge image is not kept as a remote link\n${image}`);
    assert.match(result.stderr, /huge\.png.*larger than maxBytes/i, `no reason given for skipping the huge image\n${show(result)}`);
    assert.match(result.stdout, /1 images? could not be downloaded/, show(result));
    assert.ok(hugeImageBytesSent < MAX_BYTES * 20, `${hugeImageBytesSent} bytes of the endless image were pushed`);
  });

  test(
    `a post of ${LONG_PARAGRAPHS} paragraphs (250 KB) is archived within 60 s (quadratic extraction took minutes)`,
    async () => {
      const started = Date.now();
      const { result, out } = await archiveWithin(60_000, '/long/');
      assert.equal(result.code, 0, `${show(result)}\nafter ${Date.now() - started} ms`);
      const [post] = await readArchive(out);
      assert.ok(post?.body.includes(`Paragraph ${LONG_PARAGRAPHS - 1} of a very long post.`), 'the end of the long post is missing');
    },
  );
});
