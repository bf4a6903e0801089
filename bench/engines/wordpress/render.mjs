// Renders the reference posts to the HTML WordPress stores in post_content.
// usage: node render.mjs SRC_SITE SCORE_DIR MODE(blocks|classic) OUT.json [more]
// more: a "more" break after the first paragraph, so archive pages show a teaser and a "Continue reading" link.
// blocks: the block-editor serialisation (<!-- wp:paragraph --> ...), as Gutenberg saves a post; the core code block
//   keeps no language. classic: plain HTML as the classic editor / a Markdown plugin stores it (wpautop applies).
import fs from 'node:fs';
import { loadSource, loadMarked } from '../common/source.mjs';

const [srcSite, scoreDir, mode, outFile, extras = ''] = process.argv.slice(2);
const more = extras.split(',').includes('more');
const { marked } = loadMarked(scoreDir);
const posts = loadSource(srcSite);

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const comment = (name, attrs) => `<!-- wp:${name}${attrs ? ' ' + JSON.stringify(attrs) : ''} -->`;
const wrap = (name, html, attrs) => `${comment(name, attrs)}\n${html}\n<!-- /wp:${name} -->`;

function blockFor(token, imageUrl) {
  const html = marked.parser([token]).trim();
  switch (token.type) {
    case 'paragraph': {
      const img = token.tokens.length === 1 && token.tokens[0].type === 'image' ? token.tokens[0] : null;
      if (img) {
        return wrap('image', `<figure class="wp-block-image size-full"><img src="${imageUrl(img.href)}" alt="${esc(img.text)}"/></figure>`, { sizeSlug: 'full' });
      }
      return wrap('paragraph', html);
    }
    case 'heading':
      return wrap('heading', html.replace(/^<h(\d)[^>]*>/, '<h$1 class="wp-block-heading">'), token.depth === 2 ? null : { level: token.depth });
    case 'code':
      return wrap('code', `<pre class="wp-block-code"><code>${esc(token.text)}</code></pre>`);
    case 'list':
      return wrap('list', html, token.ordered ? { ordered: true } : null);
    case 'blockquote':
      return wrap('quote', html.replace('<blockquote>', '<blockquote class="wp-block-quote">'));
    case 'table':
      return wrap('table', `<figure class="wp-block-table"><table>${html.replace(/^<table>|<\/table>$/g, '')}</table></figure>`);
    case 'space':
      return '';
    default:
      return wrap('html', html);
  }
}

const out = posts.map((p) => {
  const upload = (href) => `http://example.com/wp-content/uploads/${p.date.slice(0, 4)}/${p.date.slice(5, 7)}/${href.split('/').pop()}`;
  let content;
  if (mode === 'blocks') {
    const blocks = marked.lexer(p.markdown).map((t) => blockFor(t, upload)).filter(Boolean);
    if (more) blocks.splice(1, 0, '<!-- wp:more -->\n<!--more-->\n<!-- /wp:more -->');
    content = blocks.join('\n\n');
  } else {
    content = marked.parse(p.markdown).replace(/src="\/images\/([^"]+)"/g, (_, f) => `src="${upload(f)}"`);
    if (more) content = content.replace('</p>\n', '</p>\n<!--more-->\n');
  }
  return { slug: p.slug, title: p.title, date: p.date, tags: p.tags, categories: p.categories, imageFiles: p.imageFiles, content };
});
fs.writeFileSync(outFile, JSON.stringify(out));
