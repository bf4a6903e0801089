import type { EngineRule } from './types.js';

/** Jekyll: minima, Minimal Mistakes, Chirpy, Beautiful Jekyll, Hyde/Lanyon/Poole, Cayman-style themes. */
export const jekyll: EngineRule = {
  name: 'jekyll',
  detect: {
    generator: /^jekyll\b/i,
    selectors: ['.post-content.e-content[itemprop="articleBody"]', 'section.page__content[itemprop="text"]', '#core-wrapper .post-tail-wrapper'],
    html: /<!-- Begin Jekyll SEO tag/,
  },
  content: [
    '.post-content[itemprop="articleBody"]', // minima
    '.page__content', // Minimal Mistakes
    'article .content', // Chirpy
    'article.blog-post', // Beautiful Jekyll
    '.post-content',
    '.post-body',
    '.entry-content',
    'div.post', // Hyde, Lanyon, Poole
    '.markdown-body',
  ],
  title: ['.post-title', '.page__title', '.post-heading h1', '.entry-title', 'article h1'],
  date: ['.post-meta time[datetime]', '.page__meta time[datetime]', 'time[data-ts]', '.post-date', 'span.post-meta'],
  tags: ['.page__taxonomy a[href*="/tags"]', '.post-tags a', '.blog-tags a', '.post-tail-wrapper a[href*="/tags/"]'],
  categories: ['.page__taxonomy a[href*="/categories"]', '.post-meta a[href*="/categories/"]'],
  junk: [
    '.page__meta',
    '.page__taxonomy',
    '.page__share',
    '.page__comments',
    '.page__related',
    '.sidebar__right',
    '.post-tail-wrapper',
    '.blog-tags',
    '.post-date',
    '.related',
    '.pagination',
  ],
};
