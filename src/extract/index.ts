import type { ExtractedPost, Overrides } from '../types.js';
import { cleanContent } from './clean.js';
import type { Element } from 'domhandler';
import { mergeSiblings, selectContent, type ContentChoice } from './content.js';
import { detectEngineRule } from './engines/index.js';
import { extractMetadata } from './metadata.js';
import { flattenDeepNesting } from './dom.js';
import { documentBase } from './urls.js';
import { withPage } from './parse.js';

export { parseDate } from './dates.js';
export { selectContent } from './content.js';
export { ENGINES } from './engines/index.js';
export type { EngineRule } from './engines/index.js';
export { CLEAN_RULES } from './clean-rules.js';

/** A short CSS path of an element, for people: `main > div#wrap > div.entry-content`. */
function cssPath(el: Element): string {
  const parts: string[] = [];
  for (let n: Element | null = el; n && n.type === 'tag' && n.name !== 'body' && n.name !== 'html' && parts.length < 3; n = n.parent as Element | null) {
    const id = n.attribs.id ? `#${n.attribs.id}` : '';
    const classes = (n.attribs.class ?? '').split(/\s+/).filter(Boolean).slice(0, 2).map((c) => `.${c}`).join('');
    parts.unshift(`${n.name}${id}${classes}`);
  }
  return parts.join(' > ');
}

/** How the content element was chosen, shown by `blogvault inspect`. */
function describeChoice(choice: ContentChoice, engine: string | undefined): string {
  const path = cssPath(choice.root.get(0)!);
  switch (choice.source) {
    case 'override':
      return `${choice.selector} (--content) -> ${path}`;
    case 'engine':
      return `${choice.selector} (${engine} rule) -> ${path}`;
    case 'semantic':
      return `${choice.selector} (semantic container) -> ${path}`;
    case 'scorer':
      return `${path} (generic scorer)`;
    default:
      return 'body (nothing better found)';
  }
}

/** The engine that generated a page ("hexo", "wordpress"...), from its generator meta or markup. */
export function detectEngine(html: string): string | undefined {
  return withPage(html, ($) => detectEngineRule($, html)?.name);
}

/**
 * Metadata and cleaned article HTML of one post page. Pure: HTML in, data out.
 * Content: user selector > engine rule > semantic container > generic scorer; then the named clean-up
 * rules strip everything that is not the article body.
 */
export function extractPost(html: string, url: string, overrides?: Overrides): ExtractedPost {
  return extractPostTree(html, url, overrides).post;
}

/** extractPost, plus the cleaned content element itself (`post.contentHtml` is its inner HTML), for a converter that can take a parsed tree. */
export function extractPostTree(html: string, url: string, overrides?: Overrides): { post: ExtractedPost; content: Element } {
  return withPage(html, ($) => {
    flattenDeepNesting($.root().get(0)!);
    const engine = detectEngineRule($, html);
    const choice = selectContent($, engine, overrides);
    const meta = extractMetadata($, { url, engine, root: choice.root, overrides });
    const content = mergeSiblings($, choice);
    const contentHtml = cleanContent($, content, { base: documentBase($, url), engine, title: meta.title });
    const post: ExtractedPost = { url, meta, contentHtml, contentSelector: describeChoice(choice, engine?.name) };
    if (engine) post.engine = engine.name;
    return { post, content: content.get(0)! };
  });
}
