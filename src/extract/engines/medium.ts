import type { EngineRule } from './types.js';

/** Medium pages and Medium-style markup (Medium's own HTML export, self-hosted copies of it). */
export const medium: EngineRule = {
  name: 'medium',
  detect: {
    selectors: [
      'meta[property="al:android:app_name"][content="Medium"]',
      'meta[name="twitter:site"][content="@Medium"]',
      'h1.pw-post-title',
      'section[data-field="body"]',
    ],
  },
  content: ['section[data-field="body"]', 'article .meteredContent', 'article'],
  title: ['h1.pw-post-title', 'h1[data-testid="storyTitle"]', 'header h1.p-name', 'h1'],
  date: ['[data-testid="storyPublishDate"]', 'time.dt-published[datetime]', 'footer time[datetime]'],
  author: ['[data-testid="authorName"]', 'a.p-author', '.p-author'],
  tags: ['a[href*="/tag/"]'],
  junk: [
    '.speechify-ignore',
    '.pw-multi-vote-icon',
    '[data-testid="headerClapButton"]',
    '[data-testid="audioPlayButton"]',
    '.section-divider',
    'section[data-field="subtitle"]',
  ],
};
