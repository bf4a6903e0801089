// Issue 20 #5: Hugo's feed lists and dates every page, static ones too. The cross-check names only
// real posts as missed by the index (a post only the feed lists), never /about/ or /contact/, which
// are not archived either.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { readArchive, requireBuild, runCli, tempOut } from './archive-harness.js';
import { indexPage, postPage, sendHtml } from './faults-harness.js';

let server: TestServer;
let out: string;
const posts = ['alpha', 'beta', 'gamma'].map((slug, i) => ({ href: `/posts/${slug}/`, title: `Post ${slug}`, date: `2024-05-0${i + 1}` }));
const body = (what: string) => `<p>${what} ${'Some sentences of text that make an article. '.repeat(15)}</p>`;

before(async () => {
  requireBuild();
  out = await tempOut();
  server = await startStaticServer(tmpdir(), (req, res) => {
    const origin = `http://${req.headers.host}`;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const head = '<meta name="generator" content="Hugo 0.120.0"><link rel="alternate" type="application/rss+xml" href="/index.xml">';
    if (path === '/') return sendHtml(res, indexPage('Hugo blog', posts).replace('<meta charset="utf-8">', `<meta charset="utf-8">${head}`));
    const post = /^\/posts\/(\w+)\/$/.exec(path)?.[1];
    if (post) return sendHtml(res, postPage(`Post ${post}`, '2024-05-01', body(`Body of ${post}.`)));
    if (path === '/about/' || path === '/contact/') return sendHtml(res, `<!doctype html><html><head><title>${path}</title>${head}</head><body><main><h1>About me</h1>${body('Who I am.')}</main></body></html>`);
    if (path === '/index.xml') {
      // Hugo's default RSS template: every regular page, posts and static pages alike, with a date.
      const items = [...posts.map((p) => p.href), '/posts/delta/', '/about/', '/contact/']
        .map((href) => `<item><title>${href}</title><link>${origin}${href}</link><pubDate>Mon, 06 May 2024 10:00:00 +0000</pubDate><guid>${origin}${href}</guid></item>`)
        .join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Hugo blog</title><link>${origin}/</link>${items}</channel></rss>`);
      return true;
    }
    return sendHtml(res, '<!doctype html><title>Not found</title>', 404);
  });
});
after(async () => {
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

test('static pages a feed lists are neither archived nor reported as posts the index missed', async () => {
  const r = await runCli(['archive', `${server.url}/`, '--out', out, '--render', 'never', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { notInIndex: string[]; notPosts: string[]; new: string[] };
  assert.deepEqual(report.notInIndex, [`${server.url}/posts/delta/`]);
  assert.deepEqual(report.notPosts.sort(), [`${server.url}/about/`, `${server.url}/contact/`]);
  assert.deepEqual((await readArchive(out)).map((p) => p.file).sort(), ['alpha.md', 'beta.md', 'delta.md', 'gamma.md']);
  const summary = await runCli(['archive', `${server.url}/`, '--out', out, '--render', 'never']);
  assert.doesNotMatch(summary.stdout, /about|contact/);
});
