import type { ExtractContext, ExtractedPost } from '../types.js';
import { cleanContent } from './clean.js';
import type { Element } from 'domhandler';
import { asContainer, mergeSiblings, selectContent, type ContentChoice } from './content.js';
import { detectEngineRule } from './engines/index.js';
import { extractMetadata } from './metadata.js';
import { titleShownOutside } from './title.js';
import { checkedLanguage } from './language.js';
import { proseOf } from './prose.js';
import { flattenDeepNesting } from '../html/walk.js';
import { documentBase } from './urls.js';
import { innerHtml, withPage } from '../html/parse.js';
import { removeElement } from 'domutils';
import { inListEntry, isCard } from './list-entry.js';

export { parseDate } from '../text/dates.js';
export { withFeedTerms } from './taxonomy.js';
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
export function extractPost(html: string, url: string, context: ExtractContext = {}): ExtractedPost {
  const { post, content } = extractPostTree(html, url, context);
  return { ...post, contentHtml: innerHtml(content).trim() };
}

/**
 * extractPost without serialising the article: the cleaned content element itself, detached from its
 * page, for the converter, which works on the same tree.
 */
export function extractPostTree(html: string, url: string, context: ExtractContext = {}): { post: Omit<ExtractedPost, 'contentHtml'>; content: Element; listEntry: boolean } {
  const { overrides } = context;
  return withPage(html, ($) => {
    flattenDeepNesting($.root().get(0)!);
    const engine = detectEngineRule($, html);
    const choice = selectContent($, engine, overrides);
    const { meta, title, dated } = extractMetadata($, { url, engine, root: choice.root, overrides, site: context.site });
    const keepTitleHeading = titleShownOutside($, choice.root, title);
    const content = asContainer($, mergeSiblings($, choice));
    // Themes hard-code <html lang="en">: the article's own text says which language it is in.
    const lang = checkedLanguage(meta.lang, proseOf(content.get(0)!));
    if (lang) meta.lang = lang;
    else delete meta.lang;
    const card = isCard(content.get(0)!, url);
    cleanContent($, content, { base: documentBase($, url), engine, title: keepTitleHeading ? undefined : meta.title });
    const post: Omit<ExtractedPost, 'contentHtml'> = { url, meta, contentSelector: describeChoice(choice, engine?.name), dated };
    if (engine) post.engine = engine.name;
    const element = content.get(0)!;
    // Read while the article still sits in its page: its like siblings make it one entry of a list.
    const listEntry = card || inListEntry(element, url);
    removeElement(element);
    return { post, content: element, listEntry };
  });
}
