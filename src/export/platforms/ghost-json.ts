/**
 * `export --to ghost`: Ghost's import file (Settings → Labs → Import content, or the Admin API's db
 * import) with posts as Lexical (HTML cards, so nested lists and tables survive) and HTML, tags, authors, dates and
 * feature images; the images under `content/images/YYYY/MM/`, the layout Ghost's importer stores them
 * in; and `ghost-import.zip`, the JSON and the images in one upload.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import unidecode from 'unidecode';
import { markdownToLexical } from '../html.js';
import type { PlannedPost } from '../types.js';
import { authorLogin } from './wordpress-wxr.js';
import { basename, instantOf, monthFolder, platformBody, stableId, uniqueNames, type LoadedArchive } from './shared.js';

/**
 * Ghost's own slug rule (`slugify` of @tryghost/string, which it applies to every slug it is given):
 * transliterated to ASCII, URL-reserved characters made dashes, lower case. Applied here, the slug and so
 * the post's URL are known before Ghost sees the post.
 */
export function ghostSlug(text: string): string {
  const slug = unidecode(text.replace(/£/g, '-'))
    .replace(/[\s.@:/?#[\]!$&()*+,;=\\%<>|^~"{}`\u2013\u2014]/g, '-')
    .replace(/'/g, '')
    .toLowerCase()
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .trim();
  return slug || 'post';
}

export const ghostPostSlug = (post: PlannedPost) => ghostSlug(post.slug);

/** Ghost's public post route (`/:slug/` unless routes.yaml says otherwise). */
export const ghostPostPath = (post: PlannedPost) => `/${ghostPostSlug(post)}/`;

/** Ghost has no categories: they become tags, first, so a post's first category is its primary tag. */
export const ghostTags = (post: PlannedPost) => uniqueNames([...post.meta.categories, ...post.meta.tags]);

export interface GhostImage {
  asset: string;
  /** Relative to the export folder and inside the zip. */
  file: string;
  /** The site path Ghost serves it at. */
  newPath: string;
}

export interface GhostExport {
  json: string;
  images: GhostImage[];
  bodies: Map<PlannedPost, ReturnType<typeof platformBody>>;
}

/** Ghost caps custom excerpts at 300 characters. */
const excerpt = (text: string | undefined) => (text && text.length > 300 ? `${text.slice(0, 299)}…` : text) || null;

export function buildGhostImport(archive: LoadedArchive): GhostExport {
  const images = new Map<string, GhostImage>();
  const imageOf = (asset: string, post: PlannedPost) => {
    let image = images.get(asset);
    if (!image) {
      const path = `content/images/${monthFolder(post.date)}/${basename(asset)}`;
      image = { asset, file: path, newPath: `/${path}` };
      images.set(asset, image);
    }
    return image;
  };
  const bodies = new Map<PlannedPost, ReturnType<typeof platformBody>>();
  for (const post of archive.posts) {
    const body = platformBody(post, archive, { asset: (asset) => imageOf(asset, post).newPath, post: (to, fragment) => `${ghostPostPath(to)}${fragment}` }, 'html');
    if (body.featureAsset) imageOf(body.featureAsset, post);
    bodies.set(post, body);
  }

  const tagNames = uniqueNames(archive.posts.flatMap(ghostTags));
  const tagIds = new Map(tagNames.map((name) => [name.toLowerCase(), stableId(`tag:${name.toLowerCase()}`)]));
  const authorNames = uniqueNames(archive.posts.map((p) => p.meta.author ?? ''));
  const authorIds = new Map(authorNames.map((name) => [name.toLowerCase(), stableId(`author:${name.toLowerCase()}`)]));
  const posts = archive.posts.map((post) => {
    const body = bodies.get(post)!;
    const published = instantOf(post.date).toISOString();
    return {
      id: stableId(`post:${post.source}`),
      title: post.meta.title.replace(/\s+/g, ' ').trim() || post.slug,
      slug: ghostPostSlug(post),
      html: body.html,
      lexical: markdownToLexical(body.markdown),
      feature_image: body.featureAsset ? images.get(body.featureAsset)!.newPath : post.meta.image && /^https?:/.test(post.meta.image) ? post.meta.image : null,
      type: 'post',
      status: 'published',
      visibility: 'public',
      custom_excerpt: excerpt(post.meta.description),
      created_at: published,
      updated_at: post.updated ? instantOf(post.updated).toISOString() : published,
      published_at: published,
    };
  });
  const data = {
    posts,
    tags: tagNames.map((name) => ({ id: tagIds.get(name.toLowerCase()), name, slug: null })),
    posts_tags: archive.posts.flatMap((post, i) => ghostTags(post).map((name, order) => ({ post_id: posts[i].id, tag_id: tagIds.get(name.toLowerCase()), sort_order: order }))),
    users: authorNames.map((name) => ({ id: authorIds.get(name.toLowerCase()), name, slug: authorLogin(name).replace(/\./g, '-'), email: `${authorLogin(name)}@users.invalid` })),
    posts_authors: archive.posts.flatMap((post, i) =>
      post.meta.author?.trim() ? [{ post_id: posts[i].id, author_id: authorIds.get(post.meta.author.trim().toLowerCase()), sort_order: 0 }] : [],
    ),
  };
  // The newest post's date, not the clock: exporting an unchanged archive twice gives the same bytes.
  const exportedOn = Math.max(0, ...posts.map((p) => Date.parse(p.updated_at)));
  const json = `${JSON.stringify({ db: [{ meta: { exported_on: exportedOn, version: '5.0.0' }, data }] }, null, 2)}\n`;
  return { json, images: [...images.values()], bodies };
}

export async function writeGhostImport(archive: LoadedArchive, out: string): Promise<GhostExport> {
  const result = buildGhostImport(archive);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'ghost-import.json'), result.json);
  const zip: Record<string, Uint8Array> = { 'ghost-import.json': Buffer.from(result.json) };
  for (const image of result.images) {
    const bytes = await readFile(join(archive.dir, image.asset));
    await mkdir(dirname(join(out, image.file)), { recursive: true });
    await writeFile(join(out, image.file), bytes);
    zip[image.file] = bytes;
  }
  // Images are compressed already; a fixed time keeps the zip's bytes a function of its contents.
  await writeFile(join(out, 'ghost-import.zip'), zipSync(zip, { level: 0, mtime: new Date('2000-01-01T00:00:00Z') }));
  return result;
}
