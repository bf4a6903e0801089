import { classList } from './dom.js';

/** Class and attribute conventions that name a code block's language outright. */
const EXPLICIT_CLASS = [
  /^(?:language|lang)-(.+)$/i, // Prism, highlight.js, Rouge, Hugo, Ghost, prettify (lang-x)
  /^highlight-(?:source|text)-(.+)$/i, // GitHub rendered Markdown
  /^highlight-(.+)$/i, // Sphinx (div.highlight-python)
  /^hl-(.+)$/i, // Jupyter nbconvert (div.highlight.hl-ipython3)
  /^(mermaid|plantuml|graphviz)(?:[-_](?:src|source|code|diagram))?$/i, // diagram sources kept for a script to draw
];
const ATTRIBUTES = ['data-lang', 'data-language', 'data-code-block-lang', 'data-enlighter-language', 'data-tagsearch-lang'];
/** SyntaxHighlighter: `class="brush: js; gutter: false"`. */
const BRUSH = /(?:^|\s)brush:\s*([\w+#.-]+)/i;
/** Classes after which themes put the bare language name: Hexo/Pygments `highlight python`, `hljs python`, pandoc `sourceCode python`. */
const LEAD_CLASSES = new Set(['highlight', 'hljs', 'sourcecode', 'syntaxhighlighter']);
/** A language name: a word, or a file name such as `.htaccess` that a highlighter was given. */
const LANGUAGE_NAME = /^\.?[a-z][\w+#.-]*$/i;
/** Tokens that follow those lead classes in real markup yet are no language. */
const NOT_A_LANGUAGE = /^(?:highlight|hljs|sourcecode|chroma|notranslate|tab-size|js-.*|line-?numbers|linenums|prettyprint(?:ed)?|no-?wrap|wrap|copy.*|code.*|source|numbered|has-.*|wp-.*|is-.*|shiki.*|github-.*|dark|light|theme-.*|astro-.*|language-.*|lang-.*)$/i;
/** `highlight-wrap`, `lang-label`: wrapper and toolbar classes that share the language prefixes. */
const WRAPPER_SUFFIX = /^(?:wrap(?:per)?|container|tools?|toolbar|block|code|box|area|header|title|table|source|label|name|icon)$/i;
/**
 * Languages common enough in blogs to trust as a bare class on `<pre>`/`<code>` (Octopress, some
 * highlight.js setups write `<code class="ruby">`); any other bare class could be styling.
 */
const KNOWN_LANGUAGES = new Set(
  ('bash sh shell zsh console powershell ps1 bat cmd c cpp c++ h hpp cs csharp java kotlin scala groovy go golang rust swift objc objectivec ' +
    'python py ruby rb perl php lua r julia dart elixir erlang haskell hs clojure lisp scheme ocaml fsharp vb matlab ' +
    'js javascript jsx ts typescript tsx json json5 yaml yml toml ini xml html xhtml css scss sass less svg vue svelte ' +
    'sql plsql graphql proto protobuf dockerfile docker makefile make cmake nginx apache diff patch markdown md tex latex ' +
    'mermaid text txt plaintext asm nasm verilog vhdl solidity zig nim crystal haxe coffeescript elm purescript fortran pascal delphi').split(' '),
);

/** Names highlighters give to "no language" (Hugo writes `fallback` when it has no lexer); the block then has none. */
const NO_LANGUAGE = new Set(['plaintext', 'plain', 'nohighlight', 'no-highlight', 'none', 'default', 'undefined', 'null', 'fallback']);

/**
 * Wrappers of highlighters that write `text` for a fence given no language (gatsby-remark-prismjs,
 * Docusaurus's `theme-code-block`, whose Prism default is `text`): there `text` is none.
 */
const TEXT_MEANS_NONE = /^(gatsby-highlight|theme-code-block)$/;

function normalise(name: string): string {
  // HackMD-style line-number flags (`cpp=`, `python!`) follow the name.
  const lang = name.trim().toLowerCase().replace(/[;,=!]+$/, '');
  return NO_LANGUAGE.has(lang) || !LANGUAGE_NAME.test(lang) ? '' : lang;
}

function explicitLanguage(el: Element): string | undefined {
  for (const c of classList(el)) {
    for (const re of EXPLICIT_CLASS) {
      const m = re.exec(c);
      if (m && !WRAPPER_SUFFIX.test(m[1])) return normalise(m[1]);
    }
  }
  for (const attr of ATTRIBUTES) {
    const v = el.getAttribute(attr);
    if (v) return normalise(v);
  }
  const brush = BRUSH.exec(el.getAttribute('class') ?? '');
  return brush ? normalise(brush[1]) : undefined;
}

function leadClassLanguage(el: Element): string | undefined {
  const classes = classList(el);
  for (let i = 0; i < classes.length - 1; i++) {
    if (!LEAD_CLASSES.has(classes[i].toLowerCase())) continue;
    const next = classes[i + 1];
    if (!NOT_A_LANGUAGE.test(next) && LANGUAGE_NAME.test(next)) return normalise(next);
  }
  return undefined;
}

/**
 * The language of a code block, looked up on the elements from the code outwards to the block's
 * container (a Rouge `div.language-ruby`, a Hexo `figure.highlight python`). A name given outright
 * (`language-x`, `data-lang`) anywhere wins over a bare class after `highlight`/`hljs`.
 * A bare known language name on `<pre>`/`<code>` comes last. An explicit "no language"
 * (`language-plaintext`, `nohighlight`) gives ''.
 */
export function codeLanguage(chain: Element[]): string {
  const lang = namedLanguage(chain);
  return lang === 'text' && chain.some((el) => classList(el).some((c) => TEXT_MEANS_NONE.test(c))) ? '' : lang;
}

function namedLanguage(chain: Element[]): string {
  for (const el of chain) {
    const lang = explicitLanguage(el);
    if (lang !== undefined) return lang;
  }
  for (const el of chain) {
    const lang = leadClassLanguage(el);
    if (lang !== undefined) return lang;
  }
  for (const el of chain) {
    if (el.nodeName !== 'CODE' && el.nodeName !== 'PRE') continue;
    const bare = classList(el).find((c) => KNOWN_LANGUAGES.has(c.toLowerCase()));
    if (bare) return normalise(bare);
  }
  return '';
}
