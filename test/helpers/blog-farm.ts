// Many fixture blogs on a few loopback servers, for the tests of `backup` and the queue: each blog is a
// copy of a fixture site served under its own path prefix (/b3/...), so that several blogs share one
// host the way a company's blogs share one server. The copies' links are rewritten to the prefix.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { startStaticServer, type RequestLogEntry, type TestServer } from './static-server.js';

/** Origin the fixture sites are written for. */
const FIXTURE_ORIGIN = 'http://example.com';
const TEXT_EXT = new Set(['.html', '.xml', '.txt', '.json', '.css']);

export interface FarmBlog {
  /** Fixture site folder (fixtures/.../site). */
  site: string;
  /** Path prefix without slashes, e.g. "b3"; the blog's pages are /b3/... */
  prefix: string;
  /** Start page below the prefix, e.g. "/" or "/blog/". */
  start: string;
}

export interface ServedBlog extends FarmBlog {
  /** The blog's start URL on its server. */
  url: string;
  /** Origin plus prefix: what replaced http://example.com in the copy. */
  base: string;
  /** The served copy's folder, to change the blog between runs. */
  dir: string;
  server: FarmServer;
}

export interface FarmServer {
  server: TestServer;
  url: string;
  /** Requests with the time they ended, to tell requests in flight at once. */
  log: (RequestLogEntry & { end?: number })[];
  close(): Promise<void>;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

/**
 * Root-relative links of a copy served under `/prefix`: every `/name...` whose first segment is one of the
 * site's top-level entries, `/name?query` links, and the bare `/` home link, get the prefix. Absolute links to the fixture
 * origin become the blog's base URL.
 */
function rewrite(text: string, base: string, prefix: string, topLevel: string[]): string {
  const names = topLevel.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // `/search?...` pages come from the site's top-level _query folder.
  const rooted = new RegExp(`(["'\\s,(=>])/(?=(?:${names})(?:[/"'\\s?#<),]|$)|[\\w-]+\\?)`, 'g');
  return text
    .split(FIXTURE_ORIGIN)
    .join(base)
    .replace(rooted, `$1/${prefix}/`)
    .replace(/(["'])\/(["'])/g, `$1/${prefix}/$2`);
}

/** One server holding the given blogs (fixture copies under their prefixes). */
export async function serveFarm(blogs: FarmBlog[]): Promise<{ server: FarmServer; blogs: ServedBlog[] }> {
  const root = await mkdtemp(join(tmpdir(), 'bv-farm-'));
  const server = await startStaticServer(root, async (req, res: ServerResponse, entry) => {
    res.on('finish', () => ((entry as RequestLogEntry & { end?: number }).end = Date.now()));
    const u = new URL(req.url ?? '/', 'http://x');
    if (!u.search) return false;
    // Static folders cannot hold `?page=2`: such pages live in <dir>/_query/<query>.html.
    const dir = decodeURIComponent(u.pathname).replace(/[^/]*$/, '');
    const file = join(root, dir, '_query', `${decodeURIComponent(u.search.slice(1))}.html`);
    if (!existsSync(file)) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(await readFile(file));
    return true;
  });
  const farm: FarmServer = {
    server,
    url: server.url,
    log: server.log,
    close: async () => {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
  const served: ServedBlog[] = [];
  for (const blog of blogs) {
    const dir = join(root, blog.prefix);
    await cp(blog.site, dir, { recursive: true });
    const base = `${server.url}/${blog.prefix}`;
    const topLevel = await readdir(blog.site);
    for (const file of await walk(dir)) {
      if (!TEXT_EXT.has(extname(file))) continue;
      const text = await readFile(file, 'utf8');
      const rewritten = rewrite(text, base, blog.prefix, topLevel);
      if (rewritten !== text) await writeFile(file, rewritten);
    }
    served.push({ ...blog, url: `${base}${blog.start}`, base, dir, server: farm });
  }
  return { server: farm, blogs: served };
}
