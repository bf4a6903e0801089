import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRedirectMap, encodedPath, pathVariants, redirectRules, renderRedirects } from '../../src/export/redirects.js';

test('an old post path is redirected with and without its trailing slash and index.html; .html pages also without the extension', () => {
  assert.deepEqual(pathVariants('/2015/07/26/hello/'), ['/2015/07/26/hello/', '/2015/07/26/hello', '/2015/07/26/hello/index.html']);
  assert.deepEqual(pathVariants('/notes/index.html'), ['/notes/', '/notes', '/notes/index.html']);
  assert.deepEqual(pathVariants('/notes/second.html'), ['/notes/second.html', '/notes/second', '/notes/second/']);
  assert.deepEqual(pathVariants('/p/x'), ['/p/x', '/p/x/', '/p/x/index.html']);
  assert.deepEqual(pathVariants('/'), []);
});

test('rules are percent-encoded, never point a path at itself, keep the first target, and set query-string URLs aside', () => {
  const { rules, queryOnly } = redirectRules([
    { from: 'https://old.example/2015/08/01/%E4%B8%AD%E6%96%87/', to: '/posts/中文/', kind: 'post' },
    { from: 'https://old.example/same/', to: '/same/', kind: 'post' },
    { from: 'https://old.example/same', to: '/elsewhere/', kind: 'post' },
    { from: 'https://old.example/?p=12', to: '/x/', kind: 'post' },
    { from: 'https://old.example/img/a b.png', to: 'https://new.example/content/a.png', kind: 'image' },
  ]);
  assert.deepEqual(rules, [
    { from: '/2015/08/01/%E4%B8%AD%E6%96%87/', to: '/posts/%E4%B8%AD%E6%96%87/' },
    { from: '/2015/08/01/%E4%B8%AD%E6%96%87', to: '/posts/%E4%B8%AD%E6%96%87/' },
    { from: '/2015/08/01/%E4%B8%AD%E6%96%87/index.html', to: '/posts/%E4%B8%AD%E6%96%87/' },
    { from: '/same', to: '/same/' },
    { from: '/same/index.html', to: '/same/' },
    { from: '/img/a%20b.png', to: 'https://new.example/content/a.png' },
  ]);
  assert.deepEqual(queryOnly, ['https://old.example/?p=12']);
  assert.equal(encodedPath('/a%20b/ü'), '/a%20b/%C3%BC');
});

test('each format: _redirects lines, an nginx map on decoded $uri, exact RedirectMatch lines, Ghost regexes, a CSV', () => {
  const files = renderRedirects([
    { from: '/2015/%E4%B8%AD/', to: '/posts/%E4%B8%AD/' },
    { from: '/a.b/x', to: 'https://new.example/p?x=1$' },
  ]);
  assert.match(files._redirects, /^\/2015\/%E4%B8%AD\/ \/posts\/%E4%B8%AD\/ 301$/m);
  assert.match(files['nginx.conf'], /^map \$uri \$blogvault_redirect \{$/m);
  assert.match(files['nginx.conf'], /^ {4}"\/2015\/中\/" "\/posts\/%E4%B8%AD\/";$/m);
  // `$` would start an nginx variable in the value.
  assert.match(files['nginx.conf'], /"https:\/\/new\.example\/p\?x=1%24";/);
  assert.ok(files['.htaccess'].includes('RedirectMatch 301 "^/a\\.b/x$" "https://new.example/p?x=1%24"\n'), files['.htaccess']);
  const ghost = JSON.parse(files['redirects.json']) as { from: string; to: string; permanent: boolean }[];
  assert.ok(new RegExp(ghost[1].from).test('/a.b/x') && !new RegExp(ghost[1].from).test('/aXb/x'));
  assert.equal(ghost[0].permanent, true);
  assert.equal(files['redirects.csv'], '/2015/%E4%B8%AD/,/posts/%E4%B8%AD/,0,301\n/a.b/x,https://new.example/p?x=1$,0,301\n');
});

test('the map lists old URLs left without a target: posts never archived, images the target gives no URL, and skips other hosts', () => {
  const map = buildRedirectMap(
    [{ url: 'https://old.example/a/' }, { url: 'https://old.example/b/' }],
    {
      images: new Map([
        ['https://old.example/img/one.png', 'assets/one-11111111.png'],
        ['https://old.example/img/two.png', 'assets/two-22222222.png'],
        ['https://cdn.example/three.png', 'assets/three-33333333.png'],
      ]),
      unarchived: [{ url: 'https://old.example/c/', reason: 'not archived: HTTP 500' }],
    },
    (post) => (post.url.endsWith('/a/') ? '/new/a/' : undefined),
    (asset) => (asset.startsWith('assets/one') ? '/new/one.png' : undefined),
  );
  assert.deepEqual(map.rules.map((r) => r.from), ['/a/', '/a', '/a/index.html', '/img/one.png']);
  assert.deepEqual(map.unmapped.map((u) => u.url), ['https://old.example/c/', 'https://old.example/b/', 'https://old.example/img/two.png']);
});
