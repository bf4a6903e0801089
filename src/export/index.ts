/**
 * `blogvault export`: writes an archive into another blog platform's layout, ready to build there,
 * and reports per post what it kept verbatim but could not map.
 */
import { cp, copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { exportPost } from './export-post.js';
import { LAYOUTS } from './layouts/index.js';
import { PostIndex, planPosts } from './plan.js';
import { readArchive } from './read-archive.js';
import { formatExportReport } from './report.js';
import { EXPORT_TARGETS, type ExportOptions, type ExportReport, type ExportedPost, type PlannedPost } from './types.js';

export { EXPORT_TARGETS } from './types.js';
export type { ExportOptions, ExportReport, ExportTarget, ExportedPost, UnmappedItem } from './types.js';
export { formatExportReport } from './report.js';

const withSummary = (report: Omit<ExportReport, 'summary'>): ExportReport => ({ ...report, summary: formatExportReport(report) });

async function listFiles(root: string, dir = root): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(root, path)));
    else if (entry.isFile()) files.push(relative(root, path).split(sep).join('/'));
  }
  return files;
}

/** Joins a layout's relative path to the output folder, refusing anything that would land outside it. */
function inside(out: string, path: string): string {
  const full = resolve(out, path);
  if (full !== out && !full.startsWith(out + sep)) throw new Error(`export: refusing to write outside ${out}: ${path}`);
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

export async function exportArchive(archiveDir: string, options: ExportOptions): Promise<ExportReport> {
  if (!EXPORT_TARGETS.includes(options.to)) throw new Error(`export: unknown target "${options.to}" (one of ${EXPORT_TARGETS.join(', ')})`);
  const archive = resolve(archiveDir);
  const out = resolve(options.out);
  // An export inside the archive would be read back as archive posts by the next export or update.
  if (out === archive || out.startsWith(archive + sep)) throw new Error(`export: the output folder ${out} must lie outside the archive ${archive}`);
  if (options.to === 'plain') return exportPlain(archive, out);

  const layout = LAYOUTS[options.to];
  const { posts, notes } = planPosts(await readArchive(archive));
  const index = new PostIndex(posts);
  const files = new Set(await listFiles(archive));
  const bySource = new Map<string, PlannedPost>(posts.map((p) => [p.source, p]));
  const copies = new Map<string, string>();
  const exported: ExportedPost[] = [];

  for (const post of posts) {
    const result = exportPost(post, layout, index, files, options, bySource);
    const target = inside(out, result.file);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, result.content);
    for (const asset of result.assets) copies.set(inside(out, layout.assetFile(post, asset)), join(archive, asset));
    exported.push({
      source: post.source,
      file: result.file,
      url: post.url,
      title: post.meta.title,
      assets: result.assets.length,
      internalLinks: result.internalLinks,
      unmapped: [...(notes.get(post.source) ?? []), ...result.unmapped],
    });
  }
  for (const [target, source] of copies) {
    await mkdir(dirname(target), { recursive: true });
    await copyFile(source, target);
  }
  return withSummary({ target: options.to, out, posts: exported, assetFiles: copies.size, warnings: layout.warnings?.(options) ?? [] });
}
