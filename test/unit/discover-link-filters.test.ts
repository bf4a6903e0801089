import { test } from 'node:test';
import assert from 'node:assert/strict';
import { excludeMatcher, nonPostReason, postScopeOf } from '../../src/discover/link-filters.js';

test('listing and site pages are recognised; posts with look-alike names are not', () => {
  const reasons = (paths: string[]) => paths.map((p) => nonPostReason(`http://b.test${p}`) ?? 'post');
  assert.deepEqual(reasons(['/tags/linux/', '/blog/category/news/', '/author/jo/', '/search/label/x', '/feed/', '/atom.xml', '/img/a.png']), [
    'listing segment', 'listing segment', 'listing segment', 'listing segment', 'listing segment', 'file', 'file',
  ]);
  assert.deepEqual(reasons(['/about/', '/blog/links/', '/archives/', '/archives/2015/07/', '/archive/page/2/', '/2015/', '/2015/07/26/', '/page/3/', '/?s=x', '/p/colophon.html']), [
    'site page', 'site page', 'site page', 'archive listing', 'archive listing', 'date archive', 'date archive', 'pagination', 'listing query', 'blogger page',
  ]);
  assert.deepEqual(reasons(['/2015/07/26/links/', '/archives/12/', '/archives/123.html', '/posts/about-tags/', '/?p=42', '/2015/07/tagged/', '/7/']), [
    'post', 'post', 'post', 'post', 'post', 'post', 'post',
  ]);
  // A year after calendar prefixes is a date archive; after a post's category folders it is the post's slug.
  assert.deepEqual(reasons(['/blog/2015/', '/en/2015/07/', '/posts/2015/', '/life/notes/2025/', '/生活/随笔/2025/']), [
    'date archive', 'date archive', 'date archive', 'post', 'post',
  ]);
  // A dated permalink's slug may be a listing word; a feed hanging off a date archive stays a feed.
  assert.deepEqual(reasons(['/2020/12/01/archive/', '/2019/03/tags/', '/blog/2018/05/07/search.html', '/2020/12/feed/', '/2020/12/01/slug/feed/', '/2020/archive/', '/tags/2020/12/x/']), [
    'post', 'post', 'post', 'listing segment', 'listing segment', 'archive listing', 'listing segment',
  ]);
});

test('--exclude: substring, glob over URL or path, and /regex/flags', () => {
  const m = excludeMatcher(['/drafts/', '*.pdf', '/2015/*/private-*', '/\\/NOTES\\//i']);
  assert.equal(m('http://b.test/drafts/x/'), true);
  assert.equal(m('http://b.test/files/a.pdf'), true);
  assert.equal(m('http://b.test/2015/07/private-diary/'), true);
  assert.equal(m('http://b.test/notes/x/'), true);
  assert.equal(m('http://b.test/2015/07/public-diary/'), false);
  assert.equal(excludeMatcher(undefined)('http://b.test/x'), false);
});

test('post scope: the start directory, or the whole origin when the start page is a listing', () => {
  assert.equal(postScopeOf('http://b.test/blog/'), 'http://b.test/blog/');
  assert.equal(postScopeOf('http://b.test/blog/page/3/'), 'http://b.test/blog/');
  assert.equal(postScopeOf('http://b.test/archives/'), 'http://b.test/');
  assert.equal(postScopeOf('http://b.test/tags/linux/'), 'http://b.test/');
});

test('data files a home page links to are no post: a calendar, a contact card, an outline of feeds', () => {
  const reasons = (paths: string[]) => paths.map((p) => nonPostReason(`http://b.test${p}`) ?? 'post');
  assert.deepEqual(reasons(['/events.ics', '/me.vcf', '/subscriptions.opml', '/data/runs.csv', '/blog/ics-explained/']), ['file', 'file', 'file', 'file', 'post']);
});
