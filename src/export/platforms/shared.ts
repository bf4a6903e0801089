/** What the WordPress and Ghost exports and publishers share: the archive read once, bodies as HTML, dates. */
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { imageAssetOf, rewriteBody, type RefResolver } from '../export-post.js';
import { markdownToBlocks, markdownToHtml } from '../html.js';
import { PostIndex, planPosts } from '../plan.js';
import { readArchive } from '../read-archive.js';
import { readArchiveHistory, type ArchiveHistory } from '../redirects.js';
import type { PlannedPost, UnmappedItem, WallDate } from '../types.js';

export interface LoadedArchive {
  dir: string;
  posts: PlannedPost[];
  /** Planning notes (missing dates) by archive source. */
  notes: Map<string, UnmappedItem[]>;
  index: PostIndex;
  files: Set<string>;
  bySource: Map<string, PlannedPost>;
  history: ArchiveHistory;
}

export async function listFiles(root: string, dir = root): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, path)));
    else if (entry.isFile()) files.push(relative(root, path).split(sep).join('/'));
  }
  return files;
}

export async function loadArchive(dir: string): Promise<LoadedArchive> {
  const { posts, notes } = planPosts(await readArchive(dir));
  return {
    dir,
    posts,
    notes,
    index: new PostIndex(posts),
    files: new Set(await listFiles(dir)),
    bySource: new Map(posts.map((p) => [p.source, p])),
    history: await readArchiveHistory(dir),
  };
}

export interface PlatformBody {
  html: string;
  /** The Markdown the HTML was made from, links already rewritten. */
  markdown: string;
  /** Archive assets the body shows, and the post's featured image when it is an archive asset. */
  assets: string[];
  featureAsset?: string;
  internalLinks: number;
  unmapped: UnmappedItem[];
}

/** The post's body as the platform stores it, its links and images already pointing where `refs` says. */
export function platformBody(post: PlannedPost, archive: LoadedArchive, refs: RefResolver, form: 'blocks' | 'html'): PlatformBody {
  const rewritten = rewriteBody(post, refs, archive.index, archive.files, archive.bySource);
  const html = form === 'blocks' ? markdownToBlocks(rewritten.body) : markdownToHtml(rewritten.body);
  return {
    html,
    markdown: rewritten.body,
    assets: rewritten.assets,
    featureAsset: imageAssetOf(post, archive.files),
    internalLinks: rewritten.internalLinks,
    unmapped: [...(archive.notes.get(post.source) ?? []), ...rewritten.unmapped],
  };
}

/** The instant of a wall-clock date; a date without an offset is read as UTC. */
export function instantOf(date: WallDate): Date {
  return new Date(`${date.year}-${date.month}-${date.day}T${date.time ?? '00:00:00'}${date.offset ?? 'Z'}`);
}

/** `YYYY-MM-DD HH:MM:SS`, the form WordPress stores. */
export function sqlDate(date: WallDate): string {
  return `${date.year}-${date.month}-${date.day} ${date.time ?? '00:00:00'}`;
}

export const sqlDateUtc = (instant: Date) => instant.toISOString().slice(0, 19).replace('T', ' ');

/** Platforms keep one list of people and terms: the same name written twice (any case) is one. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.map((n) => n.trim()).filter((n) => n && !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
}

/** A stable identifier from text, for ids the import formats require (the platforms assign their own). */
export const stableId = (text: string, length = 24) => createHash('sha1').update(text).digest('hex').slice(0, length);

/** The old URL each archive asset was downloaded from (its first). */
export function oldAssetUrls(history: ArchiveHistory): Map<string, string> {
  const urls = new Map<string, string>();
  for (const [url, asset] of history.images) if (!urls.has(asset)) urls.set(asset, url);
  return urls;
}

/** URL-safe lower-case slug, the form both platforms settle on. */
export const platformSlug = (post: PlannedPost) => post.slug.toLowerCase();

export const basename = (path: string) => path.split('/').pop()!;

/** The upload folder platforms file an image under: the year and month of the first post showing it. */
export const monthFolder = (date: WallDate) => `${date.year}/${date.month}`;

export const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
  tif: 'image/tiff',
  tiff: 'image/tiff',
};

export const mimeOf = (file: string) => IMAGE_TYPES[file.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
