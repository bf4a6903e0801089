// The pure pieces behind the real-world fixes (fixtures/real-world/ checks them end to end): running
// text, term kinds, feed terms, date lines in CJK, the language of a text, card titles, feed tag terms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import type { Element } from 'domhandler';
import { inRunningText } from '../../src/extract/prose.js';
import { termKind, termText, withFeedTerms, classTerms } from '../../src/extract/taxonomy.js';
import { isDateLine, preciseDate } from '../../src/text/dates.js';
import { checkedLanguage } from '../../src/extract/language.js';
import { extractPost } from '../../src/extract/index.js';
import { findPostLinks } from '../../src/discover/post-links.js';
import { parseFeed } from '../../src/discover/feeds.js';

/** The element with this id in a fragment. */
function byId(html: string, id: string): Element {
  const el = load(html)(`#${id}`).get(0);
  assert.ok(el && el.type === 'tag', `no #${id}`);
  return el as Element;
}

test('running text: a link inside a sentence is prose; a link alone, or among links, is not', () => {
  assert.equal(inRunningText(byId('<p>The sums were done in <a id="x" href="https://numpy.org/">NumPy</a> on a laptop.</p>', 'x')), true);
  assert.equal(inRunningText(byId('<ul><li><a id="x" href="https://effectivepython.com/">Effective Python</a></li></ul>', 'x')), false);
  assert.equal(inRunningText(byId('<p><a href="/tags/a/">alpha</a>, <a id="x" href="/tags/b/">beta</a>, <a href="/tags/c/">gamma</a></p>', 'x')), false);
  assert.equal(inRunningText(byId('<div><p>A whole paragraph of words beside it.</p><a id="x" rel="next" href="/n/">Next</a></div>', 'x')), false);
  assert.equal(inRunningText(byId('<p>官网地址是<a id="x" href="https://nifi.apache.org">这里</a>，请访问。</p>', 'x')), true);
});

test('term kinds: a category page beats rel="tag"; fragments name terms; another site names none', () => {
  const a = (href: string, rel = '') => byId(`<a id="x" href="${href}"${rel ? ` rel="${rel}"` : ''}>t</a>`, 'x');
  assert.equal(termKind(a('/categories/#git', 'tag')), 'category');
  assert.equal(termKind(a('/tags/#vcs', 'tag')), 'tag');
  assert.equal(termKind(a('/tags.html#linux-ref')), 'tag');
  assert.equal(termKind(a('/categories.html#tools-ref')), 'category');
  assert.equal(termKind(a('http://stackoverflow.com/questions/tagged/numpy', ''), 'http://blog.test/post/'), undefined);
  assert.equal(termKind(a('http://blog.test/tags/numpy/'), 'http://blog.test/post/'), 'tag');
  assert.equal(termText(byId('<a id="x" href="/tags.html#linux-ref">linux <span>12</span></a>', 'x')), 'linux');
  assert.deepEqual(classTerms(byId('<article id="x" class="post tag-sourdough tag-kitchen-notes tag-hash-wip category-food"></article>', 'x')), { tags: ['sourdough', 'kitchen-notes'], categories: ['food'] });
});

test('feed terms complete a theme\'s one shown tag and name slug tags; they never add to a page that shows several', () => {
  const meta = (tags: string[], categories: string[] = []) => ({ title: 't', tags, categories });
  assert.deepEqual(withFeedTerms(meta(['Sourdough']), ['Sourdough', 'Baking']).tags, ['Sourdough', 'Baking']);
  assert.deepEqual(withFeedTerms(meta(['sourdough', 'kitchen notes']), ['Sourdough', 'Kitchen Notes']).tags, ['Sourdough', 'Kitchen Notes']);
  assert.deepEqual(withFeedTerms(meta(['python', 'django']), ['Python', 'Flask']).tags, ['python', 'django']);
  assert.deepEqual(withFeedTerms(meta(['Sourdough'], ['Food']), ['Food', 'Sourdough']).tags, ['Sourdough']);
  assert.deepEqual(withFeedTerms(meta([]), ['A', 'B']).tags, []);
  // a tag the page shows stays a tag where a category has the same name
  assert.deepEqual(withFeedTerms(meta(['Gardening'], ['Gardening']), ['Gardening']).tags, ['Gardening']);
  assert.deepEqual(withFeedTerms(meta(['Gardening', 'Tomatoes'], ['Gardening']), ['Gardening', 'Tomatoes']).tags, ['Gardening', 'Tomatoes']);
});

test('feeds: only terms a feed marks as tags count (Hexo scheme), or all of Ghost\'s; others mix in categories', () => {
  const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><generator uri="https://hexo.io/">Hexo</generator><entry><title>P</title><link href="http://b.test/p/"/><published>2020-01-01T00:00:00Z</published><category term="Java" scheme="http://b.test/categories/Java/"/><category term="netty" scheme="http://b.test/tags/netty/"/></entry></feed>`;
  assert.deepEqual(parseFeed(atom, 'http://b.test/atom.xml')?.links[0]?.terms, ['netty']);
  const ghost = `<?xml version="1.0"?><rss version="2.0"><channel><generator>Ghost 5.80</generator><item><title>P</title><link>http://b.test/p/</link><category><![CDATA[Bread]]></category><category><![CDATA[Rye]]></category></item></channel></rss>`;
  assert.deepEqual(parseFeed(ghost, 'http://b.test/rss/')?.links[0]?.terms, ['Bread', 'Rye']);
  const pelican = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>P</title><link href="http://b.test/p.html"/><category term="Python, Django"/><category term="Python"/></entry></feed>`;
  assert.equal(parseFeed(pelican, 'http://b.test/all.atom.xml')?.links[0]?.terms, undefined);
});

test('date lines: a CJK sentence that starts with a date is a sentence; "发布于 2020年5月26日" is a date line', () => {
  assert.equal(isDateLine('2020.5.26　已升级安装最新版本的固件，记录一下过程：'), false);
  assert.equal(isDateLine('发布于 2020年5月26日'), true);
  assert.equal(isDateLine('Posted on July 26, 2015'), true);
  assert.equal(preciseDate('2019-06-24', '2019-06-24T22:00:00-03:00'), '2019-06-24T22:00:00-03:00');
  assert.equal(preciseDate('2019-06-24', '2019-06-25T01:00:00Z'), '2019-06-24');
  assert.equal(preciseDate('2019-06-24T10:00:00Z', '2019-06-24T22:00:00-03:00'), '2019-06-24T10:00:00Z');
});

test('language: the declared one unless the text is plainly another', () => {
  const pt = 'O rio sobe todas as primaveras quando a neve derrete nas colinas acima da aldeia, e a velha ponte de pedra resistiu a tudo isso. Caminhamos pela margem durante uma hora, contando garças.';
  const en = 'The river rises every spring when the snow melts in the hills above the village, and the old stone bridge has stood through all of it. We walked along the bank for an hour.';
  const zh = '每年春天山上的雪融化的时候，河水就会上涨，村口那座古老的石桥却一直屹立不倒。我们沿着河岸走了一个小时，数着白鹭。';
  const ja = '毎年春になると、村の上の丘で雪が溶けて川の水かさが増すが、古い石橋はずっと立ち続けている。私たちは一時間ほど川岸を歩いた。';
  // Two sentences are too little to tell Latin-script languages apart (extract-language.test.ts has more).
  assert.equal(checkedLanguage('en', pt), 'en');
  assert.equal(checkedLanguage('en', zh), 'zh');
  assert.equal(checkedLanguage('en', ja), 'ja');
  assert.equal(checkedLanguage('en', en), 'en');
  assert.equal(checkedLanguage('zh-CN', zh), 'zh-CN');
  assert.equal(checkedLanguage('en', 'Too short to tell.'), 'en');
  assert.equal(checkedLanguage(undefined, pt), undefined);
});

test('titles: a page-header h1 names the post, its <small> tagline does not; the body heading stays in the body', () => {
  const html = `<html lang="en"><head><title>Linux PCI</title></head><body><div class="page-header"><h1>Linux PCI <small>notes on the bus</small></h1></div><div class="row"><div class="content"><h1>PCI basics</h1><p>${'The bus enumerates every device it finds on the way. '.repeat(6)}</p></div></div></body></html>`;
  const post = extractPost(html, 'http://b.test/2019/03/03/linux-pci/');
  assert.equal(post.meta.title, 'Linux PCI');
  assert.match(post.contentHtml, /<h1>PCI basics<\/h1>/);
});

test('card links: the title of a link wrapping a whole card is its title line, not the whole card', () => {
  const card = (i: number) => `<a class="tile" href="/posts/p${i}/"><img src="/i${i}.png" alt=""><div class="px-6"><div class="font-bold">Post number ${i}</div><div class="text-sm"><span>2023-01-0${i + 1}</span><span>5 mins</span></div><div class="prose">A summary of post ${i}.</div></div></a>`;
  const html = `<html><body><main><section class="grid">${[1, 2, 3].map(card).join('')}</section></main></body></html>`;
  assert.deepEqual(findPostLinks(html, 'http://b.test/').map((l) => l.title), ['Post number 1', 'Post number 2', 'Post number 3']);
});

test('dates: a last-change date a theme prints before the publication date is not the publication date', () => {
  const page = (meta: string) => `<html><head><meta name="generator" content="Hugo 0.111.3"></head><body><article><header><h1 class="title">Pruning roses</h1>
    <div class="post-meta">${meta}</div></header><div><p>Cut above an outward bud, at an angle, in late winter before the sap rises.</p><p>${'Keep the centre open. '.repeat(20)}</p></div></article></body></html>`;
  const dates = (meta: string) => { const m = extractPost(page(meta), 'http://b.test/posts/pruning/').meta; return [m.date, m.updated]; };
  // the wrapper's class says it
  assert.deepEqual(dates(`<span class="edited-on">Changed: <time datetime="2024-04-17T11:00:00Z">April 17, 2024</time></span> <span class="posted-on">Written: <time datetime="2023-08-26T09:00:00Z">August 26, 2023</time></span>`)[0], '2023-08-26T09:00:00Z');
  // the label right before it says it
  assert.deepEqual(dates(`Last updated: <time datetime="2024-04-17">April 17, 2024</time> · Posted on <time datetime="2023-08-26">August 26, 2023</time>`)[0], '2023-08-26');
  assert.deepEqual(dates(`<span>更新于</span> <time datetime="2024-04-17">2024-04-17</time> <span>发布于</span> <time datetime="2023-08-26">2023-08-26</time>`)[0], '2023-08-26');
  // one element marked both published and updated (WordPress, never changed) is the publication date
  assert.deepEqual(dates(`<time class="entry-date published updated" datetime="2023-08-26">August 26, 2023</time>`)[0], '2023-08-26');
  // a lone date with no label stays the date
  assert.deepEqual(dates(`<time datetime="2023-08-26">August 26, 2023</time>`)[0], '2023-08-26');
  // a lone date labelled as the last change is still the date: themes print "Updated:" with the publication date until the post changes
  const lone = `<html><body><article><header><h1>Pruning roses</h1><p class="page-date"><strong>Updated:</strong> <time datetime="2023-08-26T09:00:00Z">August 26, 2023</time></p></header>
    <section><p>Cut above an outward bud, at an angle, in late winter before the sap rises.</p><p>${'Keep the centre open. '.repeat(20)}</p></section></article></body></html>`;
  assert.equal(extractPost(lone, 'http://b.test/posts/pruning/').meta.date, '2023-08-26T09:00:00Z');
});
