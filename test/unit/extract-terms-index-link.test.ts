import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

// A Hugo theme prints every front-matter tag as a rel=tag link; a tag left empty (`tags: ["go", ""]`)
// becomes a link to the taxonomy's own list page, whose text is the taxonomy's title.
const page = `<!DOCTYPE html><html lang="zh"><head><title>参数校验</title><meta name="generator" content="Hugo 0.111.3"></head><body>
<main class="main"><article class="content post h-entry">
<h1 class="post-title p-name">参数校验</h1>
<div class="post-meta"><time class="published" datetime="2021-03-02T10:00:00+08:00">2021-03-02</time></div>
<div class="post-body e-content">
<p>请求进来时先校验参数，不合法的直接返回错误，合法的才交给后面的业务逻辑处理。</p>
<p>校验规则写在结构体的字段标签里，框架在绑定参数时一并执行这些规则。</p>
</div>
<div class="post-tags">
<a href="/tags/go/" rel="tag" class="post-tags-link">go</a>
<a href="/tags/" rel="tag" class="post-tags-link">Tags</a>
<a href="/tags/" rel="tag" class="post-tags-link">Tags</a>
</div>
</article></main></body></html>`;

test('a rel=tag link to the list of all tags (/tags/) names no tag of the post', () => {
  const post = extractPost(page, 'http://blog.test/posts/validator/');
  assert.deepEqual(post.meta.tags, ['go']);
});

test('a link to /categories or /tags.html names no term either; /tags.html#x still does', () => {
  const other = page
    .replace('<a href="/tags/" rel="tag" class="post-tags-link">Tags</a>', '<a href="/categories" rel="tag" class="post-tags-link">Categories</a>')
    .replace('<a href="/tags/" rel="tag" class="post-tags-link">Tags</a>', '<a href="/tags.html#web" rel="tag" class="post-tags-link">web</a>');
  assert.deepEqual(extractPost(other, 'http://blog.test/posts/validator/').meta.tags, ['go', 'web']);
});

test('a term named like a taxonomy (/tags/tags/) is still a term', () => {
  const named = page.replace('<a href="/tags/" rel="tag" class="post-tags-link">Tags</a>', '<a href="/tags/tags/" rel="tag" class="post-tags-link">tags</a>');
  assert.deepEqual(extractPost(named, 'http://blog.test/posts/validator/').meta.tags, ['go', 'tags']);
});
