import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { selectAll } from 'css-select';
import type { Element, ParentNode } from 'domhandler';
import { closestIn, indexSubtree, selectFirst, selectIn } from '../../src/html/select.js';
import { withFragment, withPage } from '../../src/html/parse.js';
import { ViewDocument, type ElementView } from '../../src/html/dom-view.js';

/**
 * The oracle: css-select's own selectAll, non-relative, which is what a browser's querySelectorAll
 * does (the selector matched against the whole document, the elements inside the root returned).
 */
const qsa = (selector: string, root: ParentNode) => selectAll(selector, root, { relativeSelector: false }) as Element[];

const page = `<main id="m"><article id="a"><header><time datetime="2020-01-02">Jan 2</time></header>
<div class="a"><section id="s"><p id="p1"><time datetime="x">t</time><a href="#1">one</a></p><p id="p2"><a href="#2">two</a></p></section></div></article>
<aside><p id="p3"><a href="#3">three</a></p></aside></main>`;

const ids = (els: Element[]) => els.map((el) => el.attribs.id ?? el.name);
/** The first element of the page matching `selector`. */
const query = ($: { root(): { get(i: number): ParentNode | undefined } }, selector: string) => selectFirst($.root().get(0)!, selector)!;

test('scoped queries match what querySelectorAll matches, scope after scope on one page (no stale cached answers)', () => {
  const $ = load(page);
  const selectors = ['time', 'p time', 'section time', 'div section time', 'article time', 'article header time', 'p > a', 'a[href^="#"]', 'main p', 'p:not(#p2)', '.a p'];
  for (const round of [1, 2]) {
    for (const scope of ['main', 'article', 'div.a', 'section', '#p1', 'article', 'main', 'section', 'aside']) {
      const el = $(scope).get(0) as Element;
      for (const selector of selectors) {
        assert.deepEqual(ids(selectIn(el, selector)), ids(qsa(selector, el)), `round ${round}, ${selector} in ${scope}`);
      }
    }
  }
});

test('a selector means what it means in a browser: ancestors of the scope count, the scope itself is never returned', () => {
  const $ = load(page);
  assert.deepEqual(ids(selectIn($('article').get(0)!, 'article header time')), ['time']);
  assert.deepEqual(ids(selectIn($('div.a').get(0)!, '.a p')), ['p1', 'p2']);
  assert.deepEqual(ids(selectIn($('article').get(0)!, 'article')), []);
  assert.deepEqual(ids(selectIn($.root().get(0)!, 'main p')), ['p1', 'p2', 'p3']);
  assert.equal(selectFirst($('main').get(0)!, 'p')?.attribs.id, 'p1');
});

test('unindexed queries walk the tree as domutils does: document order, <template> content, any depth', () => {
  const html = `${page}<template><p id="t1"><a href="#t">in template</a></p></template><div id="d"><p id="p4"></p></div>`;
  withPage(html, ($) => {
    const root = $.root().get(0)!;
    const query = (_: unknown, selector: string) => selectFirst(root, selector)!;
    for (const selector of ['p', 'a', 'main p, #d p', 'time, a[href="#2"]', 'div p']) {
      assert.deepEqual(ids(selectIn(root, selector)), ids(qsa(selector, root)), selector);
      const main = query($, 'main');
      assert.deepEqual(ids(selectIn(main, selector)), ids(qsa(selector, main)), `${selector} in main`);
    }
    assert.ok(ids(selectIn(root, 'p')).includes('t1'));
  });
  // Deeper than the call stack allows: the walk keeps its own stack.
  const depth = 20_000;
  const $deep = load(`${'<div>'.repeat(depth)}<b id="deep"></b>${'</div>'.repeat(depth)}`);
  assert.deepEqual(ids(selectIn($deep.root().get(0)!, 'b')), ['deep']);
});

test('one engine: jQuery extensions, selectors starting with a combinator and invalid ones throw; closestIn climbs from the element itself', () => {
  const $ = load(page);
  assert.throws(() => selectIn($('main').get(0)!, 'p:first'));
  assert.throws(() => selectIn($('main').get(0)!, '> p'));
  assert.throws(() => selectIn($('main').get(0)!, 'p[['));
  const a = $('#p1 a').get(0)!;
  assert.equal(closestIn(a, 'section, aside')?.attribs.id, 's');
  assert.equal(closestIn(a, 'a')?.attribs.href, '#1');
  assert.equal(closestIn(a, 'nav'), undefined);
});

test('selector lists, whose alternatives are filed by what their subject carries, match what querySelectorAll matches', () => {
  const $ = load(`<div id="top" class="Wrap box"><p class="note lead" data-x="1" style="DISPLAY:none">a</p><p id="P2" hidden>b</p>
<svg><rect class="note"/></svg><span class="box">c</span><ul><li id="l1" class="item">d</li><li class="ITEM">e</li></ul></div>`);
  const lists = [
    'p, span, li, rect',
    '#top, #P2, #p2, .item, .ITEM',
    '.note, .box, [hidden], [data-x]',
    '[style*="display:none" i], [style*="display: none" i], [class~="item" i], span',
    '*, p, span',
    'p:not(.lead), li:not(#l1), span.box, div > .note',
    '[data-x!="2"], [id], .missing',
    'P, LI, SPAN',
  ];
  for (const scope of [$.root().get(0)!, $('div').get(0)!, $('ul').get(0)!]) {
    for (const list of lists) {
      assert.deepEqual(ids(selectIn(scope as Element, list)), ids(qsa(list, scope as ParentNode)), list);
    }
  }
});

test('whole-page queries for head elements come from the page index: document order, removals seen, every page its own', () => {
  const first = `<html lang="en"><head><title>One</title><meta name="a" content="1"><link rel="canonical" href="/one"></head>
<body><article><meta itemprop="datePublished" content="2020-01-02"><p>x</p></article><meta name="z" content="9"></body></html>`;
  const second = `<html><head><meta name="b" content="2"></head><body><script type="application/ld+json">{}</script></body></html>`;
  withPage(first, ($) => {
    const doc = $.root().get(0)!;
    const metas = () => selectIn(doc, 'meta[content]').map((el) => el.attribs.name ?? el.attribs.itemprop);
    assert.deepEqual(metas(), ['a', 'datePublished', 'z']);
    assert.deepEqual(selectIn(doc, 'meta[content]'), qsa('meta[content]', doc), 'the same elements as a walk');
    $(selectIn(doc, 'article')).remove();
    assert.deepEqual(metas(), ['a', 'z'], 'a meta removed with its article is not found any more');
    assert.deepEqual(selectIn(doc, 'link[rel~="canonical" i]').map((el) => el.attribs.href), ['/one']);
    assert.deepEqual(selectIn(doc, 'title, meta[name="a"]').map((el) => el.name), ['title', 'meta']);
    withFragment('<meta name="inner" content="3">', (inner) => {
      assert.deepEqual(selectIn(inner.root().get(0)!, 'meta').map((el) => el.attribs.name), ['inner']);
    });
    assert.deepEqual(metas(), ['a', 'z'], 'a fragment read meanwhile does not disturb the page');
  });
  withPage(second, ($) => {
    const doc = $.root().get(0)!;
    assert.deepEqual(selectIn(doc, 'meta[content]').map((el) => el.attribs.name), ['b'], 'the next page is indexed afresh');
    assert.equal(selectIn(doc, 'script[type="application/ld+json" i]').length, 1);
    assert.deepEqual(selectIn(doc, 'title'), []);
  });
});

test('queries scoped to an indexed element answer as a walk does, through removals and unwrapping', () => {
  const html = `<div id="root"><p class="a b" id="p1">x <a href="#1" class="b">1</a></p><div role="button" class="wrap"><img src="i.png"><a href="#2">2</a></div>
<section hidden><p class="b">gone</p><a href="#3">3</a></section><p style="display:none">h</p><span id="s" class="a">s</span><a href="#4">4</a></div>`;
  const selectors = ['a', '.a', '.b, #s', 'p, span, a[href]', '[hidden], [style*="display:none" i], .a', 'div a', '#root > p', '[role="button"] a', 'p.b', 'a, img', '#p1 a, .wrap > a'];
  const read = (indexed: boolean) =>
    withPage(html, ($) => {
      const root = query($, '#root');
      const index = indexed ? indexSubtree(root) : { select: (s: string) => selectIn(root, s) };
      const answers = () => selectors.map((s) => index.select(s).map((el) => `${el.name}${el.attribs.href ?? ''}${el.attribs.id ?? ''}`));
      const before = answers();
      $(query($, 'section')).remove();
      const wrap = $(query($, '.wrap'));
      wrap.replaceWith(wrap.contents());
      return { before, after: answers(), inner: selectIn(query($, '#p1'), 'a').length };
    });
  const walked = read(false);
  assert.deepEqual(walked.after[0], ['a#1', 'a#2', 'a#4'], 'the removed link is gone, the unwrapped one kept its place');
  assert.deepEqual(read(true), walked);
});

test('the same selector from the same element names the same elements in extraction and in conversion (issue 19)', () => {
  const $ = load(page);
  const article = $('article').get(0)!;
  // Conversion reads the article through the DOM view Turndown is given; extraction queries the tree.
  const doc = new ViewDocument(article);
  for (const [scope, selector] of [['div.a', '.a p'], ['div.a', 'article p a'], ['section', 'p > a'], ['article', 'main time'], ['article', 'article'], ['section', 'aside p']] as const) {
    const el = $(scope).get(0)!;
    const inExtraction = selectIn(el, selector);
    const inConversion = (doc.view(el) as ElementView).querySelectorAll(selector).map((v) => v.node);
    assert.deepEqual(inConversion, inExtraction, `${selector} from ${scope}`);
    assert.deepEqual(inExtraction, qsa(selector, el), `${selector} from ${scope}: what a browser answers`);
  }
  assert.deepEqual(ids((doc.view($('div.a').get(0)!) as ElementView).querySelectorAll('.a p').map((v) => v.node as Element)), ['p1', 'p2']);
});
