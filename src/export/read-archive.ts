/** Reads the posts of an archive folder: every `*.md` with front matter, in subfolders too. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { parsePostFile } from '../store/front-matter.js';
import type { ArchivePost } from './types.js';

/** Folders that hold no posts: the archive's own state and its images. */
const SKIPPED_DIRS = new Set(['.blogvault', 'assets', 'node_modules', '.git']);

async function markdownFiles(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) files.push(...(await markdownFiles(root, path)));
    else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) files.push(path);
  }
  return files;
}

export async function readArchive(archiveDir: string): Promise<ArchivePost[]> {
  const posts: ArchivePost[] = [];
  for (const file of await markdownFiles(archiveDir)) {
    const source = relative(archiveDir, file).split(sep).join('/');
    const parsed = parsePostFile(await readFile(file, 'utf8'), file);
    // A post file always carries its source URL; other Markdown (a README in the folder) is not a post.
    if (!parsed.url) continue;
    posts.push({ source, url: parsed.url, meta: parsed.meta, markdown: parsed.markdown, mtime: (await stat(file)).mtime });
  }
  return posts.sort((a, b) => a.source.localeCompare(b.source));
}
