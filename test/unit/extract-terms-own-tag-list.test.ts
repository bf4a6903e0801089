import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

const page = (inArticle: string, sidebar = '') => `<!DOCTYPE html><html lang="en"><head><title>Tuning the scheduler</title></head><body>
<nav><a href="/">Home</a> <a href="/tags/">Tags</a></nav>
<div class="content"><article class="post">
<header><h1>Tuning the scheduler</h1><p class="meta">June 06, 2020</p></header>
<section class="post-content">
<p>The run queue grows when every worker blocks on the same lock, so the first fix is to split the lock by shard.</p>
<p>After the split the latency tail shrinks, and the profile shows the time moved to the allocator instead.</p>
</section>
${inArticle}
</article>${sidebar}</div></body></html>`;

const tagList = (cls: string) => `<div class="${cls}"><ul><li class="meta">Tags</li>
<li><a class="button" href="/tags#Linux"><p><i class="fas fa-tag"></i> Linux</p></a></li>
<li><a class="button" href="/tags#Kernel"><p><i class="fas fa-tag"></i> Kernel</p></a></li></ul></div>`;

test('a "tag-list" inside the article lists the post\'s own tags', () => {
  const post = extractPost(page(tagList('tag-list')), 'http://blog.test/tuning-the-scheduler.html');
  assert.deepEqual(post.meta.tags, ['Linux', 'Kernel']);
  assert.doesNotMatch(post.contentHtml, /Kernel/);
});

test('a "tag-list" in a sidebar or in related posts inside the article names no tag of the post', () => {
  const sidebar = `<aside class="sidebar">${tagList('tag-list')}</aside>`;
  assert.deepEqual(extractPost(page('', sidebar), 'http://blog.test/tuning-the-scheduler.html').meta.tags, []);
  const related = `<div class="related-posts"><h3>Related</h3>${tagList('tag-list')}</div>`;
  assert.deepEqual(extractPost(page(related), 'http://blog.test/tuning-the-scheduler.html').meta.tags, []);
});
