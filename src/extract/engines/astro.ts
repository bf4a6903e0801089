import type { EngineRule } from './types.js';

/**
 * Astro: the official blog starter (`article > .prose`, a `.title` block with the date, title and a rule
 * inside the article) and themes built on Tailwind Typography (`article.prose`, AstroPaper's `#article`).
 * Scoped styles leave `data-astro-cid-*` attributes and islands `<astro-island>`, generator meta or not.
 */
export const astro: EngineRule = {
  name: 'astro',
  detect: {
    generator: /^astro\b/i,
    selectors: ['astro-island'],
    html: /\sdata-astro-cid-[a-z0-9]+|\/_astro\/[\w.-]+\.(?:css|js)/i,
  },
  content: ['article > .prose', 'article#article', 'article.prose', 'main .prose'],
  title: ['article .prose .title h1', 'article h1', 'main h1'],
  date: ['article .date time[datetime]', 'article time[datetime]', 'main time[datetime]'],
  updated: ['.last-updated-on time[datetime]'],
  tags: ['article a[href*="/tags/"]', 'main a[href*="/tags/"]'],
  junk: ['.hero-image', '.last-updated-on'],
};
