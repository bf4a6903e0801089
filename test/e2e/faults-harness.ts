// Shared by the faults-*.test.ts files (issue 5): a fixture blog behind the fault-injecting server, the
// archive read back as bytes, the manifest, and the JSON report of a run.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import { startFaultServer, type FaultServer, type FaultServerOptions } from '../helpers/fault-server.js';
import { FIXTURE_ORIGIN, walk } from './archive-harness.js';

export interface ServedFaulty {
  server: FaultServer;
  root: string;
  url: string;
  close(): Promise<void>;
}

const TEXT_EXT = new Set(['.html', '.xml', '.txt', '.json', '.css']);

/** Serves a copy of `siteDir` through the fault server, every `http://example.com` made the server's own origin. */
export async function serveFaulty(siteDir: string, options: FaultServerOptions = {}): Promise<ServedFaulty> {
  const root = await mkdtemp(join(tmpdir(), 'bv-fault-site-'));
  const server = await startFaultServer(root, options);
  await cp(siteDir, root, { recursive: true });
  for (const file of await walk(root)) {
    if (!TEXT_EXT.has(extname(file))) continue;
    const text = await readFile(file, 'utf8');
    if (text.includes(FIXTURE_ORIGIN)) await writeFile(file, text.split(FIXTURE_ORIGIN).join(server.url));
  }
  return {
    server,
    root,
    url: server.url,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Every file of an archive outside .blogvault/, by posix path relative to the archive. */
export async function archiveBytes(outDir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  if (!existsSync(outDir)) return files;
  for (const full of await walk(outDir)) {
    const rel = relative(outDir, full).split(sep).join('/');
    if (rel.split('/')[0] === '.blogvault') continue;
    files.set(rel, await readFile(full));
  }
  return files;
}

export interface ManifestEntry {
  url: string;
  file?: string;
  status: 'archived' | 'failed' | 'missing';
  error?: string;
  attempts?: number;
}

/** The manifest's entries (its on-disk shape is read independently of src/). */
export async function readManifest(outDir: string): Promise<ManifestEntry[]> {
  const data = JSON.parse(await readFile(join(outDir, '.blogvault', 'manifest.json'), 'utf8')) as { posts: Record<string, ManifestEntry> };
  return Object.values(data.posts);
}

/** The JSON report printed by `--json` (the RunSummary). */
export interface JsonReport {
  postsFound: number;
  indexPages: number;
  new: string[];
  changed: string[];
  unchanged: string[];
  failed: { url: string; reason: string }[];
  images: number;
  imagesFailed: number;
}

export function parseReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

/** Paths of the logged requests, without the query string when `withQuery` is false. */
export function requestedPaths(server: FaultServer, withQuery = true): string[] {
  return server.log.map((e) => (withQuery ? e.path : e.path.replace(/\?.*$/, '')));
}
