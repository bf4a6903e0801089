import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossCheck } from '../../src/discover/cross-check.js';

test('crossCheck: a feed that forgets the blog\'s base path lists the posts the walk found under it, not missing ones', () => {
  const index = [{ url: 'http://b.test/blog/blog/first-post/' }, { url: 'http://b.test/blog/blog/second-post/' }];
  const feed = [{ url: 'http://b.test/blog/first-post/' }, { url: 'http://b.test/blog/second-post/' }, { url: 'http://b.test/blog/third-post/' }];
  assert.deepEqual(crossCheck(index, feed, 'http://b.test/blog/'), [{ url: 'http://b.test/blog/third-post/' }]);
});

test('crossCheck: at the origin\'s root, or for a post in another language section, nothing is taken for a forgotten base', () => {
  const index = [{ url: 'http://b.test/uk/posts/athens/' }];
  const feed = [{ url: 'http://b.test/en/posts/athens/' }, { url: 'http://b.test/posts/athens/' }];
  assert.deepEqual(crossCheck(index, feed, 'http://b.test/'), feed);
  assert.deepEqual(crossCheck(index, [{ url: 'http://b.test/en/posts/athens/' }], 'http://b.test/uk/'), [{ url: 'http://b.test/en/posts/athens/' }]);
});
