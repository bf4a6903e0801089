import type { EngineRule } from './types.js';

/** Hexo: landscape, NexT, Butterfly, Fluid, Icarus, Matery and themes derived from them. */
export const hexo: EngineRule = {
  name: 'hexo',
  detect: {
    generator: /^hexo\b/i,
    selectors: ['script.next-config', '#article-container.post-content', '.article-entry[itemprop="articleBody"]'],
  },
  content: [
    '.article-entry', // landscape, icarus
    '.post-body[itemprop="articleBody"]', // NexT
    '.post-body',
    '#article-container', // Butterfly
    'article.post-content .markdown-body', // Fluid
    '#articleContent', // Matery
    '.markdown-body',
    'article .content',
  ],
  title: ['.article-title', 'h1.post-title', '#post-info .post-title', '#seo-header', '.post-title'],
  date: [
    'time.post-meta-date-created',
    '.post-meta time[itemprop~="datePublished"]',
    '.article-meta time[datetime]',
    '.post-meta time[datetime]',
    '.post-metas time[datetime]',
  ],
  updated: ['time.post-meta-date-updated', 'time[itemprop~="dateModified"]'],
  tags: [
    '.article-tag-list a',
    '.post-tags a',
    '.post-meta__tags',
    '.post-metas a[href*="/tags/"]',
    '.tag_share a[href*="/tags/"]',
  ],
  categories: [
    '.article-category a',
    '.post-meta a[href*="/categories/"]',
    '#post-info a.post-meta-categories',
    '.post-metas a[href*="/categories/"]',
    '.article-category-link',
  ],
  junk: [
    '.post-copyright',
    '.reward-container',
    '.post-reward',
    '.post-outdate-notice',
    '.tag_share',
    '.post-nav',
    '#article-nav',
    '.article-share-link',
    '#post-comment',
    '.copy-btn',
    '.post-ai-summary',
    '.license-box',
    '.article-licensing',
  ],
};
