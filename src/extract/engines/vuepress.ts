import type { EngineRule } from './types.js';

/** VuePress and VitePress: documentation-style blogs (default themes, vuepress-theme-hope, reco). */
export const vuepress: EngineRule = {
  name: 'vuepress',
  detect: {
    generator: /^(vuepress|vitepress)\b/i,
    selectors: ['.theme-default-content', '.vp-doc', '#VPContent'],
  },
  content: ['.theme-default-content', '.vp-doc', '.theme-hope-content', '.page .content__default'],
  title: ['.theme-default-content h1', '.vp-doc h1', '.page-title h1'],
  date: ['.page-meta .date', 'time[datetime]'],
  updated: ['.last-updated .time', '.VPLastUpdated time'],
  tags: ['.page-tag a', '.tags-wrapper a', 'a[href*="/tag/"]'],
  categories: ['.page-category a', 'a[href*="/category/"]'],
  junk: ['.page-edit', '.page-nav', '.edit-link', '.last-updated', '.prev-next', '.VPDocFooter', '.table-of-contents'],
};
