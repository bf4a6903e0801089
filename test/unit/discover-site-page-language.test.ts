import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonPostReason } from '../../src/discover/link-filters.js';

test('a site page under a language folder (and a base path) is still a site page; a post named like one deeper down is not', () => {
  const reason = (p: string) => nonPostReason(`http://b.test${p}`) ?? 'post';
  assert.deepEqual(
    ['/blog/en/about/', '/site/fr/work', '/en/experience/', '/zh-cn/now/'].map(reason),
    ['site page', 'site page', 'site page', 'site page'],
  );
  assert.deepEqual(['/en/blog/2021/work/', '/en/blog/posts/work/', '/en/notes/on-work/'].map(reason), ['post', 'post', 'post']);
});
