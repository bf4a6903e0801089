import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { selectContent } from '../../src/extract/content.js';
import { extractPost } from '../../src/extract/index.js';
import { nonSpaceLength } from '../../src/html/text.js';

const text = (html: string) => load(html).text().replace(/\s+/g, ' ').trim();

const PARAS = [
  'Garbage collection in this runtime happens in three phases, and each phase can be tuned separately.',
  'The first phase marks reachable objects, starting from the roots, which are the stacks and the globals.',
  'The second phase sweeps, returning unmarked memory to the free lists, one size class at a time.',
  'Finally, compaction moves survivors together, so that allocation stays a pointer bump, cheap and fast.',
].map((p) => `<p>${p}</p>`).join('\n');

test('the generic scorer finds the article in an unknown div-soup layout', () => {
  const html = `<html><head><title>GC phases</title></head><body>
<div id="top"><div class="x1"><a href="/">Home</a> | <a href="/a">Archive</a> | <a href="/b">About</a></div></div>
<div id="wrap"><div id="l"><div class="box"><b>Links</b><br><a href="/1">One post title here</a><br><a href="/2">Another post title here</a><br><a href="/3">Third post title here</a><br><a href="/4">Fourth post title</a></div></div>
<div id="r"><div class="t">GC phases</div><div class="zz">${PARAS}<div><img src="/gc.png"></div></div>
<div class="c9"><div class="c10">Leave a note. Your address, of course, will not be published, and notes are moderated.</div></div></div></div>
<div id="bottom">(c) 2010 somebody, some rights reserved, all wrongs reversed.</div></body></html>`;
  const $ = load(html);
  const choice = selectContent($);
  assert.equal(choice.source, 'scorer');
  assert.equal(choice.root.attr('class'), 'zz');
  const post = extractPost(html, 'https://gc.example/phases.html');
  const t = text(post.contentHtml);
  assert.match(t, /^Garbage collection/);
  assert.match(t, /pointer bump, cheap and fast\.$/);
  assert.match(post.contentHtml, /<img src="https:\/\/gc\.example\/gc\.png">/);
  assert.equal(post.engine, undefined);
});

test('semantic containers win over the scorer when they hold the text', () => {
  const html = `<body><div class="layout"><div class="entry-content">${PARAS}</div><div class="sidebar"><p>About me: I write about runtimes, compilers, and, sometimes, gardening.</p></div></div></body>`;
  const choice = selectContent(load(html));
  assert.equal(choice.source, 'semantic');
  assert.equal(choice.selector, '.entry-content');
});

test('a semantic class used for a short teaser does not beat the real body', () => {
  const html = `<body><div class="post-content">Short teaser.</div><div id="main-text">${PARAS}${PARAS}</div></body>`;
  const choice = selectContent(load(html));
  assert.equal(choice.root.attr('id'), 'main-text');
});

test('a post that is one heading and one long list keeps the heading: the scorer picking the list does not narrow the <article>', () => {
  const sayings = ['Measure twice and cut once then measure again because the saw drifted', 'A sharp chisel is safer than a blunt one since it needs far less force', 'Glue joints want pressure and patience more than they want more glue', 'Sand with the grain and change the paper before it stops cutting', 'Oil finishes forgive mistakes that varnish never will'];
  const items = Array.from({ length: 80 }, (_, i) => `<li><p>${sayings[i % 5]} (${i + 1})</p></li>`).join('\n');
  const html = `<body><header><h1>Workshop sayings</h1></header><div class="container" role="main"><div class="row"><div class="col"><article role="main" class="blog-post"><h2 id="collected">Collected over the years</h2>
<ul>${items}</ul></article><ul class="pager"><li class="previous"><a href="/a/">Older</a></li><li class="next"><a href="/b/">Newer</a></li></ul></div></div></div><footer>(c) somebody</footer></body>`;
  assert.equal(selectContent(load(html)).root.get(0)?.name, 'article');
  assert.match(text(extractPost(html, 'https://wood.example/sayings/').contentHtml), /^Collected over the years Measure twice/);
});

test('the user content selector wins and picks the heaviest match', () => {
  const html = `<body><article class="post">${PARAS}</article><div class="body-text">tiny</div><div class="body-text">${PARAS}<p>Extra paragraph only here.</p></div></body>`;
  const post = extractPost(html, 'https://o.example/p', { overrides: { content: '.body-text' } });
  assert.match(text(post.contentHtml), /Extra paragraph only here/);
  const choice = selectContent(load(html), undefined, { content: '.body-text' });
  assert.equal(choice.source, 'override');
});

test('an image-only post keeps its images', () => {
  const html = `<body><nav><a href="/">Home</a></nav><article class="post"><h1>Photos</h1><div class="entry-content"><figure><img src="a.jpg"><figcaption>Lake</figcaption></figure></div></article></body>`;
  const post = extractPost(html, 'https://p.example/photos/');
  assert.match(post.contentHtml, /<img src="https:\/\/p\.example\/photos\/a\.jpg">/);
  assert.match(post.contentHtml, /<figcaption>Lake<\/figcaption>/);
});

test('contentSelector tells how the body was chosen', () => {
  const semantic = extractPost(`<body><main><div class="entry-content">${PARAS}</div></main></body>`, 'https://s.example/p');
  assert.equal(semantic.contentSelector, '.entry-content (semantic container) -> main > div.entry-content');
  const override = extractPost(`<body><div id="x">${PARAS}</div></body>`, 'https://s.example/p', { overrides: { content: '#x' } });
  assert.equal(override.contentSelector, '#x (--content) -> div#x');
  const engine = extractPost(`<html><head><meta name="generator" content="Hexo 7"></head><body><div class="article-entry">${PARAS}</div></body></html>`, 'https://s.example/p');
  assert.equal(engine.contentSelector, '.article-entry (hexo rule) -> div.article-entry');
});

test('a body split into blocks (page builders) is merged back from the scorer pick and its siblings', () => {
  const block = (inner: string) => `<div class="sqs-block html-block"><div class="sqs-block-content">${inner}</div></div>`;
  const html = `<body><div class="top"><a href="/">Home</a> <a href="/blog">Blog</a> <a href="/contact">Contact</a></div>
<div class="layout"><div class="row">${block(PARAS)}<div class="sqs-block image-block"><figure><img src="/one.jpg" alt="one"></figure></div>
${block('<p>A second text block, written later, continues the story with more detail, and it ends here.</p>')}
<div class="links"><a href="/a">Older post one</a> <a href="/b">Older post two</a> <a href="/c">Older post three</a></div></div></div>
<div class="bottom">Copyright, all rights reserved, 2024.</div></body>`;
  const post = extractPost(html, 'https://sq.example/blog/gc');
  const t = text(post.contentHtml);
  assert.match(t, /^Garbage collection/);
  assert.match(t, /continues the story with more detail, and it ends here\.$/);
  assert.match(post.contentHtml, /<img src="https:\/\/sq\.example\/one\.jpg" alt="one">/);
  assert.ok(!t.includes('Older post'), t);
});

test('hostile input: empty, text-only, broken JSON-LD and 3000-deep nesting do not throw', () => {
  assert.equal(extractPost('', 'https://h.example/').contentHtml, '');
  assert.match(extractPost('just text, no tags', 'https://h.example/').contentHtml, /just text/);
  assert.equal(extractPost('<script type="application/ld+json">{not json</script><title>T</title><p>x</p>', 'https://h.example/').meta.title, 'T');
  const deep = `${'<div>'.repeat(3000)}<p>Deep text survives, with enough words to be scored as a paragraph.</p>${'</div>'.repeat(3000)}`;
  assert.match(extractPost(deep, 'https://h.example/deep').contentHtml, /Deep text survives/);
});

test('an old table layout: the text cell wins over the navigation cell, the date in italics is found', () => {
  const html = `<html><head><title>My trip to Iceland</title></head><body><table><tr><td valign="top"><a href="/">Home</a><br><a href="/photos">Photos</a><br><a href="/links">Links</a></td>
<td valign="top"><b>My trip to Iceland</b><br><i>June 3, 2004</i><br><br>We landed in Keflavik at six in the morning, and the sun had not set at all, which was strange.<br><br>
The next day we drove around the Golden Circle, stopping at Geysir, Gullfoss and Thingvellir, in the rain.<br><img src="pics/geysir.jpg"></td></tr></table></body></html>`;
  const post = extractPost(html, 'http://old.example/trips/iceland.html');
  assert.equal(post.meta.title, 'My trip to Iceland');
  assert.equal(post.meta.date, '2004-06-03');
  assert.ok(!text(post.contentHtml).includes('Photos'));
  assert.match(text(post.contentHtml), /Golden Circle/);
  assert.match(post.contentHtml, /src="http:\/\/old\.example\/trips\/pics\/geysir\.jpg"/);
});

test('a long comment thread does not outweigh a short post', () => {
  const comment = (i: number) => `<li class="comment"><div class="comment-body"><p>Comment number ${i}: thanks, this helped me a lot, and I shared it with my whole team at work.</p></div></li>`;
  const html = `<body><article class="post"><h1>Short</h1><div class="entry-content"><p>A short post, with one paragraph only, about a small trick in the shell.</p></div></article>
<div id="comments"><ol class="commentlist">${Array.from({ length: 60 }, (_, i) => comment(i)).join('')}</ol></div></body>`;
  const post = extractPost(html, 'https://c.example/short');
  assert.match(text(post.contentHtml), /^A short post/);
  assert.ok(!text(post.contentHtml).includes('Comment number'));
});

test('a page wrapped whole in an unlikely-looking class is still scored', () => {
  const html = `<body><div class="extra-wrapper"><div class="x"><a href="/">Home</a></div><div class="y">${PARAS}</div></div></body>`;
  assert.match(text(extractPost(html, 'https://w.example/p').contentHtml), /^Garbage collection/);
});

test('an empty post is its own empty article, not the page footer', () => {
  // An unknown theme: the article element is empty (the post has no body yet), its tags follow it,
  // and the only text the scorer could read sits in the site footer.
  const html = `<body><nav class="navbar"><a href="/">Notebook</a> <a href="/about">About</a></nav>
<header class="header-section"><h1>Sobre a minha vida</h1><span class="meta">Publicado em 20 de fevereiro de 1998</span></header>
<div class="container"><article role="main" class="blog-post">
</article><div class="blog-tags"><span>Tags:</span> <a href="/tags#eu">eu</a></div></div>
<footer><div class="footer-wrap"><p class="copyright">Ana Souza, 2026, notebook.example, all rights reserved, powered by a theme</p></div></footer></body>`;
  const choice = selectContent(load(html));
  assert.equal(choice.root.attr('class'), 'blog-post');
  const post = extractPost(html, 'https://notebook.example/1998-02-20-a-minha-vida/');
  assert.equal(text(post.contentHtml), '');
  assert.deepEqual(post.meta.tags, ['eu']);
});

test('a one-line post beats the footer whatever its length', () => {
  const html = `<body><article class="post"><h1>Quick note</h1><p>Back soon.</p></article>
<footer><p class="copyright">Ana Souza, 2026, notebook.example, all rights reserved, powered by a theme, hosted somewhere</p></footer></body>`;
  const t = text(extractPost(html, 'https://notebook.example/quick-note/').contentHtml);
  assert.match(t, /Back soon\./);
  assert.ok(!t.includes('rights reserved'));
});

test('nonSpaceLength counts exactly what removing \\s leaves, for every UTF-16 code unit', () => {
  for (let code = 0; code < 0x10000; code++) {
    const text = `a${String.fromCharCode(code)} b\u3000`;
    assert.equal(nonSpaceLength(text), text.replace(/\s+/g, '').length, `U+${code.toString(16)}`);
  }
});

test("Tailwind Typography's .prose is the body, not the grid around it with the author card and share line", () => {
  const html = `<html><head><title>GC phases</title></head><body><main><article><header><h1>GC phases</h1></header>
<div class="grid"><dl><dt class="sr-only">Authors</dt><dd><ul><li><img src="/avatar.png" alt="avatar"><dl><dt class="sr-only">Name</dt><dd>Jo Writer</dd><dt class="sr-only">Twitter</dt><dd><a href="https://twitter.com/jo">@jo</a></dd></dl></li></ul></dd></dl>
<div class="col-span-3"><div class="prose max-w-none">${PARAS}</div><div class="pt-6"><a href="https://twitter.com/search?q=x">Discuss on Twitter</a> • <a href="https://github.com/jo/blog/blob/main/data/blog/gc.mdx">View on GitHub</a></div></div></div>
</article></main></body></html>`;
  const post = extractPost(html, 'https://t.example/blog/gc/');
  assert.match(text(post.contentHtml), /^Garbage collection in this runtime/);
  assert.ok(!/Jo Writer|Discuss on Twitter|avatar/.test(post.contentHtml), post.contentHtml);
});
