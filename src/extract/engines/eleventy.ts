import type { EngineRule } from './types.js';

/** Eleventy: eleventy-base-blog (old and new layouts) and the many starters derived from it. */
export const eleventy: EngineRule = {
  name: 'eleventy',
  detect: {
    generator: /^eleventy\b/i,
    selectors: ['main.tmpl-post', 'heading-anchors', 'ul.links-nextprev'],
  },
  content: ['main.tmpl-post', 'main heading-anchors', 'article .post-content', 'main#skip', 'main article', 'main'],
  title: ['main h1', 'article h1'],
  date: ['.post-metadata time[datetime]', 'time[datetime]'],
  tags: ['.post-metadata a.post-tag', '.post-metadata a[href*="/tags/"]', 'a.post-tag'],
  junk: ['.post-metadata', '.links-nextprev', 'a.direct-link'],
};
