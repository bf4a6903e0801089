// The checks both platform round trips run: a blog archived, migrated, then archived again from the
// platform by blogvault itself must come back post for post with the same title, instant, tags,
// categories, text (token F1 >= 0.99), images (same bytes) and links between posts.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { ArchivedPost } from '../e2e/archive-harness.js';
import { tokenF1 } from '../engines/engines.js';
import { archiveImages, internalLinks, readerText, urlKey } from '../engines/site-checks.js';

const sortedNames = (value: unknown) => [...((value as string[] | undefined) ?? [])].map((s) => s.toLowerCase()).sort();

/**
 * Text as WordPress displays it is "texturized" (wptexturize: curly quotes, dashes, ellipses) while the
 * stored text is not: titles read back from its pages are compared with that undone.
 */
export const untexturized = (text: string) =>
  text.replace(/[\u201c\u201d\u201e\u2033]/g, '"').replace(/[\u2018\u2019\u2032]/g, "'").replace(/[\u2013\u2014]/g, '-').replace(/\u2026/g, '...').replace(/\u00d7/g, 'x');

export interface CompareOptions {
  /** The platform shows titles texturized (WordPress). */
  texturized?: boolean;
  /** The platform has no categories: the original's categories come back as tags. */
  categoriesAsTags?: boolean;
}

/** Pairs each original post with its twin (same title) in the second archive, asserting all of the above. */
export async function compareArchives(originalDir: string, original: ArchivedPost[], againDir: string, again: ArchivedPost[], options: CompareOptions = {}): Promise<Map<ArchivedPost, ArchivedPost>> {
  assert.equal(again.length, original.length, `the platform's archive has ${again.length} posts, the original ${original.length}: ${again.map((p) => p.fm.title).join(' | ')}`);
  const title = (post: ArchivedPost) => (options.texturized ? untexturized(String(post.fm.title)) : String(post.fm.title));
  const byTitle = new Map(again.map((p) => [title(p), p]));
  const twins = new Map<ArchivedPost, ArchivedPost>();
  for (const post of original) {
    const where = `${post.file} ("${post.fm.title}")`;
    const twin = byTitle.get(title(post));
    assert.ok(twin, `${where}: no post with this title on the platform (have ${[...byTitle.keys()].join(' | ')})`);
    twins.set(post, twin);
    assert.equal(Date.parse(String(twin.fm.date)), Date.parse(String(post.fm.date)), `${where}: date ${String(twin.fm.date)} is not ${String(post.fm.date)}`);
    const wantTags = options.categoriesAsTags ? [...new Set([...sortedNames(post.fm.tags), ...sortedNames(post.fm.categories)])].sort() : sortedNames(post.fm.tags);
    assert.deepEqual(sortedNames(twin.fm.tags), wantTags, `${where}: tags`);
    if (!options.categoriesAsTags) assert.deepEqual(sortedNames(twin.fm.categories), sortedNames(post.fm.categories), `${where}: categories`);
    const f1 = tokenF1(readerText(post.body), readerText(twin.body));
    assert.ok(f1 >= 0.99, `${where}: body F1 ${f1.toFixed(4)} < 0.99\n--- original ---\n${post.body}\n--- from the platform ---\n${twin.body}`);

    const images = archiveImages(post.body);
    const twinImages = archiveImages(twin.body);
    assert.equal(twinImages.length, images.length, `${where}: ${twinImages.length} images, the original shows ${images.length}`);
    for (const [i, src] of images.entries()) {
      const bytes = await readFile(join(originalDir, posix.dirname(post.file), decodeURIComponent(src)));
      const twinBytes = await readFile(join(againDir, posix.dirname(twin.file), decodeURIComponent(twinImages[i])));
      assert.ok(twinBytes.equals(bytes), `${where}: image ${i + 1} (${twinImages[i]}) does not hold the bytes of ${src}`);
    }
  }

  // Links between posts now lead to the platform's copy of the linked post.
  const originalByUrl = new Map(original.map((p) => [urlKey(String(p.fm.url)), p]));
  const againByUrl = new Map(again.map((p) => [urlKey(String(p.fm.url)), p]));
  let checked = 0;
  for (const post of original) {
    const twin = twins.get(post)!;
    const links = internalLinks(twin, againByUrl);
    for (const link of internalLinks(post, originalByUrl)) {
      const found = links.find((l) => l.text === link.text);
      assert.ok(found, `${post.file}: the link "${link.text}" to ${link.to.file} does not lead to a post on the platform`);
      assert.equal(found.to, twins.get(link.to), `${post.file}: the link "${link.text}" leads to ${found.to.file}, not to the copy of ${link.to.file}`);
      checked++;
    }
  }
  assert.ok(checked > 0, 'the fixture blog has links between posts: none were checked');
  return twins;
}
