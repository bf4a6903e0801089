import syntaxHighlight from '@11ty/eleventy-plugin-syntaxhighlight';
import markdownItAnchor from 'markdown-it-anchor';

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export default function (eleventyConfig) {
  eleventyConfig.addPassthroughCopy({ 'content/images': 'images' });
  eleventyConfig.addPlugin(syntaxHighlight);
  eleventyConfig.addFilter('readableDate', (d) => `${String(d.getUTCDate()).padStart(2, '0')} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`);
  eleventyConfig.addFilter('htmlDateString', (d) => d.toISOString().slice(0, 10));
  eleventyConfig.addFilter('isoString', (d) => d.toISOString());
  eleventyConfig.addFilter('head', (array, n) => (n < 0 ? array.slice(n) : array.slice(0, n)));
  eleventyConfig.addFilter('filterTagList', (tags) => (tags || []).filter((t) => !['all', 'posts'].includes(t)));
  eleventyConfig.addFilter('getAllTags', (collection) => {
    const tags = new Set();
    for (const item of collection) for (const t of item.data.tags || []) tags.add(t);
    return [...tags].filter((t) => !['all', 'posts'].includes(t)).sort();
  });
  eleventyConfig.amendLibrary('md', (md) => {
    md.use(markdownItAnchor, {
      permalink: markdownItAnchor.permalink.ariaHidden({ placement: 'after', class: 'header-anchor', symbol: '#', ariaHidden: false }),
      level: [1, 2, 3, 4],
      slugify: eleventyConfig.getFilter('slugify'),
    });
  });
  return {
    templateFormats: ['md', 'njk', 'html'],
    markdownTemplateEngine: false,
    htmlTemplateEngine: 'njk',
    dir: { input: 'content', includes: '../_includes', output: '_site' },
  };
}
