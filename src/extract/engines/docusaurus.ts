import type { EngineRule } from './types.js';

/** Docusaurus (v2/v3): blog posts and docs pages. Class names carry hashes, so selectors use stable ones. */
export const docusaurus: EngineRule = {
  name: 'docusaurus',
  detect: {
    generator: /^docusaurus\b/i,
    selectors: ['#__docusaurus', '#__blog-post-container', '.theme-doc-markdown'],
  },
  content: ['#__blog-post-container', '.theme-doc-markdown', 'article [itemprop="articleBody"]', 'article .markdown', '.markdown'],
  title: ['article header h1[itemprop="headline"]', 'article header h1', '.theme-doc-markdown h1', 'h1'],
  date: ['article header time[datetime]', 'time[itemprop~="datePublished"]'],
  author: ['[itemprop="author"] [itemprop="name"]', '.avatar__name'],
  tags: ['article footer a[href*="/tags/"]', '.theme-blog-footer-tags a', 'a[class*="tag"][href*="/tags/"]'],
  junk: [
    '.theme-edit-this-page',
    '.pagination-nav',
    '.theme-doc-toc-mobile',
    '.theme-doc-breadcrumbs',
    '.theme-doc-footer',
    '.theme-doc-version-badge',
    '.hash-link',
  ],
};
