// A nested section listed on the index like a post (issue 17): its page is only cards linking to its
// posts, which nothing else lists (no feed, no sitemap). It is not archived as a post; it is walked,
// with its own pagination, for the posts it lists. A post of the index that links to the parts of a
// series has prose of its own and stays a post.
// A dated page with no title and no body (an engine's page for an empty source file) is not a post either.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { readArchive, requireBuild, runCli, tempOut } from './archive-harness.js';
import { indexPage, postPage, sendHtml } from './faults-harness.js';

let server: TestServer;
let out: string;
const prose = (what: string) => `<p>${what} ${'Sentences written for this test, long enough to be an article. '.repeat(12)}</p>`;
const card = (slug: string) =>
  `<a href="/posts/series/${slug}/"><div class="card"><div class="card-title">Series part: ${slug}</div><div class="meta"><time datetime="2024-02-0${slug.length}">February 2024</time><span>·640 words·3 mins</span></div><span class="chip">Tooling</span></div></a>`;
const sectionPage = (cards: string[], next?: string) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A series</title></head><body><header><a href="/">Home</a></header><main><header><h1>A series</h1></header><section class="prose"></section><h2>2024</h2><section class="grid">${cards.join('')}</section>${next ? `<nav><a rel="next" href="${next}">Next page</a></nav>` : ''}</main></body></html>`;
const top = [
  { href: '/posts/alpha/', title: 'Alpha', date: '2024-03-01' },
  { href: '/posts/series/', title: 'A series', date: '2024-02-03' },
  { href: '/posts/tour/', title: 'A tour of the series', date: '2024-01-20' },
  { href: '/posts/blank/', title: '', date: '2024-01-10' },
];
const tour = `${prose('An overview of the series.')}<ul><li><a href="/posts/series/setup/">Part one</a></li><li><a href="/posts/series/parser/">Part two</a></li><li><a href="/posts/series/output/">Part three</a></li></ul>${prose('What comes after.')}`;

before(async () => {
  requireBuild();
  out = await tempOut();
  server = await startStaticServer(tmpdir(), (_req, res) => {
    const path = new URL(_req.url ?? '/', 'http://x').pathname;
    if (path === '/') return sendHtml(res, indexPage('Blog', top));
    if (path === '/posts/series/') return sendHtml(res, sectionPage([card('setup'), card('parser')], '/posts/series/page/2/'));
    if (path === '/posts/series/page/2/') return sendHtml(res, sectionPage([card('output')]));
    // What an engine makes of an empty source file: a dated page with no title and no body.
    if (path === '/posts/blank/') return sendHtml(res, postPage('', '2024-01-10', ''));
    if (path === '/posts/tour/') return sendHtml(res, postPage('A tour of the series', '2024-01-20', tour));
    const slug = /^\/posts\/(?:series\/)?(\w+)\/$/.exec(path)?.[1];
    if (slug) return sendHtml(res, postPage(`Post ${slug}`, '2024-02-01', prose(`Body of ${slug}.`)));
    return sendHtml(res, '<!doctype html><title>Not found</title>', 404);
  });
});
after(async () => {
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

test("a section page of post cards is not a post: it is walked, pages and all, for the posts it lists; an empty untitled page is not a post", async () => {
  const r = await runCli(['archive', `${server.url}/`, '--out', out, '--render', 'never', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { indexPages: number; notPosts: string[]; new: string[] };
  assert.deepEqual(report.notPosts.sort(), [`${server.url}/posts/blank/`, `${server.url}/posts/series/`]);
  assert.equal(report.indexPages, 3);
  const files = (await readArchive(out)).map((p) => p.file).sort();
  assert.deepEqual(files, ['alpha.md', 'output.md', 'parser.md', 'setup.md', 'tour.md']);
  // A second run finds the same posts and changes nothing.
  const again = await runCli(['archive', `${server.url}/`, '--out', out, '--render', 'never', '--json']);
  assert.equal(again.code, 0, again.stderr);
  const second = JSON.parse(again.stdout) as { new: string[]; changed: string[]; unchanged: string[] };
  assert.deepEqual([second.new.length, second.changed.length, second.unchanged.length], [0, 0, 5]);
});
