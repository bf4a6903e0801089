import type { EngineRule } from './types.js';

/** Substack posts and Substack-style newsletters (`.available-content .body.markup`). */
export const substack: EngineRule = {
  name: 'substack',
  detect: {
    selectors: ['.available-content .body.markup', 'link[href*="substackcdn.com"]', 'script[src*="substackcdn.com"]'],
    html: /substackcdn\.com/,
  },
  content: ['.available-content .body.markup', '.body.markup', '.available-content'],
  title: ['h1.post-title', 'h1[class*="post-title"]'],
  date: ['.post-header time[datetime]', '.post-date', '.post-meta .pencraft'],
  author: ['.post-header .profile-hover-card-target a', '.byline-names a'],
  junk: [
    '.subscription-widget-wrap',
    '.subscription-widget',
    '.subscribe-widget',
    '.button-wrapper',
    '.captioned-button-wrap',
    '.share-dialog',
    '.paywall',
    '.image-link-expand',
    '.post-footer',
    '.community-chat',
  ],
};
