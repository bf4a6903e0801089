import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../src/convert/index.js';

const md = (html: string): string => htmlToMarkdown(html, 'https://blog.example.com/posts/hello/');

test('KaTeX: TeX from the annotation, inline $…$ and display $$…$$, rendered HTML dropped', () => {
  const html =
    '<p>Inline <span class="katex"><span class="katex-mathml"><math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">x^2</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span class="base">x2</span></span></span> and display:</p>' +
    '<p><span class="katex-display"><span class="katex"><span class="katex-mathml"><math display="block"><semantics><mrow></mrow><annotation encoding="application/x-tex">\\sum_{i=1}^n i = \\frac{n(n+1)}{2}</annotation></semantics></math></span><span class="katex-html" aria-hidden="true">junk</span></span></span></p>';
  assert.equal(md(html), 'Inline $x^2$ and display:\n\n$$\n\\sum_{i=1}^n i = \\frac{n(n+1)}{2}\n$$\n');
});

test('MathJax 2: script type math/tex (inline and mode=display), previews and rendering dropped', () => {
  const html =
    '<p>MathJax <span class="MathJax_Preview">a_1</span><span class="MathJax" id="MathJax-Element-1-Frame">rendered</span><script type="math/tex" id="MathJax-Element-1">a_1 + b_2</script> done.</p>' +
    '<div class="MathJax_Display">x</div><script type="math/tex; mode=display">E = mc^2</script>';
  assert.equal(md(html), 'MathJax $a_1 + b_2$ done.\n\n$$\nE = mc^2\n$$\n');
});

test('MathJax 3 mjx-container, pandoc .math spans, WordPress LaTeX images', () => {
  assert.equal(
    md('<p>MJ3 <mjx-container class="MathJax" jax="CHTML"><mjx-math>junk</mjx-math><mjx-assistive-mml><math><semantics><mi>y</mi><annotation encoding="application/x-tex">y_k</annotation></semantics></math></mjx-assistive-mml></mjx-container></p>'),
    'MJ3 $y_k$\n',
  );
  assert.equal(md('<p>Pandoc <span class="math inline">\\(\\alpha_i\\)</span> and</p><p><span class="math display">\\[\\int_0^1 f\\]</span></p>'), 'Pandoc $\\alpha_i$ and\n\n$$\n\\int_0^1 f\n$$\n');
  assert.equal(md('<p>WP <img src="https://s0.wp.com/latex.php?latex=e%5E%7Bi%5Cpi%7D&amp;bg=ffffff" alt="e^{i\\pi}" class="latex"> math</p>'), 'WP $e^{i\\pi}$ math\n');
});

test('multi-line display TeX keeps its line breaks', () => {
  const html = '<script type="math/tex; mode=display">\\begin{aligned}\na &= 1 \\\\\nb &= 2\n\\end{aligned}</script>';
  assert.equal(md(html), '$$\n\\begin{aligned}\na &= 1 \\\\\nb &= 2\n\\end{aligned}\n$$\n');
});

test('TeX left between MathJax delimiters in the text becomes $…$ / $$…$$, code untouched', () => {
  assert.equal(
    md('<p>Inline \\(a^2 + b_{i}\\) and</p><p>\\[\\int_0^1 f\\]</p><p>$$x_1$$ but <code>\\(kept\\)</code></p>'),
    'Inline $a^2 + b_{i}$ and\n\n$$\n\\int_0^1 f\n$$\n\n$$\nx_1\n$$\n\nbut `\\(kept\\)`\n',
  );
});
