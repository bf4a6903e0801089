import type { CheerioAPI } from 'cheerio';
import { astro } from './astro.js';
import { blogger } from './blogger.js';
import { docusaurus } from './docusaurus.js';
import { eleventy } from './eleventy.js';
import { ghost } from './ghost.js';
import { hexo } from './hexo.js';
import { hugo } from './hugo.js';
import { jekyll } from './jekyll.js';
import { medium } from './medium.js';
import { mkdocs } from './mkdocs.js';
import { substack } from './substack.js';
import type { EngineRule } from './types.js';
import { vuepress } from './vuepress.js';
import { wordpress } from './wordpress.js';
import { query } from '../../html/query.js';

export type { EngineRule } from './types.js';

/** Every engine blogvault knows; signatures are checked in this order after the generator meta. */
export const ENGINES: readonly EngineRule[] = [
  hexo, jekyll, hugo, wordpress, ghost, blogger, docusaurus, eleventy, medium, substack, vuepress, mkdocs, astro,
];

/** The engine that made the page: its generator meta first, then markup signatures. */
export function detectEngineRule($: CheerioAPI, html: string): EngineRule | undefined {
  const generators = query($, 'meta[name="generator" i]').map((_, el) => $(el).attr('content')?.trim() ?? '').get();
  for (const engine of ENGINES) {
    if (engine.detect.generator && generators.some((g) => engine.detect.generator!.test(g))) return engine;
  }
  for (const engine of ENGINES) {
    if (engine.detect.selectors?.some((s) => query($, s).length > 0)) return engine;
  }
  for (const engine of ENGINES) {
    if (engine.detect.html?.test(html)) return engine;
  }
  return undefined;
}
