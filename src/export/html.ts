/**
 * Archive Markdown as the bodies platforms store: plain HTML; block-editor markup for WordPress (blocks
 * also keep WordPress from adding its own paragraphs and line breaks on display); Lexical for Ghost's
 * importer, which otherwise converts HTML to its old Mobiledoc format and flattens nested lists there.
 */
import { Marked, type Token } from 'marked';

const marked = new Marked({ gfm: true, async: false });

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

/** Each top-level element of the body with its HTML. */
function topLevelBlocks(markdown: string): { token: Token; html: string }[] {
  const tokens = marked.lexer(markdown);
  return tokens
    .filter((token) => token.type !== 'space' && token.type !== 'def')
    .map((token) => ({ token, html: marked.parser(Object.assign([token], { links: tokens.links })).trim() }));
}

const block = (name: string, html: string, attrs?: Record<string, unknown>) =>
  `<!-- wp:${name}${attrs ? ` ${JSON.stringify(attrs)}` : ''} -->\n${html}\n<!-- /wp:${name} -->`;

/**
 * WordPress blocks, one per top-level Markdown element: paragraphs and headings as the core blocks the
 * editor edits, everything else (code, lists, tables, quotes, raw HTML) as Custom HTML blocks, which
 * WordPress keeps byte for byte.
 */
export function markdownToBlocks(markdown: string): string {
  const blocks = topLevelBlocks(markdown).map(({ token, html }) => {
    if (token.type === 'paragraph') return block('paragraph', html);
    if (token.type === 'heading') return block('heading', html, token.depth === 2 ? undefined : { level: token.depth });
    return block('html', html);
  });
  return `${blocks.join('\n\n')}\n`;
}

/** A Lexical document (Ghost's editor format) of HTML cards, one per top-level element, each shown as written. */
export function markdownToLexical(markdown: string): string {
  const children = topLevelBlocks(markdown).map(({ html }) => ({ type: 'html', version: 1, html }));
  return JSON.stringify({ root: { children, direction: null, format: '', indent: 0, type: 'root', version: 1 } });
}
