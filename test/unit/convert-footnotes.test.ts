import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../src/convert/index.js';

const md = (html: string): string => htmlToMarkdown(html, 'https://blog.example.com/posts/hello/');

test('markdown-it (Hexo, VuePress): sup.footnote-ref and section.footnotes, backrefs and separator dropped', () => {
  const html =
    '<p>Claim<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup> and another<sup class="footnote-ref"><a href="#fn2" id="fnref2">[2]</a></sup>.</p>' +
    '<hr class="footnotes-sep"><section class="footnotes"><ol class="footnotes-list"><li id="fn1" class="footnote-item"><p>First note. <a href="#fnref1" class="footnote-backref">↩︎</a></p></li>' +
    '<li id="fn2" class="footnote-item"><p>Second with <a href="https://x.org">link</a>. <a href="#fnref2" class="footnote-backref">↩︎</a></p></li></ol></section>';
  assert.equal(md(html), 'Claim[^1] and another[^2].\n\n[^1]: First note.\n\n[^2]: Second with [link](https://x.org/).\n');
});

test('kramdown (Jekyll): named footnotes are numbered, later paragraphs indented', () => {
  const html =
    '<p>Kramdown<sup id="fnref:note" role="doc-noteref"><a href="#fn:note" class="footnote" rel="footnote">1</a></sup>.</p>' +
    '<div class="footnotes" role="doc-endnotes"><ol><li id="fn:note" role="doc-endnote"><p>The note.&nbsp;<a href="#fnref:note" class="reversefootnote" role="doc-backlink">&#8617;</a></p><p>Second para.</p></li></ol></div>';
  assert.equal(md(html), 'Kramdown[^1].\n\n[^1]: The note.\n\n    Second para.\n');
});

test('Hugo/goldmark, GitHub, pandoc and WordPress block footnotes', () => {
  assert.equal(
    md('<p>Hugo<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>Hugo note&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>'),
    'Hugo[^1]\n\n[^1]: Hugo note\n',
  );
  assert.equal(
    md('<p>GitHub<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref>1</a></sup></p><section data-footnotes class="footnotes"><h2 id="footnote-label" class="sr-only">Footnotes</h2><ol><li id="user-content-fn-1"><p>GH note <a href="#user-content-fnref-1" data-footnote-backref class="data-footnote-backref">↩</a></p></li></ol></section>'),
    'GitHub[^1]\n\n[^1]: GH note\n',
  );
  assert.equal(
    md('<p>Pandoc<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a></p><section class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr /><ol><li id="fn1"><p>Pandoc note<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>'),
    'Pandoc[^1]\n\n[^1]: Pandoc note\n',
  );
  assert.equal(
    md('<p>WordPress<sup data-fn="a1b2" class="fn"><a href="#a1b2" id="a1b2-link">1</a></sup></p><ol class="wp-block-footnotes"><li id="a1b2">WP note <a href="#a1b2-link" aria-label="Jump to footnote reference 1">↩︎</a></li></ol>'),
    'WordPress[^1]\n\n[^1]: WP note\n',
  );
});

test('remark (Astro, Docusaurus): a non-ASCII label percent-encoded in the ids as well as in the hrefs', () => {
  assert.equal(
    md('<p>Texte<sup><a href="#user-content-fn-%C3%A9t%C3%A9" id="user-content-fnref-%C3%A9t%C3%A9" data-footnote-ref>1</a></sup> fin.</p><section data-footnotes class="footnotes"><h2 id="footnote-label" class="sr-only">Footnotes</h2><ol><li id="user-content-fn-%C3%A9t%C3%A9"><p>Note d\'été <a href="#user-content-fnref-%C3%A9t%C3%A9" data-footnote-backref class="data-footnote-backref">↩</a></p></li></ol></section>'),
    "Texte[^1] fin.\n\n[^1]: Note d'été\n",
  );
});

test('Easy Footnotes (ids on markers inside the items) and hexo-reference (#footnotes, number labels)', () => {
  assert.equal(
    md('<p>Easy<span class="easy-footnote-margin-adjust" id="easy-footnote-1-123"></span><span class="easy-footnote"><a href="#easy-footnote-bottom-1-123" title="The note"><sup>1</sup></a></span> text.</p><div class="easy-footnotes-wrapper"><ol class="easy-footnotes-wrapper"><li><span id="easy-footnote-bottom-1-123" class="easy-footnote-margin-adjust"></span>The note<a class="easy-footnote-to-top" href="#easy-footnote-1-123"></a></li></ol></div>'),
    'Easy[^1] text.\n\n[^1]: The note\n',
  );
  assert.equal(
    md('<p>Hexo<sup id="fnref:1"><a href="#fn:1" rel="footnote"><span class="hint--top" aria-label="note text">[1]</span></a></sup>.</p><div id="footnotes"><hr><div id="footnotelist"><ol style="list-style: none"><li id="fn:1"><span style="display: inline-block">1.</span><span style="display: inline-block">note text<a href="#fnref:1" rev="footnote"> ↩</a></span></li></ol></div></div>'),
    'Hexo[^1].\n\n[^1]: note text\n',
  );
});

test('an ordinary list with ids and a link into it is left alone', () => {
  assert.equal(md('<p>See <a href="#step-2">step 2</a>.</p><ol><li id="step-1">One</li><li id="step-2">Two</li></ol>'), 'See [step 2](#step-2).\n\n1. One\n2. Two\n');
});

test('a list item of the body holding a reference stays a list item: the backlink to it does not make the list footnotes', () => {
  const html =
    '<ul><li>Red</li><li>Green</li><li>Blue<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup></li></ul>' +
    '<div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>The note.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>';
  assert.equal(md(html), '- Red\n- Green\n- Blue[^1]\n\n[^1]: The note.\n');
});
