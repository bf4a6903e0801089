/**
 * Turns one archive post into a target's post file (pure): links to other posts and to images
 * rewritten through the layout, the engine's template syntax neutralised, front matter mapped.
 */
import { posix } from 'node:path';
import { renderFrontMatter } from './front-matter-render.js';
import { replaceUrls, type UrlSpot } from './markdown-scan.js';
import type { PostIndex } from './plan.js';
import type { ExportOptions, Layout, PlannedPost, UnmappedItem } from './types.js';
import { detectUnmapped } from './unmapped.js';

export interface ArchiveFiles {
  /** Every file of the archive, relative to it, posix. */
  has(path: string): boolean;
}

export interface ExportedFile {
  file: string;
  content: string;
  /** Archive asset files the post references (archive-relative), to copy to `layout.assetFile`. */
  assets: string[];
  internalLinks: number;
  unmapped: UnmappedItem[];
}

const IMAGE_LIKE = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|tiff?|mp4|webm|mp3|pdf)$/i;
/** Private-use characters: refs stand in the text as `\uE000n\uE001` until the text is protected. */
const REF_MARK = /\uE000(\d+)\uE001/g;

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The archive file a relative URL in `post` names, if it is one; `undefined` for absolute URLs. */
export function archiveFileOf(url: string, post: PlannedPost, files: ArchiveFiles): { file?: string; relative: boolean } {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url) || url.startsWith('#')) return { relative: false };
  const path = decode(url.replace(/[?#].*$/, ''));
  if (!path) return { relative: false };
  const candidates = [posix.normalize(posix.join(posix.dirname(post.source), path)), posix.normalize(path.replace(/^\/+/, ''))];
  return { file: candidates.find((c) => !c.startsWith('..') && files.has(c)), relative: true };
}

/** Where a body's references go: the target's form of a link to an archive asset or to another post. */
export interface RefResolver {
  asset(asset: string, syntax: 'markdown' | 'html'): string;
  post(to: PlannedPost, fragment: string): string;
}

export interface RewrittenBody {
  body: string;
  /** Archive asset files the body references (archive-relative). */
  assets: string[];
  internalLinks: number;
  unmapped: UnmappedItem[];
}

/**
 * Rewrites a post's links to other posts and to its images through `refs`; `protect` (the engine's
 * template escaping) applies to archive text only, never to the refs written.
 */
export function rewriteBody(post: PlannedPost, refs: RefResolver, index: PostIndex, files: ArchiveFiles, bySource: Map<string, PlannedPost>, protect?: (text: string) => string): RewrittenBody {
  const written: string[] = [];
  const mark = (ref: string) => `\uE000${written.push(ref) - 1}\uE001`;
  const assets = new Set<string>();
  const unmapped: UnmappedItem[] = detectUnmapped(post.markdown);
  let internalLinks = 0;

  const rewrite = (url: string, spot: UrlSpot): string | undefined => {
    const local = archiveFileOf(url, post, files);
    if (local.file) {
      const linked = bySource.get(local.file);
      if (linked) {
        internalLinks++;
        return mark(refs.post(linked, url.includes('#') ? url.slice(url.indexOf('#')) : ''));
      }
      assets.add(local.file);
      return mark(refs.asset(local.file, spot.syntax === 'html' ? 'html' : 'markdown'));
    }
    if (local.relative && IMAGE_LIKE.test(url.replace(/[?#].*$/, ''))) {
      unmapped.push({ kind: 'missing-asset', detail: `${url} is not in the archive` });
      return undefined;
    }
    if (url.startsWith('#')) return undefined;
    const target = index.find(url, post);
    if (!target) {
      // Pages of the old blog that were not archived (about, tag pages): the link outlives the move only
      // while the old site does.
      if (index.onOldSite(url, post)) unmapped.push({ kind: 'old-site-link', detail: `${url} is not an archived post` });
      return undefined;
    }
    internalLinks++;
    return mark(refs.post(target.post, target.fragment));
  };

  const marked = replaceUrls(post.markdown, rewrite);
  const protectedText = protect ? marked.split(/(\uE000\d+\uE001)/).map((part, i) => (i % 2 ? part : protect(part))).join('') : marked;
  const body = protectedText.replace(REF_MARK, (_, n: string) => written[Number(n)]).replace(/\s*$/, '\n');
  return { body, assets: [...assets], internalLinks, unmapped };
}

/** The archive asset the post's `image` front matter names, when it is one. */
export function imageAssetOf(post: PlannedPost, files: ArchiveFiles): string | undefined {
  return post.meta.image ? archiveFileOf(post.meta.image, post, files).file : undefined;
}

export function exportPost(post: PlannedPost, layout: Layout, index: PostIndex, files: ArchiveFiles, options: ExportOptions, bySource: Map<string, PlannedPost>): ExportedFile {
  const refs: RefResolver = {
    asset: (asset, syntax) => layout.assetRef(post, asset, syntax, options),
    post: (to, fragment) => layout.postRef(to, post, fragment, options),
  };
  const { body, assets, internalLinks, unmapped } = rewriteBody(post, refs, index, files, bySource, layout.protectText);
  const image = imageAssetOf(post, files);
  const all = new Set(assets);
  if (image) all.add(image);
  const frontMatter = layout.frontMatter(post, { options, body, imageAsset: image });
  return {
    file: layout.postFile(post),
    content: `${renderFrontMatter(frontMatter)}\n${body}`,
    assets: [...all],
    internalLinks,
    unmapped,
  };
}
