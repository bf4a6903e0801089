import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

export interface RequestLogEntry {
  method: string;
  path: string;
  time: number;
  headers: IncomingMessage['headers'];
  status?: number;
}

/**
 * A hook that may answer a request itself (fault injection, dynamic pages); return true when it did.
 * It runs before the static files are looked up.
 */
export type Handler = (req: IncomingMessage, res: ServerResponse, log: RequestLogEntry) => boolean | Promise<boolean>;

export interface TestServer {
  url: string;
  port: number;
  log: RequestLogEntry[];
  /** Replace the folder served (for blogs that change between runs). */
  setRoot(root: string): void;
  setHandler(handler: Handler | undefined): void;
  close(): Promise<void>;
}

/**
 * Serves a folder on 127.0.0.1 with an ephemeral port, like a static host: `/x/` serves `/x/index.html`,
 * ETag and Last-Modified with 304 answers, 404 for missing files. Every request is logged.
 */
export async function startStaticServer(root: string, handler?: Handler): Promise<TestServer> {
  let currentRoot = root;
  let currentHandler = handler;
  const log: RequestLogEntry[] = [];
  const server: Server = createServer(async (req, res) => {
    const entry: RequestLogEntry = { method: req.method ?? 'GET', path: req.url ?? '/', time: Date.now(), headers: req.headers };
    log.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    try {
      if (currentHandler && (await currentHandler(req, res, entry))) return;
      await serveFile(currentRoot, req, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    setRoot: (r) => (currentRoot = r),
    setHandler: (h) => (currentHandler = h),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serveFile(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = join(root, normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Not found</title><h1>404</h1>');
    return;
  }
  const body = await readFile(file);
  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const lastModified = new Date(Math.floor(info.mtimeMs / 1000) * 1000).toUTCString();
  if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === lastModified)) {
    res.writeHead(304, { etag, 'last-modified': lastModified });
    res.end();
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': body.length,
    etag,
    'last-modified': lastModified,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
