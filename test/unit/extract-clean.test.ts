import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type { Cheerio } from 'cheerio';
import type { Element } from 'domhandler';
import { cleanContent } from '../../src/extract/clean.js';
import { innerHtml } from '../../src/html/parse.js';
import { CLEAN_RULES } from '../../src/extract/clean-rules.js';
import { bestFromSrcset, dataImageSize } from '../../src/extract/images.js';

const KEEP = '<p>The body paragraph that must survive every rule, with enough words in it to matter.</p>';

function clean(inner: string, options: { title?: string; base?: string; head?: string } = {}): string {
  const $ = load(`<html><head>${options.head ?? ''}</head><body><div id="c">${inner}</div></body></html>`);
  const root = $('#c') as Cheerio<Element>;
  cleanContent($, root, { base: options.base ?? 'https://b.example/2020/post/', title: options.title });
  return innerHtml(root.get(0)!).trim();
}

const text = (html: string) => load(html).text().replace(/\s+/g, ' ').trim();

function assertRemoved(rule: string, junk: string, marker: string) {
  const out = clean(`${KEEP}${junk}`);
  assert.ok(!text(out).includes(marker), `${rule}: "${marker}" left in ${out}`);
  assert.match(text(out), /must survive every rule/, `${rule}: body lost`);
}

test('every named rule removes its kind of junk and keeps the body', () => {
  assertRemoved('scripts-and-styles', '<script>var leak = "SCRIPTTEXT";</script><style>.x{}</style><noscript>NOSCRIPTTEXT</noscript>', 'SCRIPTTEXT');
  assertRemoved('hidden', '<div hidden>HIDDENTEXT</div><span style="display: none">HIDDEN2</span><span class="screen-reader-text">SRTEXT</span>', 'HIDDEN');
  assertRemoved('hidden sr', '<span class="sr-only">SRTEXT</span>', 'SRTEXT');
  assertRemoved('controls', '<form><label>FORMTEXT</label><input></form><button>BUTTONTEXT</button>', 'TEXT');
  assertRemoved('page-chrome', '<nav>NAVTEXT</nav><header class="entry-header">HEADERTEXT</header><footer>FOOTERTEXT</footer>', 'TEXT');
  assertRemoved('sidebars', '<aside class="widget-area"><a href="/1">one</a> <a href="/2">two</a> <a href="/3">SIDEBARTEXT</a></aside>', 'SIDEBARTEXT');
  assertRemoved('comments', '<section id="comments" class="comments-area"><h2>COMMENTTEXT</h2></section><div id="disqus_thread">DISQUS</div>', 'COMMENTTEXT');
  // Disqus's embed code ends with its credit link, beside the thread container, not inside it
  assertRemoved('comments', '<div class="mt6"><div id="disqus_thread"></div><a href="https://disqus.com" class="dsq-brlink">comments powered by <span class="logo-disqus">Disqus</span></a></div>', 'powered by');
  assertRemoved('share-buttons', '<div class="share-buttons"><a href="https://x.com/share">SHARETEXT</a></div>', 'SHARETEXT');
  assertRemoved('related-posts', '<div class="related-posts"><h3>RELATEDTEXT</h3></div>', 'RELATEDTEXT');
  // an embedded document viewer's page controls, their numbers filled in by its script
  assertRemoved('pagination-and-post-nav', '<div id="paginator"><button id="prev">Previous</button> <span>Page: <span id="page_num"></span> / <span id="page_count"></span></span></div>', 'Page:');
  assertRemoved('pagination-and-post-nav', '<div class="post-navigation"><a href="/p" rel="prev">PREVTEXT</a></div><a rel="next" href="/n">NEXTTEXT</a>', 'TEXT');
  assertRemoved('pagination-and-post-nav', '<div class="neighbors"><a class="btn" href="/older.html" title="Older">Previous Post</a> <a class="btn" href="/newer.html" title="Newer">Next Post</a></div>', 'Previous Post');
  assertRemoved('table-of-contents', '<div id="toc"><ol><li><a href="#a">TOCTEXT</a></li></ol></div><nav id="TableOfContents">TOC2</nav>', 'TOC');
  assertRemoved('read-more-links', '<p><a class="more-link" href="/x">READMORE</a></p><p><a href="/y">Continue reading →</a></p>', 'READMORE');
  assertRemoved('read-more-links 2', '<p><a href="/y">Continue reading →</a></p>', 'Continue reading');
  assertRemoved('post-meta-lines', '<div class="entry-meta">Posted METATEXT</div><p class="post-tags">TAGSLINE</p>', 'METATEXT');
  // The vocabulary's dash stands for an underscore too.
  assertRemoved('post-meta-lines', '<div class="post_meta"><span class="post_date">Dec 10</span> · 1 min</div>', 'Dec 10');
  assertRemoved('ads', '<ins class="adsbygoogle">ADTEXT</ins><div class="ad-container">AD2</div>', 'AD');
  assertRemoved('newsletter-and-cta', '<div class="newsletter-signup">SUBSCRIBETEXT</div>', 'SUBSCRIBETEXT');
  // the follow button a social network's embed script turns into a widget
  assertRemoved('newsletter-and-cta', '<center><a href="https://social.example/someone" class="twitter-follow-button" data-size="large">FOLLOWTEXT</a></center>', 'FOLLOWTEXT');
  assertRemoved('edit-links', '<p><a href="https://github.com/x/edit/main/a.md">Edit this page</a></p><a class="post-edit-link" href="/wp-admin">EDITTEXT</a>', 'Edit');
  assertRemoved('copy-code-buttons', '<pre><code>x = 1</code></pre><span class="copy-btn">COPYTEXT</span>', 'COPYTEXT');
  assertRemoved('author-box', '<div class="author-bio">AUTHORBOX</div>', 'AUTHORBOX');
  assertRemoved('html-comments', '<!-- COMMENTNODE -->', 'COMMENTNODE');
});

test('hidden tab panes are content: the inactive tabs of a tabbed block are kept, other hidden elements go', () => {
  const out = clean(
    `${KEEP}<div class="tabs-container"><ul role="tablist"><li role="tab">first</li><li role="tab">second</li></ul>` +
      '<div role="tabpanel"><p>PANEONE text</p></div><div role="tabpanel" hidden><p>PANETWO text</p></div>' +
      '<div class="tab-pane" style="display: none"><p>PANETHREE text</p></div></div><div hidden>HIDDENTEXT</div>',
  );
  for (const marker of ['PANEONE', 'PANETWO', 'PANETHREE']) assert.match(text(out), new RegExp(marker));
  assert.doesNotMatch(text(out), /HIDDENTEXT/);
});

test('a tab button is its panel label: buttons with role="tab" in a tab list stay, other buttons go', () => {
  const out = clean(
    `${KEEP}<ul class="nav nav-tabs" role="tablist"><li role="presentation"><button class="nav-link active" type="button" role="tab" aria-controls="t-one">TABONE</button></li>` +
      '<li role="presentation"><button class="nav-link" type="button" role="tab" aria-controls="t-two">TABTWO</button></li></ul>' +
      '<div class="tab-content"><div class="tab-pane active" id="t-one" role="tabpanel"><p>First pane text.</p></div>' +
      '<div class="tab-pane" id="t-two" role="tabpanel"><p>Second pane text.</p></div></div><button type="button">PLAINBUTTON</button>',
  );
  for (const marker of ['TABONE', 'TABTWO', 'First pane', 'Second pane']) assert.match(text(out), new RegExp(marker));
  assert.doesNotMatch(text(out), /PLAINBUTTON/);
});

test('authored text that only looks like chrome stays: a heading whose id is "toc", a sentence linking the post\'s edit page', () => {
  const out = clean(`${KEEP}<h3 id="toc">TOC</h3><p>Why the generated table of contents is not used here.</p>
<p>There are many fine points here: some of this may only hold for small examples. <strong><a href="https://github.com/u/r/edit/main/content/posts/x/index.md">Tell me where this is wrong</a></strong>.</p>
<nav id="toc"><ul><li><a href="#a">A</a></li></ul></nav>
<div class="improve">Found a typo? <a href="https://github.com/u/r/edit/main/_posts/2020-01-01-x.md">Edit it!</a></div>`);
  assert.match(text(out), /TOC/);
  assert.match(text(out), /Tell me where this is wrong/);
  assert.match(out, /<h3[^>]*>TOC<\/h3>/);
  assert.ok(!/Found a typo|Edit it/.test(text(out)), out);
  assert.ok(!/href="#a"/.test(out), out);
});

test('a support box closing the post (a link to a donation platform) goes; the same link in the post\'s text stays', () => {
  const out = clean(`${KEEP}<p>Patreon pays creators monthly; see <a href="https://www.patreon.com/about">how it works</a> before you sign up for anything.</p>${KEEP}
<article class="box-7"><span hidden>Support</span><p>No trackers on this site.</p><p>If you enjoyed this post, <a href="https://ko-fi.com/someone">buy me a coffee</a>!</p></article>`);
  assert.match(text(out), /how it works/);
  assert.ok(!/buy me a coffee|No trackers/.test(text(out)), out);
});

test("a multilingual theme's notice linking the post in another language goes; a quotation with its translation stays", () => {
  const out = clean(`<div class="message translation">Ce billet existe aussi en français : <a href="https://b.example/2020/billet/">Le billet</a> <small>(2020-03-01)</small></div>${KEEP}
<div class="translation"><p>Ein Zitat aus dem Brief, den die Großmutter im Winter schrieb, als der Hafen zugefroren war und kein Schiff auslief, lautete so.</p><p>A quotation from the letter the grandmother wrote in the winter when the harbour froze and no ship sailed, went like this; see <a href="https://b.example/letters/">the letters</a>.</p></div>`);
  assert.ok(!/existe aussi|Le billet/.test(text(out)), out);
  assert.match(text(out), /A quotation from the letter/);
  assert.match(text(out), /The body paragraph/);
});

test('rules are a named table', () => {
  const names = CLEAN_RULES.map((r) => r.name);
  for (const name of ['comments', 'share-buttons', 'table-of-contents', 'heading-anchors', 'read-more-links', 'post-meta-lines']) assert.ok(names.includes(name), name);
  assert.equal(new Set(names).size, names.length);
});

test('a lone date line at the top of the body goes, a sentence with a date stays', () => {
  const out = clean(`<p>Posted on July 26, 2015</p>${KEEP}<p>On July 26, 2015 the cluster was upgraded to the new kernel, and nothing broke.</p>`);
  assert.ok(!text(out).includes('Posted on'));
  assert.match(text(out), /On July 26, 2015 the cluster/);
});

test('heading anchors go, heading text stays; self-link headings are unwrapped', () => {
  const out = clean(`<h2 id="a"><a href="#a" class="headerlink" title="A"></a>Alpha</h2><h3 id="b">Beta<a class="anchor" href="#b">¶</a></h3>
<h3 id="c"><a href="#c">Gamma</a></h3><h4 id="d">Delta <a href="#d" aria-label="Permalink">#</a></h4><h2 id="e">Eps<a href="#e" class="hash-link">\u200b</a></h2>${KEEP}`);
  assert.match(out, /<h2 id="a">Alpha<\/h2>/);
  assert.match(out, /<h3 id="b">Beta<\/h3>/);
  assert.match(out, /<h3 id="c">Gamma<\/h3>/);
  assert.match(out, /<h4 id="d">Delta <\/h4>/);
  assert.match(out, /<h2 id="e">Eps<\/h2>/);
});

test('headings whose ids look like junk words are content (Related work, Comments on X)', () => {
  const out = clean(`<h2 id="related-work">Related work</h2><p>Prior art, briefly, and in order.</p><section id="comments-on-design"><h2>Comments on design</h2><p>They were fine.</p></section>${KEEP}`);
  assert.match(out, /<h2 id="related-work">Related work<\/h2>/);
  assert.match(out, /<section id="comments-on-design"><h2>Comments on design<\/h2>/);
});

test('code, math, tables, footnotes, figures and embeds are kept with their classes', () => {
  const inner = `${KEEP}<figure class="highlight python"><table><tr><td class="gutter"><pre><span class="line">1</span></pre></td><td class="code"><pre><span class="line"><span class="comment"># share the comment</span></span></pre></td></tr></table></figure>
<div class="highlight"><pre class="highlight"><code class="language-go">fmt.Println("ad")</code></pre></div>
<p>Inline <span class="katex"><span class="katex-mathml"><math><annotation encoding="application/x-tex">x^2</annotation></math></span><span class="katex-html" aria-hidden="true">x2</span></span> math.</p>
<script type="math/tex; mode=display">E = mc^2</script><script src="https://gist.github.com/octocat/6cad.js"></script>
<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>
<p>Claim<sup id="fnref:1"><a href="#fn:1" class="footnote-ref">1</a></sup></p><div class="footnotes"><ol><li id="fn:1"><p>Source. <a href="#fnref:1" class="reversefootnote">↩</a></p></li></ol></div>
<figure><img src="/a.png" alt="A"><figcaption>Caption</figcaption></figure><iframe src="https://www.youtube.com/embed/xyz"></iframe>
<blockquote><p>Quote</p><footer>— <cite>Author</cite></footer></blockquote><ul><li><input type="checkbox" checked disabled> done</li></ul>
<details><summary>More</summary><p>Hidden detail</p></details>`;
  const out = clean(inner);
  assert.match(out, /<figure class="highlight python"><table><tbody><tr><td class="gutter">/);
  assert.match(out, /<span class="comment"># share the comment<\/span>/);
  assert.match(out, /<code class="language-go">fmt.Println\("ad"\)<\/code>/);
  assert.match(out, /<annotation encoding="application\/x-tex">x\^2<\/annotation>/);
  assert.match(out, /<span class="katex-html" aria-hidden="true">x2<\/span>/);
  assert.match(out, /<script type="math\/tex; mode=display">E = mc\^2<\/script>/);
  assert.match(out, /<script src="https:\/\/gist.github.com\/octocat\/6cad.js"><\/script>/);
  assert.match(out, /<td>1<\/td>/);
  assert.match(out, /<a href="#fn:1" class="footnote-ref">1<\/a>/);
  assert.match(out, /<li id="fn:1">/);
  assert.match(out, /<figcaption>Caption<\/figcaption>/);
  assert.match(out, /<iframe src="https:\/\/www.youtube.com\/embed\/xyz"><\/iframe>/);
  assert.match(out, /<cite>Author<\/cite>/);
  assert.match(out, /<input type="checkbox" checked="" disabled="">/);
  assert.match(out, /<summary>More<\/summary>/);
});

test('lazy images: data-src, data-original, data-lazy-src, srcset, picture, noscript, placeholders; a src that is one size of its srcset gives way to the largest', () => {
  const out = clean(`${KEEP}
<img class="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/img/one.png" alt="one">
<img src="/images/placeholder.png" data-original="two.jpg">
<img data-lazy-src="https://cdn.example/three.webp" src="/spacer.gif">
<img data-srcset="/four-300.jpg 300w, /four-1200.jpg 1200w" src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E">
<picture><source type="image/webp" srcset="/five.webp 1x, /five@2x.webp 2x"><img src="data:image/gif;base64,R0lGOD=" alt="five"></picture>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" class="lazyload"><noscript><img src="/six.jpg" alt="six"></noscript>
<noscript><img src="/seven.jpg" alt="seven"></noscript>
<img src="/eight.jpg" srcset="/eight-480.jpg 480w, /eight-960.jpg 960w">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1">
<picture><source type="image/webp" srcset="/nine-450w.webp 450w, /nine-628w.webp 628w"><img src="/nine-450w.jpeg" srcset="/nine-450w.jpeg 450w, /nine-628w.jpeg 628w"></picture>
<img src="/ten-1024x768.jpg" srcset="https://b.example/ten-300x225.jpg 300w, https://b.example/ten-1024x768.jpg 1024w, https://b.example/ten.jpg 2000w">`);
  const srcs = load(out)('img').map((_, el) => el.attribs.src).get();
  assert.deepEqual(srcs, [
    'https://b.example/img/one.png',
    'https://b.example/2020/post/two.jpg',
    'https://cdn.example/three.webp',
    'https://b.example/four-1200.jpg',
    'https://b.example/five@2x.webp',
    'https://b.example/six.jpg',
    'https://b.example/seven.jpg',
    'https://b.example/eight.jpg',
    'https://b.example/nine-628w.jpeg',
    'https://b.example/ten.jpg',
  ]);
  assert.ok(!/data-src|srcset|<picture|<noscript/.test(out), out);
});

test('an image whose file name only begins with a placeholder word is a picture: pixel-art.png stays, pixel.gif and ajax-loader.gif go', () => {
  const out = clean(`${KEEP}
<p><a href="/gallery/"><img style="width:100%" src="/images/pixel-art.png"></a></p>
<p><img src="/images/empty-room_2x.jpg" alt="room"></p>
<p><img src="/img/pixel.gif"></p>
<p><img src="/img/ajax-loader.gif"></p>
<p><img src="/img/lazy_placeholder-16x16.png"></p>`);
  const srcs = load(out)('img').map((_, el) => el.attribs.src).get();
  assert.deepEqual(srcs, ['https://b.example/images/pixel-art.png', 'https://b.example/images/empty-room_2x.jpg']);
});

test('Docusaurus inlines small images as data: URIs: a real 10x23 PNG stays, a 1x1 pixel GIF still goes', () => {
  const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAoAAAAXCAIAAAC9GEmvAAAAFUlEQVR4nGNI+tKIBzGMSo9KDwlpAFNvpzoXv4q3AAAAAElFTkSuQmCC';
  const pixel = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
  assert.deepEqual(dataImageSize(png), { width: 10, height: 23 });
  assert.deepEqual(dataImageSize(pixel), { width: 1, height: 1 });
  const out = clean(`${KEEP}<p><img decoding="async" loading="lazy" alt="数据流向图" src="${png}" width="10" height="23" class="img_ev3q"></p><p><img src="${pixel}" alt=""></p>`);
  const srcs = load(out)('img').map((_, el) => el.attribs.src).get();
  assert.deepEqual(srcs, [png]);
});

test('bestFromSrcset picks the widest candidate, keeping commas inside CDN URLs', () => {
  assert.equal(bestFromSrcset('a.jpg 1x, b.jpg 2x'), 'b.jpg');
  assert.equal(bestFromSrcset('https://c.example/w_300,h_200/x.jpg 300w, https://c.example/w_900,h_600/x.jpg 900w'), 'https://c.example/w_900,h_600/x.jpg');
  assert.equal(bestFromSrcset('only.jpg'), 'only.jpg');
  assert.equal(bestFromSrcset(''), undefined);
});

test('URLs become absolute against <base href>; in-page fragment links stay', () => {
  const out = clean(`${KEEP}<p><a href="../other/">o</a> <a href="#sec">s</a> <a href="mailto:a@b.c">m</a> <img src="img/x.png"></p>`, {
    head: '<base href="https://static.example/root/">',
    base: 'https://static.example/root/',
  });
  assert.match(out, /href="https:\/\/static\.example\/other\/"/);
  assert.match(out, /href="#sec"/);
  assert.match(out, /href="mailto:a@b.c"/);
  assert.match(out, /src="https:\/\/static\.example\/root\/img\/x\.png"/);
});

test('Astro blog starter title block (date, title, rule) before the body goes whole; a heading that is not the title stays', () => {
  const block = `<div class="hero-image">  </div> <div class="prose"> <div class="title"> <div class="date"> <time datetime="2014-09-03T08:30:00.000Z"> Sep 3, 2014 </time>  </div> <h1>A Tour of PCI Enumeration Again</h1> <hr> </div>  ${KEEP}<h2 id="overview">Overview</h2></div>`;
  const out = clean(block, { title: 'A Tour of PCI Enumeration Again' });
  assert.ok(!/Sep 3|Enumeration|<hr|<h1/.test(out), out);
  assert.match(out, /must survive every rule.*<h2 id="overview">Overview<\/h2>/s);
  const bare = clean(`<p><time datetime="2014-09-03">September 3, 2014</time></p><h1>Plain Title</h1>${KEEP}`, { title: 'Plain Title' });
  assert.equal(text(bare), text(KEEP));
  const other = clean(`<p>Posted on September 3, 2014</p><h2>Another Heading</h2>${KEEP}`, { title: 'Plain Title' });
  assert.match(other, /<h2>Another Heading<\/h2>/);
  const prose = clean(`<p>Some words first.</p><h1>Plain Title</h1>${KEEP}`, { title: 'Plain Title' });
  assert.match(prose, /<p>Some words first\.<\/p><h1>Plain Title<\/h1>/);
});

test('a leading heading that repeats the title is dropped; a later one is kept', () => {
  const out = clean(`<h1>My  Post:</h1>${KEEP}<h2>My Post</h2>`, { title: 'My Post' });
  assert.ok(!/<h1>/.test(out));
  assert.match(out, /<h2>My Post<\/h2>/);
  const notLeading = clean(`${KEEP}<h2>My Post</h2>`, { title: 'My Post' });
  assert.match(notLeading, /<h2>My Post<\/h2>/);
  // A title beginning with a date, written by the author as the first line: not a date line over a title block.
  const dated = clean(`<p>2020年5月1日 山行</p><h1>2020年5月1日 山行</h1>${KEEP}`, { title: '2020年5月1日 山行' });
  assert.match(dated, /<p>2020年5月1日 山行<\/p><h1>2020年5月1日 山行<\/h1>/);
  const dateLine = clean(`<p>2020年5月1日</p><h1>2020年5月1日 山行</h1>${KEEP}`, { title: '2020年5月1日 山行' });
  assert.ok(!/<h1>|5月1日<\/p>/.test(dateLine), dateLine);
});

test('event handler attributes are stripped, empty wrappers left by the rules are removed', () => {
  const out = clean(`<p onclick="steal()">Click text stays.</p><p><a class="more-link" href="/x">Read more</a></p><div><span></span></div>${KEEP}`);
  assert.ok(!/onclick/.test(out));
  assert.ok(!/<p><\/p>|<div><\/div>|<span><\/span>/.test(out), out);
  assert.match(out, /Click text stays/);
});

test('whitespace-only spans inside code and between inline words survive', () => {
  const out = clean(`${KEEP}<pre class="highlight"><code><span class="p">{</span><span class="w">\n  </span><span class="nl">"a"</span></code></pre><p><strong>bold</strong><span> </span><em>italic</em></p>`);
  assert.match(out, /<span class="w">\n {2}<\/span>/);
  assert.match(text(out), /bold italic/);
});

test('lines made only of tag or category links go; a sentence linking a tag stays', () => {
  const out = clean(`<p class="topic"><a href="/topics/outdoors/">Outdoors</a></p><div>Tags: <a href="/tags/a/" rel="tag">a</a>, <a href="/tags/b/">b</a></div>${KEEP}<p>More about this in <a href="/tags/kernel/">every post tagged kernel</a>, which I keep updated over time.</p>`);
  assert.ok(!/Outdoors|Tags:/.test(text(out)), out);
  assert.match(text(out), /every post tagged kernel/);
});

test('a long list of tag pills goes however many tags the post has; a sentence between tag links stays', () => {
  // Thirty pills, one per list item: the spacing between them is no text beside the links.
  const pills = Array.from({ length: 30 }, (_, i) => `<li class="list di">\n  <a href="/tags/onderwerp-${i}/" class="pill">onderwerp ${i}</a>\n</li>`).join('\n');
  const out = clean(`${KEEP}<ul class="pa0">\n${pills}\n</ul><p>Zie <a href="/tags/debian/">Debian</a> en <a href="/tags/linux/">Linux</a> voor de rest van de reeks.</p>`);
  assert.ok(!text(out).includes('onderwerp'), out);
  assert.match(text(out), /voor de rest van de reeks/);
});

test('an attribution inside a quotation is kept even with an author class', () => {
  const out = clean(`${KEEP}<blockquote><p>Premature optimization is the root of all evil.</p><p class="author">Donald Knuth</p></blockquote><div class="author">By Someone</div>`);
  assert.match(text(out), /Donald Knuth/);
  assert.ok(!text(out).includes('By Someone'));
});

test('a block holding only a link back to the blog index goes; a link-only paragraph to a resource stays', () => {
  const out = clean(`${KEEP}<p><a href="https://github.com/x/tool">Source code on GitHub</a></p><div><p><a href="/">back to index</a></p></div>`);
  assert.match(text(out), /Source code on GitHub/);
  assert.ok(!text(out).includes('back to index'), out);
});

test('lazy iframes and videos get their real source back', () => {
  const out = clean(`${KEEP}<iframe src="about:blank" data-lazy-src="https://www.youtube.com/embed/abc"></iframe><iframe data-src="https://player.vimeo.com/video/1"></iframe><video><source data-src="/clip.mp4" type="video/mp4"></video>`);
  assert.match(out, /<iframe src="https:\/\/www\.youtube\.com\/embed\/abc"/);
  assert.match(out, /<iframe src="https:\/\/player\.vimeo\.com\/video\/1"><\/iframe>/);
  assert.match(out, /<source [^>]*src="https:\/\/b\.example\/clip\.mp4"/);
});

test('images wrapped in role="button" (zoom, lightbox) are kept; plain buttons go', () => {
  const out = clean(`${KEEP}<figure><div role="button" tabindex="0"><picture><img src="/zoom.png" alt="z"></picture></div><figcaption>Zoomable</figcaption></figure><div role="button">Clap</div>`);
  assert.match(out, /<figure><img src="https:\/\/b\.example\/zoom\.png" alt="z"><figcaption>Zoomable<\/figcaption><\/figure>/);
  assert.ok(!text(out).includes('Clap'));
});

test('a licence notice under the body goes; a body paragraph that names the licence of what it shares stays', () => {
  const shares = `<p>Each lighthouse of the coast is listed with its height and range in <a href="https://code.example/lights.csv">one table</a>, which anyone may copy under <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>`;
  const body = `${KEEP}${KEEP}${KEEP}`;
  const kept = clean(`${body}${shares}<p>The second part of the post explains how the ranges were measured from the boat.</p>`);
  assert.match(text(kept), /one table, which anyone may copy/);
  const notice = `<p>Licensed under <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>.</p>`;
  assert.doesNotMatch(text(clean(`${body}${notice}`)), /Licensed under/);
  assert.doesNotMatch(text(clean(`<div class="post-license">${notice}</div>${body}`)), /Licensed under/);
});
