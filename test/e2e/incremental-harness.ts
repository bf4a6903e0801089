// Shared by the incremental-*.test.ts files: a fixture blog the tests change between runs, snapshots
// of an archive's files (bytes and mtimes) to diff two runs, the manifest read back, and the CLI run as
// a child process that can be killed or interrupted mid-run.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import assert from 'node:assert/strict';
import { BIN, ROOT, serveFixture, walk, type CliResult, type ServedFixture } from './archive-harness.js';
import type { RequestLogEntry } from '../helpers/static-server.js';

export const JEKYLL_SITE = join(ROOT, 'fixtures', 'jekyll-blog', 'site');
/** Posts of the jekyll fixture (expected.json lists them). */
export const JEKYLL_POSTS = 14;

/**
 * The fixture is a static blog. With `--render never` a run sends exactly one request per post, so the
 * request counts of these tests concern the incremental machinery only: in the default `--render auto`
 * the first run of an archive (a killed one included) also reads the first post to decide how to
 * render (incremental-unchanged.test.ts runs in the default mode).
 */
export const STATIC = ['--render', 'never'];

export function serveJekyll(): Promise<ServedFixture> {
  return serveFixture(JEKYLL_SITE);
}

export interface FileState {
  bytes: Buffer;
  mtimeMs: number;
}

/** Every file of the archive outside .blogvault (posts and assets), by posix path. */
export async function archiveFiles(outDir: string): Promise<Map<string, FileState>> {
  const files = new Map<string, FileState>();
  for (const full of await walk(outDir)) {
    const rel = relative(outDir, full).split(sep).join('/');
    if (rel.startsWith('.blogvault/')) continue;
    files.set(rel, { bytes: await readFile(full), mtimeMs: (await stat(full)).mtimeMs });
  }
  return files;
}

/** Paths added, removed, and whose bytes differ between two snapshots. */
export function diffFiles(before: Map<string, FileState>, after: Map<string, FileState>) {
  return {
    added: [...after.keys()].filter((k) => !before.has(k)).sort(),
    removed: [...before.keys()].filter((k) => !after.has(k)).sort(),
    changed: [...after.keys()].filter((k) => before.has(k) && !before.get(k)!.bytes.equals(after.get(k)!.bytes)).sort(),
  };
}

/** Files whose mtime moved (rewritten, even with the same bytes). */
export function touchedFiles(before: Map<string, FileState>, after: Map<string, FileState>): string[] {
  return [...after.keys()].filter((k) => before.has(k) && before.get(k)!.mtimeMs !== after.get(k)!.mtimeMs).sort();
}

export interface ManifestPost {
  url: string;
  file?: string;
  status: 'archived' | 'failed' | 'missing';
  hash?: string;
  etag?: string;
  lastModified?: string;
  assets?: Record<string, string>;
  snapshot?: string;
  error?: string;
  updatedAt?: string;
}

/** `.blogvault/manifest.json` as the next run would see it (a journal left by a killed run is not folded in). */
export async function readManifest(outDir: string): Promise<{ raw: string; posts: Record<string, ManifestPost> }> {
  const raw = await readFile(join(outDir, '.blogvault', 'manifest.json'), 'utf8');
  return { raw, posts: (JSON.parse(raw) as { posts: Record<string, ManifestPost> }).posts };
}

/** The manifest entry of the post at `path` on the served blog. */
export function entryOf(posts: Record<string, ManifestPost>, url: string): ManifestPost {
  const found = Object.values(posts).find((p) => p.url === url);
  assert.ok(found, `no manifest entry for ${url}; entries: ${Object.values(posts).map((p) => p.url).join(', ')}`);
  return found;
}

const POST_PATH = /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/;

/** Requests for post pages (the fixture's /YYYY/MM/DD/slug/ permalinks) in the log, from index `from` on. */
export function postRequests(log: RequestLogEntry[], from = 0): RequestLogEntry[] {
  return log.slice(from).filter((e) => POST_PATH.test(new URL(e.path, 'http://x').pathname));
}

export function describeRequests(entries: RequestLogEntry[]): string {
  return entries.map((e) => `${e.method} ${e.path} -> ${e.status ?? '?'} inm=${e.headers['if-none-match'] ?? '-'} ims=${e.headers['if-modified-since'] ?? '-'}`).join('\n');
}

/** Rewrites one file of the served blog in place (its mtime moves, so its ETag and Last-Modified change). */
export async function editSite(root: string, path: string, edit: (text: string) => string): Promise<void> {
  const file = join(root, path);
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  assert.notEqual(after, before, `editing ${path} changed nothing`);
  await writeFile(file, after);
}

/**
 * Removes a post from the served blog: its page, its entry on the index page, the feed and the sitemap.
 * `dir` is the post's folder under `root` when it is not its link's path (a copy served under a prefix).
 */
export async function removePost(root: string, indexPage: string, postPath: string, dir = postPath): Promise<void> {
  const href = postPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await editSite(root, indexPage, (t) => t.replace(new RegExp(`\\s*<li class="post">(?:(?!</li>)[\\s\\S])*?href="${href}"[\\s\\S]*?</li>`), ''));
  await editSite(root, 'feed.xml', (t) => t.replace(new RegExp(`<entry>(?:(?!</entry>)[\\s\\S])*?${href}[\\s\\S]*?</entry>`), ''));
  await editSite(root, 'sitemap.xml', (t) => t.replace(new RegExp(`<url>(?:(?!</url>)[\\s\\S])*?${href}[\\s\\S]*?</url>`), ''));
  await rm(join(root, dir), { recursive: true });
}

export interface RunningCli {
  child: ChildProcess;
  done: Promise<CliResult>;
}

/** Starts `blogvault ...args` without waiting, so a test can signal it mid-run. */
export function spawnCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', BLOGVAULT_DEBUG: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d));
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : null), stdout, stderr }));
  });
  return { child, done };
}

/** Polls until `check` is true; fails the test after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000, everyMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Post files (*.md at the top of the archive) present now. */
export async function postFileCount(outDir: string): Promise<number> {
  if (!existsSync(outDir)) return 0;
  const names = await readdir(outDir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.md') && !n.startsWith('.')).length;
}

/** Files anywhere in the archive that an interrupted write would leave behind. */
export async function tempFiles(outDir: string): Promise<string[]> {
  return (await walk(outDir)).filter((f) => f.endsWith('.bvtmp') || /\.stale-\d+$/.test(f)).map((f) => relative(outDir, f));
}

export function output(r: CliResult): string {
  return `exit ${r.code}\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
}
