import type { EngineRule } from './types.js';

/** MkDocs (Material and the default theme), including Material's blog plugin. */
export const mkdocs: EngineRule = {
  name: 'mkdocs',
  detect: {
    generator: /^mkdocs\b/i,
    selectors: ['.md-content__inner.md-typeset', 'div[role="main"].col-md-9'],
  },
  content: ['article.md-content__inner', '.md-content__inner', 'div[role="main"]'],
  title: ['.md-content__inner h1', 'div[role="main"] h1'],
  date: ['.md-post__meta time[datetime]', '.md-source-file__fact time', 'time[datetime]'],
  author: ['.md-post__authors .md-author img[alt]'],
  junk: ['.md-content__button', '.md-source-file', '.md-post__meta', '.md-post__authors', '.md-feedback', '.md-comments'],
};
