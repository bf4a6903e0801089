// Blog-only mode as the Docusaurus docs describe it: docs off, the blog served at the site root; with
// BENCH_WITH_DOCS=1 the classic layout: docs at /docs, blog at /blog.
const withDocs = process.env.BENCH_WITH_DOCS === '1';

export default {
  title: 'Bench Blog',
  tagline: 'Notes',
  url: 'http://example.com',
  baseUrl: '/',
  onBrokenLinks: 'warn',
  markdown: { format: 'detect' },
  i18n: { defaultLocale: 'en', locales: ['en'] },
  presets: [
    [
      'classic',
      {
        docs: withDocs ? {} : false,
        blog: {
          routeBasePath: withDocs ? '/blog' : '/',
          showReadingTime: true,
          postsPerPage: 10,
          blogSidebarTitle: 'Recent posts',
          blogSidebarCount: 5,
          feedOptions: { type: 'all' },
          onInlineAuthors: 'ignore',
          onUntruncatedBlogPosts: 'ignore',
        },
        theme: {},
      },
    ],
  ],
  themeConfig: {
    navbar: {
      title: 'Bench Blog',
      items: withDocs
        ? [
            { to: '/docs/intro', label: 'Docs', position: 'left' },
            { to: '/blog', label: 'Blog', position: 'left' },
          ]
        : [
            { to: '/archive', label: 'Archive', position: 'left' },
            { to: '/tags', label: 'Tags', position: 'left' },
          ],
    },
    footer: { style: 'dark', copyright: 'Copyright © Bench Author. Built with Docusaurus.' },
  },
};
