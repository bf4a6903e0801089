// What a run writes, decided on the archive's own records (store/run-rules.ts), and which pages only the
// feed or sitemap list are posts (discover/post-judge.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ManifestEntry } from '../../src/store/manifest.js';
import { SAMPLE_SIZE, alreadyResumed, mayMarkMissing, planFromSitemap, postsInFlight, unchangedPage, validatorsFor, validatorsToKeep, worthFetching } from '../../src/store/run-rules.js';
import { isPost } from '../../src/discover/post-judge.js';
import { pathShape } from '../../src/discover/sitemap.js';

const RULES = '0.1.0+00000000';
const archived: ManifestEntry = { url: 'http://b.test/p/', file: 'p.md', status: 'archived', etag: '"e1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT', source: 'abc', rules: RULES };
const failed: ManifestEntry = { url: 'http://b.test/q/', file: 'q.md', status: 'failed', etag: '"old"', error: 'HTTP 500' };

test('a killed run\'s archived posts are not fetched again; failed ones are', () => {
  const journaled = new Set(['http://b.test/p', 'http://b.test/q']);
  assert.equal(alreadyResumed(archived, journaled, 'http://b.test/p', RULES), true);
  assert.equal(alreadyResumed(failed, journaled, 'http://b.test/q', RULES), false);
  assert.equal(alreadyResumed(archived, new Set(), 'http://b.test/p', RULES), false);
  assert.equal(alreadyResumed(archived, journaled, 'http://b.test/p', '0.1.0+11111111'), false, 'made with other settings: made again');
});

test('conditional requests carry an archived post\'s validators only; 304 or the same bytes mean unchanged', () => {
  assert.deepEqual(validatorsFor(archived, RULES), { etag: '"e1"', lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' });
  assert.deepEqual(validatorsFor(failed, RULES), {});
  assert.deepEqual(validatorsFor(undefined, RULES), {});
  assert.equal(unchangedPage(archived, { notModified: true }, undefined, RULES), true);
  assert.equal(unchangedPage(archived, {}, 'abc', RULES), true);
  assert.equal(unchangedPage(archived, {}, 'def', RULES), false);
  assert.equal(unchangedPage({ ...failed, source: 'abc' }, {}, 'abc', RULES), false, 'a failed post is written again');
  assert.equal(unchangedPage(undefined, {}, 'abc', RULES), false);
});

test('a post made with other extraction settings or another version is fetched whole and made again', () => {
  const other = { ...archived, rules: '0.0.9+00000000' };
  assert.deepEqual(validatorsFor(other, RULES), {});
  assert.equal(unchangedPage(other, {}, 'abc', RULES), false);
  assert.equal(unchangedPage({ ...archived, rules: undefined }, {}, 'abc', RULES), false, 'an archive older than the rules record');
});

test('a post whose image could not be archived keeps no validators, so the next run retries the image', () => {
  const page = { etag: '"e2"', lastModified: 'x', source: 'def' };
  assert.deepEqual(validatorsToKeep(false, page), page);
  assert.deepEqual(validatorsToKeep(true, page), {});
});

test('posts in flight: requests plus two jobs per parsing thread, and a hundred more queued before the walk waits; missing posts only after a whole, uninterrupted walk', () => {
  assert.deepEqual(postsInFlight(4, 2), { posts: 20, pages: 6, scheduled: 120 });
  assert.equal(mayMarkMissing(true, false), true);
  assert.equal(mayMarkMissing(false, false), false);
  assert.equal(mayMarkMissing(true, true), false);
});

test('--since: an older post, or one archived already, is not missing from a walk cut on purpose', () => {
  assert.equal(worthFetching({ date: '2020-01-01' }, undefined, undefined), true);
  assert.equal(worthFetching({ date: '2020-01-01' }, '2021-01-01', undefined), false);
  assert.equal(worthFetching({ date: '2022-01-01' }, '2021-01-01', undefined), true);
  assert.equal(worthFetching({ date: '2022-01-01' }, '2021-01-01', archived), false);
});

test('pages only the feed or sitemap list: posts are shaped like posts, dated, no copies, no lists', () => {
  const known = { posts: new Set(['http://b.test/posts/a', 'http://b.test/posts/b']), indexPages: new Set(['http://b.test/']), shapes: new Set([pathShape('http://b.test/posts/a')]) };
  const page = (url: string, body = '<p>A post.</p>') => ({ finalUrl: url, text: `<html><body><article>${body}</article></body></html>` });
  const dated = { dated: true };
  assert.equal(isPost(dated, { url: 'http://b.test/posts/c/' }, page('http://b.test/posts/c/'), known), true, 'the index linked /posts/a, the feed lists /posts/c/: one shape');
  assert.equal(isPost(dated, { url: 'http://b.test/about/' }, page('http://b.test/about/'), known), false, 'shaped like a page, not a post');
  assert.equal(isPost({ dated: false }, { url: 'http://b.test/posts/c/' }, page('http://b.test/posts/c/'), known), false, 'no date');
  assert.equal(isPost({ dated: false }, { url: 'http://b.test/posts/c/', date: '2020-01-01' }, page('http://b.test/posts/c/'), known), true, 'dated by the feed');
  assert.equal(isPost({ dated: true, canonical: 'http://b.test/posts/a/' }, { url: 'http://b.test/posts/c/' }, page('http://b.test/posts/c/'), known), false, 'a copy of a post');
  assert.equal(isPost(dated, { url: 'http://b.test/posts/c/' }, page('http://b.test/'), known), false, 'redirected to the index');
  const list = ['a', 'b', 'x', 'y', 'z'].map((s) => `<li><h2><a href="/posts/${s}/">${s}</a></h2></li>`).join('');
  const manyKnown = { ...known, posts: new Set(['a', 'b', 'x', 'y', 'z'].map((s) => `http://b.test/posts/${s}`)) };
  assert.equal(isPost(dated, { url: 'http://b.test/posts/c/' }, page('http://b.test/posts/c/', `<ul>${list}</ul>`), manyKnown), false, 'a list of posts');
});

// Sitemap-guided reruns: ten archived posts, published a day apart, each with a <lastmod> a week later.
const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString();
const posts = Array.from({ length: 10 }, (_, i) => ({ url: `http://b.test/p${i}`, date: day(i) }));
const dated = (shift = 7) => new Map(posts.map((p, i) => [p.url, day(i + shift)] as const));
const recorded = Object.fromEntries(dated());
const plan = (over: Partial<Parameters<typeof planFromSitemap>[0]> = {}) =>
  planFromSitemap({ archived: posts, sitemap: dated(), lastmod: recorded, notPosts: {}, samplesChecked: 0, ...over });

test('sitemap plan: an unchanged blog fetches only the sample, the newest posts among it', () => {
  const p = plan();
  assert.ok(!('fullCheck' in p));
  assert.deepEqual(p.changed, []);
  assert.deepEqual(p.added, []);
  assert.equal(p.sample.length, SAMPLE_SIZE);
  assert.deepEqual(p.sample.slice(0, 2), ['http://b.test/p9', 'http://b.test/p8']);
  assert.equal(p.unchanged.length, posts.length - SAMPLE_SIZE);
  assert.deepEqual(new Set([...p.sample, ...p.unchanged]), new Set(posts.map((x) => x.url)));
});

test('sitemap plan: a post whose <lastmod> moved is fetched; a new URL is judged; a known non-post is not', () => {
  const sitemap = dated();
  sitemap.set('http://b.test/p3', day(40));
  sitemap.set('http://b.test/new', day(41));
  sitemap.set('http://b.test/about', day(2));
  const p = plan({ sitemap, notPosts: { 'http://b.test/about': day(2) } });
  assert.ok(!('fullCheck' in p));
  assert.deepEqual(p.changed, ['http://b.test/p3']);
  assert.deepEqual(p.added, ['http://b.test/new']);
  assert.ok(!p.unchanged.includes('http://b.test/p3') && !p.sample.includes('http://b.test/p3'));
  sitemap.set('http://b.test/about', day(50));
  assert.deepEqual((plan({ sitemap, notPosts: { 'http://b.test/about': day(2) } }) as { added: string[] }).added, ['http://b.test/new', 'http://b.test/about'], 'a non-post page whose date moved is judged again');
});

test('sitemap plan: the sample moves along the posts from run to run and reaches every one', () => {
  const seen = new Set<string>();
  for (let run = 0; run < posts.length; run++) for (const url of (plan({ samplesChecked: run }) as { sample: string[] }).sample) seen.add(url);
  assert.equal(seen.size, posts.length);
  assert.notDeepEqual((plan({ samplesChecked: 0 }) as { sample: string[] }).sample, (plan({ samplesChecked: 1 }) as { sample: string[] }).sample);
});

test('sitemap plan: every post is checked when the sitemap cannot say what changed', () => {
  const missing = dated();
  missing.delete('http://b.test/p4');
  assert.match((plan({ sitemap: missing }) as { fullCheck: string }).fullCheck, /no date for http:\/\/b.test\/p4/);
  const undated = dated();
  undated.set('http://b.test/p4', '');
  assert.ok('fullCheck' in plan({ sitemap: undated }));
  const { 'http://b.test/p2': _, ...partial } = recorded;
  assert.match((plan({ lastmod: partial }) as { fullCheck: string }).fullCheck, /no sitemap date recorded/);
  assert.match((plan({ archived: [] }) as { fullCheck: string }).fullCheck, /nothing archived/);
  // Jekyll's and Hugo's default: <lastmod> is the publication date, so an edit never moves it.
  const publication = dated(0);
  assert.match((plan({ sitemap: publication, lastmod: Object.fromEntries(publication) }) as { fullCheck: string }).fullCheck, /publication dates/);
  // ...and a few posts dated otherwise by hand (Jekyll's last_modified_at) do not make it a record of edits.
  publication.set('http://b.test/p1', day(30));
  publication.set('http://b.test/p2', day(31));
  assert.ok('fullCheck' in plan({ sitemap: publication, lastmod: Object.fromEntries(publication) }));
});
