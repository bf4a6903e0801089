import type { EngineRule } from './types.js';

/** Blogger / Blogspot: classic layouts (Simple, Minima, Awesome Inc.) and Contempo/Soho/Emporio. */
export const blogger: EngineRule = {
  name: 'blogger',
  detect: {
    generator: /^blogger\b/i,
    selectors: ['.blog-posts .post-outer', 'div.post-body.entry-content', 'link[href*="blogger.com"]'],
    html: /www\.blogger\.com\/(static|dyn-css)\//,
  },
  content: ['.post-body.entry-content', '.post-body', '[itemprop="articleBody"]', '.entry-content'],
  title: ['h3.post-title', '.post-title', '.entry-title'],
  date: [
    'time.published[datetime]',
    'abbr.published[title]',
    '.post-timestamp abbr[title]',
    'a.timestamp-link abbr',
    '.date-header span',
    '.date-header',
    '.post-timestamp',
  ],
  author: ['.post-author .fn', '.byline.post-author .fn', '.post-author-label + .fn'],
  tags: ['.post-labels a', '.post-footer a[rel="tag"]', '.labels a', '.post-label a'],
  junk: [
    '.post-footer',
    '.post-share-buttons',
    '.blog-pager',
    '#comments',
    '.post-feeds',
    '.jump-link',
    '.post-header-line-1',
    '.post-header',
    '.byline',
    '.share-button',
  ],
};
