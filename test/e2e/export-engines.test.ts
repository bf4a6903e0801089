// Exports the sample archive to Jekyll, Hugo and Hexo, builds each with the real engine and checks the
// built sites: every post with its title, date, text and images, internal links resolving, no 404;
// other engines' template syntax kept as literal text; the report listing what could not be mapped.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from './archive-harness.js';
import { removeSite } from '../engines/engines.js';
import { exportBuildAndCheck } from '../engines/site-checks.js';

const SAMPLE = join(ROOT, 'fixtures', 'archive-sample');
const sites: string[] = [];
after(async () => {
  for (const site of sites) await removeSite(site);
});

for (const engine of ['jekyll', 'hugo', 'hexo'] as const) {
  test(`export to ${engine}: the real engine builds every post, image and internal link`, async () => {
    const { report, pages } = await exportBuildAndCheck(SAMPLE, engine, false, sites);
    const text = (title: string) => pages.find((p) => p.title === title)!.bodyText;
    assert.match(text('Links, embeds and other things'), /\{\{< youtube dQw4w9WgXcQ >\}\}/);
    assert.match(text('Links, embeds and other things'), /\{% include footer\.html %\}/);
    assert.match(text('Links, embeds and other things'), /A stray \{\{< opener stays text\./);
    assert.match(text('Hello, World: "Quotes" & #hashes'), /a literal \{\{ curly \}\} pair/);
    assert.match(text('中文标题：测试 "引号"'), /这是一篇用中文写的文章/);
    assert.ok(pages.some((p) => p.title === 'yes'), 'a title that YAML 1.1 reads as a boolean stays text');
    const flagged = report.posts.find((p) => p.source === 'links-and-embeds.md')!;
    assert.deepEqual([...new Set(flagged.unmapped.map((u) => u.kind))].sort(), ['embed', 'raw-html', 'shortcode']);
    assert.equal(report.posts.find((p) => p.source === 'zhong-wen.md')!.unmapped.length, 0);
  });
  test(`export to ${engine} --keep-urls: old URLs still reach each post`, () => exportBuildAndCheck(SAMPLE, engine, true, sites).then(() => undefined));
}
