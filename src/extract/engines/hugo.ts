import type { EngineRule } from './types.js';

/** Hugo: PaperMod, Ananke, Stack, Even, LoveIt/DoIt, Coder, Terminal/hello-friend, Book, Docsy, Blowfish. */
export const hugo: EngineRule = {
  name: 'hugo',
  detect: {
    generator: /^hugo\b/i,
    selectors: ['nav#TableOfContents', '.post-single .post-content', 'article.main-article section.article-content', 'article.single > h1.single-title'],
    // Themes that leave out the generator meta still fingerprint their styles and scripts through Hugo
    // Pipes, whose default names the file by its SHA-256 (`main.min.<64 hex>.css`); other tools use shorter
    // or hyphenated digests.
    html: /\/[\w.-]+\.[0-9a-f]{64}\.(?:css|js)["'?]/,
  },
  content: [
    '.post-single .post-content', // PaperMod
    'section.article-content', // Stack
    '.single .content#content', // LoveIt, DoIt
    'article .nested-copy-line-height', // Ananke
    '.td-content', // Docsy
    'article.markdown', // Book
    'article .article-content',
    '.post-content',
    '.entry-content',
    'article .content',
    'section.prose',
    'article .prose',
  ],
  title: ['h1.post-title', '.article-title', '.single-title', 'article header h1', '.post-title', 'h1.title'],
  date: [
    '.post-meta time[datetime]',
    '.article-time time[datetime]',
    'time[itemprop~="datePublished"]',
    '.post-meta span[title]',
    '.post-date',
    '.post-meta',
  ],
  tags: ['.post-tags a', '.tags a[href*="/tags/"]', '.article-tags a', '.post-info-tag a', 'a.tag[href*="/tags/"]'],
  categories: ['.article-category a', '.post-category a', '.post-meta a[href*="/categories/"]'],
  // Hugo's own OpenGraph template writes .Section there, Blowfish's and Congo's JSON-LD the section's title.
  sectionIsNotCategory: true,
  junk: [
    '#TableOfContents',
    '.toc',
    '.post-footer',
    '.paginav',
    '.share-buttons',
    '.post-tags',
    '.breadcrumbs',
    '.post-info',
    '.related-content',
    '.post-copyright',
  ],
};
