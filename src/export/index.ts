/**
 * `blogvault export`: writes an archive into another blog platform's layout or import file, ready to
 * build or import there, with a redirect map from the old blog's URLs; reports per post what it kept
 * verbatim but could not map.
 */
import { existsSync } from 'node:fs';
import { cp, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { writeSiteFiles, type SiteInfo } from './site-files.js';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../pipeline/errors.js';
import { exportPost } from './export-post.js';
import { LAYOUTS } from './layouts/index.js';
import { writeGhostImport, ghostPostPath } from './platforms/ghost-json.js';
import { listFiles, loadArchive, type LoadedArchive } from './platforms/shared.js';
import { writeWxr, wxrPostPath } from './platforms/wordpress-wxr.js';
import { readArchive } from './read-archive.js';
import { buildRedirectMap, writeRedirects } from './redirects.js';
import { formatExportReport } from './report.js';
import { EXPORT_TARGETS, type ExportOptions, type ExportReport, type ExportedPost, type LayoutTarget, type PlannedPost } from './types.js';

export { EXPORT_TARGETS } from './types.js';
export type { ExportOptions, ExportReport, ExportTarget, ExportedPost, UnmappedItem } from './types.js';
export { formatExportReport } from './report.js';

/** The folder of the output that holds the redirect files. */
export const REDIRECTS_DIR = 'redirects';

/** The blog's name and address, as the archive's last run saved them, for the config an export writes. */
async function siteInfo(archive: string): Promise<SiteInfo> {
  try {
    const settings = JSON.parse(await readFile(join(archive, '.blogvault', 'settings.json'), 'utf8')) as { startUrl?: string; site?: { title?: string } };
    const host = settings.startUrl ? new URL(settings.startUrl).hostname : undefined;
    return { title: settings.site?.title || host || 'Blog', url: settings.startUrl };
  } catch {
    // A folder of post files without blogvault's state (copied, or made by hand).
    return { title: 'Blog' };
  }
}

const withSummary = (report: Omit<ExportReport, 'summary'>): ExportReport => ({ ...report, summary: formatExportReport(report) });

/** Joins a layout's relative path to the output folder, refusing anything that would land outside it. */
function inside(out: string, path: string): string {
  const full = resolve(out, path);
  if (full !== out && !full.startsWith(out + sep)) throw new InputError(`export: refusing to write outside ${out}: ${path}`);
  return full;
}

async function exportPlain(archiveDir: string, out: string): Promise<ExportReport> {
  const posts = await readArchive(archiveDir);
  await cp(archiveDir, out, {
    recursive: true,
    // The lock belongs to a run on the source archive, not to the copy.
    filter: (src) => relative(archiveDir, src).split(sep).join('/') !== '.blogvault/lock',
  });
  const assetFiles = (await listFiles(archiveDir)).filter((f) => !f.endsWith('.md') && !f.startsWith('.blogvault/')).length;
  return withSummary({
    target: 'plain',
    out,
    assetFiles,
    warnings: [],
    posts: posts.map((p) => ({ source: p.source, file: p.source, url: p.url, title: p.meta.title, assets: 0, internalLinks: 0, unmapped: [] })),
  });
}

async function exportLayout(archive: LoadedArchive, to: LayoutTarget, out: string, options: ExportOptions): Promise<ExportReport> {
  const layout = LAYOUTS[to];
  const copies = new Map<string, string>();
  /** The post each asset was exported with: where it is published. */
  const assetHome = new Map<string, PlannedPost>();
  const exported: ExportedPost[] = [];

  for (const post of archive.posts) {
    const result = exportPost(post, layout, archive.index, archive.files, options, archive.bySource);
    const target = inside(out, result.file);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, result.content);
    for (const asset of result.assets) {
      copies.set(inside(out, layout.assetFile(post, asset)), join(archive.dir, asset));
      if (!assetHome.has(asset)) assetHome.set(asset, post);
    }
    exported.push({
      source: post.source,
      file: result.file,
      url: post.url,
      title: post.meta.title,
      assets: result.assets.length,
      internalLinks: result.internalLinks,
      unmapped: [...(archive.notes.get(post.source) ?? []), ...result.unmapped],
    });
  }
  for (const [target, source] of copies) {
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target);
  }
  const map = buildRedirectMap(
    archive.posts,
    archive.history,
    (post) => layout.postUrl(post, options),
    (asset) => (assetHome.has(asset) ? layout.assetUrl(assetHome.get(asset)!, asset, options) : undefined),
  );
  await writeRedirects(join(out, REDIRECTS_DIR), map.rules);
  const siteWarnings = layout.site ? await writeSiteFiles(out, layout.site, await siteInfo(archive.dir), options) : [];
  const warnings = [...(layout.warnings?.(options) ?? []), ...siteWarnings];
  return withSummary({ target: to, out, posts: exported, assetFiles: copies.size, warnings, redirects: { dir: join(out, REDIRECTS_DIR), map } });
}

async function exportPlatform(archive: LoadedArchive, to: 'wordpress' | 'ghost', out: string, options: ExportOptions): Promise<ExportReport> {
  const warnings: string[] = [];
  let bodies: Map<PlannedPost, { assets: string[]; internalLinks: number; unmapped: ExportedPost['unmapped'] }>;
  let assetPaths: Map<string, string>;
  let file: string;
  let postPath: (post: PlannedPost) => string;
  if (to === 'wordpress') {
    const wxr = await writeWxr(archive, out, options);
    bodies = wxr.bodies;
    assetPaths = new Map(wxr.media.map((m) => [m.asset, m.newPath]));
    file = 'wordpress.xml';
    postPath = wxrPostPath;
    const unreachable = wxr.media.filter((m) => !m.source);
    if (unreachable.length) warnings.push(`wordpress: ${unreachable.length} images have no URL to download them from at import; pass --media-url and serve the media/ folder there`);
  } else {
    const ghost = await writeGhostImport(archive, out);
    bodies = ghost.bodies;
    assetPaths = new Map(ghost.images.map((i) => [i.asset, i.newPath]));
    file = 'ghost-import.json';
    postPath = ghostPostPath;
  }
  const exported: ExportedPost[] = archive.posts.map((post) => {
    const body = bodies.get(post)!;
    return { source: post.source, file, url: post.url, title: post.meta.title, assets: body.assets.length, internalLinks: body.internalLinks, unmapped: body.unmapped };
  });
  const map = buildRedirectMap(archive.posts, archive.history, postPath, (asset) => assetPaths.get(asset));
  await writeRedirects(join(out, REDIRECTS_DIR), map.rules);
  return withSummary({ target: to, out, posts: exported, assetFiles: assetPaths.size, warnings, redirects: { dir: join(out, REDIRECTS_DIR), map } });
}

export async function exportArchive(archiveDir: string, options: ExportOptions): Promise<ExportReport> {
  if (!EXPORT_TARGETS.includes(options.to)) throw new InputError(`export: unknown target "${options.to}" (one of ${EXPORT_TARGETS.join(', ')})`);
  const archive = resolve(archiveDir);
  const out = resolve(options.out);
  // An export inside the archive would be read back as archive posts by the next export or update.
  if (out === archive || out.startsWith(archive + sep)) throw new InputError(`export: the output folder ${out} must lie outside the archive ${archive}`);
  // An empty archive is one still; a folder with neither posts nor blogvault's state is a wrong path.
  if (!existsSync(join(archive, '.blogvault')) && !(await readArchive(archive)).length) throw new InputError(`${archiveDir}: not a blogvault archive (no post files, no .blogvault folder)`);
  if (options.to === 'plain') return exportPlain(archive, out);
  const loaded = await loadArchive(archive);
  if (options.to === 'wordpress' || options.to === 'ghost') return exportPlatform(loaded, options.to, out, options);
  return exportLayout(loaded, options.to, out, options);
}
