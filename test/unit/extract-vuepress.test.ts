import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractPost } from '../../src/extract/index.js';

// VuePress 2 (vuepress-theme-hope, the default theme) links the heading's whole text to its own
// fragment; VuePress 1 puts a "#" anchor before the text. Both must leave the heading's text.
const page = (generator: string, heading: (id: string, text: string) => string) =>
  `<!doctype html><html lang="zh-CN"><head><meta name="generator" content="${generator}"><title>构建工具 | 笔记</title></head><body>` +
  '<div class="theme-container"><main id="main-content" class="vp-page"><div class="vp-page-title"><h1>构建工具</h1></div>' +
  '<div class="theme-hope-content theme-default-content" vp-content>' +
  heading('_1-安装', '1 安装') +
  '<p>先安装需要的依赖包，然后在项目根目录下创建配置文件，写入预设和目标浏览器。</p>' +
  heading('_2-使用', '2 使用') +
  '<p>运行命令即可编译源代码目录，输出到另一个目录中，供浏览器直接加载使用。</p>' +
  '</div></main></div></body></html>';

test('VuePress 2: a heading whose text is its own permalink keeps its text', () => {
  const post = extractPost(
    page('VuePress 2.0.0-rc.19', (id, text) => `<h2 id="${id}" tabindex="-1"><a class="header-anchor" href="#${id}"><span>${text}</span></a></h2>`),
    'https://notes.example/posts/build.html',
  );
  assert.equal(post.engine, 'vuepress');
  assert.match(post.contentHtml, /<h2[^>]*>(<span>)?1 安装(<\/span>)?<\/h2>/);
  assert.match(post.contentHtml, /<h2[^>]*>(<span>)?2 使用(<\/span>)?<\/h2>/);
  assert.doesNotMatch(post.contentHtml, /header-anchor/);
});

test('VuePress 1: the "#" anchor before a heading goes, its text stays', () => {
  const post = extractPost(
    page('VuePress 1.9.9', (id, text) => `<h2 id="${id}"><a href="#${id}" class="header-anchor">#</a> ${text}</h2>`),
    'https://notes.example/posts/build.html',
  );
  assert.match(post.contentHtml, /<h2[^>]*>\s*1 安装<\/h2>/);
  assert.doesNotMatch(post.contentHtml, />#</);
});
