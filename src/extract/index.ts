import { load } from 'cheerio';
import type { ExtractedPost, Overrides } from '../types.js';
import { cleanContent } from './clean.js';
import { selectContent } from './content.js';
import { detectEngineRule } from './engines/index.js';
import { extractMetadata } from './metadata.js';
import { documentBase } from './urls.js';

export { parseDate } from './dates.js';
export { selectContent } from './content.js';
export { ENGINES } from './engines/index.js';
export type { EngineRule } from './engines/index.js';
export { CLEAN_RULES } from './clean-rules.js';

/** The engine that generated a page ("hexo", "wordpress"...), from its generator meta or markup. */
export function detectEngine(html: string): string | undefined {
  return detectEngineRule(load(html), html)?.name;
}

/**
 * Metadata and cleaned article HTML of one post page. Pure: HTML in, data out.
 * Content: user selector > engine rule > semantic container > generic scorer; then the named clean-up
 * rules strip everything that is not the article body.
 */
export function extractPost(html: string, url: string, overrides?: Overrides): ExtractedPost {
  const $ = load(html);
  const engine = detectEngineRule($, html);
  const choice = selectContent($, engine, overrides);
  const meta = extractMetadata($, { url, engine, root: choice.root, overrides });
  const contentHtml = cleanContent($, choice.root, { base: documentBase($, url), engine, title: meta.title });
  const post: ExtractedPost = { url, meta, contentHtml };
  if (engine) post.engine = engine.name;
  return post;
}
