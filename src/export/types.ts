import type { PostMeta } from '../types.js';
import type { RedirectMap } from './redirects.js';
import type { SiteFiles } from './site-files.js';

export const EXPORT_TARGETS = ['jekyll', 'hugo', 'hexo', 'astro', 'wordpress', 'ghost', 'plain'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];
/** Targets written as one file per post in a static site's source layout. */
export type LayoutTarget = Exclude<ExportTarget, 'plain' | 'wordpress' | 'ghost'>;
/** Platforms that import a whole blog from one file, or take posts through their API (`publish`). */
export type PlatformTarget = 'wordpress' | 'ghost';

export interface ExportOptions {
  to: ExportTarget;
  out: string;
  /** Keep each post's old URL path reachable (Jekyll/Hexo `permalink`, Hugo `aliases`). */
  keepUrls?: boolean;
  /** WordPress: the public URL the exported `media/` folder will be served from, for the importer to download. */
  mediaUrl?: string;
}

/** Something in a post the target cannot express the same way; kept verbatim, listed for a human. */
export interface UnmappedItem {
  kind: 'shortcode' | 'embed' | 'raw-html' | 'missing-asset' | 'old-site-link' | 'missing-date';
  /** 1-based line in the archive post's body, when the item sits in the body. */
  line?: number;
  detail: string;
}

export interface ExportedPost {
  /** Archive file, relative to the archive folder (posix). */
  source: string;
  /** Written file, relative to the output folder (posix). */
  file: string;
  url: string;
  title: string;
  assets: number;
  /** Links to other posts of the archive rewritten to the target's paths. */
  internalLinks: number;
  unmapped: UnmappedItem[];
}

export interface ExportReport {
  target: ExportTarget;
  out: string;
  posts: ExportedPost[];
  /** Asset files written (each file once, even when several posts share it). */
  assetFiles: number;
  /** The redirect map from the old blog's URLs, and the folder its files were written to. */
  redirects?: { dir: string; map: RedirectMap };
  warnings: string[];
  /** The report as the CLI prints it (`formatExportReport`). */
  summary: string;
}

/** One archive post as read from disk. */
export interface ArchivePost {
  /** Relative to the archive folder, posix. */
  source: string;
  url: string;
  meta: PostMeta & Record<string, unknown>;
  markdown: string;
  /** File modification time: the date of last resort for posts that have none. */
  mtime: Date;
}

/** Date and time as written in the archive: the wall-clock of the blog, with its offset when known. */
export interface WallDate {
  year: string;
  month: string;
  day: string;
  /** `HH:MM:SS`; absent when the archive gives a day only. */
  time?: string;
  /** `Z` or `±HH:MM`; absent when the archive gives none. */
  offset?: string;
}

/** An archive post with everything a layout needs decided: its unique slug and its dates. */
export interface PlannedPost extends ArchivePost {
  slug: string;
  date: WallDate;
  updated?: WallDate;
  /** The URL path of the old blog (decoded), e.g. `/2015/07/26/hello/`. */
  oldPath: string;
}

/** A front matter value a layout produced: text and lists are quoted as needed, `raw` written verbatim. */
export type FrontMatterValue = string | string[] | string[][] | boolean | { raw: string };
export type FrontMatter = [key: string, value: FrontMatterValue][];

/**
 * What one target platform's layout decides. Paths are posix and relative to the output folder;
 * `asset` arguments are asset files relative to the archive folder.
 */
export interface Layout {
  target: LayoutTarget;
  postFile(post: PlannedPost): string;
  assetFile(post: PlannedPost, asset: string): string;
  /** What the post's body writes to reference the asset, in Markdown or in an HTML attribute. */
  assetRef(post: PlannedPost, asset: string, syntax: 'markdown' | 'html', options: ExportOptions): string;
  /** What `from`'s body writes to link to `to`; `fragment` includes its `#` or is empty. */
  postRef(to: PlannedPost, from: PlannedPost, fragment: string, options: ExportOptions): string;
  frontMatter(post: PlannedPost, context: FrontMatterContext): FrontMatter;
  /** The site path the built post is served at, with the settings the README gives for the target. */
  postUrl(post: PlannedPost, options: ExportOptions): string;
  /** The site path of an asset exported with `post`; undefined when the engine renames it at build time. */
  assetUrl(post: PlannedPost, asset: string, options: ExportOptions): string | undefined;
  /** Neutralises the engine's own template syntax in archive text (never in refs the layout wrote). */
  protectText?(text: string): string;
  /** Export-wide caveats, e.g. an option the target cannot honour. */
  warnings?(options: ExportOptions): string[];
  /** What the engine needs besides the posts to build the folder: config, minimal templates. */
  site?: SiteFiles;
}

export interface FrontMatterContext {
  options: ExportOptions;
  /** The exported body, after links and protection. */
  body: string;
  /** `image` front matter resolved to an archive asset, when it is one. */
  imageAsset?: string;
}
