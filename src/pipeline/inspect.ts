import { fetchLayerFor } from './http.js';
import { findNextPages } from '../discover/pagination.js';
import { walkIndex } from '../discover/index-walk.js';
import { discoverFeedLinks } from '../discover/feeds.js';
import { discoverSitemapLinks } from '../discover/sitemap.js';
import { detectEngine, extractPost } from '../extract/index.js';
import { htmlToMarkdown } from '../convert/index.js';
import { fetchIndex, readStartPage, validateStartUrl } from './run-start.js';
import type { ArchiveSettings } from './options.js';

/**
 * A dry run that explains what an archive run would do on this blog, writing nothing. `found`: whether
 * it found a post to archive (`archive` exits 1 when it finds none, and so does `inspect`).
 */
export async function runInspect(settings: ArchiveSettings, pages: number): Promise<{ text: string; found: boolean }> {
  const startUrl = validateStartUrl(settings.startUrl);
  const http = fetchLayerFor(settings);
  const out: string[] = [];
  try {
    const first = await fetchIndex(http, startUrl);
    const html = first.text ?? '';
    const start = readStartPage(first, settings);
    const { single, render } = start;
    out.push(`Blog:      ${startUrl}`);
    if (single) {
      out.push(`Page:      a single post (${single}), not the blog's index: \`archive\` archives this post only`);
      out.push(`           (give the blog's home page to archive every post)`);
    }
    out.push(`Engine:    ${detectEngine(html) ?? 'not recognised (generic extraction)'}`);
    out.push(`Rendering: ${render.render ? `needs a browser (${render.reason ?? 'no content in the static HTML'})` : 'static HTML is enough'}`);
    let sample: string | undefined = single ? first.finalUrl : undefined;
    if (!single) {
      out.push(`Next page candidates on the first page: ${findNextPages(html, first.finalUrl, settings.overrides).join(', ') || 'none'}`);
      if (start.languages.length) out.push(`Other languages (\`archive\` walks each as an index too): ${start.languages.join(', ')}`);
      out.push('', `Index pages (first ${pages}):`);
      let n = 0;
      const known: string[] = [];
      for await (const page of walkIndex(startUrl, http, { maxPages: pages, overrides: settings.overrides, firstPage: first })) {
        n++;
        out.push(`  ${n}. ${page.url}: ${page.links.length} post links${page.error ? ` (error: ${page.error})` : ''}`);
        for (const link of page.links) {
          known.push(link.url);
          sample ??= link.url;
          out.push(`       ${link.url}${link.title ? `  "${link.title}"` : ''}${link.date ? `  ${link.date}` : ''}`);
        }
      }
      const feed = await discoverFeedLinks(startUrl, start.feeds, http).catch(() => []);
      const sitemap = await discoverSitemapLinks(startUrl, http, known).catch(() => []);
      out.push('', `Feed: ${feed.length} posts listed. Sitemap: ${sitemap.length} post-like URLs listed.`);
      // `archive` also archives what only the feed or sitemap lists, unless told to walk the index only.
      if (!sample && settings.discover !== 'index') {
        sample = (settings.discover === 'sitemap' ? sitemap : settings.discover === 'feed' ? feed : [...feed, ...sitemap])[0]?.url;
        if (sample) out.push(`The index pages list no post; \`archive\` takes the posts from the ${settings.discover === 'all' ? 'feed and sitemap' : settings.discover}.`);
      }
    }
    if (sample) {
      const post = sample === first.finalUrl ? first : await http.fetch(sample, { kind: 'page' });
      const extracted = extractPost(post.text ?? '', post.finalUrl, { overrides: settings.overrides, site: start.site });
      const markdown = htmlToMarkdown(extracted.contentHtml, post.finalUrl);
      out.push('', `${single ? 'Post' : 'Sample post'}: ${sample}`);
      out.push(`  engine:     ${extracted.engine ?? 'generic'}`);
      if (extracted.contentSelector) out.push(`  content:    ${extracted.contentSelector}`);
      for (const [key, value] of Object.entries(extracted.meta)) {
        if (value !== undefined && !(Array.isArray(value) && value.length === 0)) out.push(`  ${`${key}:`.padEnd(11)} ${Array.isArray(value) ? value.join(', ') : value}`);
      }
      const lines = markdown.split('\n');
      out.push(`  body:       ${lines.length} lines of Markdown, beginning:`);
      for (const line of lines.slice(0, 12)) out.push(`    | ${line}`);
    } else {
      out.push('', 'No post links found: try --post-link <selector>, or --render always for a JavaScript-rendered blog.');
    }
    return { text: `${out.join('\n')}\n`, found: sample !== undefined };
  } finally {
    await http.close();
  }
}
