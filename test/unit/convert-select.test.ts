import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFragment } from '../../src/convert/dom.js';
import { all, closest, first } from '../../src/convert/select.js';

const html = `<div class="post"><figure class="highlight js"><table><tr><td class="gutter"><pre>1</pre></td>
<td class="code"><pre><span class="line">x</span></pre></td></tr></table></figure>
<ul><li id="fn1">note <a href="#ref1">↩</a></li><li>plain <a href="https://x.test/">x</a></li></ul>
<div class="katex-display"><span class="katex"><math><annotation encoding="application/x-tex">x^2</annotation></math></span></div>
<h2>Title <a href="#t" class="anchor">#</a></h2><script type="math/tex">y</script><iframe src="https://v.test/e"></iframe></div>`;

const names = (els: (Element | null)[]) => els.map((el) => (el ? `${el.localName}${el.id ? '#' + el.id : ''}` : 'null'));

test("all(), first() and closest() find what the DOM's own querySelectorAll and closest find", () => {
  const root = parseFragment(html);
  const selectors = ['pre, table', 'td, th', 'a[href^="#"]', 'li [id], li[id]', '.katex-display, .katex', 'script[type^="math/tex"]', 'annotation', 'iframe, video, audio', 'h1 a, h2 a', 'div > ul > li', '.missing'];
  for (const selector of selectors) {
    assert.deepEqual(names(all(root, selector)), names(Array.from(root.querySelectorAll(selector))), selector);
    assert.deepEqual(names([first(root, selector)]), names([root.querySelector(selector)]), selector);
  }
  const a = all(root, 'li a')[0]!;
  for (const selector of ['li', 'ul, table', 'div.post', 'a', 'h2']) {
    assert.deepEqual(names([closest(a, selector)]), names([a.closest(selector)]), selector);
  }
  // As with querySelectorAll, the root itself is never a result, but ancestors outside it count.
  const ul = first(root, 'ul')!;
  assert.deepEqual(names(all(ul, 'div li')), ['li#fn1', 'li']);
  assert.deepEqual(names(all(ul, 'ul')), []);
});
