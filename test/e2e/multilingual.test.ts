// A multilingual blog (issue 17): the default language at /, a second one at /en/ with its own
// pagination, reached from / only through the language switcher and the start page's
// <link rel="alternate" hreflang>. Both languages are the blog: every post of each is archived, and
// translations that share a slug get files of their own.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { startStaticServer, type TestServer } from '../helpers/static-server.js';
import { readArchive, requireBuild, runCli, tempOut } from './archive-harness.js';
import { indexPage, postPage, sendHtml } from './faults-harness.js';

let server: TestServer;
let out: string;
const requested: string[] = [];
const item = (prefix: string, slug: string, i: number) => ({ href: `${prefix}/posts/${slug}/`, title: `${prefix || 'de'} ${slug}`, date: `2024-03-${String(10 + i).padStart(2, '0')}` });
// Four posts in the default language, three in English: two of them translations with the same slug.
const main = ['anfang', 'mitte', 'shared-one', 'shared-two'].map((s, i) => item('', s, i));
const english = ['shared-one', 'shared-two', 'only-english'].map((s, i) => item('/en', s, i));
const body = (what: string) => `<p>${what} ${'Sentences written for this test, long enough to be an article. '.repeat(12)}</p>`;

before(async () => {
  requireBuild();
  out = await tempOut();
  server = await startStaticServer(tmpdir(), (req, res) => {
    const origin = `http://${req.headers.host}`;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requested.push(path);
    const alternates = [
      `<link rel="alternate" hreflang="de" href="${origin}/">`,
      `<link rel="alternate" hreflang="en" href="${origin}/en/">`,
      // The fallback names one of the others; another site's translation is another blog.
      `<link rel="alternate" hreflang="x-default" href="${origin}/en/">`,
      '<link rel="alternate" hreflang="fr" href="http://elsewhere.invalid/fr/">',
    ].join('');
    const withHead = (html: string) => html.replace('<meta charset="utf-8">', `<meta charset="utf-8">${alternates}`);
    const switcher = '<nav class="lang"><a href="/en/">English</a></nav>';
    if (path === '/') return sendHtml(res, withHead(indexPage('Ein Blog', main)).replace('<main>', `${switcher}<main>`));
    // The English index has two pages of its own.
    if (path === '/en/') return sendHtml(res, withHead(indexPage('A blog', english.slice(0, 2), '/en/page/2/')));
    if (path === '/en/page/2/') return sendHtml(res, indexPage('A blog', english.slice(2)));
    const post = [...main, ...english].find((p) => p.href === path);
    if (post) return sendHtml(res, postPage(post.title, post.date, body(`Body of ${post.title}.`)));
    return sendHtml(res, '<!doctype html><title>Not found</title>', 404);
  });
});
after(async () => {
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

test("a blog's other languages, declared by the start page's hreflang alternates, are walked and archived", async () => {
  const r = await runCli(['archive', `${server.url}/`, '--out', out, '--render', 'never', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as { indexPages: number; new: string[] };
  assert.equal(report.indexPages, 3);
  assert.deepEqual(report.new.map((u) => new URL(u).pathname).sort(), [...main, ...english].map((p) => p.href).sort());
  const posts = await readArchive(out);
  // Translations sharing a slug do not overwrite each other: each keeps its own file and title.
  assert.equal(new Set(posts.map((p) => p.file)).size, 7);
  const titles = new Map(posts.map((p) => [new URL(String(p.fm['url'])).pathname, p.fm['title']]));
  for (const p of [...main, ...english]) assert.equal(titles.get(p.href), p.title);
  assert.ok(!requested.some((p) => p.startsWith('/fr')), 'only the blog origin is walked');
});
