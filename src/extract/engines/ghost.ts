import type { EngineRule } from './types.js';

/** Ghost: Casper, Source, Headline, Edition and other themes built on the Koenig editor's markup. */
export const ghost: EngineRule = {
  name: 'ghost',
  detect: {
    generator: /^ghost\b/i,
    selectors: ['.gh-content', '.post-full-content', '.kg-card', 'script[data-ghost]', 'link[href*="/ghost/api/"]'],
  },
  content: ['.gh-content', '.post-full-content', '.article-content', '.post-content', '.c-content', '.post-body'],
  title: ['.article-title', '.post-full-title', '.gh-article-title', 'h1.post-title'],
  date: ['time.byline-meta-date', '.article-byline time[datetime]', '.post-full-meta-date', 'time[datetime]'],
  author: ['.author-name a', '.byline-meta-content .author-name', '.gh-article-author-name'],
  tags: ['.article-tag a', '.post-full-tags a', '.gh-article-tag', 'a[href*="/tag/"].post-tag'],
  junk: [
    '.gh-post-upgrade-cta',
    '.subscribe-form',
    '.footer-cta',
    '.article-comments',
    '.post-full-comments',
    '.read-more-wrap',
    '.gh-article-footer',
    '.post-share',
  ],
};
