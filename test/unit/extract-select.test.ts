import { test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from 'cheerio';
import { select } from 'cheerio-select';
import type { Element } from 'domhandler';
import { closestIn, selectIn } from '../../src/extract/select.js';

const page = `<main id="m"><article id="a"><header><time datetime="2020-01-02">Jan 2</time></header>
<div class="a"><section id="s"><p id="p1"><time datetime="x">t</time><a href="#1">one</a></p><p id="p2"><a href="#2">two</a></p></section></div></article>
<aside><p id="p3"><a href="#3">three</a></p></aside></main>`;

const ids = (els: Element[]) => els.map((el) => el.attribs.id ?? el.name);

test('scoped queries match what Cheerio matches, scope after scope on one page (no stale cached answers)', () => {
  const $ = load(page);
  const selectors = ['time', 'p time', 'section time', 'div section time', '> p', 'article time', 'article header time', 'p > a', 'a[href^="#"]', 'main p', 'p:not(#p2)'];
  for (const round of [1, 2]) {
    for (const scope of ['main', 'article', 'div.a', 'section', '#p1', 'article', 'main', 'section', 'aside']) {
      const el = $(scope).get(0) as Element;
      for (const selector of selectors) {
        assert.deepEqual(ids(selectIn(el, selector)), ids(select(selector, el) as Element[]), `round ${round}, ${selector} in ${scope}`);
      }
    }
  }
});

test('the scope element itself never matches the first compound; whole-page queries see everything', () => {
  const $ = load(page);
  assert.deepEqual(ids(selectIn($('article').get(0)!, 'article header time')), []);
  assert.deepEqual(ids(selectIn($('main').get(0)!, 'article header time')), ['time']);
  assert.deepEqual(ids(selectIn($.root().get(0)!, 'main p')), ['p1', 'p2', 'p3']);
});

test('jQuery positional filters go to Cheerio; invalid selectors throw; closestIn climbs from the element itself', () => {
  const $ = load(page);
  assert.deepEqual(ids(selectIn($('main').get(0)!, 'p:first')), ['p1']);
  assert.throws(() => selectIn($('main').get(0)!, 'p[['));
  const a = $('#p1 a').get(0)!;
  assert.equal(closestIn(a, 'section, aside')?.attribs.id, 's');
  assert.equal(closestIn(a, 'a')?.attribs.href, '#1');
  assert.equal(closestIn(a, 'nav'), undefined);
});

test('selector lists, whose alternatives are filed by what their subject carries, match what Cheerio matches', () => {
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
      assert.deepEqual(ids(selectIn(scope as Element, list)), ids(select(list, scope as Element) as Element[]), list);
    }
  }
});
