// The browser path's rule tables, checked without a browser: which requests are blocked while
// rendering, and which button labels count as "Load more".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockReason } from '../../src/fetch/browser-blocklist.js';
import { isLoadMoreLabel } from '../../src/fetch/browser-expand.js';

test('fonts, media and images are blocked by resource type, wherever they come from', () => {
  assert.equal(blockReason('https://blog.example.com/fonts/inter.woff2', 'font'), 'font');
  assert.equal(blockReason('https://blog.example.com/intro.mp4', 'media'), 'media');
  assert.equal(blockReason('https://blog.example.com/captions.vtt', 'texttrack'), 'media');
  assert.equal(blockReason('https://cdn.example.net/photo.jpg', 'image'), 'image');
});

test('analytics and tag managers are blocked by host or well-known script name, whatever their type', () => {
  assert.equal(blockReason('https://www.googletagmanager.com/gtag/js?id=G-1', 'script'), 'tracker');
  assert.equal(blockReason('https://www.google-analytics.com/g/collect?v=2', 'fetch'), 'tracker');
  assert.equal(blockReason('https://stats.wp.com/e-202448.js', 'script'), 'tracker');
  assert.equal(blockReason('https://hm.baidu.com/hm.js?abc', 'script'), 'tracker');
  assert.equal(blockReason('https://blog.example.com/matomo.js', 'script'), 'tracker');
  assert.equal(blockReason('https://blog.example.com/', 'ping'), 'tracker');
});

test('what pages need to render is let through', () => {
  assert.equal(blockReason('https://blog.example.com/assets/app.3f2a.js', 'script'), undefined);
  assert.equal(blockReason('https://blog.example.com/app.css', 'stylesheet'), undefined);
  assert.equal(blockReason('https://api.example.com/posts?page=2', 'fetch'), undefined);
  assert.equal(blockReason('https://blog.example.com/posts/1/', 'document'), undefined);
  assert.equal(blockReason('https://notgoogle-analytics.com/x.js', 'script'), undefined, 'a host merely ending like a tracker');
  assert.equal(blockReason('data:text/javascript,1', 'script'), undefined);
  assert.equal(blockReason('not a url', 'constructor'), undefined);
  assert.equal(blockReason('https://blog.example.com/x', 'constructor'), undefined, 'an inherited property is not a resource type');
});

test('"Load more" labels in several languages and decorations', () => {
  for (const label of ['Load more', 'LOAD MORE', 'Load more posts', 'Show more…', '  View more  ', 'More posts →', '+ Load More', 'Older posts', 'Load older posts', '加载更多', '加载更多文章', '載入更多', '查看更多', 'もっと見る', 'Mehr laden', 'Charger plus', 'Cargar más', 'Показать ещё']) {
    assert.equal(isLoadMoreLabel(label), true, label);
  }
});

test('labels that do not append posts in place are left alone', () => {
  for (const label of ['More', 'Read more', 'Read more »', 'Continue reading', 'Next page', 'Older', 'Comments', 'Load more comments', '', 'Load more '.repeat(10)]) {
    assert.equal(isLoadMoreLabel(label), false, label);
  }
});
