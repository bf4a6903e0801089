import { test } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToMarkdown } from '../../src/convert/index.js';

const md = (html: string): string => htmlToMarkdown(html, 'https://blog.example.com/posts/hello/');

test('Hexo: figure.highlight line-number table becomes one fenced block, lines joined at <br>', () => {
  const html =
    '<figure class="highlight c"><table><tr><td class="gutter"><pre><span class="line">1</span><br><span class="line">2</span><br><span class="line">3</span><br></pre></td>' +
    '<td class="code"><pre><span class="line"><span class="type">int</span> f(<span class="type">int</span> a)</span><br><span class="line">&#123;</span><br>' +
    '<span class="line">\t<span class="keyword">if</span> (a &lt; b &amp;&amp; b &gt; <span class="number">98</span>) <span class="keyword">return</span> <span class="string">&quot;a&lt;b&quot;</span>;</span><br><span class="line">&#125;</span><br></pre></td></tr></table></figure>';
  assert.equal(md(html), '```c\nint f(int a)\n{\n\tif (a < b && b > 98) return "a<b";\n}\n```\n');
});

test('Hexo: "plaintext" means no language; a figcaption (file name) stays as a line above', () => {
  const plain = '<figure class="highlight plaintext"><table><tr><td class="gutter"><pre><span class="line">1</span><br></pre></td><td class="code"><pre><span class="line">hello world</span><br></pre></td></tr></table></figure>';
  assert.equal(md(plain), '```\nhello world\n```\n');
  const titled = '<figure class="highlight js"><figcaption><span>app.js</span></figcaption><table><tr><td class="gutter"><pre><span class="line">1</span><br></pre></td><td class="code"><pre><span class="line"><span class="keyword">let</span> a;</span><br></pre></td></tr></table></figure>';
  assert.equal(md(titled), 'app.js\n\n```js\nlet a;\n```\n');
});

test('Hugo: .lntable with a .lntd gutter, language from data-lang, blank lines kept', () => {
  const html =
    '<div class="highlight"><div class="chroma">\n<table class="lntable"><tr><td class="lntd">\n<pre tabindex="0" class="chroma"><code><span class="lnt">1\n</span><span class="lnt">2\n</span><span class="lnt">3\n</span></code></pre></td>\n<td class="lntd">\n' +
    '<pre tabindex="0" class="chroma"><code class="language-go" data-lang="go"><span class="line"><span class="cl"><span class="kn">package</span> <span class="nx">main</span>\n</span></span><span class="line"><span class="cl">\n</span></span>' +
    '<span class="line"><span class="cl"><span class="kd">func</span> <span class="nf">main</span><span class="p">()</span> <span class="p">{}</span>\n</span></span></code></pre></td></tr></table>\n</div>\n</div>';
  assert.equal(md(html), '```go\npackage main\n\nfunc main() {}\n```\n');
});

test('Hugo: inline line numbers (span.ln) are dropped, indentation kept', () => {
  const html =
    '<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-python" data-lang="python"><span class="line"><span class="ln">1</span><span class="cl"><span class="k">def</span> <span class="nf">f</span><span class="p">():</span>\n</span></span>' +
    '<span class="line"><span class="ln">2</span><span class="cl">    <span class="k">return</span> <span class="mi">1</span>\n</span></span></code></pre></div>';
  assert.equal(md(html), '```python\ndef f():\n    return 1\n```\n');
});

test('Hugo with inline styles (noClasses): unselectable line numbers, inline and in a table', () => {
  const ln = (n: number, nl = ''): string => `<span style="white-space:pre;-webkit-user-select:none;user-select:none;margin-right:0.4em;color:#7f7f7f">${n}${nl}</span>`;
  const inline =
    '<div class="highlight"><pre tabindex="0" style="color:#f8f8f2"><code class="language-sh" data-lang="sh">' +
    `<span style="display:flex;">${ln(1)}<span>ls\n</span></span><span style="display:flex;">${ln(2)}<span>pwd\n</span></span></code></pre></div>`;
  assert.equal(md(inline), '```sh\nls\npwd\n```\n');
  const table =
    '<div class="highlight"><div style="color:#f8f8f2;"><table style="border-spacing:0;"><tr><td style="vertical-align:top;"><pre tabindex="0"><code>' +
    `${ln(1, '\n')}${ln(2, '\n')}</code></pre></td><td style="vertical-align:top;width:100%"><pre tabindex="0"><code class="language-go" data-lang="go">` +
    '<span style="display:flex;"><span><span style="color:#f92672">package</span> main\n</span></span><span style="display:flex;"><span>\tvar x\n</span></span></code></pre></td></tr></table></div></div>';
  assert.equal(md(table), '```go\npackage main\n\tvar x\n```\n');
});

test('Octopress (bare language class on <code>) and Zola (number cells in rows)', () => {
  const octopress =
    '<figure class="code"><figcaption><span>Hello</span></figcaption><div class="highlight"><table><tr><td class="gutter"><pre class="line-numbers"><span class="line-number">1</span>\n</pre></td>' +
    '<td class="code"><pre><code class="ruby"><span class="line">puts 1</span></code></pre></td></tr></table></div></figure>';
  assert.equal(md(octopress), 'Hello\n\n```ruby\nputs 1\n```\n');
  const zola = '<pre data-lang="rust" class="language-rust "><code class="language-rust" data-lang="rust"><table><tbody><tr><td>1</td><td><span>fn main() {}</span>\n</td></tr><tr><td>2</td><td><span>// end</span>\n</td></tr></tbody></table></code></pre>';
  assert.equal(md(zola), '```rust\nfn main() {}\n// end\n```\n');
  assert.equal(md('<pre><code class="block">not a language</code></pre>'), '```\nnot a language\n```\n');
});

test('Jekyll/Rouge: language from the wrapping div.language-x; .rouge-table gutter dropped', () => {
  const plain = '<div class="language-yaml highlighter-rouge"><div class="highlight"><pre class="highlight"><code><span class="na">key</span><span class="pi">:</span> <span class="s">value</span>\n<span class="na">list</span><span class="pi">:</span>\n  <span class="pi">-</span> <span class="s">a</span>\n</code></pre></div></div>';
  assert.equal(md(plain), '```yaml\nkey: value\nlist:\n  - a\n```\n');
  const table =
    '<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby"><table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1\n2\n3\n</pre></td><td class="code"><pre><span class="k">def</span> <span class="nf">foo</span>\n' +
    '  <span class="nb">puts</span> <span class="s1">\'foo\'</span>\n<span class="k">end</span>\n</pre></td></tr></tbody></table></code></pre></figure>';
  assert.equal(md(table), "```ruby\ndef foo\n  puts 'foo'\nend\n```\n");
});

test('Pygments/Sphinx: .highlighttable with .linenos, and inline span.linenos', () => {
  const table =
    '<div class="highlight-python notranslate"><table class="highlighttable"><tr><td class="linenos"><div class="linenodiv"><pre><span class="normal">1</span>\n<span class="normal">2</span></pre></div></td>' +
    '<td class="code"><div class="highlight"><pre><span></span><span class="kn">import</span> <span class="nn">os</span>\n<span class="nb">print</span><span class="p">(</span><span class="n">os</span><span class="o">.</span><span class="n">sep</span><span class="p">)</span>\n</pre></div></td></tr></table></div>';
  assert.equal(md(table), '```python\nimport os\nprint(os.sep)\n```\n');
  const inline = '<div class="highlight"><pre><span></span><span class="linenos">1</span>import os\n<span class="linenos">2</span>print(1)\n</pre></div>';
  assert.equal(md(inline), '```\nimport os\nprint(1)\n```\n');
});

test('Prism line-numbers rows and highlight.js line-number tables', () => {
  const prism =
    '<pre class="line-numbers language-js"><code class="language-js"><span class="token keyword">const</span> a <span class="token operator">=</span> <span class="token number">1</span>;\nconsole.log(a);<span aria-hidden="true" class="line-numbers-rows"><span></span><span></span></span></code></pre>';
  assert.equal(md(prism), '```js\nconst a = 1;\nconsole.log(a);\n```\n');
  const row = (n: number, code: string): string =>
    `<tr><td class="hljs-ln-line hljs-ln-numbers" data-line-number="${n}"><div class="hljs-ln-n" data-line-number="${n}"></div></td><td class="hljs-ln-line hljs-ln-code" data-line-number="${n}">${code}</td></tr>`;
  const hljs = `<pre><code class="hljs language-bash"><table class="hljs-ln"><tbody>${row(1, 'echo hi')}${row(2, '')}${row(3, '  exit 0')}</tbody></table></code></pre>`;
  assert.equal(md(hljs), '```bash\necho hi\n\n  exit 0\n```\n');
});

test('Docusaurus: token lines ending in <br>, copy button left out', () => {
  const html =
    '<div class="language-js codeBlockContainer_Ckt0 theme-code-block"><div class="codeBlockContent_biex"><pre tabindex="0" class="prism-code language-js codeBlock_bY9V"><code class="codeBlockLines_e6Vv">' +
    '<span class="token-line"><span class="token keyword">const</span><span class="token plain"> x </span><span class="token operator">=</span><span class="token plain"> 1;</span><br></span>' +
    '<span class="token-line"><span class="token plain" style="display:inline-block"></span><br></span><span class="token-line"><span class="token plain">x</span><br></span></code></pre>' +
    '<div class="buttonGroup__atx"><button type="button" title="Copy" class="clean-btn"><span aria-hidden="true"></span></button></div></div></div>';
  assert.equal(md(html), '```js\nconst x = 1;\n\nx\n```\n');
});

test('language conventions: SyntaxHighlighter brush, prettify lang-, GitHub highlight-source-, pandoc sourceCode, Medium data attribute', () => {
  assert.equal(md('<pre class="brush: php; title: ; notranslate" title="">&lt;?php echo 1; ?&gt;</pre>'), '```php\n<?php echo 1; ?>\n```\n');
  assert.equal(md('<pre class="prettyprint lang-py">print(1)</pre>'), '```py\nprint(1)\n```\n');
  assert.equal(md('<div class="highlight highlight-source-shell"><pre>ls -la</pre></div>'), '```shell\nls -la\n```\n');
  assert.equal(
    md('<div class="sourceCode" id="cb1"><pre class="sourceCode haskell"><code class="sourceCode haskell"><span id="cb1-1"><a href="#cb1-1" aria-hidden="true" tabindex="-1"></a>main <span class="ot">=</span> print 1</span></code></pre></div>'),
    '```haskell\nmain = print 1\n```\n',
  );
  assert.equal(md('<pre data-code-block-mode="2" data-code-block-lang="python"><span class="hljs-built_in">print</span>(1)</pre>'), '```python\nprint(1)\n```\n');
  assert.equal(md('<pre class="wp-block-code"><code>npm install</code></pre>'), '```\nnpm install\n```\n');
  assert.equal(md('<div class="highlight-wrap"><pre><code class="language-text">plain words</code></pre></div>'), '```text\nplain words\n```\n');
});

test('VuePress/VitePress: language from the wrapper, span.lang label, copy button and line-number column left out', () => {
  const html =
    '<div class="language-js extra-class"><button title="Copy Code" class="copy"></button><span class="lang">js</span><pre class="shiki github-dark" tabindex="0"><code><span class="line"><span style="color:#F97583">const</span><span> a = 1</span></span>\n' +
    '<span class="line"><span>  b()</span></span></code></pre><div class="line-numbers-wrapper" aria-hidden="true"><span class="line-number">1</span><br><span class="line-number">2</span><br></div></div>';
  assert.equal(md(html), '```js\nconst a = 1\n  b()\n```\n');
});

test('MkDocs file name and Expressive Code title are kept as a line above the block', () => {
  const mkdocs = '<div class="language-python highlight"><span class="filename">bubble_sort.py</span><pre><span></span><code><span class="k">def</span> <span class="nf">f</span><span class="p">():</span>\n    <span class="k">pass</span>\n</code></pre></div>';
  assert.equal(md(mkdocs), 'bubble_sort.py\n\n```python\ndef f():\n    pass\n```\n');
  const ec =
    '<div class="expressive-code"><figure class="frame has-title"><figcaption class="header"><span class="title">file.js</span></figcaption><pre data-language="js"><code>' +
    '<div class="ec-line"><div class="code"><span>let</span> x = 1;</div></div><div class="ec-line"><div class="code">\n</div></div><div class="ec-line"><div class="code">  x++;</div></div></code></pre>' +
    '<div class="copy"><button title="Copy to clipboard" data-code="let x"><div></div></button></div></figure></div>';
  assert.equal(md(ec), 'file.js\n\n```js\nlet x = 1;\n\n  x++;\n```\n');
});

test('SyntaxHighlighter (rendered, no <pre>) and Jupyter hl- classes', () => {
  const sh =
    '<div class="syntaxhighlighter python"><table border="0" cellpadding="0" cellspacing="0"><tbody><tr><td class="gutter"><div class="line number1 index0 alt2">1</div><div class="line number2 index1 alt1">2</div></td>' +
    '<td class="code"><div class="container"><div class="line number1 index0 alt2"><code class="python keyword">def</code> <code class="python plain">f():</code></div>' +
    '<div class="line number2 index1 alt1"><code class="python spaces">&nbsp;&nbsp;&nbsp;&nbsp;</code><code class="python keyword">return</code> <code class="python plain">1</code></div></div></td></tr></tbody></table></div>';
  assert.equal(md(sh), '```python\ndef f():\n    return 1\n```\n');
  assert.equal(md('<div class="input_area"><div class="highlight hl-ipython3"><pre><span></span><span class="kn">import</span> numpy\n</pre></div></div>'), '```ipython3\nimport numpy\n```\n');
});

test('a data table with a td.code cell is not mistaken for code', () => {
  assert.equal(md('<table><tr><th>Code</th><th>Meaning</th></tr><tr><td class="code">404</td><td>Not found</td></tr></table>'), '| Code | Meaning |\n| --- | --- |\n| 404 | Not found |\n');
});

test('mermaid diagram sources become ```mermaid blocks', () => {
  assert.equal(md('<div class="mermaid">graph TD\n  A[Start] --&gt; B{Ok?}\n  B --&gt;|yes| C[Done]</div>'), '```mermaid\ngraph TD\n  A[Start] --> B{Ok?}\n  B -->|yes| C[Done]\n```\n');
  assert.equal(md('<pre class="mermaid">sequenceDiagram\n  A-&gt;&gt;B: hi</pre>'), '```mermaid\nsequenceDiagram\n  A->>B: hi\n```\n');
});

test('inactive (hidden) tab panels are kept: every tab\'s code is archived', () => {
  const html =
    '<div class="tabs-container"><ul role="tablist" class="tabs"><li role="tab" class="tabs__item tabs__item--active">npm</li><li role="tab" class="tabs__item">yarn</li></ul><div class="margin-top--md">' +
    '<div role="tabpanel" class="tabItem_Ymn6"><pre><code class="language-bash">npm i x</code></pre></div><div role="tabpanel" class="tabItem_Ymn6" hidden><pre><code class="language-bash">yarn add x</code></pre></div></div></div>';
  assert.equal(md(html), '**npm**\n\n```bash\nnpm i x\n```\n\n**yarn**\n\n```bash\nyarn add x\n```\n');
});

test('exact text: tabs, consecutive blank lines, entities decoded, nothing escaped inside code', () => {
  const html = '<pre><code>\tif (a &lt; b &amp;&amp; c)\n\n\n\t\treturn *p_x; // [x](y) _z_</code></pre>';
  assert.equal(md(html), '```\n\tif (a < b && c)\n\n\n\t\treturn *p_x; // [x](y) _z_\n```\n');
});

test('the fence is longer than any backtick run inside the code', () => {
  assert.equal(md('<pre><code>```\nx\n```</code></pre>'), '````\n```\nx\n```\n````\n');
});

test('a code block in a list item is indented under the item', () => {
  const html = '<ol><li>Run:<pre><code class="language-sh">make\nmake install\n</code></pre></li><li>Done</li></ol>';
  assert.equal(md(html), '1. Run:\n\n   ```sh\n   make\n   make install\n   ```\n\n2. Done\n');
});

test('inline code keeps its text and picks a fence around backticks', () => {
  assert.equal(md('<p>Call <code>a_b(*x)</code> or <code>`tick`</code>.</p>'), 'Call `a_b(*x)` or `` `tick` ``.\n');
});

test('spans classed "line-number" that hold the code itself (rehype-prism-plus numbers lines with CSS) are code, not a gutter', () => {
  const html = '<pre><code class="code-highlight language-py"><span class="code-line line-number" line="1">def f(x):\n</span><span class="code-line line-number highlight-line" line="2">    return x * 2\n</span></code></pre>';
  assert.equal(md(html), '```py\ndef f(x):\n    return x * 2\n```\n');
});

test('gatsby-remark-prismjs writes "text" for a fence given no language; HackMD flags after a name (cpp=) are dropped', () => {
  assert.equal(md('<div class="gatsby-highlight" data-language="text"><pre class="language-text"><code class="language-text">plain words</code></pre></div>'), '```\nplain words\n```\n');
  assert.equal(md('<pre><code class="language-text">authored text fence</code></pre>'), '```text\nauthored text fence\n```\n');
  // Docusaurus: the same default, on its code block container.
  const docusaurus = (lang: string) =>
    `<div class="language-${lang} codeBlockContainer_Ckt0 theme-code-block"><div class="codeBlockContent_QJqH"><pre tabindex="0" class="prism-code language-${lang} codeBlock_bY9V"><code class="codeBlockLines_e6Vv"><span class="token-line">a b</span></code></pre></div></div>`;
  assert.equal(md(docusaurus('text')), '```\na b\n```\n');
  assert.equal(md(docusaurus('bash')), '```bash\na b\n```\n');
  assert.equal(md('<pre><code class="language-cpp=" data-lang="cpp=">int a;</code></pre>'), '```cpp\nint a;\n```\n');
});

test('Pelican line spans: the first line, whose <code> the HTML parser closes with its span, stays in the block', () => {
  const lines = ['$ make check', 'ok   parser  0.4s', 'ok   printer 0.2s'];
  // As the theme writes it: <code> opened inside the first line's span.
  const written =
    '<div class="highlight"><pre><span class="code-line"><span></span><code>' +
    lines.map((l, i) => `${i ? '<span class="code-line">' : ''}<span class="n">${l}</span></span>`).join('\n') +
    '\n</code></pre></div>';
  // As the page's parser leaves it (and the extractor hands it on): the first line's <code> closed, a new one for the rest.
  const parsed =
    `<div class="highlight"><pre><span class="code-line"><span></span><code><span class="n">${lines[0]}</span></code></span><code>\n` +
    lines.slice(1).map((l) => `<span class="code-line"><span class="n">${l}</span></span>`).join('\n') +
    '\n</code></pre></div>';
  for (const html of [written, parsed]) assert.equal(md(html), '```\n' + lines.join('\n') + '\n```\n');
});

test('a table of one <pre> per line after line-number cells (markdown-it under Hexo Shoka) is one block', () => {
  const row = (n: number, code: string) => `<tr><td data-num="${n}"></td><td><pre>${code}</pre></td></tr>`;
  const html =
    '<figure class="highlight cpp"><figcaption data-lang="C++"></figcaption><table>' +
    row(1, '<span class="token keyword">auto</span> a <span class="token operator">=</span> 1;') +
    row(2, '') +
    row(3, '    <span class="token function">run</span>(a &lt; 2);') +
    '</table></figure>';
  assert.equal(md(html), '```cpp\nauto a = 1;\n\n    run(a < 2);\n```\n');
  // A data table whose cells hold text is still a table.
  assert.match(md('<table><tr><td>1</td><td>one</td></tr><tr><td>2</td><td>two</td></tr></table>'), /\| 1 \| one \|/);
});
