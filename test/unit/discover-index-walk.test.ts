import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { startStaticServer, type Handler } from '../helpers/static-server.js';
import { createFetchLayer } from '../../src/fetch/layer.js';
import { walkIndex, type IndexPage, type ReadIndexPage, type WalkOptions } from '../../src/discover/index-walk.js';
import { FetchError, RobotsDisallowed } from '../../src/fetch/fetcher.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/discover/walk/${name}/`, import.meta.url));

async function walk(root: string, startPath: string, options: Partial<WalkOptions> = {}, handler?: Handler) {
  const server = await startStaticServer(root, handler);
  const fetcher = createFetchLayer({ retries: 0, ignoreRobots: true, timeoutMs: 5000, allowPrivateAddresses: true });
  try {
    const pages: IndexPage[] = [];
    for await (const page of walkIndex(`${server.url}${startPath}`, fetcher, { maxPages: 50, ...options })) pages.push(page);
    const strip = (u: string | undefined) => u?.replace(server.url, '');
    return {
      pages: pages.map((p) => ({ url: strip(p.url), links: p.links.map((l) => strip(l.url)), end: p.end, error: p.error, next: strip(p.next) })),
      requests: server.log.map((e) => e.path),
    };
  } finally {
    await fetcher.close();
    await server.close();
  }
}

/** A page of the calendar-trap kind: the same posts, and a link to a new URL every time. */
const listing = (posts: string[], next: string) =>
  `<!doctype html><html><body><main>${posts.map((p) => `<article><h2><a href="${p}">${p}</a></h2></article>`).join('')}<nav class="pagination"><a href="${next}">Next &raquo;</a></nav></main></body></html>`;

function dynamic(route: (url: URL) => string | undefined): Handler {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const html = route(url);
    if (html === undefined) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
    return true;
  };
}

test('a 3-page chain is walked to its end; sidebar, header and footer links add nothing', async () => {
  const { pages } = await walk(fixture('chain'), '/');
  assert.deepEqual(pages, [
    { url: '/', links: ['/2015/07/01/p1/', '/2015/06/01/p2/'], end: undefined, error: undefined, next: '/page/2/' },
    { url: '/page/2/', links: ['/2015/05/01/p3/', '/2015/04/01/p4/'], end: undefined, error: undefined, next: '/page/3/' },
    { url: '/page/3/', links: ['/2015/03/01/p5/'], end: 'no-next-page', error: undefined, next: undefined },
  ]);
});

test('a loop A -> B -> A ends after B, each page fetched once', async () => {
  const { pages, requests } = await walk(fixture('loop'), '/');
  assert.deepEqual(pages.map((p) => [p.url, p.links, p.end]), [
    ['/', ['/a1/'], undefined],
    ['/b/', ['/b1/'], 'no-next-page'],
  ]);
  assert.deepEqual(requests.filter((r) => !r.startsWith('/robots')), ['/', '/b/']);
});

test('maxPages caps the walk', async () => {
  const { pages } = await walk(fixture('chain'), '/', { maxPages: 2 });
  assert.deepEqual(pages.map((p) => [p.url, p.end]), [['/', undefined], ['/page/2/', 'max-pages']]);
});

test('a calendar trap (ever-new URLs, the same posts) stops at the first page adding no post', async () => {
  const handler = dynamic((url) => {
    if (url.pathname !== '/calendar/') return undefined;
    const month = Number(url.searchParams.get('month') ?? '24187');
    return listing(['/2015/07/01/only/'], `/calendar/?month=${month + 1}`);
  });
  const { pages, requests } = await walk(fixture('chain'), '/calendar/?month=24187', {}, handler);
  assert.deepEqual(pages.map((p) => [p.url, p.links, p.end]), [
    ['/calendar/?month=24187', ['/2015/07/01/only/'], undefined],
    ['/calendar/?month=24188', [], 'no-new-posts'],
  ]);
  assert.equal(requests.length, 2);
});

test('?page=N that never runs out of pages stops when pages stop adding posts', async () => {
  const handler = dynamic((url) => {
    if (url.pathname !== '/list') return undefined;
    const n = Number(url.searchParams.get('page') ?? '1');
    return listing(n <= 3 ? [`/post-${n}a/`, `/post-${n}b/`] : [], `/list?page=${n + 1}`);
  });
  const { pages } = await walk(fixture('chain'), '/list', {}, handler);
  assert.deepEqual(pages.map((p) => [p.url, p.links.length, p.end]), [
    ['/list', 2, undefined],
    ['/list?page=2', 2, undefined],
    ['/list?page=3', 2, undefined],
    ['/list?page=4', 0, 'no-new-posts'],
  ]);
});

test('next pages outside the start path are not followed; posts stay under it', async () => {
  const { pages, requests } = await walk(fixture('sub'), '/blog/');
  assert.deepEqual(pages.map((p) => [p.url, p.links, p.end]), [
    ['/blog/', ['/blog/x1/'], undefined],
    ['/blog/page/2/', ['/blog/x2/'], 'no-next-page'],
  ]);
  assert.ok(!requests.some((r) => r.startsWith('/shop')));
});

test('since: the walk stops after the first page whose posts are all older', async () => {
  const { pages } = await walk(fixture('chain'), '/', { since: '2015-06-15' });
  assert.deepEqual(pages.map((p) => [p.url, p.end]), [['/', undefined], ['/page/2/', 'since']]);
});

test('a page that fails after the first is reported, and the next candidate is tried', async () => {
  const handler = dynamic((url) => {
    if (url.pathname === '/') return listing(['/p/one/'], '/page/2/').replace('</main>', '<link rel="next" href="/missing/page/2/"></main>');
    if (url.pathname === '/page/2/') return listing(['/p/two/'], '/');
    return undefined;
  });
  const { pages } = await walk(fixture('chain'), '/', {}, handler);
  assert.equal(pages.length, 3);
  assert.equal(pages[1]!.url, '/missing/page/2/');
  assert.match(pages[1]!.error ?? '', /404/);
  assert.deepEqual(pages[1]!.links, []);
  assert.deepEqual([pages[2]!.url, pages[2]!.links, pages[2]!.end], ['/page/2/', ['/p/two/'], 'no-next-page']);
});

test('a failing last candidate ends the walk with an error page; a failing first page throws', async () => {
  const handler = dynamic((url) => (url.pathname === '/' ? listing(['/p/one/'], '/gone/') : undefined));
  const { pages } = await walk(fixture('chain'), '/', {}, handler);
  assert.deepEqual(pages.map((p) => [p.url, p.end, Boolean(p.error)]), [['/', undefined, false], ['/gone/', 'error', true]]);
  await assert.rejects(walk(fixture('chain'), '/nothing-here/'), (err: unknown) => err instanceof FetchError && /nothing-here/.test(err.message));
});

test('an archive page as the start lists posts elsewhere on the origin', async () => {
  const handler = dynamic((url) => (url.pathname === '/archives/' ? listing(['/2015/07/01/p1/', '/2014/01/01/p0/'], '/archives/page/2/') : undefined));
  const { pages } = await walk(fixture('chain'), '/archives/', { maxPages: 1 }, handler);
  assert.deepEqual(pages[0]!.links, ['/2015/07/01/p1/', '/2014/01/01/p0/']);
});

test('a start URL that redirects sets the scope where it lands', async () => {
  const handler: Handler = (req, res) => {
    if (req.url !== '/go') return false;
    res.writeHead(301, { location: '/blog/' });
    res.end();
    return true;
  };
  const { pages, requests } = await walk(fixture('sub'), '/go', {}, handler);
  assert.deepEqual(pages.map((p) => [p.url, p.links, p.end]), [
    ['/blog/', ['/blog/x1/'], undefined],
    ['/blog/page/2/', ['/blog/x2/'], 'no-next-page'],
  ]);
  assert.ok(!requests.some((r) => r.startsWith('/shop')));
});

test('a --next selector that is not CSS fails the walk with a message naming the page', async () => {
  await assert.rejects(walk(fixture('chain'), '/', { overrides: { next: 'a[[' } }), /127\.0\.0\.1:\d+\/: cannot read the index/);
});

test('a start in the middle of the pagination walks on from there', async () => {
  const { pages } = await walk(fixture('chain'), '/page/2/');
  assert.deepEqual(pages.map((p) => [p.url, p.links, p.end]), [
    ['/page/2/', ['/2015/05/01/p3/', '/2015/04/01/p4/'], undefined],
    ['/page/3/', ['/2015/03/01/p5/'], 'no-next-page'],
  ]);
});

test('a blog page at /blog/ listing posts elsewhere on the origin takes them all, not just a stray link under /blog/', async () => {
  const handler = dynamic((url) => (url.pathname === '/blog/' ? listing(['/blog/about-this-blog/', '/2015/07/01/p1/', '/2015/06/01/p2/', '/2015/05/01/p3/'], '/blog/page/2/') : undefined));
  const { pages } = await walk(fixture('chain'), '/blog/', { maxPages: 1 }, handler);
  assert.deepEqual(pages[0]!.links, ['/blog/about-this-blog/', '/2015/07/01/p1/', '/2015/06/01/p2/', '/2015/05/01/p3/']);
});

test('a home page showing the latest posts without pagination goes on to the archive it links to, once', async () => {
  const postlist = (slugs: string[]) =>
    `<ol reversed class="postlist">${slugs.map((s) => `<li class="postlist-item"><a href="/blog/${s}/" class="postlist-link">${s}</a><time class="postlist-date" datetime="2018-08-24">24 August 2018</time></li>`).join('')}</ol>`;
  const page = (main: string) =>
    `<!doctype html><html><body><header><a href="/" class="home-link">Blog</a><nav><ul class="nav"><li class="nav-item"><a href="/">Home</a></li><li class="nav-item"><a href="/blog/">Archive</a></li></ul></nav></header><main id="skip">${main}</main></body></html>`;
  const handler = dynamic((url) => {
    if (url.pathname === '/') return page(`<h1>Latest 2 Posts</h1>${postlist(['p4', 'p3'])}<p>2 more posts can be found in <a href="/blog/">the archive</a>.</p>`);
    if (url.pathname === '/blog/') return page(`<h1>Archive</h1>${postlist(['p4', 'p3', 'p2', 'p1'])}`);
    return undefined;
  });
  const { pages, requests } = await walk(fixture('chain'), '/', {}, handler);
  assert.deepEqual(pages.map((p) => [p.url, p.links, p.end]), [
    ['/', ['/blog/p4/', '/blog/p3/'], undefined],
    ['/blog/', ['/blog/p2/', '/blog/p1/'], 'no-next-page'],
  ]);
  assert.equal(requests.filter((r) => r === '/blog/').length, 1);
});

test('the full list a home page links to may begin with the posts the home page showed: its own pages are walked on', async () => {
  const cards = (slugs: string[]) => `<ul>${slugs.map((s) => `<li><a href="/posts/${s}"><h3>${s}</h3></a><time datetime="2020-01-01">Jan 1</time><p>About ${s}.</p></li>`).join('')}</ul>`;
  const page = (main: string) => `<!doctype html><html><body><header><a href="/">Home</a> <a href="/posts/">Posts</a></header><main>${main}</main></body></html>`;
  const handler = dynamic((url) => {
    if (url.pathname === '/') return page(`<section>${cards(['p6', 'p5'])}</section><div><a href="/posts/">All Posts</a></div>`);
    if (url.pathname === '/posts/') return page(`${cards(['p6', 'p5'])}<nav aria-label="Pagination Navigation"><span>Prev</span> 1 / 3 <a href="/posts/2" aria-label="Goto Next Page">Next</a></nav>`);
    if (url.pathname === '/posts/2') return page(`${cards(['p4', 'p3'])}<nav aria-label="Pagination Navigation"><a href="/posts/">Prev</a> 2 / 3 <a href="/posts/3" aria-label="Goto Next Page">Next</a></nav>`);
    if (url.pathname === '/posts/3') return page(`${cards(['p2', 'p1'])}<nav aria-label="Pagination Navigation"><a href="/posts/2">Prev</a> 3 / 3</nav>`);
    return undefined;
  });
  const { pages } = await walk(fixture('chain'), '/', {}, handler);
  assert.deepEqual(pages.map((p) => [p.url, p.links, p.end]), [
    ['/', ['/posts/p6', '/posts/p5'], undefined],
    ['/posts/', [], undefined],
    ['/posts/2', ['/posts/p4', '/posts/p3'], undefined],
    ['/posts/3', ['/posts/p2', '/posts/p1'], 'no-next-page'],
  ]);
});

test('a cache of page readings gives the same walk, is used for unchanged pages only, and reads changed pages afresh', async () => {
  const readings = new Map<string, ReadIndexPage>();
  let sets = 0;
  const cache = { get: (k: string) => readings.get(k), set: (k: string, v: ReadIndexPage) => (sets++, readings.set(k, v)) };
  const server = await startStaticServer(fixture('chain'));
  const fetcher = createFetchLayer({ retries: 0, ignoreRobots: true, timeoutMs: 5000, allowPrivateAddresses: true });
  const run = async () => {
    const pages: IndexPage[] = [];
    for await (const page of walkIndex(`${server.url}/`, fetcher, { maxPages: 50, cache })) pages.push(page);
    return pages;
  };
  try {
    const first = await run();
    assert.equal(sets, 3, 'every page was read and cached');
    assert.deepEqual(await run(), first);
    assert.equal(sets, 3, 'no page was read again');
    server.setHandler(dynamic((url) => (url.pathname === '/' ? listing(['/posts/new-one/'], '/page/2/') : undefined)));
    const changed = await run();
    assert.deepEqual(changed[0]!.links.map((l) => l.url), [`${server.url}/posts/new-one/`]);
    assert.equal(sets, 4, 'only the changed page was read afresh');
  } finally {
    await fetcher.close();
    await server.close();
  }
});

/** A post's entry on the index pages of the "Archive" tests. */
const previewEntry = (slug: string) => `<div class="post-preview"><a href="/2020/01/01/${slug}/"><h2 class="post-title">${slug}</h2></a><p>A few words from ${slug}.</p></div>`;

/** A fetcher serving `pages` by path (404 for any other), recording the paths requested. */
/** Serves `pages` by path (404 for others); a path in `refused` fails as robots.txt refuses it. */
function pathFetcher(pages: Record<string, string>, refused: string[] = []) {
  const requested: string[] = [];
  const fetcher = {
    async fetch(url: string) {
      const path = new URL(url).pathname;
      if (refused.includes(path)) throw new RobotsDisallowed(url);
      requested.push(path);
      const html = `<html><body>${pages[path] ?? 'Not found'}</body></html>`;
      return { url, finalUrl: url, status: pages[path] ? 200 : 404, headers: {}, contentType: 'text/html', body: Buffer.from(html), text: html };
    },
    async close() {},
  };
  return { fetcher, requested };
}

test('walkIndex: a paginated home page that leaves posts out is completed by the page it names "Archive"', async () => {
  const { walkIndex } = await import('../../src/discover/index-walk.js');
  // Posts a theme keeps off the paginated list (front matter `hidden: true`) are only in the archive.
  const nav = '<nav><a href="/">Home</a> <a href="/about/">About</a> <a href="/archive/">Archive</a></nav>';
  const pages: Record<string, string> = {
    '/': nav + previewEntry('shown-one') + previewEntry('shown-two') + '<ul class="pager"><li class="next"><a href="/page2/">Older Posts</a></li></ul>',
    '/page2/': nav + previewEntry('shown-three') + '<ul class="pager"><li class="previous"><a href="/">Newer Posts</a></li></ul>',
    '/archive/': nav + previewEntry('shown-one') + previewEntry('kept-off-one') + previewEntry('shown-two') + previewEntry('shown-three') + previewEntry('kept-off-two'),
  };
  const { fetcher, requested } = pathFetcher(pages);
  const found: string[] = [];
  for await (const page of walkIndex('http://blog.test/', fetcher as never, { maxPages: 50 })) found.push(...page.links.map((l) => new URL(l.url).pathname.split('/')[4]!));
  assert.deepEqual(found, ['shown-one', 'shown-two', 'shown-three', 'kept-off-one', 'kept-off-two']);
  assert.deepEqual(requested, ['/', '/page2/', '/archive/']);
});

// An "Archive" page that does not exist, or that robots.txt refuses, adds no posts and no failed index page.
for (const { why, archive, refused, requested: expected } of [
  { why: 'leads nowhere (404)', archive: undefined, refused: [], requested: ['/', '/page2/', '/archive/'] },
  { why: 'robots.txt refuses', archive: previewEntry('first') + previewEntry('second'), refused: ['/archive/'], requested: ['/', '/page2/'] },
]) {
  test(`walkIndex: an "Archive" page that ${why} adds no posts and no failed index page`, async () => {
    const { walkIndex } = await import('../../src/discover/index-walk.js');
    const nav = '<nav><a href="/">Home</a> <a href="/archive/">Archive</a></nav>';
    const pages: Record<string, string> = {
      '/': nav + previewEntry('first') + '<ul class="pager"><li class="next"><a href="/page2/">Older Posts</a></li></ul>',
      '/page2/': nav + previewEntry('second'),
      ...(archive ? { '/archive/': nav + archive } : {}),
    };
    const { fetcher, requested } = pathFetcher(pages, refused);
    const walked: { url: string; error?: string }[] = [];
    for await (const page of walkIndex('http://blog.test/', fetcher as never, { maxPages: 50 })) walked.push({ url: new URL(page.url).pathname, error: page.error });
    assert.deepEqual(requested, expected);
    assert.deepEqual(walked, [{ url: '/', error: undefined }, { url: '/page2/', error: undefined }]);
  });
}

/** Page `n` of six: two posts and a numbered pagination "1 2 3 … 6 Next" whose last page is linked. */
const numbered = (n: number) =>
  `<!doctype html><html><body><main>${[1, 2].map((i) => `<article><h2><a href="/2015/0${n}/0${i}/p${n}-${i}/">Post ${n}.${i}</a></h2><p>Text of the post.</p></article>`).join('')}` +
  `<nav class="pagination">${[1, 2, 3, 6].map((i) => (i === n ? `<span class="current">${i}</span>` : `<a class="page-number" href="${i === 1 ? '/' : `/page/${i}/`}">${i}</a>`)).join(' ')}${n < 6 ? ` <a class="next" href="/page/${n + 1}/">Next</a>` : ''}</nav></main></body></html>`;
const numberedSite = dynamic((url) => {
  const n = url.pathname === '/' ? 1 : Number(/^\/page\/(\d)\/$/.exec(url.pathname)?.[1]);
  return n >= 1 && n <= 6 ? numbered(n) : undefined;
});

/** The requests the walk made while its consumer held the first page, after `waitMs` at most. */
async function askedDuringFirstPage(options: Partial<WalkOptions>, waitMs: number) {
  const server = await startStaticServer(fixture('chain'), numberedSite);
  const fetcher = createFetchLayer({ retries: 0, ignoreRobots: true, timeoutMs: 5000, allowPrivateAddresses: true });
  try {
    const pages = walkIndex(`${server.url}/`, fetcher, { maxPages: 50, ...options });
    await pages.next();
    for (let waited = 0; waited < waitMs && server.log.length < 3; waited += 20) await new Promise((r) => setTimeout(r, 20));
    return server.log.map((e) => e.path).sort();
  } finally {
    await fetcher.close();
    await server.close();
  }
}

test('walkIndex: the pages of a numbered pagination up to its last are requested ahead, each once, none past the end or maxPages', async () => {
  // Page 2 is the walk's next step, not yet asked for; the two after it are on their way already.
  assert.deepEqual(await askedDuringFirstPage({}, 2000), ['/', '/page/3/', '/page/4/']);
  // A walk that may stop at any page (--since) asks for no page before it gets there.
  assert.deepEqual(await askedDuringFirstPage({ since: '2015-04-15' }, 300), ['/']);
  const whole = await walk(fixture('chain'), '/', {}, numberedSite);
  assert.deepEqual(whole.pages.map((p) => p.url), ['/', '/page/2/', '/page/3/', '/page/4/', '/page/5/', '/page/6/']);
  assert.equal(whole.pages.flatMap((p) => p.links).length, 12);
  assert.equal(whole.pages.at(-1)?.end, 'no-next-page');
  assert.deepEqual(whole.requests.filter((r) => !r.startsWith('/robots')).sort(), ['/', '/page/2/', '/page/3/', '/page/4/', '/page/5/', '/page/6/']);
  const capped = await walk(fixture('chain'), '/', { maxPages: 3 }, numberedSite);
  assert.deepEqual(capped.pages.map((p) => p.url), ['/', '/page/2/', '/page/3/']);
  assert.deepEqual(capped.requests.filter((r) => !r.startsWith('/robots')).sort(), ['/', '/page/2/', '/page/3/']);
});
